// Small DOM helpers: elements are built with textContent, never innerHTML, so data cannot inject markup.
const SVG = 'http://www.w3.org/2000/svg';

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  return fill(el, attrs, children);
}

export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  return fill(el, attrs, children);
}

function fill(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function duration(ms) {
  if (ms === null || ms === undefined) return '';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
  const m = Math.floor(ms / 60000);
  if (m < 60) return `${m} min ${Math.round((ms % 60000) / 1000)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function time(ms) {
  if (!ms) return '';
  const d = new Date(ms);
  const today = new Date().toDateString() === d.toDateString();
  const t = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return today ? t : `${d.toLocaleDateString()} ${t}`;
}

export function badge(state) {
  return h('span', { class: `badge ${state}`, 'data-state': state }, state);
}

/** "3/6 ✓ 1 ✗" and its parts, from a counts object. */
export function countParts(c) {
  if (!c || !c.total) return null;
  return { done: `${c.succeeded}/${c.total} ✓`, failed: c.failed ? `${c.failed} ✗` : '', skipped: c.skipped ? `${c.skipped} skipped` : '' };
}

export function progress(c) {
  const total = c && c.total ? c.total : 0;
  const pct = (n) => (total ? (100 * n) / total : 0);
  const ok = pct(c ? c.succeeded : 0);
  const fail = pct(c ? c.failed : 0);
  const skip = pct(c ? c.skipped : 0);
  const bar = h('span', { class: 'progress', role: 'progressbar', 'aria-valuenow': Math.round(ok + fail + skip), 'aria-valuemin': 0, 'aria-valuemax': 100 });
  const seg = (cls, left, width) => { const e = h('span', { class: cls }); e.style.left = `${left}%`; e.style.width = `${width}%`; return e; };
  bar.append(seg('ok', 0, ok), seg('fail', ok, fail), seg('skip', ok + fail, skip));
  const label = total ? `${c.succeeded + c.failed + c.skipped}/${total}` : 'no jobs';
  return h('span', {}, bar, h('span', { class: 'progress-label' }, label));
}
