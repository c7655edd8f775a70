// One request: its phase or result, each item's live progress bar with the handler's text and the
// attempts it took (C43), the items that wait for a retry after a transient failure (when, why),
// its timings, the bundle version that served it, and its events. Progress events are per session,
// not per request: they move the bars of this request's items while it runs, and the request is
// read again (at most every quarter second) for the truth.

import { h, fill, table, row, badge, timeEl, bar, pager, throttle, duration } from '../dom.js';
import { get, seg } from '../api.js';
import { actionButton, paths } from '../actions.js';
import { overall } from './requests.js';

const PAGE = 50;

export function mount(root, ctx) {
  const id = Number(ctx.id);
  let offset = 0; // of the items shown: a request may name thousands
  let r = null;
  let error = null;
  let events = [];
  const live = new Map(); // itemId -> last progress event while running
  const head = h('div');
  const itemsEl = h('div');
  const waitingEl = h('div');
  const eventsEl = h('div');

  function renderHead() {
    if (error) { fill(head, h('p.error', error)); return; }
    if (!r) return;
    const result = r.result;
    fill(head,
      h('dl.facts#request-facts', { dataset: { requestId: r.id, phase: r.phase, status: result ? result.status : '' } },
        h('dt', 'Handler'), h('dd', h('a', { href: `#/handlers/${encodeURIComponent(r.handlerId)}` }, r.handlerId)),
        h('dt', 'Kind'), h('dd', r.kind, r.flags.length ? ` (${r.flags.join(', ')})` : ''),
        h('dt', 'Phase'), h('dd', badge(r.phase)),
        h('dt', 'Result'), h('dd.result', result ? [badge(result.status), ` errors ${result.errorCount}, conflicts ${result.conflictCount}`,
          result.reason ? h('div.muted', result.reason) : null] : '—'),
        h('dt', 'Progress'), h('dd', bar(result ? 1 : overall(r.items), 'overall progress')),
        h('dt', 'Accepted'), h('dd', timeEl(r.acceptedAt)),
        h('dt', 'Started'), h('dd', timeEl(r.startedAt), r.startedAt ? h('span.muted', ` waited ${duration(r.acceptedAt, r.startedAt)}`) : ''),
        h('dt', 'Finished'), h('dd', timeEl(result && result.finishedAt), result && result.startedAt ? h('span.muted', ` ran ${duration(result.startedAt, result.finishedAt)}`) : ''),
        h('dt', 'Served by'), h('dd.served-by', (result && result.servedBy) || r.servedBy || '—')),
      ctx.operator && r.phase !== 'DONE' ? h('div.toolbar', actionButton('Stop', `Stop request ${r.id}`, paths.requestStop(r.id), undefined, () => refresh())) : null);
  }

  const headers = ['Item', 'Status', 'Progress', 'Step', 'Text', 'Attempts'];
  function renderItems() {
    if (!r) return;
    const waiting = new Map(r.waiting.map((w) => [w.itemId, w]));
    const attempts = (itemId) => (r.result ? r.result.attempts[itemId] : waiting.get(itemId) && waiting.get(itemId).attempts);
    const rows = r.items.slice(offset, offset + PAGE).map((it) => {
      const p = r.phase === 'RUNNING' && live.get(it.itemId) && !isFinal(it.status) ? { ...it, ...live.get(it.itemId) } : it;
      const status = waiting.has(it.itemId) ? 'WAITING' : p.status; // the engine shows a waiting item as PENDING
      const n = attempts(it.itemId);
      return row({ dataset: { itemId: it.itemId, status } }, headers, [
        h('span.id', it.itemId), badge(status), bar(p.status === 'PENDING' ? 0 : p.fraction, `${it.itemId} progress`),
        p.maxStep ? `${p.step} / ${p.maxStep}` : '—', p.text || '', h('span.num.attempts', n === undefined ? '—' : String(n))]);
    });
    fill(itemsEl, h('h2', 'Items'), table('request-items', headers, rows,
      r.kind === 'HANDLER' ? 'A handler sync: its items are known when its session starts.' : 'No items.'),
    r.items.length > PAGE ? pager('Items', offset, PAGE, rows.length, offset + PAGE < r.items.length,
      (o) => { offset = o; renderItems(); }, false) : null);
  }

  const waitingHeaders = ['Item', 'Attempts so far', 'Retry at', 'Why', ''];
  function renderWaiting() {
    if (!r || !r.waiting.length) { fill(waitingEl); return; }
    const rows = r.waiting.map((w) => row({ dataset: { itemId: w.itemId } }, waitingHeaders, [
      h('span.id', w.itemId), String(w.attempts), timeEl(w.retryAt), w.reason || '',
      ctx.operator ? actionButton('Retry now', `Retry ${r.handlerId}/${w.itemId} now`, paths.backoff(r.handlerId, w.itemId, 'retry'),
        undefined, () => refresh()) : '']));
    fill(waitingEl, h('h2', 'Waiting for a retry'),
      h('p.muted', 'These items failed transiently; the platform tries them again at the time shown (C43).'),
      table('request-waiting', waitingHeaders, rows));
  }

  function renderEvents() {
    const headersE = ['Time', 'Level', 'Item', 'Event', 'Description'];
    const rows = events.map((e) => row({ dataset: { level: e.level } }, headersE, [
      timeEl(e.time), badge(e.level), e.itemId || '—', e.name, e.description || '']));
    fill(eventsEl, h('h2', 'Events'), table('request-events', headersE, rows, 'No event of this request (among the handler\'s last 200).'));
  }

  async function load() {
    try {
      r = await get(`/requests/${id}`);
      error = null;
      const ev = await get(`/events?handler=${seg(r.handlerId)}&limit=200`);
      events = ev.entries.filter((e) => e.requestId === id);
    } catch (e) {
      error = e.status === 404 ? `No request ${id} is known (finished ones are kept as the engine's request.history says).`
        : (e.describe ? e.describe() : String(e));
    }
    renderHead();
    renderItems();
    renderWaiting();
    renderEvents();
  }
  const refresh = throttle(load, 250);
  const redraw = throttle(() => { renderItems(); }, 100);
  const mine = (d) => r && d.handlerId === r.handlerId;
  ctx.on('progress', (d) => {
    if (!mine(d) || r.phase === 'DONE') return;
    if (r.items.some((i) => i.itemId === d.itemId)) { live.set(d.itemId, d); redraw(); }
    refresh();
  });
  for (const t of ['accepted', 'started', 'event', 'handler']) ctx.on(t, (d) => mine(d) && r.phase !== 'DONE' && refresh());
  ctx.on('result', (d) => d.requestId === id && refresh());
  ctx.on('reset', refresh);
  ctx.on('reconnected', refresh);

  fill(root, h('p.crumbs', h('a', { href: '#/requests' }, 'Requests'), ' › ', String(id)), h('h1', `Request ${id}`), head, waitingEl, itemsEl, eventsEl);
  if (!Number.isInteger(id) || id <= 0) fill(head, h('p.error', 'A request ID is a positive number.'));
  else load();
  return () => { refresh.cancel(); redraw.cancel(); };
}

const isFinal = (s) => ['SUCCEEDED', 'FAILED', 'CANCELED', 'DISCONNECTED', 'SKIPPED'].includes(s);
