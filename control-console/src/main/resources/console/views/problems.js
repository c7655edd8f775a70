// Problems: what an operator should look at. Parked handlers (their requests wait, and fail at the
// park timeout), a store that refuses writes, sessions abandoned past the cancel grace, items in
// backoff after transient failures (with "Retry now" and "Give up", views/backoffs.js), results
// and events waiting to be delivered, recent failures and errors.

import { h, fill, table, row, badge, timeEl, throttle } from '../dom.js';
import { get, metrics } from '../api.js';
import { availability } from './handlers.js';
import * as state from '../state.js';
import * as backoffs from './backoffs.js';

/** Handlers listed at most per list here; the handlers page has them all, paged. */
const SHOWN = 50;
const more = (list) => (list.length > SHOWN
  ? h('p.muted', `and ${list.length - SHOWN} more: see `, h('a', { href: '#/handlers' }, 'Handlers')) : null);

/** Reads what the panel and the navigation badge need. */
export async function read() {
  const [handlers, m, failed, errors, backoff] = await Promise.all([
    get('/handlers'), metrics().catch(() => null), get('/history?state=FAILED&limit=10'), get('/events?level=ERROR&limit=10'),
    backoffs.read()]);
  state.handlersRead(handlers.entries);
  const parked = handlers.entries.filter((x) => x.availability === 'PARKED');
  const off = handlers.entries.filter((x) => !x.enabled || !x.active);
  const count = parked.length + (m && m.synccenter_store_failing ? 1 : 0) + (m && m.synccenter_sessions_abandoned_total ? 1 : 0)
    + backoff.entries.length;
  return { parked, off, m, failed: failed.entries, errors: errors.entries, backoff, count };
}

/** Shows the number of problems beside "Problems" in the navigation. */
export function showCount(count) {
  const el = document.getElementById('problem-count');
  if (!el) return;
  el.hidden = !count;
  el.textContent = String(count);
}

export function mount(root, ctx) {
  const body = h('div');
  async function load() {
    let p;
    try {
      p = await read();
    } catch (e) {
      fill(body, h('p.error', e.describe ? e.describe() : String(e)));
      return;
    }
    showCount(p.count);
    const m = p.m;
    const gauge = (name, label, bad, id) => h('div.gauge', { id, class: `gauge ${m && m[name] > 0 && bad ? 'bad' : 'ok'}` },
      h('span.label', label), h('span.value', m ? String(m[name] ?? '—') : '—'));
    const ph = ['Handler', 'Availability', 'Queued', 'Running', 'Bundle'];
    const fh = ['Request', 'Handler', 'Result', 'Errors', 'Finished', 'Why'];
    const eh = ['Time', 'Handler', 'Item', 'Event', 'Description'];
    fill(body,
      h('div.gauges',
        gauge('synccenter_store_failing', 'Store refusing writes', true, 'store-failing'),
        gauge('synccenter_sessions_abandoned_total', 'Sessions abandoned', true, 'abandoned-sessions'),
        gauge('synccenter_delivery_backlog', 'Results and events waiting for delivery', false, 'delivery-backlog'),
        gauge('synccenter_requests_open', 'Open requests', false, 'open-requests-count'),
        gauge('synccenter_session_threads', 'Session threads', false, 'session-threads')),
      m ? null : h('p.muted', 'Metrics could not be read.'),
      h('h2', `Parked handlers (${p.parked.length})`),
      table('parked-handlers', ph, p.parked.slice(0, SHOWN).map((x) => row({ dataset: { handlerId: x.id } }, ph, [
        h('a', { href: `#/handlers/${encodeURIComponent(x.id)}` }, x.id), availability(x), String(x.queued), String(x.running), x.bundle || '—'])),
      'No handler is parked: every handler ID has a service.'), more(p.parked),
      backoffs.section(ctx, p.backoff, () => refresh()),
      h('h2', `Disabled or inactive handlers (${p.off.length})`),
      p.off.length ? h('ul.plain', p.off.slice(0, SHOWN).map((x) => h('li', h('a', { href: `#/handlers/${encodeURIComponent(x.id)}` }, x.id),
        x.enabled ? '' : ' disabled', x.active ? '' : ' inactive'))) : h('p.muted', 'None.'), more(p.off),
      h('h2', 'Recent failures'),
      table('recent-failures', fh, p.failed.map((r) => row({ dataset: { requestId: r.requestId } }, fh, [
        h('a', { href: `#/requests/${r.requestId}` }, String(r.requestId)), r.handlerId, badge(r.status), String(r.errorCount),
        timeEl(r.finishedAt), r.reason || ''])), 'No failed request in the history.'),
      h('h2', 'Recent errors'),
      table('recent-errors', eh, p.errors.map((e) => row({}, eh, [timeEl(e.time), e.handlerId, e.itemId || '—', e.name, e.description || ''])),
        'No error event.'));
  }
  const refresh = throttle(load, 2000);
  // A transient failure is an error event, a retry a started request, a give-up a result.
  for (const t of ['handler', 'result', 'event', 'started', 'reset', 'reconnected']) ctx.on(t, refresh);
  // Not every change of a backoff has an event (a retry of an item no request waits for, a failure
  // reported without an error event): read again now and then as well.
  const poll = setInterval(refresh, 30000);
  fill(root, h('h1', 'Problems'), body);
  load();
  return () => { refresh.cancel(); clearInterval(poll); };
}
