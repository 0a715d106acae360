// Draws a definition's phase graph as inline SVG from the layout the server computed.
import { s, countParts } from './dom.js';

const TITLE_Y = 22;
const COUNTS_Y = 40;
const LINE = 18;

/**
 * @param graph {nodes, edges, width, height} from /api/definitions/{name}
 * @param run optional {phases, current, history} of a workflow: states, counts, current phase, taken edges
 */
export function drawGraph(graph, run = null) {
  const pad = 30;
  const svg = s('svg', {
    class: 'graph', id: run ? 'graph' : null, role: 'img',
    viewBox: `0 0 ${graph.width + pad} ${graph.height}`,
    width: graph.width + pad, height: graph.height,
    'aria-label': `phase graph of ${graph.nodes.length} phases`,
  });
  svg.append(defs());
  const taken = new Set();
  if (run) for (const t of run.history || []) if (t.from && t.to) taken.add(`${t.from}>${t.to}`);
  const edges = s('g', { class: 'edges' });
  const labels = s('g', { class: 'labels' });
  for (const e of graph.edges) {
    const isTaken = taken.has(`${e.from}>${e.to}`) && (e.kind === 'error') === tookError(run, e);
    edges.append(s('path', {
      class: `edge ${e.kind}${isTaken ? ' taken' : ''}`, d: path(e.points),
      'data-from': e.from, 'data-to': e.to, 'data-kind': e.kind,
      'marker-end': `url(#arrow-${e.kind === 'error' ? 'error' : isTaken ? 'taken' : 'next'})`,
    }));
    if (e.kind === 'error') {
      const w = 34;
      labels.append(
        s('rect', { class: 'edge-label-bg', x: e.label.x - w / 2, y: e.label.y - 8, width: w, height: 15, rx: 3 }),
        s('text', { class: 'edge-label', x: e.label.x, y: e.label.y + 4, 'text-anchor': 'middle' }, 'error'));
    }
  }
  svg.append(edges, labels);
  for (const n of graph.nodes) svg.append(node(n, run));
  return svg;
}

function tookError(run, e) {
  // A transition from→to taken through the error edge has reason "failed".
  if (!run) return false;
  return (run.history || []).some((t) => t.from === e.from && t.to === e.to && t.reason === 'failed');
}

function node(n, run) {
  const phase = run && run.phases ? run.phases[n.id] : null;
  const state = phase ? phase.state : 'idle';
  const current = run && run.current === n.id;
  const g = s('g', {
    class: `phase${current ? ' current' : ''}`, 'data-phase': n.id, 'data-state': state,
    'data-current': current ? 'true' : null, transform: `translate(${n.x},${n.y})`,
  });
  g.append(s('title', {}, `${n.id}${phase ? ` — ${state}` : ''}`));
  g.append(s('rect', { class: 'box', width: n.width, height: n.height, rx: 8 }));
  if (n.final) g.append(s('rect', { class: 'frame', x: 3, y: 3, width: n.width - 6, height: n.height - 6, rx: 6 }));
  g.append(s('text', { class: 'title', x: 12, y: TITLE_Y }, clip(n.id, 22)));
  const tags = [n.initial ? '▶ start' : null, n.final ? '■ final' : null].filter(Boolean).join('  ');
  if (tags) g.append(s('text', { class: 'tag', x: n.width - 10, y: TITLE_Y - 1, 'text-anchor': 'end' }, tags));
  const counts = s('text', { class: 'counts', x: 12, y: COUNTS_Y, 'data-counts': n.id });
  const parts = phase ? countParts(phase.jobs) : null;
  if (parts) {
    counts.append(s('tspan', { class: 'ok' }, parts.done));
    if (parts.failed) counts.append(s('tspan', { class: 'fail', dx: 6 }, parts.failed));
    if (parts.skipped) counts.append(s('tspan', { dx: 6 }, parts.skipped));
    if (phase.visits > 1) counts.append(s('tspan', { dx: 6 }, `×${phase.visits} visits`));
  } else {
    const jobs = n.tasks ? `${n.tasks.length} tasks` : n.handlers.length ? `${n.handlers.length} handler${n.handlers.length > 1 ? 's' : ''}` : 'no jobs';
    counts.append(jobs);
  }
  g.append(counts);
  const lines = n.tasks
    ? n.tasks.map((t) => (t.name === t.handler ? t.name : `${t.name} (${t.handler})`))
    : n.handlers.map((h) => `${h.name}${h.version > 1 ? ` v${h.version}` : ''}${h.forEach ? ' ×N' : ''}`);
  const max = Math.round((n.height - 52) / LINE);
  lines.slice(0, max).forEach((text, i) => {
    const last = i === max - 1 && lines.length > max;
    const byHandler = phase && phase.handlers && !n.tasks ? phase.handlers[n.handlers[i].name] : null;
    const suffix = byHandler && byHandler.total ? `  ${byHandler.succeeded}/${byHandler.total}` : '';
    g.append(s('text', { class: 'line', x: 14, y: COUNTS_Y + 20 + i * LINE }, last ? `+${lines.length - i} more` : clip(text + suffix, 30)));
  });
  return g;
}

function clip(text, n) {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

/** Vertical S-curves through the waypoints; the server routed long edges beside the boxes. */
export function path(points) {
  let d = `M${points[0].x},${points[0].y}`;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a.x === b.x || a.y === b.y) { d += ` L${b.x},${b.y}`; continue; }
    const my = (a.y + b.y) / 2;
    d += ` C${a.x},${my} ${b.x},${my} ${b.x},${b.y}`;
  }
  return d;
}

export function defs() {
  const d = s('defs');
  for (const [id, color] of [['next', '#adb5bd'], ['error', '#e03131'], ['taken', '#1d2330']]) {
    d.append(s('marker', { id: `arrow-${id}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      s('path', { d: 'M0,0 L10,5 L0,10 z', fill: color })));
  }
  return d;
}
