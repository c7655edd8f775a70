// One handler: its state and switches, its items (enable switches, last outcome, live progress),
// its recent changes, and the operator's start/stop of some items.

import { h, fill, table, row, badge, timeEl, bar, pager, throttle } from '../dom.js';
import { get, seg } from '../api.js';
import { actionButton, switchControl, yesNo, paths } from '../actions.js';
import { availability, bundleEl, lastSync, controls } from './handlers.js';
import * as state from '../state.js';

const PAGE = 50;

export function mount(root, ctx) {
  const id = ctx.id;
  let hd = null;
  let error = null;
  let outcomes = new Map(); // itemId -> {status, requestId} from the handler's recent results
  const progress = new Map(); // itemId -> progress event data
  let handlerText = '';
  let offset = 0;
  const selected = new Set();

  const head = h('div');
  const itemsEl = h('div');
  const changesEl = h('div');

  const selectedItems = () => [...selected];
  function renderHead() {
    if (error) { fill(head, h('p.error', error)); return; }
    if (!hd) return;
    const c = controls(ctx, hd, () => refresh());
    fill(head,
      h('dl.facts#handler-facts', { dataset: { handlerId: hd.id, availability: hd.availability } },
        h('dt', 'Name'), h('dd', hd.name),
        h('dt', 'Comment'), h('dd.comment', hd.comment || '—'),
        h('dt', 'Bundle'), h('dd', bundleEl(hd)),
        h('dt', 'Availability'), h('dd', availability(hd)),
        h('dt', 'Active'), h('dd', c.active),
        h('dt', 'Enabled'), h('dd', c.enabled),
        h('dt', 'Queued / running'), h('dd', `${hd.queued} / ${hd.running}`),
        h('dt', 'Last sync'), h('dd', lastSync(hd)),
        h('dt', 'Now'), h('dd.handler-progress', handlerText || '—'),
        h('dt', 'Capabilities'), h('dd', hd.capabilities.join(', ') || '—'),
        h('dt', 'Policies'), h('dd', hd.policies.join(', ') || '—')),
      c.actions ? h('div.toolbar', c.actions,
        actionButton('Sync selected', `Sync ${hd.id} items`, paths.items(hd.id, 'sync'), () => ({ itemIds: selectedItems() }), () => refresh()),
        actionButton('Stop selected', `Stop ${hd.id} items`, paths.items(hd.id, 'stop'), () => ({ itemIds: selectedItems() }), () => refresh())) : null,
      h('p', h('a', { href: `#/requests?handler=${encodeURIComponent(hd.id)}` }, 'Requests of this handler'), ' · ',
        h('a', { href: `#/events?handler=${encodeURIComponent(hd.id)}` }, 'Events'), ' · ',
        h('a', { href: `#/conflicts?handler=${encodeURIComponent(hd.id)}` }, 'Conflicts')));
  }

  const headers = ['', 'Item', 'Name', 'Comment', 'Enabled', 'Syncing', 'Progress', 'Last sync', 'Last outcome'];
  function renderItems() {
    if (!hd) return;
    const page = hd.items.slice(offset, offset + PAGE);
    const rows = page.map((it) => {
      const p = progress.get(it.id);
      const o = outcomes.get(it.id);
      const pick = ctx.operator ? h('input', {
        type: 'checkbox', checked: selected.has(it.id), 'aria-label': `Select ${it.id}`, dataset: { action: 'select' },
        on: { change: (e) => (e.target.checked ? selected.add(it.id) : selected.delete(it.id)) },
      }) : '';
      return row({ dataset: { itemId: it.id } }, headers, [
        pick, h('span.id', it.id), it.name, it.comment || '',
        ctx.operator ? switchControl(`Enabled ${hd.id}/${it.id}`, it.enabled, paths.item(hd.id, it.id, 'enable'),
          paths.item(hd.id, it.id, 'disable'), () => refresh()) : yesNo(it.enabled),
        it.syncing ? badge('SYNCING') : '',
        p ? h('span.progress', bar(p.fraction, `${it.id} progress`), h('small', p.text || p.status)) : '',
        timeEl(it.lastSyncTime),
        o ? h('a', { href: `#/requests/${o.requestId}` }, badge(o.status)) : '—']);
    });
    fill(itemsEl, h('h2', `Items (${hd.items.length})`),
      table('items', headers, rows, 'This handler offers no items.'),
      pager('Items', offset, PAGE, page.length, offset + PAGE < hd.items.length, (o) => { offset = o; renderItems(); }, false));
  }

  function renderChanges() {
    const list = state.recentChanges(id);
    fill(changesEl, h('h2', 'Recent changes'), list.length
      ? h('ol#handler-changes.changes', list.map((c) => h('li', { dataset: { change: c.change } }, timeEl(c.time), ' ', c.change)))
      : h('p.muted', 'None seen since this console opened.'));
  }

  async function load() {
    try {
      const [handler, history] = await Promise.all([get(`/handlers/${seg(id)}`), get(`/history?handler=${seg(id)}&limit=50`)]);
      hd = handler;
      error = null;
      state.handlersRead([hd]);
      outcomes = new Map();
      for (const r of history.entries) { // newest first: keep each item's latest
        for (const [item, status] of Object.entries(r.items)) if (!outcomes.has(item)) outcomes.set(item, { status, requestId: r.requestId });
      }
      if (history.entries.length) state.resultSeen(history.entries[0]);
    } catch (e) {
      error = e.status === 404 ? `No handler ${id} is known.` : (e.describe ? e.describe() : String(e));
      hd = null;
    }
    renderHead();
    renderItems();
    renderChanges();
  }
  const refresh = throttle(load, 500);
  const mine = (d) => d && d.handlerId === id;
  ctx.on('handler', (d) => {
    if (!mine(d)) return;
    if (hd && d.change === 'PARKED') { hd.availability = 'PARKED'; renderHead(); }
    renderChanges();
    refresh();
  });
  for (const t of ['accepted', 'started', 'result']) ctx.on(t, (d) => mine(d) && refresh());
  ctx.on('reset', refresh);
  ctx.on('reconnected', refresh);
  const redrawItems = throttle(renderItems, 250);
  ctx.on('progress', (d) => { if (mine(d)) { progress.set(d.itemId, d); redrawItems(); } });
  ctx.on('handler-progress', (d) => {
    if (!mine(d)) return;
    handlerText = d.text;
    const el = head.querySelector('.handler-progress');
    if (el) el.textContent = d.text || '—';
  });

  fill(root, h('p.crumbs', h('a', { href: '#/handlers' }, 'Handlers'), ' › ', id), h('h1', id), head, itemsEl, changesEl);
  load();
  return () => { refresh.cancel(); redrawItems.cancel(); };
}
