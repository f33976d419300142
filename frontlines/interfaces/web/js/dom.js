// DOM helpers: every piece of text becomes a text node (never HTML), so that article
// text, titles and actor names are shown exactly as written.

const SVG_NS = 'http://www.w3.org/2000/svg';

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.setAttribute('class', value);
    else if (key === 'text') node.textContent = String(value);
    else if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** An HTML element: el('a', {href: '#/map'}, 'Map'). Strings are text, never markup. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

/** An SVG element. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

/** Append children (strings as text, arrays flattened, null skipped) to ``node``. */
export function add(node, ...children) {
  append(node, children);
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** An http(s) URL to link to, or null for anything else (javascript:, data:, ...). */
export function safeUrl(value) {
  if (!value) return null;
  try {
    const url = new URL(String(value), window.location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch (err) {
    return null;
  }
}

/** A hash route with encoded parts: route('events', id) -> '#/events/<id>'. */
export function route(...parts) {
  return '#/' + parts.map((p) => encodeURIComponent(String(p))).join('/');
}

/** "1 event", "3 events". */
export function plural(n, word) {
  return `${fmtNumber(n)} ${word}${Number(n) === 1 ? '' : 's'}`;
}

export function fmtNumber(n) {
  return n === null || n === undefined ? '' : Number(n).toLocaleString('en');
}

/** A small coloured dot (SVG, so that no inline style is needed). */
export function swatch(colour, label) {
  return svg('svg', {class: 'swatch', viewBox: '0 0 10 10', width: 12, height: 12,
    role: label ? 'img' : null, 'aria-label': label || null,
    'aria-hidden': label ? null : 'true'},
  svg('circle', {cx: 5, cy: 5, r: 4.5, fill: colour, stroke: '#333', 'stroke-width': 0.6}));
}

let statusTimer = null;
/** A message in the status line (read by screen readers). */
export function status(message, isError = false) {
  const node = document.getElementById('status');
  if (!node) return;
  node.textContent = message || '';
  node.classList.toggle('error', Boolean(isError));
  node.classList.toggle('shown', Boolean(message));
  clearTimeout(statusTimer);
  if (message && !isError) statusTimer = setTimeout(() => status(''), 4000);
}
