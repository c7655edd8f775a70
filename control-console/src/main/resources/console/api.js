// The JSON API under /synccenter/api, with the session cookie. Every state change carries the
// X-SyncCenter-CSRF header that control-http asks of cookie callers (C51).

const BASE = new URL('api/', document.baseURI);

/** A refusal or failure of the API: status, the one-line error, and argument/reason when given. */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || `HTTP ${status}`);
    this.status = status;
    this.reason = body && body.reason;
    this.argument = body && body.argument;
  }

  /** "Refused (409 HANDLER_DISABLED): handler demo is disabled". */
  describe() {
    const word = this.status === 403 || this.status === 409 ? 'Refused' : this.status >= 500 ? 'Not now' : 'Failed';
    const code = [this.status || '', this.reason || ''].join(' ').trim();
    return `${word}${code ? ` (${code})` : ''}: ${this.message}`;
  }
}

const listeners = new Set();
/** Called with no arguments whenever a call answers 401: the session has ended. */
export function onUnauthenticated(fn) {
  listeners.add(fn);
}

async function call(method, path, body) {
  // X-Requested-With: a 401 then offers no Basic challenge, which would open the browser's own dialog.
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' } };
  if (method !== 'GET') {
    init.headers['X-SyncCenter-CSRF'] = '1';
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
  }
  let response;
  try {
    response = await fetch(new URL(path.replace(/^\//, ''), BASE), init);
  } catch (e) {
    throw new ApiError(0, { error: `the platform cannot be reached (${e.message})` });
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = { error: text.slice(0, 200) }; }
  }
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith('/login')) listeners.forEach((fn) => fn());
    throw new ApiError(response.status, json);
  }
  return json;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const put = (path, body) => call('PUT', path, body);
export const del = (path) => call('DELETE', path);
/** A state change with any method: POST, PUT or DELETE. */
export const send = (method, path, body) => call(method, path, body);

export const streamUrl = () => new URL('stream', BASE).toString();

/** The metrics in Prometheus text, as {name: value} for samples without labels. */
export async function metrics() {
  const r = await fetch(new URL('metrics', BASE), { credentials: 'same-origin', headers: { 'X-Requested-With': 'XMLHttpRequest' } });
  if (!r.ok) throw new ApiError(r.status, null);
  const out = {};
  for (const line of (await r.text()).split('\n')) {
    const m = /^([a-z_]+) ([0-9.eE+-]+)$/.exec(line);
    if (m) out[m[1]] = Number(m[2]);
  }
  return out;
}

/** Encodes an ID for a path segment. */
export const seg = (id) => encodeURIComponent(id);
