// Schedules (C44): every schedule, from configurations and from the API, with when it runs next,
// its last run and request, whether a run is held for its handler (C45), and how many runs it
// started or coalesced. Operators also get the form to create or replace one, and Edit and Delete
// for those put through the API; a configuration's schedule is changed in its file only.

import { h, fill, table, row, badge, timeEl, pager, offsetParam, throttle, qs } from '../dom.js';
import { get } from '../api.js';
import { actionButton, paths } from '../actions.js';
import { scheduleForm } from './schedule-form.js';

const LIMIT = 50;

/** "every PT1H" or "cron 0 0 3 * * ? (Europe/Paris)". */
const when = (s) => (s.cron ? `cron ${s.cron} (${s.zone || 'UTC'})` : `every ${s.every}`);

export function mount(root, ctx) {
  const offset = offsetParam(ctx.params.offset);
  const body = h('div');
  const form = ctx.operator ? scheduleForm(() => refresh()) : null;
  const headers = ['ID', 'Origin', 'Handler', 'Items', 'When', 'Next run', 'Last run', 'Last request', 'Held', 'Runs', 'Coalesced', ''];

  function actions(s) {
    if (!ctx.operator || s.origin !== 'CONTROL') return '';
    return h('span.actions',
      h('button', { type: 'button', dataset: { edit: s.id }, on: { click: () => form.edit(s) } }, 'Edit'),
      actionButton('Delete', `Delete schedule ${s.id}`, paths.schedule(s.id), undefined, () => refresh(), { method: 'DELETE' }));
  }

  async function load() {
    let page;
    try {
      page = await get(`/schedules${qs({ limit: LIMIT, offset })}`);
    } catch (e) {
      fill(body, h('p.error', e.describe ? e.describe() : String(e)));
      return;
    }
    const rows = page.entries.map((s) => row({ dataset: { scheduleId: s.id, origin: s.origin } }, headers, [
      h('span.id', s.id), badge(s.origin), h('a', { href: `#/handlers/${encodeURIComponent(s.handlerId)}` }, s.handlerId),
      s.itemIds.length ? s.itemIds.join(', ') : 'all', when(s), timeEl(s.nextRunAt), timeEl(s.lastRunAt),
      s.lastRequestId ? h('a', { href: `#/requests/${s.lastRequestId}`, dataset: { requestId: s.lastRequestId } }, String(s.lastRequestId)) : '—',
      s.held ? badge('HELD') : 'no', String(s.runs), String(s.coalesced), actions(s)]));
    fill(body, table('schedules', headers, rows, 'No schedule.'),
      pager('Schedules', offset, LIMIT, page.entries.length, page.more, (o) => ctx.go(`#/schedules${qs({ offset: o || '' })}`)));
  }

  const refresh = throttle(load, 1000);
  // A run is an accepted request, its end a result; a handler that can sync again releases a held run.
  for (const t of ['accepted', 'result', 'handler', 'reset', 'reconnected']) ctx.on(t, refresh);
  // The stream has no event for a schedule put or removed elsewhere (bin/sync, another console): read again now and then.
  const poll = setInterval(refresh, 30000);
  fill(root, h('h1', 'Schedules'),
    h('p.muted', 'Schedules start syncs by themselves (C44). Those of a configuration (etc/dev.synccenter.schedule-*.cfg) change with their file only.'),
    form ? form.el : null, body);
  load();
  return () => { refresh.cancel(); clearInterval(poll); };
}
