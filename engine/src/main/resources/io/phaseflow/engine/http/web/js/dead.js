// The dead letters page: messages no consumer could process, each with a Requeue and a Drop.
import { api } from './api.js';
import { h, time } from './dom.js';

const PREVIEW_CHARS = 80; // of the body, in the table; GET /api/dead-letters/{id} has more

/**
 * Draws the page and keeps it fresh while it is shown. page.show(...nodes) replaces the view,
 * page.current() says whether this page is still the one shown, page.sleep(ms) waits.
 */
export async function deadLettersPage(page) {
  const rows = h('tbody');
  const total = h('span', { class: 'muted', id: 'dead-total' });
  const message = h('div', { class: 'fail-t', id: 'dead-message', role: 'alert' });
  page.show(
    h('div', { class: 'head' }, h('h1', {}, 'Dead letters'), total),
    message,
    h('div', { class: 'card' },
      h('table', { id: 'dead-letters' },
        h('thead', {}, h('tr', {}, ...['Letter', 'At', 'Queue', 'Reason', 'Body', ''].map((t) => h('th', {}, t)))),
        rows)));
  const reload = async () => {
    const list = await api.deadLetters(50);
    if (!page.current()) return;
    rows.replaceChildren(...list.deadLetters.map((l) => letterRow(l, act)));
    if (!list.deadLetters.length) rows.append(h('tr', {}, h('td', { colspan: 6, class: 'empty', id: 'dead-empty' }, 'No dead letters')));
    total.textContent = list.total > list.deadLetters.length ? `${list.deadLetters.length} of ${list.total}` : String(list.total);
  };
  // The API's message stays shown until the next action: a poll's redraw does not hide it.
  const act = async (action, id) => {
    message.textContent = '';
    try { await action(id); } catch (e) { message.textContent = `${id}: ${e.message}`; }
    await reload();
  };
  while (page.current()) {
    await reload();
    await page.sleep(3000);
  }
}

function letterRow(l, act) {
  const preview = l.body.length > PREVIEW_CHARS ? `${l.body.slice(0, PREVIEW_CHARS)}…` : l.body;
  return h('tr', { 'data-letter': l.id },
    h('td', { class: 'mono' }, l.id),
    h('td', {}, time(l.at)),
    h('td', { class: 'mono', 'data-queue': '' }, l.queue),
    h('td', { class: 'fail-t', 'data-reason': '' }, l.reason, l.failures > 1 ? h('span', { class: 'muted' }, ` (failed ${l.failures} times)`) : ''),
    h('td', {}, h('code', { class: 'preview', title: `${l.bytes} bytes` }, preview)),
    h('td', { class: 'num' },
      h('button', { class: 'plain', 'data-requeue': l.id, onclick: () => act(api.requeueDeadLetter, l.id) }, 'Requeue'), ' ',
      h('button', { class: 'danger', 'data-drop': l.id, onclick: () => act(api.dropDeadLetter, l.id) }, 'Drop')));
}
