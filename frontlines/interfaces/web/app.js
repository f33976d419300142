// The frontlines web app: one page, hash routes, plain ES modules, no build step.

import {getJSON} from './js/api.js';
import {el, fmtNumber, status} from './js/dom.js';
import * as map from './js/map.js';
import * as table from './js/table.js';
import * as timeline from './js/timeline.js';
import * as graph from './js/graph.js';
import * as disputes from './js/disputes.js';
import * as documentView from './js/document.js';

const VIEWS = {
  map: {module: map, title: 'Map'},
  events: {module: table, title: 'Events'},
  timeline: {module: timeline, title: 'Place timeline'},
  graph: {module: graph, title: 'Actors'},
  disputes: {module: disputes, title: 'Disagreements'},
  documents: {module: documentView, title: 'Document', section: 'document'},
};

function parseHash() {
  const parts = window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean)
    .map((p) => { try { return decodeURIComponent(p); } catch (err) { return p; } });
  const name = VIEWS[parts[0]] ? parts[0] : 'map';
  return {name, args: parts.slice(1)};
}

let current = null;

function render() {
  const {name, args} = parseHash();
  const view = VIEWS[name];
  const sectionId = `view-${view.section || name}`;
  for (const section of document.querySelectorAll('main > .view')) {
    section.hidden = section.id !== sectionId;
  }
  for (const link of document.querySelectorAll('nav a[data-view]')) {
    if (link.dataset.view === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${view.title} · frontlines`;
  document.body.dataset.view = name;
  const section = document.getElementById(sectionId);
  try {
    const result = view.module.show(section, args);
    if (result && typeof result.catch === 'function') {
      result.catch((err) => status(`${view.title}: ${err.message}`, true));
    }
  } catch (err) {
    status(`${view.title}: ${err.message}`, true);
  }
  if (current !== null && current !== name) document.getElementById('main').focus({preventScroll: true});
  current = name;
}

async function header() {
  try {
    const s = await getJSON('api/stats');
    document.getElementById('stats').textContent =
      `${fmtNumber(s.documents)} documents · ${fmtNumber(s.events)} events · ${fmtNumber(s.places)} places`;
  } catch (err) {
    status(`Stats: ${err.message}`, true);
  }
  try {
    const actors = await getJSON('api/actors');
    document.body.append(el('datalist', {id: 'actor-names'},
      actors.actors.map((a) => el('option', {value: a.name}))));
  } catch (err) {
    // the actor list only helps typing; the filters work without it
  }
}

window.addEventListener('hashchange', render);
render();
header();
