// The console's entry point: who is logged in (GET /api/session), the login page otherwise, the
// hash router (#/handlers, #/handlers/demo, #/requests, #/requests/42, #/events, #/conflicts,
// #/schedules, #/problems), and one live event stream shared by the views.

import { h, fill, throttle } from './dom.js';
import { get, post, onUnauthenticated } from './api.js';
import { Live } from './live.js';
import { notify } from './actions.js';
import * as state from './state.js';
import * as login from './views/login.js';
import * as handlers from './views/handlers.js';
import * as handler from './views/handler.js';
import * as requests from './views/requests.js';
import * as request from './views/request.js';
import * as events from './views/events.js';
import * as conflicts from './views/conflicts.js';
import * as problems from './views/problems.js';
import * as schedules from './views/schedules.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const userEl = document.getElementById('user');
const logoutButton = document.getElementById('logout');
const live = new Live(document.getElementById('live'), () => showLogin('Your session has ended; log in again.'));

live.on('result', state.resultSeen); // before any view listens, so views read the new state
live.on('handler', state.handlerChanged);
const countProblems = throttle(() => problems.read().then((p) => problems.showCount(p.count)).catch(() => {}), 5000);
live.on('handler', countProblems);
live.on('event', countProblems); // a transient failure is an error event: an item may have gone into backoff
live.on('started', countProblems); // a retry started: an item may have left its backoff

let session = null;
let current = null; // { dispose }

/** A path segment of the address; a malformed %-escape is taken as it stands (no URIError). */
function decode(s) {
  try { return decodeURIComponent(s); } catch { return s; }
}

/** Routes: the first path segment picks the view, a second one is an ID. */
function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = hash.split('?');
  const parts = path.split('/').filter(Boolean).map(decode);
  const params = Object.fromEntries(new URLSearchParams(query || ''));
  const section = parts[0] || 'handlers';
  const id = parts[1];
  const table = {
    handlers: id ? handler : handlers,
    requests: id ? request : requests,
    events, conflicts, schedules, problems,
  };
  return { view: table[section] || handlers, section: table[section] ? section : 'handlers', id, params };
}

function show() {
  if (!session) return;
  if (current) current.dispose();
  const r = route();
  for (const a of nav.querySelectorAll('a')) {
    if (a.dataset.section === r.section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const disposers = [];
  const ctx = {
    operator: session.role === 'OPERATOR',
    user: session.user,
    id: r.id,
    params: r.params,
    /** Subscribes to a live event type for as long as the view is shown. */
    on: (type, fn) => disposers.push(live.on(type, fn)),
    /** Navigates to a hash with new parameters (same view). */
    go: (hash) => { location.hash = hash; },
    later: (fn, ms) => { const t = setTimeout(fn, ms); disposers.push(() => clearTimeout(t)); },
  };
  const root = h('div.view', { dataset: { view: r.section } });
  fill(main, root);
  let viewDispose = null;
  try {
    viewDispose = r.view.mount(root, ctx);
  } catch (e) {
    fill(root, h('p.error', `This page failed: ${e.message}`));
  }
  current = {
    dispose() {
      disposers.forEach((d) => d());
      if (typeof viewDispose === 'function') viewDispose();
    },
  };
}

function showLogin(message) {
  session = null;
  live.stop();
  if (current) current.dispose();
  current = null;
  nav.hidden = true;
  logoutButton.hidden = true;
  userEl.textContent = '';
  document.body.dataset.role = '';
  login.mount(fill(main, h('div.view', { dataset: { view: 'login' } })).firstChild, message, start);
}

/** Starts the console for the caller GET /api/session names. */
function start(caller) {
  session = caller;
  document.body.dataset.role = caller.role;
  userEl.textContent = `${caller.user} (${caller.role.toLowerCase()})`;
  nav.hidden = false;
  logoutButton.hidden = false;
  live.start();
  show();
  countProblems();
  main.focus({ preventScroll: true });
}

logoutButton.addEventListener('click', async () => {
  try { await post('/logout'); } catch (e) { notify('refusal', e.describe ? e.describe() : String(e)); }
  showLogin('Logged out.');
});

onUnauthenticated(() => { if (session) showLogin('Your session has ended; log in again.'); });
window.addEventListener('hashchange', show);
// The skip link moves the focus; followed as a link, "#main" would be a route (to the handlers).
document.querySelector('a.skip').addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});

(async () => {
  try {
    start(await get('/session'));
  } catch (e) {
    showLogin(e.status === 401 ? null : e.message);
  }
})();
