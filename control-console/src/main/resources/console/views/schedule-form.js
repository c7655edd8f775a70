// The operator's form that creates a schedule or replaces one put through the API (PUT
// /api/schedules/{id}, C44): an ID, a handler, some items or none (the whole handler), and either an
// ISO-8601 interval or a Quartz cron expression with its time zone. The API checks every field;
// its refusal is shown in the form, beside the field it names.

import { h, fill } from '../dom.js';
import { get, put } from '../api.js';
import { notify, paths } from '../actions.js';

/** The form; done() is called after a schedule was saved. Returns { el, edit(schedule) }. */
export function scheduleForm(done) {
  const field = (id, attrs) => h('input', { id, autocomplete: 'off', ...attrs });
  const id = field('s-id', { required: true, placeholder: 'nightly-photos' });
  const handler = field('s-handler', { required: true, list: 's-handler-ids', placeholder: 'demo' });
  const datalist = h('datalist#s-handler-ids');
  get('/handlers').then((r) => fill(datalist, r.entries.slice(0, 500).map((x) => h('option', { value: x.id })))).catch(() => {});
  const items = field('s-items', { placeholder: 'all items; or alpha, beta' });
  const kind = h('select#s-kind', h('option', { value: 'every' }, 'every (interval)'), h('option', { value: 'cron' }, 'cron expression'));
  const every = field('s-every', { placeholder: 'PT15M' });
  const cron = field('s-cron', { placeholder: '0 0 3 * * ?' });
  const zone = field('s-zone', { placeholder: 'UTC' });
  const error = h('p.error#s-error', { role: 'alert', hidden: true });
  const everyLabel = h('label', 'Every ', every, h('small.muted', ' ISO-8601: PT15M, PT1H, P1D'));
  const cronLabels = [h('label', 'Cron ', cron, h('small.muted', ' Quartz, with seconds')), h('label', 'Zone ', zone)];
  const showKind = () => {
    everyLabel.hidden = kind.value !== 'every';
    cronLabels.forEach((l) => { l.hidden = kind.value !== 'cron'; });
  };
  kind.addEventListener('change', showKind);
  showKind();
  // The API names a bad field as the body does (itemIds[1]: the items field); the path's ID is "schedule".
  const byArgument = { schedule: id, handlerId: handler, itemIds: items, every, cron, zone };
  const inputs = Object.values(byArgument);

  async function save(e) {
    e.preventDefault();
    inputs.forEach((i) => i.removeAttribute('aria-invalid'));
    error.hidden = true;
    const body = { handlerId: handler.value.trim(), itemIds: items.value.split(',').map((s) => s.trim()).filter(Boolean) };
    if (kind.value === 'every') body.every = every.value.trim();
    else {
      body.cron = cron.value.trim();
      if (zone.value.trim()) body.zone = zone.value.trim();
    }
    try {
      const s = await put(paths.schedule(id.value.trim()), body);
      notify('ok', `Schedule ${s.id} saved: next run `, h('time', { datetime: s.nextRunAt }, new Date(s.nextRunAt).toLocaleString()));
      done();
    } catch (err) {
      error.textContent = err.describe ? err.describe() : String(err);
      error.hidden = false;
      const bad = byArgument[String(err.argument || '').replace(/\[\d+\]$/, '')];
      if (bad) { bad.setAttribute('aria-invalid', 'true'); bad.focus(); }
    }
  }

  const el = h('form#schedule-form.card.schedule-form', { on: { submit: save } },
    h('h2', 'Create or replace a schedule'),
    h('div.fields', h('label', 'ID ', id), h('label', 'Handler ', handler), datalist, h('label', 'Items ', items),
      h('label', 'When ', kind), everyLabel, cronLabels),
    error,
    h('button#s-submit', { type: 'submit' }, 'Save schedule'));

  /** Fills the form with a schedule, to change it. */
  function edit(s) {
    id.value = s.id;
    handler.value = s.handlerId;
    items.value = s.itemIds.join(', ');
    kind.value = s.cron ? 'cron' : 'every';
    every.value = s.every || '';
    cron.value = s.cron || '';
    zone.value = s.zone || '';
    showKind();
    id.focus();
  }
  return { el, edit };
}
