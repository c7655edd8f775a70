// Conflicts as the handlers last reported them (C46, C47): each conflict's type, its versions and,
// for operators, a button for each choice it offers (keep the most recent, keep one version, keep
// them all, remove the item from the sync set) with "apply to all of this type". A resolution's
// outcomes are shown under the table; a resolved conflict stays listed until its handler's store
// no longer reports it, so the list is read again after each.

import { h, fill, table, row, pager, offsetParam, throttle, qs, timeEl } from '../dom.js';
import { get } from '../api.js';
import { actionButton, paths } from '../actions.js';

const LIMIT = 50;

/** One version: its index, name, where it is, when it changed, its size. */
function version(v) {
  return h('li', { dataset: { index: v.index } }, h('span.id', `#${v.index}`), ' ', v.name,
    v.location ? ` @ ${v.location}` : '', v.modifiedAt ? [', ', timeEl(v.modifiedAt)] : '',
    v.size !== undefined ? `, ${v.size} bytes` : '');
}

/** Kept versions for "keep all": the first under its own name, the others under their alternate names. */
const keepAll = (c) => c.versions.map((v, i) => (i === 0 || !v.alternateName ? { index: v.index }
  : { index: v.index, newName: v.alternateName }));

/** The buttons of the choices a conflict offers, and its "apply to all of this type" checkbox. */
function choices(c, after) {
  const all = h('input', { type: 'checkbox', 'aria-label': `Apply to all conflicts of type ${c.type || '(none)'}`,
    dataset: { applyToAll: c.id } });
  const body = (choice) => () => ({ conflictIds: [c.id], choice, applyToAll: all.checked });
  const path = paths.resolve(c.handlerId);
  const button = (text, choice) => actionButton(text, `${text}: conflict ${c.id}`, path, body(choice), after);
  const offers = new Set(c.abilities);
  const buttons = [];
  if (offers.has('KEEP_RECENT')) buttons.push(button('Keep recent', { kind: 'KEEP_RECENT' }));
  if (offers.has('KEEP_SINGLE')) {
    c.versions.forEach((v) => buttons.push(button(`Keep #${v.index}${v.location ? ` (${v.location})` : ''}`,
      { kind: 'KEEP_ITEMS', kept: [{ index: v.index }] })));
  }
  if (offers.has('KEEP_MULTIPLE') && c.versions.length > 1) {
    buttons.push(button(c.versions.length === 2 ? 'Keep both' : 'Keep all', { kind: 'KEEP_ITEMS', kept: keepAll(c) }));
  }
  if (offers.has('REMOVE_FROM_SYNC_SET')) buttons.push(button('Remove from sync set', { kind: 'REMOVE_FROM_SYNC_SET' }));
  if (!buttons.length) return h('span.muted', 'not resolvable here');
  return h('span.resolve', h('span.actions', buttons), h('label.apply-all', all, ' apply to all of this type'));
}

/** The outcomes of the last resolution: each conflict, RESOLVED, FAILED or SKIPPED, and why. */
function outcomes(answer) {
  return [h('h2', 'Last resolution'), h('ul.outcomes', answer.outcomes.map((o) =>
    h('li', { class: `outcome ${o.result.toLowerCase()}`, dataset: { conflictId: o.conflictId, result: o.result } },
      h('span.id', o.conflictId), ` ${o.result}`, o.message ? `: ${o.message}` : '')))];
}

export function mount(root, ctx) {
  const p = ctx.params;
  const f = { handler: p.handler || '', offset: offsetParam(p.offset) };
  const go = (c) => ctx.go(`#/conflicts${qs({ ...f, ...c, offset: (c.offset ?? f.offset) || '' })}`);
  const handler = h('input#c-handler', { value: f.handler, placeholder: 'any', 'aria-label': 'Handler' });
  const form = h('form.filters', { on: { submit: (e) => { e.preventDefault(); go({ handler: handler.value.trim(), offset: 0 }); } } },
    h('label', 'Handler ', handler), h('button', { type: 'submit' }, 'Filter'), h('a.reset', { href: '#/conflicts' }, 'Clear'));
  const body = h('div');
  const last = h('div#c-outcomes');
  const headers = ['Conflict', 'Handler', 'Item', 'Type', 'Name', 'Description', 'Versions', ...(ctx.operator ? [''] : [])];
  const resolved = (answer) => {
    if (answer && answer.outcomes) fill(last, outcomes(answer));
    load();
  };
  async function load() {
    try {
      const page = await get(`/conflicts${qs({ handler: f.handler, limit: LIMIT, offset: f.offset })}`);
      const rows = page.entries.map((c) => row({ dataset: { conflictId: c.id, handlerId: c.handlerId } }, headers, [
        c.id, h('a', { href: `#/handlers/${encodeURIComponent(c.handlerId)}` }, c.handlerId), c.itemId || '—',
        c.type || '—', c.name || '', c.description || '',
        c.versions.length ? h('ol.versions', c.versions.map(version)) : '—',
        ...(ctx.operator ? [choices(c, resolved)] : [])]));
      fill(body, table('conflicts', headers, rows, 'No conflict.'),
        pager('Conflicts', f.offset, LIMIT, page.entries.length, page.more, (o) => go({ offset: o })));
    } catch (e) {
      fill(body, h('p.error', e.describe ? e.describe() : String(e)));
    }
  }
  const refresh = throttle(load, 1000);
  ctx.on('handler', (d) => d.change === 'CONFLICTS_CHANGED' && refresh());
  ctx.on('reset', refresh);
  fill(root, h('h1', 'Conflicts'), h('p.muted', 'As each handler last reported them. A resolved conflict stays'
    + ' listed until its handler no longer reports it.'), form, body, last);
  load();
  return () => refresh.cancel();
}
