// Items in backoff after transient failures (C43): how often each failed, when it is tried again
// and why it failed, the requests that wait for it, and an operator's "Retry now" and "Give up".
// A part of the Problems page: an item in backoff is a problem that may solve itself.

import { h, table, row, timeEl } from '../dom.js';
import { get } from '../api.js';
import { actionButton, paths } from '../actions.js';

/** Items listed at most; the count says how many more wait. */
const SHOWN = 50;

/** The first page of backoffs; the API's "more" says whether there are others. */
export const read = () => get(`/backoffs?limit=${SHOWN}`);

const requestLink = (id) => h('a', { href: `#/requests/${id}`, dataset: { requestId: id } }, String(id));

/** The section: heading, table, and for operators the two buttons of each item. */
export function section(ctx, page, refresh) {
  const headers = ['Handler', 'Item', 'Failures', 'Retry at', 'Reason', 'Waiting requests', ''];
  const rows = page.entries.map((b) => {
    const name = `${b.handlerId}/${b.itemId}`;
    return row({ dataset: { handlerId: b.handlerId, itemId: b.itemId } }, headers, [
      h('a', { href: `#/handlers/${encodeURIComponent(b.handlerId)}` }, b.handlerId), h('span.id', b.itemId),
      String(b.failures), h('span', { title: b.delay ? `backoff ${b.delay}` : '' }, timeEl(b.retryAt)), b.reason || '',
      b.waitingRequests.length ? h('span.links', b.waitingRequests.map((id, i) => [i ? ', ' : '', requestLink(id)])) : '—',
      ctx.operator ? h('span.actions',
        actionButton('Retry now', `Retry ${name} now`, paths.backoff(b.handlerId, b.itemId, 'retry'), undefined, refresh),
        actionButton('Give up', `Give up ${name}`, paths.backoff(b.handlerId, b.itemId, 'give-up'), undefined, refresh)) : '']);
  });
  return [
    h('h2', `Items in backoff (${page.entries.length}${page.more ? '+' : ''})`),
    table('backoffs', headers, rows, 'No item waits for a retry.'),
    page.more ? h('p.muted', `Only the first ${SHOWN} are shown.`) : null];
}
