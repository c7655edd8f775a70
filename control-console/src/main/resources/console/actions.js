// Operator actions: each one is an API call; its refusal is shown as the API's own message, and
// stays until dismissed. Views build buttons with actionButton() only when ctx.operator is true,
// so a viewer's page has no action controls at all.

import { h } from './dom.js';
import { send, seg } from './api.js';

const notices = () => document.getElementById('notices');

/** Shows a notice; kind is 'ok' (goes by itself) or 'refusal' (stays until dismissed). */
export function notify(kind, ...content) {
  const close = h('button.close', { type: 'button', 'aria-label': 'Dismiss' }, '×');
  const el = h('div.notice', { class: `notice ${kind}`, role: kind === 'refusal' ? 'alert' : 'status' },
    h('span.text', ...content), close);
  close.addEventListener('click', () => el.remove());
  const list = notices();
  list.prepend(el);
  while (list.children.length > 5) list.lastElementChild.remove();
  if (kind === 'ok') setTimeout(() => el.remove(), 8000);
  return el;
}

/**
 * Runs an action: calls the API, tells the result, and returns the answer (or null when refused).
 * label says what was asked, e.g. "Sync demo"; method is POST unless said (DELETE of a schedule).
 */
export async function act(label, path, body, method = 'POST') {
  try {
    const answer = await send(method, path, body);
    if (answer && answer.requestId) {
      const link = h('a', { href: `#/requests/${answer.requestId}`, dataset: { requestId: answer.requestId } },
        `request ${answer.requestId}`);
      notify('ok', `${label}: accepted as `, link);
    } else if (answer && answer.requests) {
      notify('ok', `${label}: ${answer.requests.length} requests accepted`);
    } else if (answer && answer.outcomes) {
      const failed = answer.outcomes.filter((o) => o.result === 'FAILED').length;
      const count = (r) => answer.outcomes.filter((o) => o.result === r).length;
      notify(failed ? 'refusal' : 'ok', `${label}: ${count('RESOLVED')} resolved, ${failed} failed, ${count('SKIPPED')} skipped`);
    } else {
      notify('ok', `${label}: done`);
    }
    return answer || {};
  } catch (e) {
    const text = e.describe ? e.describe() : String(e);
    notify('refusal', `${label}. ${text}`).dataset.reason = e.reason || '';
    return null;
  }
}

/**
 * Marks a control busy while its call is under way: aria-disabled, and clicks ignored. Not the
 * disabled property, which takes the focus away from a keyboard user who just pressed it.
 */
function busy(el, on) {
  if (on) el.setAttribute('aria-disabled', 'true');
  else el.removeAttribute('aria-disabled');
}
const isBusy = (el) => el.getAttribute('aria-disabled') === 'true';

/**
 * A button that runs an action; busy while the call is under way. extra holds more attributes of
 * the button, and its method (default POST) is the call's.
 */
export function actionButton(text, label, path, body, after, extra) {
  const { method, ...attrs } = extra || {};
  const b = h('button.action', { type: 'button', dataset: { action: label }, ...attrs }, text);
  b.addEventListener('click', async () => {
    if (isBusy(b)) return;
    busy(b, true);
    try {
      const r = await act(label, path, typeof body === 'function' ? body() : body, method);
      if (after) after(r);
    } finally {
      busy(b, false);
    }
  });
  return b;
}

/**
 * A switch (a checkbox with role=switch) for an on/off state: enabled, active. Turning it calls
 * onPath or offPath; a refusal puts it back.
 */
export function switchControl(label, checked, onPath, offPath, after) {
  const input = h('input', { type: 'checkbox', role: 'switch', checked, 'aria-label': label, dataset: { action: label } });
  input.addEventListener('click', (e) => { if (isBusy(input)) e.preventDefault(); });
  input.addEventListener('change', async () => {
    const want = input.checked;
    busy(input, true);
    const r = await act(`${label}: ${want ? 'on' : 'off'}`, want ? onPath : offPath);
    busy(input, false);
    if (r === null) input.checked = !want;
    if (after) after(r);
  });
  return h('span.switch', input);
}

/** What a viewer sees instead of a switch. */
export const yesNo = (v) => h('span.flag', { class: `flag ${v ? 'on' : 'off'}` }, v ? 'yes' : 'no');

export const paths = {
  handlerSync: (id) => `/handlers/${seg(id)}/sync`,
  handlerStop: (id) => `/handlers/${seg(id)}/stop`,
  handlerUpdate: (id) => `/handlers/${seg(id)}/update`,
  handler: (id, what) => `/handlers/${seg(id)}/${what}`,
  items: (id, what) => `/handlers/${seg(id)}/items/${what}`,
  item: (id, item, what) => `/handlers/${seg(id)}/items/${seg(item)}/${what}`,
  requestStop: (id) => `/requests/${id}/stop`,
  backoff: (id, item, what) => `/backoffs/${seg(id)}/${seg(item)}/${what}`,
  schedule: (id) => `/schedules/${seg(id)}`,
  resolve: (id) => `/conflicts/${seg(id)}/resolve`,
};
