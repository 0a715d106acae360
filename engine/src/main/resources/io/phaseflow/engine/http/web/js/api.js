// The HTTP API, as the dashboard uses it. Errors carry the server's message.
import { h } from './dom.js';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// A server started with a token answers 401 until the page sends it. The page asks once, on the
// first 401, and keeps the token for this browser tab's session only (sessionStorage).
const TOKEN_KEY = 'phaseflow.token';
let asking = null; // the one pending question: concurrent 401s wait for the same answer

function askToken(reason) {
  if (!asking) {
    asking = new Promise((resolve) => {
      const input = h('input', { id: 'token-input', type: 'password', autocomplete: 'off', required: true, 'aria-label': 'API token' });
      const form = h('form', { id: 'token-form', class: 'token-form' },
        h('h2', {}, 'This server needs a token'),
        h('p', { class: 'muted', id: 'token-reason' }, reason),
        h('p', {}, 'Paste the token the server was started with (its --http-token-file or PHASEFLOW_HTTP_TOKEN). It is kept for this tab only.'),
        input,
        h('button', { type: 'submit', id: 'token-submit' }, 'Use token'));
      const overlay = h('div', { class: 'token-overlay', id: 'token-overlay' }, form);
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        sessionStorage.setItem(TOKEN_KEY, input.value.trim());
        overlay.remove();
        asking = null;
        resolve();
      });
      document.body.append(overlay);
      input.focus();
    });
  }
  return asking;
}

async function request(path, options = {}) {
  for (;;) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const headers = { Accept: 'application/json', ...(options.headers || {}) };
    if (token) headers.Authorization = `Bearer ${token}`;
    let response;
    try {
      response = await fetch(path, { ...options, headers });
    } catch (e) {
      throw new ApiError(0, `the server does not answer (${e.message}); is phaseflow still running?`);
    }
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch { body = null; }
    const message = body && body.error ? body.error : `${response.status} ${text}`;
    if (response.status === 401) {
      if (token && sessionStorage.getItem(TOKEN_KEY) === token) sessionStorage.removeItem(TOKEN_KEY);
      await askToken(message);
      continue;
    }
    if (!response.ok) throw new ApiError(response.status, message);
    return body;
  }
}

const q = (params) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
};

const post = (path) => request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });

export const api = {
  workflows: (params) => request(`api/workflows${q(params)}`),
  workflow: (id) => request(`api/workflows/${encodeURIComponent(id)}`),
  result: (id) => request(`api/workflows/${encodeURIComponent(id)}/result`), // 409 while it runs
  definitions: () => request('api/definitions'),
  handlers: () => request('api/handlers'),
  definition: (name, version) => request(`api/definitions/${encodeURIComponent(name)}${q({ version })}`),
  // key: an idempotency key, sent only when given; a repeat answers the same id with existed: true
  start: (definition, input, key) => request('api/workflows', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(key ? { definition, input, key } : { definition, input }),
  }),
  // action: pause, resume, cancel or redrive; reason optional
  control: (id, action, reason) => request(`api/workflows/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(reason ? { reason } : {}),
  }),
  deadLetters: (limit) => request(`api/dead-letters${q({ limit })}`),
  requeueDeadLetter: (id) => post(`api/dead-letters/${encodeURIComponent(id)}/requeue`),
  dropDeadLetter: (id) => post(`api/dead-letters/${encodeURIComponent(id)}/drop`),
  schedules: () => request('api/schedules'),
  limits: () => request('api/limits'), // each handler limit with its leases held and jobs deferred now
  // DELETE carries Content-Type: application/json, as every change must (the server refuses others)
  removeSchedule: (name) => request(`api/schedules/${encodeURIComponent(name)}`, {
    method: 'DELETE',
    headers: { 'Content-Type': 'application/json' },
  }),
};
