// Requests: the open ones (queued, parked, running, waiting for a retry; oldest first) and the history (newest first),
// each filtered and paged by the API. Rows move from one table to the other as the stream says,
// without a reload; a burst of events costs at most one read per table every half second.

import { h, fill, table, row, badge, timeEl, bar, pager, offsetParam, MAX_OFFSET, throttle, qs, duration } from '../dom.js';
import { get } from '../api.js';
import { actionButton, paths } from '../actions.js';

const LIMIT = 50;
const OPEN_STATES = ['QUEUED', 'PARKED', 'RUNNING', 'WAITING'];
const FINAL_STATES = ['SUCCEEDED', 'FAILED', 'CANCELED', 'DISCONNECTED', 'SKIPPED'];

/** The average of a request's item fractions, or undefined while none is known. */
export function overall(items) {
  const known = items.filter((i) => typeof i.fraction === 'number');
  if (!items.length || !known.length) return undefined;
  return known.reduce((s, i) => s + i.fraction, 0) / items.length;
}

/** datetime-local value (local time) to an ISO instant, and back. */
const toIso = (v) => (v ? new Date(v).toISOString() : '');
const toLocal = (iso) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
};

export function mount(root, ctx) {
  const p = ctx.params;
  const f = {
    handler: p.handler || '', state: p.state || '', hstate: p.hstate || '', since: p.since || '', until: p.until || '',
    open: offsetParam(p.open), hist: offsetParam(p.hist),
  };
  const go = (changes) => ctx.go(`#/requests${qs({ ...f, ...changes, open: (changes.open ?? f.open) || '', hist: (changes.hist ?? f.hist) || '' })}`);

  const handler = h('input#f-handler', { value: f.handler, placeholder: 'any', list: 'handler-ids', 'aria-label': 'Handler' });
  const datalist = h('datalist#handler-ids');
  get('/handlers').then((r) => fill(datalist, r.entries.slice(0, 500).map((x) => h('option', { value: x.id })))).catch(() => {});
  const state = h('select#f-state', { 'aria-label': 'Open state' },
    ['', ...OPEN_STATES].map((s) => h('option', { value: s, selected: s === f.state }, s || 'any open state')));
  const hstate = h('select#f-hstate', { 'aria-label': 'Result' },
    ['', ...FINAL_STATES].map((s) => h('option', { value: s, selected: s === f.hstate }, s || 'any result')));
  const since = h('input#f-since', { type: 'datetime-local', value: toLocal(f.since), 'aria-label': 'Finished since' });
  const until = h('input#f-until', { type: 'datetime-local', value: toLocal(f.until), 'aria-label': 'Finished until' });
  const form = h('form.filters', {
    on: {
      submit: (e) => {
        e.preventDefault();
        go({ handler: handler.value.trim(), state: state.value, hstate: hstate.value, since: toIso(since.value), until: toIso(until.value), open: 0, hist: 0 });
      },
    },
  },
  h('label', 'Handler ', handler), datalist, h('label', 'Open ', state), h('label', 'Result ', hstate),
  h('label', 'Since ', since), h('label', 'Until ', until), h('button', { type: 'submit' }, 'Filter'),
  h('a.reset', { href: '#/requests' }, 'Clear'));

  const openEl = h('section', { 'aria-labelledby': 'open-title' });
  const histEl = h('section', { 'aria-labelledby': 'history-title' });

  const openHeaders = ['ID', 'Handler', 'Kind', 'Phase', 'Items', 'Progress', 'Accepted', 'Started', ''];
  async function loadOpen() {
    let page;
    try {
      page = await get(`/requests${qs({ handler: f.handler, state: f.state, limit: LIMIT, offset: f.open })}`);
    } catch (e) {
      fill(openEl, h('h2#open-title', 'Open'), h('p.error', e.describe ? e.describe() : String(e)));
      return;
    }
    const rows = page.entries.map((r) => row({ dataset: { requestId: r.id, phase: r.phase } }, openHeaders, [
      h('a.id', { href: `#/requests/${r.id}` }, String(r.id)),
      h('a', { href: `#/handlers/${encodeURIComponent(r.handlerId)}` }, r.handlerId),
      r.kind, badge(r.phase), r.items.length ? String(r.items.length) : 'all',
      bar(overall(r.items), `request ${r.id} progress`), timeEl(r.acceptedAt), timeEl(r.startedAt),
      ctx.operator ? actionButton('Stop', `Stop request ${r.id}`, paths.requestStop(r.id), undefined, () => refreshOpen()) : '']));
    fill(openEl, h('h2#open-title', 'Open'), table('open-requests', openHeaders, rows, 'No open request.'),
      pager('Open requests', f.open, LIMIT, page.entries.length, page.more, (o) => go({ open: o })));
  }

  const histHeaders = ['ID', 'Handler', 'Result', 'Errors', 'Conflicts', 'Items', 'Accepted', 'Finished', 'Took', 'Served by'];
  async function loadHistory() {
    let page;
    try {
      page = await get(`/history${qs({ handler: f.handler, state: f.hstate, since: f.since, until: f.until, limit: LIMIT, offset: f.hist })}`);
    } catch (e) {
      fill(histEl, h('h2#history-title', 'History'), h('p.error', e.describe ? e.describe() : String(e)));
      return;
    }
    const rows = page.entries.map((r) => row({ dataset: { requestId: r.requestId, status: r.status } }, histHeaders, [
      h('a.id', { href: `#/requests/${r.requestId}` }, String(r.requestId)),
      h('a', { href: `#/handlers/${encodeURIComponent(r.handlerId)}` }, r.handlerId),
      badge(r.status), String(r.errorCount), String(r.conflictCount), String(Object.keys(r.items).length),
      timeEl(r.acceptedAt), timeEl(r.finishedAt), duration(r.acceptedAt, r.finishedAt), r.servedBy || '—']));
    fill(histEl, h('h2#history-title', 'History'),
      f.hist >= MAX_OFFSET ? h('p.muted', 'The API pages the history to an offset of 10,000; narrow the filter to go further back.') : null,
      table('history', histHeaders, rows, 'No result matches.'),
      pager('History', f.hist, LIMIT, page.entries.length, page.more, (o) => go({ hist: o })));
  }

  const refreshOpen = throttle(loadOpen, 500);
  const refreshHistory = throttle(loadHistory, 500);
  const matches = (d) => !f.handler || d.handlerId === f.handler;
  ctx.on('accepted', (d) => matches(d) && refreshOpen());
  ctx.on('started', (d) => matches(d) && refreshOpen());
  ctx.on('progress', (d) => matches(d) && refreshOpen());
  ctx.on('result', (d) => {
    if (!matches(d)) return;
    refreshOpen();
    if (f.hist === 0) refreshHistory(); // older pages shift, but do not jump under the reader
  });
  for (const t of ['reset', 'reconnected', 'handler']) ctx.on(t, () => { refreshOpen(); refreshHistory(); });

  fill(root, h('h1', 'Requests'), form, openEl, histEl);
  loadOpen();
  loadHistory();
  return () => { refreshOpen.cancel(); refreshHistory.cancel(); };
}
