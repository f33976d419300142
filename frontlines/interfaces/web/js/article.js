// An article's text with evidence spans marked: text nodes and <mark> elements only.

import {el, safeUrl, route} from './dom.js';

/** Non-overlapping [start, end) spans inside a text of ``length`` characters, sorted. */
export function mergeSpans(spans, length) {
  const sorted = spans
    .map((s) => ({start: Math.max(0, s.start), end: Math.min(length, s.end), ids: [s.event_id]}))
    .filter((s) => s.start < s.end)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      last.ids.push(...span.ids);
    } else {
      out.push(span);
    }
  }
  return out;
}

/** A <div> holding ``text`` with ``spans`` wrapped in <mark>. */
export function markedText(text, spans, options = {}) {
  const box = el('div', {class: 'article-text'});
  let at = 0;
  for (const span of mergeSpans(spans, text.length)) {
    if (span.start > at) box.append(document.createTextNode(text.slice(at, span.start)));
    const mark = el('mark', {dataset: {events: span.ids.join(' ')}},
      text.slice(span.start, span.end));
    if (options.current && span.ids.includes(options.current)) mark.classList.add('current');
    box.append(mark);
    at = span.end;
  }
  if (at < text.length) box.append(document.createTextNode(text.slice(at)));
  return box;
}

/** The heading and byline of a document. */
export function documentHeader(doc, level = 'h3') {
  const link = safeUrl(doc.url);
  return el('header', {class: 'doc-head'},
    el(level, {class: 'doc-title'}, doc.title || doc.id),
    el('p', {class: 'meta'},
      [doc.source, doc.published].filter(Boolean).join(' · '),
      link ? [' · ', el('a', {href: link, rel: 'noopener noreferrer', target: '_blank'},
        'original')] : null,
      ' · ', el('a', {href: route('documents', doc.id)}, 'whole document')));
}

/** A document with the spans of one event (or of all events) marked. */
export function articleView(doc, eventId) {
  const spans = eventId ? doc.spans.filter((s) => s.event_id === eventId) : doc.spans;
  return el('article', {class: 'article'},
    documentHeader(doc),
    markedText(doc.text, spans, {current: eventId}));
}
