// The dashboard: hash routes over the HTTP API. Pages poll while something runs and stop when it ends.
import { api, ApiError } from './api.js';
import { h, badge, duration, time, progress, countParts } from './dom.js';
import { drawGraph } from './graph.js';
import { deadLettersPage } from './dead.js';
import { tasksCard } from './tasks.js';
import { resultPanel } from './result.js';
import { schedulesPage } from './schedules.js';
import { limitsPage } from './limits.js';

const view = document.getElementById('view');
const live = document.getElementById('live');
let generation = 0; // bumped on every navigation: a stale page's poll sees it and stops

function route() {
  const token = ++generation;
  const [path, query] = (location.hash.replace(/^#/, '') || '/workflows').split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('on', a.dataset.nav === parts[0]));
  setLive(false);
  const page =
    parts[0] === 'workflows' && parts[1] ? workflowPage(parts[1], token, params.has('existed'))
    : parts[0] === 'dead-letters' ? deadLettersPage({ show, sleep, current: () => current(token) })
    : parts[0] === 'schedules' ? schedulesPage({ show, sleep, current: () => current(token) })
    : parts[0] === 'limits' ? limitsPage({ show, sleep, current: () => current(token) })
    : parts[0] === 'definitions' && parts[1] ? definitionsPage(token, parts[1], params.get('version'))
    : parts[0] === 'definitions' ? definitionsPage(token)
    : listPage(params, token);
  page.catch((e) => { if (current(token)) show(failure(e)); });
}

const current = (token) => token === generation;
const show = (...nodes) => view.replaceChildren(...nodes.filter((n) => n !== null && n !== undefined)); // null: nothing, not "null"
const setLive = (on) => live.classList.toggle('on', on);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const failure = (e) => h('div', { class: 'error-box', role: 'alert', id: 'error' }, e.message || String(e));

// ---- workflow list -------------------------------------------------------------------------

async function listPage(params, token) {
  const state = params.get('state') || '';
  const definition = params.get('definition') || '';
  const after = params.get('after') || '';
  const defs = await api.definitions().catch(() => ({ definitions: [] }));
  const nav = (changes) => {
    const p = new URLSearchParams({ state, definition, after, ...changes });
    for (const [k, v] of [...p]) if (!v) p.delete(k);
    location.hash = `#/workflows${p.toString() ? `?${p}` : ''}`;
  };
  const stateSelect = h('select', { id: 'filter-state', 'aria-label': 'state', onchange: (e) => nav({ state: e.target.value, after: '' }) },
    ...['', 'running', 'paused', 'succeeded', 'failed', 'canceled', 'finished'].map((v) => h('option', { value: v, selected: v === state }, v || 'any state')));
  const defSelect = h('select', { id: 'filter-definition', 'aria-label': 'definition', onchange: (e) => nav({ definition: e.target.value, after: '' }) },
    h('option', { value: '' }, 'any definition'),
    ...defs.definitions.map((d) => h('option', { value: d.name, selected: d.name === definition }, d.name)));
  const body = h('tbody');
  const pager = h('div', { class: 'pager' });
  show(
    h('div', { class: 'head' }, h('h1', {}, 'Workflows')),
    h('div', { class: 'card' },
      h('div', { class: 'filters' }, stateSelect, defSelect),
      h('table', { id: 'workflows' },
        h('thead', {}, h('tr', {}, ...['Workflow', 'State', 'Definition', 'Phase', 'Progress', 'Started', 'Duration']
          .map((t, i) => h('th', { class: i >= 5 ? (i === 5 ? 'hide-sm' : 'num') : null }, t)))),
        body),
      pager));
  while (current(token)) {
    const page = await api.workflows({ state, definition, after, limit: 20 });
    if (!current(token)) return;
    body.replaceChildren(...page.workflows.map(workflowRow));
    if (!page.workflows.length) body.append(h('tr', {}, h('td', { colspan: 7, class: 'empty' }, 'No workflows here yet. Start one from Definitions.')));
    pager.replaceChildren(
      h('button', { class: 'plain', disabled: !after, onclick: () => nav({ after: '' }) }, '⟨ Newest'),
      h('button', { class: 'plain', id: 'next-page', disabled: !page.next, onclick: () => nav({ after: page.next }) }, 'Older ⟩'));
    const running = page.workflows.some((w) => !ended(w.status));
    setLive(running);
    await sleep(running ? 1000 : 3000);
  }
}

// A paused workflow has not ended: it is polled and timed like a running one.
const ended = (status) => status === 'succeeded' || status === 'failed' || status === 'canceled';

function workflowRow(w) {
  const took = (ended(w.status) ? w.updatedAt : Date.now()) - w.createdAt;
  return h('tr', { 'data-id': w.id, 'data-state': w.status },
    h('td', {}, h('a', { class: 'mono', href: `#/workflows/${encodeURIComponent(w.id)}` }, w.id)),
    h('td', {}, badge(w.status), priorityBadge(w)),
    h('td', {}, `${w.definition} `, h('span', { class: 'muted' }, `v${w.version}`)),
    h('td', {}, w.phase),
    h('td', {}, progress(w.progress)),
    h('td', { class: 'hide-sm' }, time(w.createdAt)),
    h('td', { class: 'num' }, duration(Math.max(0, took))));
}

// Normal is the default and shown nowhere; high and low workflows carry a badge.
const priorityBadge = (w) => (w.priority && w.priority !== 'normal'
  ? h('span', { class: `badge priority ${w.priority}`, 'data-priority': w.priority, title: `${w.priority} priority: its jobs wait in the handlers' ${w.priority} queues` }, w.priority)
  : null);

// ---- one workflow ---------------------------------------------------------------------------

// existed: the start form's key named this workflow, started before
async function workflowPage(id, token, existed = false) {
  let wf = null;
  for (let tries = 0; !wf; tries++) { // a start waits on the queue until an engine takes it
    try { wf = await api.workflow(id); } catch (e) {
      if (!(e instanceof ApiError && e.status === 404) || tries >= 15) throw e;
      if (!current(token)) return;
      show(h('p', { class: 'muted' }, `Waiting for an engine to take workflow ${id}…`));
      await sleep(1000);
    }
  }
  const def = await api.definition(wf.definition, wf.version).catch(() => null);
  const headBox = h('div', { class: 'head', id: 'workflow-head' });
  const controls = h('div', { class: 'controls', id: 'workflow-controls' });
  const unservedBox = h('div', { id: 'unserved' });
  const graphBox = h('div', { class: 'graph-wrap' });
  const tasksBox = h('div', { id: 'tasks' }); // a task DAG's tasks: see tasks.js
  const timeline = h('tbody');
  const now = h('tfoot');
  const result = resultPanel(id);
  show(
    headBox,
    existed ? h('p', { class: 'muted', id: 'start-note' }, 'already started with this key') : null,
    controls,
    unservedBox,
    h('div', { class: 'card', id: 'graph-card' }, h('h2', {}, 'Phases'), graphBox,
      h('div', { class: 'legend' }, h('span', {}, h('i', {}), 'next'), h('span', {}, h('i', { class: 'err' }), 'on error'),
        h('span', {}, h('i', { class: 'cur' }), 'current phase'), h('span', {}, '■ final phase'))),
    tasksBox,
    h('div', { class: 'card' }, h('h2', {}, 'Timeline'),
      h('table', { id: 'timeline' },
        h('thead', {}, h('tr', {}, ...['At', 'Transition', 'Reason', 'Took', '', 'Jobs', 'Error']
          .map((t, i) => h('th', { class: i === 3 ? 'num' : i === 4 ? 'bar-cell hide-sm' : null }, t)))),
        timeline, now)),
    result.node,
    h('div', { class: 'card' }, h('h2', {}, 'Input'), h('pre', { class: 'json', id: 'input' }, JSON.stringify(wf.input, null, 2))));
  let shownActions = null;
  let handlersReadAt = 0;
  while (current(token)) {
    renderWorkflow(wf, def, headBox, graphBox, timeline, now);
    tasksBox.replaceChildren(...[tasksCard(wf, def)].filter(Boolean));
    await result.update(wf, ended(wf.status));
    const actions = (wf.actions || []).join(' ');
    if (actions !== shownActions) { // redrawn only when they change, so a typed reason stays
      controls.replaceChildren(...controlButtons(wf));
      shownActions = actions;
    }
    const running = !ended(wf.status);
    if (wf.status !== 'running') unservedBox.replaceChildren();
    else if (Date.now() - handlersReadAt >= 5000) { // each read asks the broker: not every poll
      handlersReadAt = Date.now();
      await renderUnserved(wf, unservedBox);
    }
    setLive(running);
    if (!running) return;
    await sleep(1000);
    if (!current(token)) return;
    wf = await api.workflow(id);
  }
}

// Buttons for what the workflow's state allows (the API lists them), with an optional reason.
function controlButtons(wf) {
  if (!wf.actions || !wf.actions.length) return [];
  const reason = h('input', { id: 'control-reason', type: 'text', placeholder: 'reason (optional)', 'aria-label': 'reason' });
  const message = h('span', { class: 'fail-t', id: 'control-message' });
  const act = async (action) => {
    message.textContent = '';
    try { await api.control(wf.id, action, reason.value.trim()); route(); } catch (e) { message.textContent = e.message; }
  };
  return [reason, ...wf.actions.map((a) => h('button', { 'data-action': a, class: a === 'cancel' ? 'danger' : null, onclick: () => act(a) }, a)), message];
}

// The current phase's handler queues that nothing consumes: its jobs there wait for a process.
async function renderUnserved(wf, box) {
  const names = new Set(Object.keys((wf.current && wf.current.handlers) || {}));
  let queues = [];
  try { queues = (await api.handlers()).handlers.filter((q) => q.unserved && names.has(q.name)); } catch { queues = []; }
  box.replaceChildren(...queues.map((q) => h('p', { class: 'card fail-t unserved', 'data-queue': q.queue },
    `No handler consumes ${q.queue} (${q.name} v${q.version}${q.ready ? `, ${q.ready} ready` : ''}); `,
    q.lastSeen ? `last served ${duration(Date.now() - q.lastSeen)} ago` : 'no handlers process has served it',
    `. Start one: phaseflow handlers --queue ${q.name}:${q.version}`)));
}

function renderWorkflow(wf, def, headBox, graphBox, timeline, now) {
  const running = !ended(wf.status);
  const took = (running ? Date.now() : wf.updatedAt) - wf.createdAt;
  headBox.replaceChildren(
    h('h1', { class: 'mono' }, wf.id),
    h('span', { id: 'workflow-state', 'data-state': wf.status }, badge(wf.status)),
    priorityBadge(wf) || '',
    h('div', { class: 'facts' },
      h('span', {}, 'definition ', h('b', {}, h('a', { href: `#/definitions/${encodeURIComponent(wf.definition)}?version=${wf.version}` }, `${wf.definition} v${wf.version}`))),
      h('span', {}, running ? 'in phase ' : 'ended in ', h('b', { id: 'current-phase' }, wf.phase)),
      h('span', {}, 'started ', h('b', {}, time(wf.createdAt))),
      h('span', {}, running ? 'running for ' : 'took ', h('b', {}, duration(took))),
      wf.viaError ? h('span', { class: 'fail-t' }, 'took an error edge') : null));
  const run = { phases: wf.phases, current: running ? wf.phase : null, history: wf.history };
  graphBox.replaceChildren(def ? drawGraph(def.graph, run) : h('p', { class: 'muted' }, 'The definition of this workflow is not available.'));
  const lines = wf.history;
  const active = running && wf.current ? Date.now() - wf.current.openedAt : 0;
  const longest = Math.max(1, active, ...lines.map((t) => t.durationMillis || 0));
  timeline.replaceChildren(...lines.map((t) => timelineRow(t, longest)));
  now.replaceChildren();
  if (running && wf.current) {
    now.append(h('tr', { id: 'timeline-now', 'data-phase': wf.phase },
      h('td', {}, time(wf.current.openedAt)),
      h('td', {}, `${wf.phase} → …`),
      h('td', {}, badge(wf.status)),
      h('td', { class: 'num' }, duration(active)),
      h('td', { class: 'bar-cell hide-sm' }, bar(active, longest, 'active')),
      h('td', {}, handlerCounts(wf.current.handlers, wf.current.jobs)),
      h('td', {})));
  }
}

function timelineRow(t, longest) {
  const from = t.from || 'start';
  const to = t.to || 'end';
  return h('tr', { 'data-from': t.from || '', 'data-to': t.to || '', 'data-reason': t.reason },
    h('td', {}, time(t.at)),
    h('td', {}, h('b', {}, from), ' → ', h('b', {}, to)),
    h('td', {}, badge(t.reason)),
    h('td', { class: 'num' }, t.from ? duration(t.durationMillis) : ''),
    h('td', { class: 'bar-cell hide-sm' }, t.from ? bar(t.durationMillis, longest, t.reason) : ''),
    h('td', {}, t.from ? handlerCounts(t.handlers, t.jobs) : ''),
    h('td', { class: 'err' }, t.error || (t.by ? `by ${t.by}${t.note ? `: ${t.note}` : ''}` : '')));
}

function bar(ms, longest, kind) {
  const b = h('div', { class: `bar ${kind}`, title: duration(ms) });
  b.style.width = `${Math.max(1, (100 * ms) / longest)}%`;
  return b;
}

function handlerCounts(byHandler, jobs) {
  const names = Object.keys(byHandler || {});
  if (!names.length) return h('span', { class: 'muted' }, jobs && jobs.total ? `${jobs.total} jobs` : 'no jobs');
  return h('div', { class: 'handlers' }, ...names.map((n) => {
    const p = countParts(byHandler[n]);
    return h('span', { 'data-handler': n }, `${n} `, h('b', { class: 'ok-t' }, p ? p.done : '0'), p && p.failed ? h('b', { class: 'fail-t' }, ` ${p.failed}`) : '', p && p.skipped ? h('span', { class: 'skip-t' }, ` ${p.skipped}`) : '');
  }));
}

// ---- definitions ----------------------------------------------------------------------------

async function definitionsPage(token, only = null, version = null) {
  const list = await api.definitions();
  const names = only ? [only] : list.definitions.map((d) => d.name);
  const cards = await Promise.all(names.map((n) => api.definition(n, n === only ? version : null)));
  if (!current(token)) return;
  show(
    h('div', { class: 'head' }, h('h1', {}, only ? `Definition ${only}` : 'Definitions'), only ? h('a', { href: '#/definitions' }, 'all definitions') : null),
    cards.length ? h('div', { class: only ? '' : 'defs' }, ...cards.map(definitionCard)) : h('div', { class: 'card empty' }, 'No definitions loaded (phaseflow load FILE).'));
}

function definitionCard(d) {
  const input = h('textarea', { 'aria-label': 'input JSON', rows: 1, placeholder: '{"key": "value"} (optional input)' });
  const key = h('input', { type: 'text', class: 'start-key', 'data-start-key': d.name, placeholder: 'idempotency key (optional)', 'aria-label': 'idempotency key' });
  const message = h('span', { class: 'fail-t' });
  const start = async () => {
    message.textContent = '';
    let data = {};
    try { data = input.value.trim() ? JSON.parse(input.value) : {}; } catch (e) { message.textContent = `input is not JSON: ${e.message}`; return; }
    try {
      const r = await api.start(d.name, data, key.value.trim());
      location.hash = `#/workflows/${encodeURIComponent(r.id)}${r.existed ? '?existed' : ''}`;
    } catch (e) { message.textContent = e.message; }
  };
  return h('div', { class: 'card', 'data-definition': d.name },
    h('div', { class: 'head' },
      h('h2', {}, h('a', { href: `#/definitions/${encodeURIComponent(d.name)}` }, d.name)),
      h('span', { class: 'muted' }, `v${d.version}${d.versions.length > 1 ? ` of ${d.versions.join(', ')}` : ''} · ${d.kind === 'tasks' ? 'task DAG' : 'phase graph'}`),
      h('a', { href: `#/workflows?definition=${encodeURIComponent(d.name)}` }, 'workflows')),
    h('div', { class: 'graph-wrap' }, drawGraph(d.graph)),
    h('div', { class: 'start-form' }, input, key, h('button', { onclick: start, 'data-start': d.name }, 'Start'), message));
}

window.addEventListener('hashchange', route);
route();
