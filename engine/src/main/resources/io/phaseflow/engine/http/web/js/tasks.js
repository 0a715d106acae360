// A task DAG task by task: its tasks and edges as the server laid them out (the phase graph's
// layered layout), each colored by its state, and a timeline with one bar per task.
import { h, s, duration } from './dom.js';
import { path, defs } from './graph.js';

const ended = (status) => status === 'succeeded' || status === 'failed' || status === 'canceled';

/** The "Tasks" card of a workflow page, or null for a workflow that is no task DAG. */
export function tasksCard(wf, def) {
  if (!wf.tasks || !def || !def.taskGraph) return null;
  const byName = new Map(wf.tasks.jobs.map((j) => [j.name, j]));
  const now = ended(wf.status) ? wf.updatedAt : Date.now();
  return h('div', { class: 'card', id: 'tasks-card' },
    h('h2', {}, `Tasks (${wf.tasks.jobs.length})`),
    h('div', { class: 'graph-wrap' }, drawTaskGraph(def.taskGraph, byName, now)),
    h('div', { class: 'legend' }, ...['succeeded', 'ready', 'waiting', 'failed', 'skipped']
      .map((st) => h('span', {}, h('i', { class: `task-key ${st}` }), st === 'ready' ? 'running' : st))),
    h('h2', { class: 'gantt-title' }, 'Task timeline'),
    gantt(wf, now));
}

function drawTaskGraph(graph, byName, now) {
  const pad = 20;
  const svg = s('svg', {
    class: 'graph tasks', id: 'task-graph', role: 'img',
    viewBox: `0 0 ${graph.width + pad} ${graph.height}`, width: graph.width + pad, height: graph.height,
    'aria-label': `task graph of ${graph.nodes.length} tasks`,
  });
  svg.append(defs());
  const edges = s('g', { class: 'edges' });
  for (const e of graph.edges) {
    const from = byName.get(e.from);
    const taken = from && from.status === 'succeeded';
    edges.append(s('path', {
      class: `edge next${taken ? ' taken' : ''}`, d: path(e.points), 'data-from': e.from, 'data-to': e.to,
      'marker-end': `url(#arrow-${taken ? 'taken' : 'next'})`,
    }));
  }
  svg.append(edges);
  for (const n of graph.nodes) svg.append(taskNode(n, byName.get(n.id), now));
  return svg;
}

function taskNode(n, job, now) {
  const state = job ? job.status : 'waiting';
  const g = s('g', { class: 'task', 'data-task': n.id, 'data-state': state, transform: `translate(${n.x},${n.y})` });
  g.append(s('title', {}, `${n.id} (${n.handler}) — ${shown(state)}${job && job.error ? `: ${job.error}` : ''}`));
  g.append(s('rect', { class: 'box', width: n.width, height: n.height, rx: 7 }));
  g.append(s('text', { class: 'title', x: 10, y: 19 }, clip(n.id, 20)));
  g.append(s('text', { class: 'line', x: 10, y: 35 }, clip(n.handler, 22)));
  const took = job ? runTime(job, now) : null;
  const facts = [shown(state), took === null ? null : duration(took), job && job.attempts > 1 ? `attempt ${job.attempts}` : null];
  g.append(s('text', { class: 'counts', x: 10, y: 51 }, facts.filter(Boolean).join(' · ')));
  return g;
}

const shown = (status) => (status === 'ready' ? 'running' : status);

function runTime(job, now) {
  if (job.startedAt && job.endedAt) return job.endedAt - job.startedAt;
  if (job.status === 'ready' && job.startedAt) return now - job.startedAt;
  return null;
}

/**
 * One row per task: a bar from its start to its end, on a scale from the workflow's start to its
 * end (or now). A running task's bar is open-ended (to now); a task whose start was not reported
 * starts when it became ready (its parents' last end, or the run entry's opening).
 */
function gantt(wf, now) {
  const origin = wf.createdAt;
  const span = Math.max(1, now - origin);
  const byName = new Map(wf.tasks.jobs.map((j) => [j.name, j]));
  const readyAt = (j) => Math.max(wf.tasks.openedAt, ...j.parents.map((p) => (byName.get(p) || {}).endedAt || 0));
  const pct = (ms) => `${Math.min(100, Math.max(0, (100 * ms) / span))}%`;
  const rows = wf.tasks.jobs.map((j) => {
    const running = j.status === 'ready';
    const start = j.startedAt || (j.endedAt || running ? readyAt(j) : null);
    const end = running ? now : j.endedAt;
    const track = h('div', { class: 'gantt-track' });
    if (start !== null && end) {
      const bar = h('div', { class: `gantt-bar ${j.status}`, 'data-task': j.name, title: `${shown(j.status)}, ${duration(end - start)}${running ? ' so far' : ''}` });
      bar.style.left = pct(start - origin);
      bar.style.width = `max(2px, ${pct(end - start)})`;
      track.append(bar);
    }
    return h('div', { class: 'gantt-row', 'data-task': j.name, 'data-state': j.status },
      h('span', { class: 'gantt-name', title: `${j.name} (${j.handler})` }, j.name),
      track,
      h('span', { class: 'gantt-took num' }, start !== null && end ? `+${duration(start - origin)} · ${duration(end - start)}` : shown(j.status)));
  });
  return h('div', { class: 'gantt', id: 'gantt', 'aria-label': `timeline of ${rows.length} tasks over ${duration(span)}` },
    ...rows,
    h('div', { class: 'gantt-row gantt-axis' }, h('span', {}), h('div', { class: 'gantt-ticks' },
      h('span', {}, '0'), h('span', {}, duration(span))), h('span', {})));
}

function clip(text, n) {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}
