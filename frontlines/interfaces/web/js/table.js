// The events table (server-side paging, sorting, filters, exports) and the event panel:
// fields, sources, and each source article with the evidence sentence in <mark>.

import {exportUrl, getJSON} from './api.js';
import {articleView} from './article.js';
import {campLabel, EVENT_TYPES, typeColour} from './colors.js';
import {clear, el, fmtNumber, route, status, swatch} from './dom.js';

const PAGE = 50;
const COLUMNS = [
  {key: 'date', label: 'Date', order: 'date'},
  {key: 'type', label: 'Type', order: 'type'},
  {key: 'place', label: 'Place', order: 'place'},
  {key: 'actor1', label: 'Actor 1'},
  {key: 'actor2', label: 'Actor 2'},
  {key: 'fatalities', label: 'Killed', order: 'fatalities', numeric: true},
  {key: 'modality', label: 'Modality'},
  {key: 'n_sources', label: 'Sources', numeric: true},
];

let state = null;

function params() {
  const f = state.nodes.form;
  const out = {};
  for (const name of ['place', 'actor', 'type', 'modality', 'since', 'until']) {
    const v = f.elements[name].value.trim();
    if (v) out[name] = v;
  }
  return out;
}

function sortButton(col) {
  if (!col.order) return col.label;
  const active = state.order.replace('-', '') === col.order;
  const desc = state.order.startsWith('-');
  return el('button', {type: 'button', class: 'sort', dataset: {order: col.order},
    'aria-label': `Sort by ${col.label}`,
    onclick: () => {
      state.order = active && !desc ? `-${col.order}` : col.order;
      state.offset = 0;
      load();
    }}, col.label, active ? (desc ? ' ▼' : ' ▲') : '');
}

function header() {
  return el('thead', {}, el('tr', {}, COLUMNS.map((col) => {
    const active = col.order && state.order.replace('-', '') === col.order;
    return el('th', {scope: 'col', class: col.numeric ? 'num' : null,
      'aria-sort': active ? (state.order.startsWith('-') ? 'descending' : 'ascending') : null},
    sortButton(col));
  })));
}

function row(e) {
  const tr = el('tr', {tabindex: 0, class: 'event-row', dataset: {id: e.id},
    'aria-label': `${e.date || 'undated'} ${e.subtype} at ${e.place || 'unknown place'}`},
  el('td', {}, e.date || ''),
  el('td', {}, swatch(typeColour(e.type)), ' ', e.subtype || e.type),
  el('td', {}, e.place || ''),
  el('td', {}, e.actor1 || ''),
  el('td', {}, e.actor2 || ''),
  el('td', {class: 'num'}, e.fatalities === null ? '' : fmtNumber(e.fatalities)),
  el('td', {}, e.modality),
  el('td', {class: 'num'}, fmtNumber(e.n_sources)));
  if (state.selected === e.id) tr.classList.add('selected');
  const open = () => { window.location.hash = route('events', e.id); };
  tr.addEventListener('click', open);
  tr.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); open(); }
    if (ev.key === 'ArrowDown' && tr.nextElementSibling) tr.nextElementSibling.focus();
    if (ev.key === 'ArrowUp' && tr.previousElementSibling) tr.previousElementSibling.focus();
  });
  return tr;
}

async function load() {
  const p = params();
  const seq = ++state.seq;
  try {
    const page = await getJSON('api/events', {...p, order: state.order, limit: PAGE,
      offset: state.offset, view: 'summary'});
    if (seq !== state.seq) return;
    const table = clear(state.nodes.table);
    table.append(el('caption', {class: 'sr-only'}, 'Events'), header(),
      el('tbody', {}, page.events.map(row)));
    const from = page.total ? page.offset + 1 : 0;
    const to = page.offset + page.events.length;
    state.nodes.range.textContent = `${fmtNumber(from)}–${fmtNumber(to)} of ${fmtNumber(page.total)}`;
    state.nodes.prev.disabled = page.offset === 0;
    state.nodes.next.disabled = to >= page.total;
    state.total = page.total;
    for (const [fmt, link] of Object.entries(state.nodes.exports)) {
      link.setAttribute('href', exportUrl(fmt, p));
    }
  } catch (err) {
    status(`Events: ${err.message}`, true);
  }
}

function field(label, ...value) {
  return [el('dt', {}, label), el('dd', {}, ...value)];
}

function actorText(a) {
  if (!a) return '—';
  return a.camp ? `${a.name} (${campLabel(a.camp)})` : a.name;
}

async function openEvent(id) {
  const panel = state.nodes.detail;
  state.selected = id;
  for (const tr of state.nodes.table.querySelectorAll('tr.event-row')) {
    tr.classList.toggle('selected', tr.dataset.id === id);
  }
  clear(panel);
  panel.hidden = false;
  panel.append(el('p', {class: 'muted'}, 'Loading…'));
  let event;
  try {
    event = await getJSON(`api/events/${encodeURIComponent(id)}`);
  } catch (err) {
    clear(panel).append(el('p', {class: 'error'}, `Event ${id}: ${err.message}`));
    return;
  }
  const loc = event.location;
  const date = event.date ? [event.date.start, event.date.end && event.date.end !== event.date.start
    ? `– ${event.date.end}` : '', event.date.precision !== 'day' ? `(${event.date.precision})` : '']
    .filter(Boolean).join(' ') : 'unknown';
  const heading = el('h2', {id: 'event-title', tabindex: -1},
    swatch(typeColour(event.type)), ' ', `${event.type} — ${event.subtype}`);
  const dl = el('dl', {class: 'fields'},
    field('Date', date),
    field('Place', loc ? [loc.name, loc.admin1 ? `, ${loc.admin1}` : '', ' ',
      loc.id ? el('a', {href: route('timeline', loc.id)}, 'timeline') : null] : 'unknown'),
    field('Actor 1', actorText(event.actor1)),
    field('Actor 2', actorText(event.actor2)),
    event.assoc_actors && event.assoc_actors.length
      ? field('With', event.assoc_actors.map(actorText).join(', ')) : null,
    field('Killed', event.fatalities === null ? 'not reported' : fmtNumber(event.fatalities)),
    field('Modality', event.modality, event.attributed_to ? ` (according to ${event.attributed_to})` : ''),
    event.territorial ? field('Control', 'change of control of the place') : null,
    field('Sources', `${event.n_sources} reports from ${event.n_outlets} outlets`),
    field('Confidence', Number(event.confidence).toFixed(2)),
    field('Id', el('code', {}, event.id)));
  const close = el('button', {type: 'button', class: 'close', 'aria-label': 'Close event',
    onclick: () => { window.location.hash = '#/events'; }}, '×');
  const sources = el('div', {class: 'sources'});
  clear(panel).append(close, heading, dl, el('h3', {}, 'Sources'), sources);
  heading.focus();
  const byDoc = new Map();
  for (const ev of event.evidence) {
    if (!byDoc.has(ev.doc_id)) byDoc.set(ev.doc_id, ev);
  }
  for (const [docId, ev] of byDoc) {
    const box = el('section', {class: 'source'},
      el('blockquote', {class: 'evidence'}, el('mark', {}, ev.sentence)),
      el('p', {class: 'muted'}, 'Loading the article…'));
    sources.append(box);
    try {
      const doc = await getJSON(`api/documents/${encodeURIComponent(docId)}`);
      if (state.selected !== id) return;
      clear(box).append(articleView(doc, event.id));
    } catch (err) {
      box.lastChild.textContent = `The article is not available (${err.message}).`;
    }
  }
}

function build(section) {
  const form = el('form', {class: 'filters', id: 'event-filters'},
    el('label', {}, 'Place ', el('input', {name: 'place', type: 'search'})),
    el('label', {}, 'Actor ', el('input', {name: 'actor', type: 'search', list: 'actor-names'})),
    el('label', {}, 'Type ', el('select', {name: 'type'}, el('option', {value: ''}, 'all'),
      EVENT_TYPES.map((t) => el('option', {value: t}, t)))),
    el('label', {}, 'Modality ', el('select', {name: 'modality'}, el('option', {value: ''}, 'all'),
      el('option', {value: 'asserted,reported,claimed,alleged'}, 'facts'),
      ['asserted', 'reported', 'claimed', 'alleged', 'predicted', 'hypothetical', 'negated']
        .map((m) => el('option', {value: m}, m)))),
    el('label', {}, 'From ', el('input', {name: 'since', type: 'date'})),
    el('label', {}, 'To ', el('input', {name: 'until', type: 'date'})),
    el('button', {type: 'submit'}, 'Apply'),
    el('button', {type: 'reset'}, 'Clear'));
  const exports = {
    csv: el('a', {href: 'api/events?format=csv', download: ''}, 'CSV'),
    acled: el('a', {href: 'api/events?format=acled', download: ''}, 'ACLED'),
    geojson: el('a', {href: 'api/events?format=geojson', download: ''}, 'GeoJSON'),
  };
  const prev = el('button', {type: 'button'}, '‹ Previous');
  const next = el('button', {type: 'button'}, 'Next ›');
  const range = el('span', {class: 'range', 'aria-live': 'polite'});
  const table = el('table', {class: 'events', id: 'events-table'});
  const detail = el('aside', {class: 'panel detail', id: 'event-detail', hidden: true,
    'aria-labelledby': 'event-title'});
  section.append(form,
    el('p', {class: 'exports'}, 'Export the matching events: ', exports.csv, ' · ',
      exports.acled, ' · ', exports.geojson),
    el('div', {class: 'table-layout'},
      el('div', {class: 'table-wrap'}, table, el('p', {class: 'pager'}, prev, ' ', range, ' ', next)),
      detail));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); state.offset = 0; load(); });
  form.addEventListener('reset', () => setTimeout(() => { state.offset = 0; load(); }, 0));
  prev.addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE); load(); });
  next.addEventListener('click', () => { state.offset += PAGE; load(); });
  return {form, exports, prev, next, range, table, detail};
}

export function show(section, args) {
  if (!state) {
    state = {seq: 0, order: '-date', offset: 0, selected: null, total: 0};
    state.nodes = build(section);
    load();
  }
  const id = args[0];
  if (id) {
    openEvent(id);
  } else {
    state.selected = null;
    state.nodes.detail.hidden = true;
    for (const tr of state.nodes.table.querySelectorAll('tr.selected')) tr.classList.remove('selected');
  }
}
