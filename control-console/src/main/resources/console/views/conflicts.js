// Conflicts as the handlers last reported them (read-only: resolving them is a later issue).

import { h, fill, table, row, pager, offsetParam, throttle, qs } from '../dom.js';
import { get } from '../api.js';

const LIMIT = 50;

export function mount(root, ctx) {
  const p = ctx.params;
  const f = { handler: p.handler || '', offset: offsetParam(p.offset) };
  const go = (c) => ctx.go(`#/conflicts${qs({ ...f, ...c, offset: (c.offset ?? f.offset) || '' })}`);
  const handler = h('input#c-handler', { value: f.handler, placeholder: 'any', 'aria-label': 'Handler' });
  const form = h('form.filters', { on: { submit: (e) => { e.preventDefault(); go({ handler: handler.value.trim(), offset: 0 }); } } },
    h('label', 'Handler ', handler), h('button', { type: 'submit' }, 'Filter'), h('a.reset', { href: '#/conflicts' }, 'Clear'));
  const body = h('div');
  const headers = ['Conflict', 'Handler', 'Item', 'Name', 'Description'];
  async function load() {
    try {
      const page = await get(`/conflicts${qs({ handler: f.handler, limit: LIMIT, offset: f.offset })}`);
      const rows = page.entries.map((c) => row({ dataset: { conflictId: c.id } }, headers, [
        c.id, h('a', { href: `#/handlers/${encodeURIComponent(c.handlerId)}` }, c.handlerId), c.itemId || '—', c.name || '', c.description || '']));
      fill(body, table('conflicts', headers, rows, 'No conflict.'),
        pager('Conflicts', f.offset, LIMIT, page.entries.length, page.more, (o) => go({ offset: o })));
    } catch (e) {
      fill(body, h('p.error', e.describe ? e.describe() : String(e)));
    }
  }
  const refresh = throttle(load, 1000);
  ctx.on('handler', (d) => d.change === 'CONFLICTS_CHANGED' && refresh());
  ctx.on('reset', refresh);
  fill(root, h('h1', 'Conflicts'), h('p.muted', 'As each handler last reported them. Resolving them comes with the conflicts issue.'), form, body);
  load();
  return () => refresh.cancel();
}
