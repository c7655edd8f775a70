// Small DOM helpers. Text is always set as text (never as HTML), so nothing the API returns can
// inject markup.

/** h('tag.class#id', {attrs, on: {click}}, ...children): an element. */
export function h(spec, attrs, ...children) {
  const m = /^([a-z0-9]+)((?:[.#][\w-]+)*)$/i.exec(spec);
  const el = document.createElement(m ? m[1] : 'div');
  if (m && m[2]) {
    for (const part of m[2].match(/[.#][\w-]+/g)) {
      if (part[0] === '.') el.classList.add(part.slice(1));
      else el.id = part.slice(1);
    }
  }
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/**
 * Replaces the children of el. When the focus was on a control inside el (a keyboard user on a list
 * that the stream makes the view read again), it goes to the same control of the new children.
 */
export function fill(el, ...children) {
  const focused = document.activeElement;
  const key = focused && focused !== el && el.contains(focused) ? focusKey(focused) : null;
  el.replaceChildren();
  append(el, children);
  if (key) {
    const same = [...el.querySelectorAll(focused.tagName)].find((c) => focusKey(c) === key);
    if (same) same.focus({ preventScroll: true });
  }
  return el;
}

/** What makes a control the same one after a re-render: what it is and does, and its row's IDs. */
function focusKey(c) {
  const row = c.closest('tr');
  const ids = row ? Object.entries(row.dataset).filter(([k]) => k.endsWith('Id')).flat() : [];
  return JSON.stringify([c.tagName, c.id, c.dataset.action || '', c.getAttribute('aria-label') || '',
    c.getAttribute('href') || '', c.type || '', c.textContent, ids]);
}

export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  const today = new Date().toDateString() === d.toDateString();
  return today ? d.toLocaleTimeString() : d.toLocaleString();
}

export function timeEl(iso) {
  return iso ? h('time', { datetime: iso, title: iso }, time(iso)) : '—';
}

/** Milliseconds between two ISO times as "1.2 s", "3 min 4 s". */
export function duration(fromIso, toIso) {
  if (!fromIso || !toIso) return '—';
  const ms = new Date(toIso) - new Date(fromIso);
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60000)} min ${Math.round((ms % 60000) / 1000)} s`;
}

/** A status word as a badge: SUCCEEDED, FAILED, RUNNING, PARKED ... */
export function badge(word, extra) {
  const w = String(word || '—');
  return h('span.badge', { class: `badge s-${w.toLowerCase()}`, dataset: { status: w } }, extra ? `${w} ${extra}` : w);
}

/** A progress bar: fraction 0..1, or indeterminate when fraction is missing. */
export function bar(fraction, label) {
  const attrs = { max: 1, 'aria-label': label || 'progress' };
  if (typeof fraction === 'number' && fraction >= 0) attrs.value = Math.min(1, fraction);
  return h('progress', attrs);
}

/** A table with a header row; rows is an array of <tr>. */
export function table(id, headers, rows, empty) {
  return h('div.table-wrap',
    h('table', { id },
      h('thead', h('tr', headers.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', rows.length ? rows : h('tr.empty', h('td', { colSpan: headers.length }, empty || 'Nothing here.')))));
}

/** A row whose cells carry their column name, so the phone layout can show it beside the value. */
export function row(attrs, headers, cells) {
  return h('tr', attrs, cells.map((c, i) => h('td', { 'data-label': headers[i] }, c)));
}

/** The deepest offset the API pages to: a next page beyond it would be refused (400). */
export const MAX_OFFSET = 10000;

/** A page offset from the address: a whole number from 0 to MAX_OFFSET. */
export const offsetParam = (v) => Math.min(MAX_OFFSET, Math.max(0, Math.floor(Number(v)) || 0));

/**
 * Previous/next paging for a list read with offset and limit; more says whether a next page exists.
 * Lists the API pages (api = true, the default) have no next page beyond MAX_OFFSET.
 */
export function pager(label, offset, limit, count, more, go, api = true) {
  const first = count ? offset + 1 : 0;
  const next = more && (!api || offset + limit <= MAX_OFFSET);
  return h('nav.pager', { 'aria-label': `${label} pages` },
    h('button', { type: 'button', disabled: offset <= 0, on: { click: () => go(Math.max(0, offset - limit)) } }, '‹ Newer'),
    h('span.range', { dataset: { offset, count } }, count ? `${first}–${offset + count}${more ? ' …' : ''}` : 'none'),
    h('button', { type: 'button', disabled: !next, on: { click: () => go(offset + limit) } }, 'Older ›'));
}

/** Calls fn at most every ms milliseconds, and once more after the last call (trailing). */
export function throttle(fn, ms) {
  let timer = null;
  let pending = false;
  let last = 0;
  const run = () => {
    timer = null;
    pending = false;
    last = Date.now();
    fn();
  };
  const wrapped = () => {
    if (timer) { pending = true; return; }
    const wait = Math.max(0, last + ms - Date.now());
    timer = setTimeout(run, wait);
  };
  wrapped.cancel = () => { if (timer) clearTimeout(timer); timer = null; pending = false; };
  wrapped.pending = () => pending || timer !== null;
  return wrapped;
}

/** Query string of an object, leaving out empty values. */
export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}
