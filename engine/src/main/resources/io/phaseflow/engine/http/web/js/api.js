// The HTTP API, as the dashboard uses it. Errors carry the server's message.
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function request(path, options = {}) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' }, ...options });
  } catch (e) {
    throw new ApiError(0, `the server does not answer (${e.message}); is phaseflow still running?`);
  }
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  if (!response.ok) throw new ApiError(response.status, body && body.error ? body.error : `${response.status} ${text}`);
  return body;
}

const q = (params) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
};

export const api = {
  workflows: (params) => request(`api/workflows${q(params)}`),
  workflow: (id) => request(`api/workflows/${encodeURIComponent(id)}`),
  definitions: () => request('api/definitions'),
  definition: (name, version) => request(`api/definitions/${encodeURIComponent(name)}${q({ version })}`),
  start: (definition, input) => request('api/workflows', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ definition, input }),
  }),
};
