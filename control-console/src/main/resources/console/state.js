// What the console remembers across views from the live stream: each handler's last result, when
// it was seen parked, and its recent changes (a short log per handler).

import { get, seg } from './api.js';

const lastResults = new Map(); // handlerId -> result
const asked = new Set();
const parkedSince = new Map(); // handlerId -> ISO time first seen PARKED
const changes = new Map(); // handlerId -> [{time, change}]
const MAX_CHANGES = 20;

export function resultSeen(result) {
  const old = lastResults.get(result.handlerId);
  if (!old || (old.finishedAt || '') <= (result.finishedAt || '')) lastResults.set(result.handlerId, result);
}

export function handlerChanged(data) {
  const list = changes.get(data.handlerId) || [];
  list.unshift({ time: new Date().toISOString(), change: data.change });
  list.length = Math.min(list.length, MAX_CHANGES);
  changes.set(data.handlerId, list);
  if (data.change === 'PARKED' && !parkedSince.has(data.handlerId)) parkedSince.set(data.handlerId, list[0].time);
}

/** Keeps parkedSince in step with a handler list read from the API. */
export function handlersRead(list) {
  for (const hd of list) {
    if (hd.availability !== 'PARKED') parkedSince.delete(hd.id);
    else if (!parkedSince.has(hd.id)) parkedSince.set(hd.id, null); // parked before this console looked
  }
}

export const lastResult = (id) => lastResults.get(id);
export const parked = (id) => parkedSince.get(id);
export const recentChanges = (id) => changes.get(id) || [];

/**
 * Reads the last result of the handlers that have none here yet (once each); calls done when one
 * was learnt. A failed read is asked again at the next call, not at once: done renders, and a
 * render calls this again, which must not turn an API that refuses into a loop of reads.
 */
export async function fetchLastResults(ids, done) {
  const missing = ids.filter((id) => !lastResults.has(id) && !asked.has(id));
  if (!missing.length) return;
  missing.forEach((id) => asked.add(id));
  const learnt = await Promise.all(missing.map(async (id) => {
    try {
      const page = await get(`/history?handler=${seg(id)}&limit=1`);
      if (page.entries.length) resultSeen(page.entries[0]);
      return page.entries.length > 0;
    } catch {
      setTimeout(() => asked.delete(id), 10000);
      return false;
    }
  }));
  if (learnt.some(Boolean)) done();
}
