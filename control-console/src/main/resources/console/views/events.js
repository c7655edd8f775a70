// Events: newest first, filtered by handler, item and level, paged; new events appear on the first
// page as they are reported.

import { h, fill, table, row, badge, timeEl, pager, offsetParam, throttle, qs } from '../dom.js';
import { get } from '../api.js';

const LIMIT = 50;
const LEVELS = ['INFORMATIONAL', 'WARNING', 'ERROR'];

/** A link of an event: shown as a link only for http(s) references, else as text. */
export function link(e) {
  if (!e.linkText && !e.linkReference) return '';
  const ref = e.linkReference || '';
  const safe = /^https?:\/\//i.test(ref);
  return safe ? h('a', { href: ref, rel: 'noopener noreferrer', target: '_blank' }, e.linkText || ref)
    : h('span', { title: ref }, e.linkText || ref);
}

export function mount(root, ctx) {
  const p = ctx.params;
  const f = { handler: p.handler || '', item: p.item || '', level: p.level || '', offset: offsetParam(p.offset) };
  const go = (c) => ctx.go(`#/events${qs({ ...f, ...c, offset: (c.offset ?? f.offset) || '' })}`);
  const handler = h('input#e-handler', { value: f.handler, placeholder: 'any', 'aria-label': 'Handler' });
  const item = h('input#e-item', { value: f.item, placeholder: 'any', 'aria-label': 'Item' });
  const level = h('select#e-level', { 'aria-label': 'Level' },
    ['', ...LEVELS].map((l) => h('option', { value: l, selected: l === f.level }, l || 'any level')));
  const form = h('form.filters', {
    on: { submit: (e) => { e.preventDefault(); go({ handler: handler.value.trim(), item: item.value.trim(), level: level.value, offset: 0 }); } },
  }, h('label', 'Handler ', handler), h('label', 'Item ', item), h('label', 'Level ', level),
  h('button', { type: 'submit' }, 'Filter'), h('a.reset', { href: '#/events' }, 'Clear'));
  const body = h('div');
  const headers = ['Time', 'Level', 'Handler', 'Item', 'Event', 'Description', 'Request', 'Link'];

  async function load() {
    let page;
    try {
      page = await get(`/events${qs({ handler: f.handler, item: f.item, level: f.level, limit: LIMIT, offset: f.offset })}`);
    } catch (e) {
      fill(body, h('p.error', e.describe ? e.describe() : String(e)));
      return;
    }
    const rows = page.entries.map((e) => row({ dataset: { eventId: e.id, level: e.level } }, headers, [
      timeEl(e.time), badge(e.level),
      h('a', { href: `#/handlers/${encodeURIComponent(e.handlerId)}` }, e.handlerId), e.itemId || '—', e.name,
      e.description || '', e.requestId ? h('a', { href: `#/requests/${e.requestId}` }, String(e.requestId)) : '—', link(e)]));
    fill(body, table('events', headers, rows, 'No event matches.'),
      pager('Events', f.offset, LIMIT, page.entries.length, page.more, (o) => go({ offset: o })));
  }
  const refresh = throttle(load, 500);
  ctx.on('event', (e) => {
    if (f.offset === 0 && (!f.handler || e.handlerId === f.handler) && (!f.item || e.itemId === f.item)) refresh();
  });
  ctx.on('reset', refresh);
  ctx.on('reconnected', refresh);
  fill(root, h('h1', 'Events'), form, body);
  load();
  return () => refresh.cancel();
}
