// The handler limits page: each limit set with phaseflow limits set (or PUT /api/limits/{handler}),
// with the leases its handler's jobs hold and the jobs deferred now, across all workflows.
import { api } from './api.js';
import { h } from './dom.js';

const EMPTY = 'No limits set: phaseflow limits set HANDLER --max-concurrent N --max-per-second R';

/**
 * Draws the page and keeps it fresh while it is shown. page.show(...nodes) replaces the view,
 * page.current() says whether this page is still the one shown, page.sleep(ms) waits.
 */
export async function limitsPage(page) {
  const rows = h('tbody');
  const message = h('div', { class: 'fail-t', id: 'limits-message', role: 'alert' });
  page.show(
    h('div', { class: 'head' }, h('h1', {}, 'Handler limits'),
      h('span', { class: 'muted' }, 'per handler and major version, across every process that serves it')),
    message,
    h('div', { class: 'card', id: 'limits-card' },
      h('table', { id: 'limits' },
        h('thead', {}, h('tr', {}, ...['Handler', 'Major', 'Max concurrent', 'Max per second', 'Leases held', 'Deferred']
          .map((t, i) => h('th', { class: i >= 1 ? 'num' : null }, t)))),
        rows),
      h('p', { class: 'muted note' },
        'Leases held: jobs of the handler dispatched and not ended (nor past their deadline). ',
        'Deferred: jobs refused a lease or a rate slot that have not taken one since; approximate, ',
        'as a job that went away meanwhile (its workflow canceled) counts for up to a minute.')));
  while (page.current()) {
    // Leases come and go within a second: polled more often than schedules.
    try {
      const list = await api.limits();
      if (!page.current()) return;
      message.textContent = '';
      rows.replaceChildren(...list.limits.map(limitRow));
      if (!list.limits.length) rows.append(h('tr', {}, h('td', { colspan: 6, class: 'empty', id: 'limits-empty' }, EMPTY)));
    } catch (e) {
      if (!page.current()) return;
      message.textContent = e.message; // e.g. a server that keeps no limits says so
      rows.replaceChildren();
    }
    await page.sleep(2000);
  }
}

const most = (n) => (n ? String(n) : '–'); // 0: no limit of that kind

function limitRow(l) {
  return h('tr', { 'data-limit': `${l.handler}|v${l.major}` },
    h('td', { class: 'mono' }, l.handler),
    h('td', { class: 'num' }, `v${l.major}`),
    h('td', { class: 'num', 'data-max-concurrent': '' }, most(l.max_concurrent)),
    h('td', { class: 'num', 'data-max-per-second': '' }, most(l.max_per_second)),
    h('td', { class: 'num', 'data-leases': '' }, String(l.leases)),
    h('td', { class: 'num', 'data-deferred': '' }, String(l.deferred)));
}
