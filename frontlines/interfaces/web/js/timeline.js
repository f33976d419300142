// A place's timeline: bars of who held it when, and each change with its evidence.

import {getJSON} from './api.js';
import {campColour, campLabel} from './colors.js';
import {add, clear, el, route, status, svg, swatch} from './dom.js';

let state = null;

const DAY = 24 * 3600 * 1000;
const toTime = (iso) => Date.parse(`${String(iso).slice(0, 10)}T00:00:00Z`);
const isoOf = (t) => new Date(t).toISOString().slice(0, 10);

function holderName(holder) {
  if (!holder) return 'unknown';
  return holder.camp ? campLabel(holder.camp) : holder.name;
}

/** "Syrian government (Syrian Arab Army)": the holder, then its actors when they differ. */
function holderText(period) {
  const name = holderName(period.holder);
  const actors = (period.actors || []).filter((a) => a !== name);
  return actors.length ? `${name} (${actors.join(', ')})` : name;
}

function bars(tl) {
  const dates = [];
  for (const p of tl.periods) for (const d of [p.start, p.end]) if (d) dates.push(toTime(d));
  for (const c of tl.changes) if (c.date && c.date.start) dates.push(toTime(c.date.start));
  if (!dates.length) return el('p', {class: 'muted'}, 'No dated change of control.');
  let lo = Math.min(...dates);
  let hi = Math.max(...dates);
  const pad = Math.max((hi - lo) * 0.15, 180 * DAY);
  lo -= pad;
  hi += pad;
  const W = 900;
  const x = (t) => 10 + ((t - lo) / (hi - lo)) * (W - 20);
  const chart = svg('svg', {viewBox: `0 0 ${W} 110`, class: 'timeline-chart', role: 'img',
    'aria-label': `Periods of control of ${tl.place.name}`});
  tl.periods.forEach((p) => {
    const x0 = x(p.start ? toTime(p.start) : lo);
    const x1 = x(p.end ? toTime(p.end) : hi);
    const colour = campColour(p.holder ? p.holder.camp : null);
    const name = holderName(p.holder);
    const title = `${holderText(p)}: ` +
      `${p.start || 'before records'} – ${p.end || 'last record'}${p.disputed ? ' (disputed)' : ''}`;
    const g = svg('g', {class: `period${p.disputed ? ' disputed' : ''}`},
      svg('title', {}, title),
      svg('rect', {x: x0, y: 20, width: Math.max(x1 - x0, 2), height: 40, fill: colour,
        'fill-opacity': p.start ? 0.85 : 0.45, stroke: p.disputed ? '#000' : 'none',
        'stroke-dasharray': p.disputed ? '5 3' : null}),
      svg('text', {x: x0 + 6, y: 45, class: 'bar-label'}, name));
    chart.append(g);
  });
  const y0 = new Date(lo).getUTCFullYear() + 1;
  const y1 = new Date(hi).getUTCFullYear();
  const step = Math.max(1, Math.ceil((y1 - y0 + 1) / 12));
  for (let y = y0; y <= y1; y += step) {
    const t = Date.UTC(y, 0, 1);
    chart.append(svg('line', {x1: x(t), x2: x(t), y1: 15, y2: 68, class: 'tick'}),
      svg('text', {x: x(t), y: 84, class: 'tick-label', 'text-anchor': 'middle'}, String(y)));
  }
  for (const c of tl.changes) {
    if (!c.date || !c.date.start) continue;
    const t = toTime(c.date.start);
    chart.append(svg('g', {class: 'change'}, svg('title', {}, `${c.date.start}: ${c.to_holder || 'unknown'}`),
      svg('path', {d: `M ${x(t)} 62 l -5 9 l 10 0 z`, class: 'change-mark'})));
  }
  chart.append(svg('text', {x: 10, y: 104, class: 'tick-label'}, isoOf(lo)),
    svg('text', {x: W - 10, y: 104, class: 'tick-label', 'text-anchor': 'end'}, isoOf(hi)));
  return chart;
}

function evidenceList(evidence) {
  return el('ul', {class: 'evidence-list'}, (evidence || []).map((ev) =>
    el('li', {}, el('q', {}, ev.sentence), ' ',
      el('span', {class: 'muted'}, [ev.source, ev.published].filter(Boolean).join(', ')), ' ',
      el('a', {href: route('documents', ev.doc_id)}, 'article'))));
}

function changeItem(c) {
  const to = c.to_actor ? c.to_actor.name : 'unknown';
  const from = c.from_actor ? c.from_actor.name : 'unknown';
  return el('li', {class: 'change-item'},
    el('strong', {}, (c.date && c.date.start) || 'undated'), ' — ',
    swatch(campColour(c.to_actor ? c.to_actor.camp : null)), ' ',
    `${to} took it from ${from}`, ' ',
    (c.event_ids || []).map((id) => [el('a', {href: route('events', id)}, 'event'), ' ']),
    evidenceList(c.evidence));
}

async function showPlace(placeId) {
  const out = clear(state.nodes.out);
  state.nodes.select.value = placeId;
  out.append(el('p', {class: 'muted'}, 'Loading…'));
  let tl;
  try {
    tl = await getJSON(`api/places/${encodeURIComponent(placeId)}/timeline`);
  } catch (err) {
    clear(out).append(el('p', {class: 'error'}, `Timeline: ${err.message}`));
    return;
  }
  clear(out);
  if (!tl.place) {
    out.append(el('p', {class: 'muted'}, 'No change of control is known for this place.'));
    return;
  }
  const legend = el('ul', {class: 'legend inline'});
  const seen = new Set();
  for (const p of tl.periods) {
    const camp = p.holder ? p.holder.camp : null;
    if (seen.has(camp)) continue;
    seen.add(camp);
    legend.append(el('li', {}, swatch(campColour(camp)), ' ', holderName(p.holder)));
  }
  add(out, el('h2', {id: 'timeline-title'}, `${tl.place.name}`,
    tl.place.admin1 ? el('span', {class: 'muted'}, ` ${tl.place.admin1}`) : ''),
  bars(tl), legend,
  el('h3', {}, 'Periods'),
  el('ol', {class: 'periods'}, tl.periods.map((p) => el('li', {class: 'period-item'},
    swatch(campColour(p.holder ? p.holder.camp : null)), ' ',
    `${holderText(p)}: ` +
    `${p.start || 'before the first record'} to ${p.end || 'the last record'}` +
    `${p.disputed ? ' — disputed' : ''}`))),
  el('h3', {}, 'Changes of control'),
  el('ol', {class: 'changes'}, tl.changes.map(changeItem)),
  tl.conflicts && tl.conflicts.length ? [el('h3', {}, 'Conflicting reports'),
    el('ul', {}, tl.conflicts.map((c) => el('li', {}, `${c.kind || 'conflict'}: `,
      JSON.stringify(Object.fromEntries(Object.entries(c).filter(([k]) => !['place', 'kind', 'evidence'].includes(k)))))))] : null);
}

async function init(section) {
  state = {};
  const select = el('select', {id: 'place-select', name: 'place'});
  const out = el('div', {class: 'timeline-out'});
  section.append(el('form', {class: 'filters', id: 'timeline-form'},
    el('label', {for: 'place-select'}, 'Place '), select), out);
  state.nodes = {select, out};
  select.addEventListener('change', () => {
    window.location.hash = route('timeline', select.value);
  });
  try {
    const places = (await getJSON('api/places', {limit: 2000})).places;
    places.sort((a, b) => (b.control_changes - a.control_changes) || a.name.localeCompare(b.name));
    add(select, el('option', {value: ''}, 'Choose a place'),
      places.map((p) => el('option', {value: p.id},
        `${p.name}${p.admin1 ? `, ${p.admin1}` : ''} — ${p.control_changes} changes, ${p.events} events`)));
    state.first = (places.find((p) => p.control_changes > 0) || places[0] || {}).id;
  } catch (err) {
    status(`Places: ${err.message}`, true);
  }
}

export async function show(section, args) {
  if (!state) await init(section);
  const placeId = args[0] || state.first;
  if (placeId) showPlace(placeId);
}
