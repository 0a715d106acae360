// The schedules page: each schedule's definition, cron, next run, last workflow and skipped ticks,
// with a Remove button. Schedules are added with phaseflow schedule add or POST /api/schedules.
import { api } from './api.js';
import { h, time, badge } from './dom.js';

/**
 * Draws the page and keeps it fresh while it is shown. page.show(...nodes) replaces the view,
 * page.current() says whether this page is still the one shown, page.sleep(ms) waits.
 */
export async function schedulesPage(page) {
  const rows = h('tbody');
  const message = h('div', { class: 'fail-t', id: 'schedule-message', role: 'alert' });
  page.show(
    h('div', { class: 'head' }, h('h1', {}, 'Schedules'),
      h('span', { class: 'muted' }, 'add one with phaseflow schedule add NAME --cron EXPR')),
    message,
    h('div', { class: 'card' },
      h('table', { id: 'schedules' },
        h('thead', {}, h('tr', {}, ...['Schedule', 'Definition', 'Cron', 'Next run', 'Last fired', 'Last workflow', 'Overlap', 'Skipped', '']
          .map((t) => h('th', {}, t)))),
        rows)));
  const reload = async () => {
    const list = await api.schedules();
    if (!page.current()) return;
    rows.replaceChildren(...list.schedules.map((s) => scheduleRow(s, remove)));
    if (!list.schedules.length) rows.append(h('tr', {}, h('td', { colspan: 9, class: 'empty', id: 'schedules-empty' }, 'No schedules')));
  };
  // The API's message stays shown until the next action: a poll's redraw does not hide it.
  const remove = async (name) => {
    message.textContent = '';
    try { await api.removeSchedule(name); } catch (e) { message.textContent = `${name}: ${e.message}`; }
    await reload();
  };
  while (page.current()) {
    await reload();
    await page.sleep(5000);
  }
}

function scheduleRow(s, remove) {
  const fired = s.recent.find((f) => f.outcome === 'fired');
  const skipped = s.recent.find((f) => f.outcome === 'skipped');
  return h('tr', { 'data-schedule': s.name },
    h('td', { class: 'mono' }, s.name),
    h('td', {}, h('a', { href: `#/definitions/${encodeURIComponent(s.definition)}` }, s.definition)),
    h('td', { class: 'mono' }, s.cron, s.zone !== 'UTC' ? h('span', { class: 'muted' }, ` ${s.zone}`) : ''),
    h('td', { 'data-next': '' }, s.nextRun ? time(s.nextRun) : 'never'),
    h('td', {}, fired ? time(fired.tick) : '–'),
    h('td', {}, s.lastWorkflow
      ? [h('a', { class: 'mono', href: `#/workflows/${encodeURIComponent(s.lastWorkflow)}` }, s.lastWorkflow), ' ',
        s.lastStatus ? badge(s.lastStatus) : h('span', { class: 'muted' }, 'not stored')]
      : '–'),
    h('td', {}, s.noOverlap ? 'skip while running' : 'allow'),
    h('td', { class: 'num', title: skipped ? `last: ${skipped.note}` : '' }, String(s.skipped)),
    h('td', { class: 'num' },
      h('button', { class: 'danger', 'data-remove': s.name, onclick: () => remove(s.name) }, 'Remove')));
}
