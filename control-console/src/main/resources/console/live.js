// Live updates: one EventSource on /synccenter/api/stream for the whole console. EventSource
// reconnects by itself (with Last-Event-ID) when a working stream breaks; when it gives up (an HTTP
// error, such as 503 while the platform restarts), this opens a new one after a growing pause and
// resumes from the last event seen. After a `reset` (the stream cannot resume) or a reconnection,
// the views re-read what they show.

import { streamUrl } from './api.js';

const TYPES = ['accepted', 'started', 'progress', 'handler-progress', 'result', 'event', 'handler', 'reset'];

export class Live {
  constructor(indicator, onGone) {
    this.indicator = indicator;
    this.onGone = onGone;
    this.handlers = new Map(); // type -> Set(fn)
    this.lastId = null;
    this.source = null;
    this.retry = 1000;
    this.timer = null;
    this.everOpen = false;
    this.run = 0;
  }

  start() {
    this.stop();
    const url = new URL(streamUrl());
    if (this.lastId) url.searchParams.set('lastEventId', this.lastId);
    const source = new EventSource(url);
    this.source = source;
    this.state('connecting');
    source.onopen = () => {
      const again = this.everOpen;
      this.everOpen = true;
      this.retry = 1000;
      this.state('live');
      if (again) this.emit('reconnected', {});
    };
    source.onerror = () => {
      if (source !== this.source) return;
      if (source.readyState === EventSource.CLOSED) {
        // An HTTP error: EventSource gives up. Find out whether the session ended, else try again.
        this.state('reconnecting');
        this.timer = setTimeout(() => this.probe(), this.retry);
        this.retry = Math.min(this.retry * 2, 30000);
      } else {
        this.state('reconnecting'); // EventSource tries again by itself
      }
    };
    for (const type of TYPES) {
      source.addEventListener(type, (e) => {
        if (e.lastEventId) this.lastId = e.lastEventId;
        let data = null;
        try { data = JSON.parse(e.data); } catch { return; }
        this.emit(type, data);
      });
    }
  }

  async probe() {
    const run = this.run; // a stop() or start() meanwhile makes this probe stale
    try {
      const r = await fetch(new URL('session', new URL(streamUrl())), { credentials: 'same-origin', headers: { 'X-Requested-With': 'XMLHttpRequest' } });
      if (run !== this.run) return;
      if (r.status === 401) { this.stop(); this.onGone(); return; }
    } catch { /* not reachable: try again */ }
    if (run === this.run) this.start();
  }

  stop() {
    this.run += 1;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.source) this.source.close();
    this.source = null;
    this.state('off');
  }

  state(s) {
    this.indicator.dataset.state = s;
    this.indicator.textContent = { live: 'live', connecting: 'connecting…', reconnecting: 'reconnecting…', off: 'offline' }[s];
  }

  /** Subscribes fn to a type ('reconnected' too); returns the unsubscribe function. */
  on(type, fn) {
    if (!this.handlers.has(type)) this.handlers.set(type, new Set());
    this.handlers.get(type).add(fn);
    return () => this.handlers.get(type).delete(fn);
  }

  emit(type, data) {
    for (const fn of this.handlers.get(type) || []) {
      try { fn(data); } catch (e) { console.error(`live ${type}`, e); }
    }
  }
}
