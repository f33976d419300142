// The map: a basemap from world-atlas (no tiles), events as clustered circle markers
// coloured by ACLED type, a time slider, and who held each place on the slider's date.

import {getJSON} from './api.js';
import {campColour, campLabel, EVENT_TYPES, typeColour} from './colors.js';
import {clear, el, fmtNumber, route, status, svg, swatch} from './dom.js';

const MAX_EVENTS = 1000;
const DEFAULT_BOUNDS = [[29.0, 35.0], [37.9, 48.8]]; // Syria and Iraq

let state = null;

function basemap(map) {
  map.createPane('basemap');
  map.getPane('basemap').style.zIndex = 250;
  const renderer = L.canvas({pane: 'basemap'});
  return fetch('vendor/countries-50m.json')
    .then((r) => {
      if (!r.ok) throw new Error('basemap missing (run scripts/build_web.sh)');
      return r.json();
    })
    .then((world) => {
      const countries = world.objects.countries;
      const common = {pane: 'basemap', renderer, interactive: false};
      L.geoJSON(topojson.feature(world, countries), {...common,
        style: {stroke: false, fillColor: '#f4f1ea', fillOpacity: 1}}).addTo(map);
      L.geoJSON(topojson.mesh(world, countries, (a, b) => a !== b), {...common,
        style: {color: '#8c7b6b', weight: 1, dashArray: '4 3', fill: false}}).addTo(map);
      L.geoJSON(topojson.mesh(world, countries, (a, b) => a === b), {...common,
        style: {color: '#5d7f99', weight: 1.2, fill: false}}).addTo(map);
    });
}

function eventPopup(e) {
  return el('div', {class: 'popup'},
    el('strong', {}, `${e.type} — ${e.subtype}`),
    el('br'), [e.date, e.place].filter(Boolean).join(' · '),
    e.actor1 ? [el('br'), e.actor1, e.actor2 ? ` → ${e.actor2}` : ''] : null,
    e.fatalities !== null && e.fatalities !== undefined ? [el('br'), `${e.fatalities} killed`] : null,
    el('br'), el('a', {href: route('events', e.id)}, 'Open event'));
}

function holderText(item) {
  const place = item.place.name || item.place.id;
  const camp = item.holder ? (item.holder.camp || null) : null;
  const label = camp ? campLabel(camp) : (item.holder ? item.holder.name : 'unknown');
  const actors = (item.actors || []).filter((a) => a !== label);
  let text = `${place} — held by ${label}`;
  if (actors.length) text += ` (${actors.join(', ')})`;
  if (item.since) text += `, since ${item.since}`;
  if (item.disputed) text += ' (disputed)';
  return text;
}

function drawHistogram(bins) {
  const box = state.nodes.histogram;
  clear(box);
  const max = Math.max(1, ...bins.map((b) => b.total));
  const width = Math.max(bins.length, 1);
  const chart = svg('svg', {viewBox: `0 0 ${width} 20`, preserveAspectRatio: 'none',
    class: 'histogram', 'aria-hidden': 'true'});
  const rank = (t) => (EVENT_TYPES.indexOf(t) < 0 ? EVENT_TYPES.length : EVENT_TYPES.indexOf(t));
  bins.forEach((b, i) => {
    let y = 20;
    for (const type of Object.keys(b.by_type).sort((p, q) => rank(p) - rank(q))) {
      const h = (b.by_type[type] / max) * 20;
      y -= h;
      chart.append(svg('rect', {x: i + 0.1, y, width: 0.8, height: h, fill: typeColour(type)}));
    }
  });
  box.append(chart);
}

function sliderDate() {
  const bins = state.bins;
  if (!bins.length) return null;
  const i = Number(state.nodes.slider.value);
  return bins[Math.min(Math.max(i, 0), bins.length - 1)].end;
}

function filters() {
  const f = state.nodes.form;
  return {actor: f.actor.value.trim(), type: f.type.value, modality: f.modality.value};
}

async function refresh() {
  const until = sliderDate();
  state.nodes.date.textContent = until ? `up to ${until}` : 'no dated events';
  const seq = ++state.seq;
  const params = {...filters(), until, view: 'summary', order: '-date', limit: MAX_EVENTS};
  try {
    const [events, control] = await Promise.all([
      getJSON('api/events', params),
      until ? getJSON('api/control', {on: until}) : Promise.resolve({places: []}),
    ]);
    if (seq !== state.seq) return; // a newer move of the slider is on its way
    drawEvents(events);
    drawControl(control, until);
  } catch (err) {
    status(`Map: ${err.message}`, true);
  }
}

function drawEvents(page) {
  state.cluster.clearLayers();
  const markers = [];
  for (const e of page.events) {
    if (e.lat === null || e.lon === null || e.lat === undefined) continue;
    const marker = L.circleMarker([e.lat, e.lon], {
      radius: e.fatalities ? Math.min(5 + Math.sqrt(e.fatalities), 14) : 5,
      color: '#222', weight: 1, fillColor: typeColour(e.type), fillOpacity: 0.85,
    });
    marker.bindPopup(eventPopup(e));
    markers.push(marker);
  }
  state.cluster.addLayers(markers);
  const shown = page.events.length;
  state.nodes.count.textContent = page.total > shown
    ? `Showing the latest ${fmtNumber(shown)} of ${fmtNumber(page.total)} events.`
    : `${fmtNumber(page.total)} events.`;
}

function drawControl(control, on) {
  state.control.clearLayers();
  const list = clear(state.nodes.control);
  state.nodes.controlTitle.textContent = on ? `Who held what on ${on}` : 'Who held what';
  if (!control.places.length) {
    list.append(el('li', {class: 'muted'}, 'No known change of control up to this date.'));
    return;
  }
  for (const item of control.places) {
    const camp = item.holder ? item.holder.camp : null;
    const colour = campColour(camp);
    const text = holderText(item);
    const li = el('li', {class: 'holder', dataset: {place: item.place.id || item.place.name,
      camp: camp || ''}},
    swatch(colour, campLabel(camp)), ' ',
    el('span', {class: 'holder-text'}, text), ' ',
    item.place.id ? el('a', {href: route('timeline', item.place.id),
      'aria-label': `Timeline of ${item.place.name}`}, 'timeline') : null);
    list.append(li);
    if (item.place.lat === null || item.place.lat === undefined) continue;
    const ring = L.circleMarker([item.place.lat, item.place.lon], {
      radius: 25, color: colour, weight: 5, fillColor: colour, fillOpacity: 0.1,
      dashArray: item.disputed ? '4 3' : null, className: 'holder-ring',
    });
    ring.bindTooltip(el('span', {}, `${item.place.name}: ${campLabel(camp)}`),
      {permanent: true, direction: 'right', offset: [24, 0], className: 'holder-label'});
    ring.bindPopup(el('div', {}, text));
    state.control.addLayer(ring);
  }
}

function legend() {
  return el('ul', {class: 'legend'}, EVENT_TYPES.map((t) =>
    el('li', {}, swatch(typeColour(t)), ' ', t)));
}

function build(section) {
  const slider = el('input', {id: 'slider', type: 'range', min: 0, max: 0, value: 0, step: 1,
    'aria-describedby': 'slider-date'});
  const date = el('output', {id: 'slider-date', for: 'slider'});
  const typeSelect = el('select', {name: 'type', id: 'map-type'},
    el('option', {value: ''}, 'All types'), EVENT_TYPES.map((t) => el('option', {value: t}, t)));
  const modality = el('select', {name: 'modality', id: 'map-modality'},
    el('option', {value: 'asserted,reported,claimed,alleged'}, 'Facts (asserted, reported, claimed, alleged)'),
    el('option', {value: ''}, 'Everything, predictions too'),
    ['asserted', 'reported', 'claimed', 'alleged', 'predicted', 'hypothetical', 'negated']
      .map((m) => el('option', {value: m}, m)));
  const actor = el('input', {name: 'actor', id: 'map-actor', type: 'search',
    list: 'actor-names', placeholder: 'any actor', autocomplete: 'off'});
  const form = el('form', {class: 'filters stacked', id: 'map-filters'},
    el('label', {for: 'map-actor'}, 'Actor'), actor,
    el('label', {for: 'map-type'}, 'Type'), typeSelect,
    el('label', {for: 'map-modality'}, 'Modality'), modality);
  const histogram = el('div', {class: 'histogram-box'});
  const count = el('p', {class: 'muted', id: 'map-count'});
  const controlTitle = el('h2', {id: 'control-title'}, 'Who held what');
  const control = el('ul', {class: 'control-list', id: 'control-list',
    'aria-labelledby': 'control-title'});
  const mapBox = el('div', {id: 'map', class: 'map', role: 'region',
    'aria-label': 'Map of events and control of places'});
  section.append(el('div', {class: 'map-layout'}, mapBox,
    el('aside', {class: 'panel'},
      el('h2', {}, 'Time'),
      el('label', {for: 'slider'}, 'Events ', date), slider, histogram, count,
      el('h2', {}, 'Filters'), form,
      controlTitle, control,
      el('h2', {}, 'Event types'), legend())));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); refresh(); });
  form.addEventListener('change', () => refresh());
  slider.addEventListener('input', () => {
    const until = sliderDate();
    date.textContent = until ? `up to ${until}` : '';
    clearTimeout(state.timer);
    state.timer = setTimeout(refresh, 150);
  });
  return {slider, date, form, histogram, count, control, controlTitle, mapBox};
}

async function init(section) {
  state = {seq: 0, bins: [], timer: null};
  state.nodes = build(section);
  if (typeof L === 'undefined') {
    status('Map assets are missing: run scripts/build_web.sh', true);
    return;
  }
  const map = L.map(state.nodes.mapBox, {zoomSnap: 0.5, minZoom: 2, maxZoom: 13, fadeAnimation: false,
    attributionControl: true});
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Borders: Natural Earth via world-atlas');
  map.fitBounds(DEFAULT_BOUNDS);
  state.map = map;
  state.cluster = L.markerClusterGroup({maxClusterRadius: 35, showCoverageOnHover: false,
    disableClusteringAtZoom: 10, spiderfyOnMaxZoom: true}).addTo(map);
  state.control = L.layerGroup().addTo(map);
  basemap(map).catch((err) => status(err.message, true));
  try {
    const first = await getJSON('api/aggregate', {bin: 'month'});
    let agg = first;
    if (first.bins.length && first.bins.length <= 24) {
      agg = await getJSON('api/aggregate', {bin: 'week'});
    }
    state.bins = agg.bins;
    const slider = state.nodes.slider;
    slider.max = String(Math.max(agg.bins.length - 1, 0));
    slider.value = slider.max;
    slider.disabled = agg.bins.length === 0;
    slider.setAttribute('aria-valuetext', sliderDate() || '');
    drawHistogram(agg.bins);
    const places = await getJSON('api/places', {limit: 500});
    const located = places.places.filter((p) => p.lat !== null && p.lon !== null);
    if (located.length > 1) {
      map.fitBounds(located.map((p) => [p.lat, p.lon]), {padding: [30, 30], maxZoom: 8});
    }
  } catch (err) {
    status(`Map: ${err.message}`, true);
  }
  state.nodes.slider.addEventListener('change', () =>
    state.nodes.slider.setAttribute('aria-valuetext', sliderDate() || ''));
  await refresh();
}

export function show(section) {
  if (!state) {
    init(section);
  } else if (state.map) {
    setTimeout(() => state.map.invalidateSize(), 0);
  }
}
