// Handlers: every handler with its availability, switches, queue, sessions and last result;
// paged in the browser (the API lists handlers unpaged) so that the page stays small.

import { h, fill, table, row, badge, timeEl, pager, throttle } from '../dom.js';
import { get } from '../api.js';
import { actionButton, switchControl, yesNo, paths } from '../actions.js';
import * as state from '../state.js';

const PAGE = 50;

/** Availability as operators read it: serving, parked (since when), standbys waiting. */
export function availability(hd) {
  const parts = [];
  if (hd.availability === 'PARKED') {
    const since = state.parked(hd.id);
    parts.push(badge('PARKED'), since ? h('span.muted', ' since ', timeEl(since)) : null);
  } else {
    parts.push(badge(hd.availability));
  }
  if (hd.standbys > 0) parts.push(h('span.muted', ` +${hd.standbys} on standby`));
  return h('span.availability', { dataset: { availability: hd.availability } }, parts);
}

/** The serving bundle, "dev.synccenter.sample.demo 2.0.0" as the API gives it. */
export const bundleEl = (hd) => h('span.bundle', hd.bundle || '—');

export function lastSync(hd) {
  const r = state.lastResult(hd.id);
  return h('span.last', timeEl(hd.lastSyncTime), ' ',
    r ? h('a', { href: `#/requests/${r.requestId}` }, badge(r.status)) : null);
}

/** The operator's switches and buttons of one handler, or the viewer's plain yes/no. */
export function controls(ctx, hd, refresh) {
  if (!ctx.operator) return { enabled: yesNo(hd.enabled), active: yesNo(hd.active), actions: null };
  return {
    enabled: switchControl(`Enabled ${hd.id}`, hd.enabled, paths.handler(hd.id, 'enable'), paths.handler(hd.id, 'disable'), refresh),
    active: switchControl(`Active ${hd.id}`, hd.active, paths.handler(hd.id, 'activate'), paths.handler(hd.id, 'deactivate'), refresh),
    actions: h('span.actions',
      actionButton('Sync', `Sync ${hd.id}`, paths.handlerSync(hd.id), undefined, refresh),
      actionButton('Stop', `Stop ${hd.id}`, paths.handlerStop(hd.id), undefined, refresh),
      actionButton('Re-read', `Re-read ${hd.id}`, paths.handlerUpdate(hd.id), undefined, refresh)),
  };
}

export function mount(root, ctx) {
  const offset = Math.max(0, Number(ctx.params.offset) || 0);
  const filter = ctx.params.q || '';
  const only = ctx.params.availability || '';
  let list = null;
  let error = null;

  const go = (o, q = filter, a = only) => {
    const p = new URLSearchParams();
    if (o) p.set('offset', o);
    if (q) p.set('q', q);
    if (a) p.set('availability', a);
    ctx.go(`#/handlers${p.toString() ? `?${p}` : ''}`);
  };
  const search = h('input#handler-filter', { type: 'search', value: filter, placeholder: 'ID, name or comment', 'aria-label': 'Filter handlers' });
  const availabilitySelect = h('select#handler-availability', { 'aria-label': 'Availability' },
    ['', 'SERVING', 'PARKED'].map((v) => h('option', { value: v, selected: v === only }, v || 'any availability')));
  const form = h('form.filters', { on: { submit: (e) => { e.preventDefault(); go(0, search.value.trim(), availabilitySelect.value); } } },
    search, availabilitySelect, h('button', { type: 'submit' }, 'Filter'),
    ctx.operator ? actionButton('Sync all', 'Sync all', '/sync', undefined, () => refresh()) : null,
    ctx.operator ? actionButton('Stop all', 'Stop all', '/stop', undefined, () => refresh()) : null);
  const body = h('div');

  const headers = ['ID', 'Name', 'Comment', 'Bundle', 'Availability', 'Active', 'Enabled', 'Queued', 'Running', 'Last sync', ''];
  function render() {
    if (error) { fill(body, h('p.error', error)); return; }
    if (!list) return;
    const q = filter.toLowerCase();
    const shown = list.filter((hd) => (!only || hd.availability === only)
      && (!q || [hd.id, hd.name, hd.comment].some((t) => String(t || '').toLowerCase().includes(q))));
    const page = shown.slice(offset, offset + PAGE);
    const rows = page.map((hd) => {
      const c = controls(ctx, hd, () => refresh());
      return row({ dataset: { handlerId: hd.id, availability: hd.availability } }, headers, [
        h('a.id', { href: `#/handlers/${encodeURIComponent(hd.id)}` }, hd.id), hd.name, hd.comment || '',
        bundleEl(hd), availability(hd), c.active, c.enabled,
        h('span.num.queued', String(hd.queued)), h('span.num.running', String(hd.running)), lastSync(hd), c.actions]);
    });
    fill(body,
      h('p.muted.count', `${shown.length} of ${list.length} handlers`),
      table('handlers', headers, rows, 'No handler matches.'),
      pager('Handlers', offset, PAGE, page.length, offset + PAGE < shown.length, (o) => go(o), false));
    state.fetchLastResults(page.filter((hd) => hd.lastSyncTime).map((hd) => hd.id), render);
  }

  async function load() {
    try {
      const r = await get('/handlers');
      list = r.entries;
      error = null;
      state.handlersRead(list);
    } catch (e) {
      error = e.describe ? e.describe() : String(e);
    }
    render();
  }
  const refresh = throttle(load, 1000);
  for (const t of ['handler', 'accepted', 'started', 'result', 'reset', 'reconnected']) ctx.on(t, refresh);
  ctx.on('handler', (d) => { // show a park at once, before the list is read again
    const hd = list && list.find((x) => x.id === d.handlerId);
    if (hd && d.change === 'PARKED') { hd.availability = 'PARKED'; render(); }
  });
  const redraw = throttle(render, 250); // a result changes a last sync: one render for a burst of them
  ctx.on('result', redraw);

  fill(root, h('h1', 'Handlers'), form, body);
  load();
  return () => { refresh.cancel(); redraw.cancel(); };
}
