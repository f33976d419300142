// Where sources disagree: death tolls, other numbers, who held a place.

import {getJSON} from './api.js';
import {campLabel} from './colors.js';
import {add, clear, el, route, status} from './dom.js';

let loaded = false;

function valueRow(v, kind) {
  return el('tr', {},
    el('td', {class: kind === 'holder' ? null : 'num'},
      kind === 'holder' ? campLabel(String(v.value)) : String(v.value)),
    el('td', {}, (v.outlets || []).join(', ')),
    el('td', {}, (v.evidence || []).map((ev) => el('blockquote', {class: 'evidence'}, ev.sentence, ' ',
      el('a', {href: route('documents', ev.doc_id)}, ev.source || 'article')))));
}

function item(d) {
  const what = d.kind === 'holder'
    ? `Who held the place (${d.conflict === 'overlap' ? 'different captors on overlapping dates'
      : 'taken from someone who did not hold it'})` :
    d.kind === 'fatalities' ? 'Death toll' : `Number (${[d.quantity, d.group].filter(Boolean).join(', ') || d.kind})`;
  const where = [d.place, d.date].filter(Boolean).join(', ');
  return el('li', {class: 'dispute'},
    el('h3', {}, `${what}${where ? ` — ${where}` : ''}`),
    d.event_id ? el('p', {}, `${d.type || ''} ${d.subtype ? `(${d.subtype})` : ''} `,
      el('a', {href: route('events', d.event_id)}, 'open the event')) : null,
    d.kind === 'holder' ? el('p', {},
      d.place_id ? el('a', {href: route('timeline', d.place_id)}, 'timeline of the place') : null,
      (d.event_ids || []).map((id) => [' · ', el('a', {href: route('events', id)}, 'event')])) : null,
    el('table', {class: 'values'},
      el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, 'Value'), el('th', {scope: 'col'}, 'Outlets'),
        el('th', {scope: 'col'}, 'Evidence'))),
      el('tbody', {}, (d.values || []).map((v) => valueRow(v, d.kind)))));
}

export async function show(section) {
  if (loaded) return;
  loaded = true;
  const list = el('ol', {class: 'disputes', id: 'disputes-list'});
  section.append(el('h2', {}, 'Where the sources disagree'), list);
  try {
    const body = await getJSON('api/disputes');
    add(clear(list), body.disputes.length ? body.disputes.map(item)
      : el('li', {class: 'muted'}, 'No disagreement found.'));
  } catch (err) {
    status(`Disagreements: ${err.message}`, true);
  }
}
