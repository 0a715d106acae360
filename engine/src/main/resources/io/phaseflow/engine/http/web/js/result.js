// The workflow page's Result panel and the jobs of its current entry, each job's output or error.
// Values are collapsed and cut to one short line; opening one shows it whole. Text only (dom.js).
import { api } from './api.js';
import { h, badge } from './dom.js';

const WIDTH = 120;
export const cut = (text, width = WIDTH) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

// A value as a collapsed <details>: its summary the compact JSON cut short, its body the whole value.
function folded(value, cls) {
  const compact = JSON.stringify(value === undefined ? null : value);
  return h('details', { class: `folded ${cls}` },
    h('summary', { class: 'mono' }, cut(compact)),
    h('pre', { class: 'json' }, JSON.stringify(value === undefined ? null : value, null, 2)));
}

function jobRow(j) {
  const outcome = j.status === 'failed'
    ? h('details', { class: 'folded error' }, h('summary', { class: 'fail-t' }, cut(j.error || '')), h('pre', { class: 'json' }, j.error || ''))
    : j.status === 'succeeded' ? folded(j.output, 'output') : h('span', { class: 'muted' }, '—');
  return h('tr', { 'data-job': j.job, 'data-status': j.status },
    h('td', { class: 'num' }, j.job),
    h('td', { class: 'mono' }, j.name === j.handler ? j.name : `${j.name} (${j.handler})`),
    h('td', {}, badge(j.status)),
    h('td', { class: 'num' }, j.attempt),
    h('td', { class: 'outcome' }, outcome));
}

// One panel, updated with each read of the workflow: the result once it has ended (read once), and
// the current entry's jobs, redrawn only when they changed so that an opened value stays open.
export function resultPanel(id) {
  const body = h('div', { id: 'result-body' });
  const jobs = h('tbody');
  const more = h('p', { class: 'muted', id: 'jobs-more' });
  const jobsCard = h('div', { class: 'card', id: 'jobs-card', hidden: true },
    h('h2', { id: 'jobs-title' }, 'Jobs'),
    h('table', { id: 'jobs' },
      h('thead', {}, h('tr', {}, ...['#', 'Job', 'Status', 'Attempt', 'Output or error']
        .map((t, i) => h('th', { class: i === 0 || i === 3 ? 'num' : null }, t)))),
      jobs),
    more);
  const node = h('div', { id: 'result-panel' }, h('div', { class: 'card', id: 'result-card' }, h('h2', {}, 'Result'), body), jobsCard);
  let shownJobs = null;
  let resultRead = false;

  async function update(wf, ended) {
    const list = (wf.current && wf.current.perJob) || [];
    const key = JSON.stringify(list);
    if (key !== shownJobs) {
      shownJobs = key;
      jobsCard.hidden = list.length === 0;
      jobsCard.querySelector('#jobs-title').textContent = `Jobs of ${wf.current ? `${wf.current.phase} (entry ${wf.current.entry})` : ''}`;
      jobs.replaceChildren(...list.map(jobRow));
      more.textContent = wf.current && wf.current.moreJobs ? `and ${wf.current.moreJobs} more jobs (phaseflow history ${wf.id} --jobs)` : '';
    }
    if (!ended) {
      body.replaceChildren(h('p', { class: 'muted', id: 'result-none' }, `No result yet: the workflow is ${wf.status}; it has one once it has ended.`));
      return;
    }
    if (resultRead) return;
    resultRead = true;
    try {
      const r = await api.result(id);
      body.replaceChildren(
        h('p', { class: 'muted', id: 'result-source' }, r.entry ? `Outputs of phase ${r.phase} (entry ${r.entry})` : 'No phase of this workflow ran jobs.'),
        folded(r.result, 'result'));
    } catch (e) {
      resultRead = false; // asked again on the next update
      body.replaceChildren(h('p', { class: 'fail-t', id: 'result-error' }, e.message));
    }
  }
  return { node, update };
}
