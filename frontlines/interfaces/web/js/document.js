// One document with every evidence span marked.

import {getJSON} from './api.js';
import {articleView} from './article.js';
import {clear, el, route} from './dom.js';

export async function show(section, args) {
  const id = args[0];
  clear(section);
  if (!id) return;
  try {
    const doc = await getJSON(`api/documents/${encodeURIComponent(id)}`);
    section.append(articleView(doc, null),
      el('h3', {}, 'Events read from this document'),
      el('ul', {}, doc.events.map((e) => el('li', {},
        el('a', {href: route('events', e.id)}, `${e.date || 'undated'} ${e.subtype}`),
        e.place ? ` at ${e.place}` : ''))));
  } catch (err) {
    section.append(el('p', {class: 'error'}, `Document ${id}: ${err.message}`));
  }
}
