// The actor graph: an SVG force layout (plain JS), nodes coloured by camp.

import {getJSON} from './api.js';
import {campColour, campLabel, edgeColour, EDGE_COLOURS} from './colors.js';
import {add, clear, el, plural, route, status, svg, swatch} from './dom.js';

const MAX_NODES = 150;
const W = 900;
const H = 620;

let state = null;

/** Positions for ``nodes``: a deterministic Fruchterman-Reingold layout with a pull
 * towards the centre, so that actors without relations stay in view. */
export function layout(nodes, edges, iterations = 300) {
  const n = nodes.length;
  const cx = W / 2;
  const cy = H / 2;
  const pos = nodes.map((_, i) => {
    const a = (2 * Math.PI * i) / Math.max(n, 1);
    const r = 80 + 8 * (i % 7);
    return {x: cx + r * Math.cos(a), y: cy + r * Math.sin(a)};
  });
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const links = edges.map((e) => [index.get(e.source), index.get(e.target)])
    .filter(([a, b]) => a !== undefined && b !== undefined && a !== b);
  const k = Math.min(160, Math.sqrt((W * H) / Math.max(n, 1)) * 0.45);
  for (let it = 0; it < iterations; it++) {
    const disp = pos.map(() => ({x: 0, y: 0}));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x;
        let dy = pos[i].y - pos[j].y;
        let d = Math.sqrt(dx * dx + dy * dy);
        if (d < 0.01) { dx = 0.01 * (1 + i - j); dy = 0.01; d = Math.sqrt(dx * dx + dy * dy); }
        const f = (k * k) / d;
        disp[i].x += (dx / d) * f; disp[i].y += (dy / d) * f;
        disp[j].x -= (dx / d) * f; disp[j].y -= (dy / d) * f;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[a].x - pos[b].x;
      const dy = pos[a].y - pos[b].y;
      const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      const f = (d * d) / k;
      disp[a].x -= (dx / d) * f; disp[a].y -= (dy / d) * f;
      disp[b].x += (dx / d) * f; disp[b].y += (dy / d) * f;
    }
    const temp = (W / 8) * (1 - it / iterations) + 0.5;
    pos.forEach((p, i) => {
      disp[i].x += (cx - p.x) * 0.6;
      disp[i].y += (cy - p.y) * 0.6;
      const len = Math.sqrt(disp[i].x ** 2 + disp[i].y ** 2) || 1;
      p.x += (disp[i].x / len) * Math.min(len, temp);
      p.y += (disp[i].y / len) * Math.min(len, temp);
      p.x = Math.min(W - 170, Math.max(30, p.x));
      p.y = Math.min(H - 25, Math.max(25, p.y));
    });
  }
  return pos;
}

function describe(node, edges, names) {
  const box = clear(state.nodes.info);
  const mine = edges.filter((e) => e.source === node.id || e.target === node.id);
  box.append(el('h2', {id: 'actor-title'}, swatch(campColour(node.camp)), ' ', node.name),
    el('p', {class: 'muted'}, [campLabel(node.camp), plural(node.events || 0, 'event'), node.kind]
      .filter(Boolean).join(' · ')),
    mine.length ? el('ul', {class: 'edge-list'}, mine.map((e) => el('li', {},
      `${names.get(e.source) || e.source} ${String(e.kind).replace(/_/g, ' ')} ${names.get(e.target) || e.target}`,
      el('span', {class: 'muted'}, ` (${e.count} × ${e.first || '?'} – ${e.last || '?'})`),
      (e.evidence || []).slice(0, 3).map((ev) => el('blockquote', {class: 'evidence'}, ev.sentence,
        ' ', el('a', {href: route('documents', ev.doc_id)}, ev.source || 'article'))))))
      : el('p', {}, 'No relation found.'));
}

function draw(graph, provisional) {
  const nodes = graph.nodes.slice().sort((a, b) => (b.events || 0) - (a.events || 0)).slice(0, MAX_NODES);
  const keep = new Set(nodes.map((n) => n.id));
  const edges = graph.edges.filter((e) => keep.has(e.source) && keep.has(e.target));
  const names = new Map(nodes.map((n) => [n.id, n.name]));
  const pos = layout(nodes, edges);
  const at = new Map(nodes.map((n, i) => [n.id, pos[i]]));
  const chart = clear(state.nodes.chart);
  const maxEvents = Math.max(1, ...nodes.map((n) => n.events || 0));
  for (const e of edges) {
    const a = at.get(e.source);
    const b = at.get(e.target);
    chart.append(svg('line', {x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: `edge kind-${e.kind}`,
      stroke: edgeColour(e.kind), 'stroke-width': 1 + Math.min(4, Math.log2(1 + (e.count || 1))),
      'stroke-dasharray': e.kind === 'supports' || e.kind === 'allied_with' ? '6 3' : null},
    svg('title', {}, `${names.get(e.source)} ${e.kind} ${names.get(e.target)} (${e.count})`)));
  }
  nodes.forEach((node, i) => {
    const p = pos[i];
    const r = 6 + 14 * Math.sqrt((node.events || 0) / maxEvents);
    const g = svg('g', {class: 'node', tabindex: 0, role: 'button',
      'aria-label': `${node.name}, ${campLabel(node.camp)}, ${node.events} events`,
      transform: `translate(${p.x.toFixed(1)} ${p.y.toFixed(1)})`},
    svg('circle', {r: r.toFixed(1), fill: campColour(node.camp), stroke: '#fff', 'stroke-width': 1.5}),
    svg('text', {x: r + 3, y: 4, class: 'node-label'}, node.name));
    const pick = () => {
      for (const other of chart.querySelectorAll('.node.selected')) other.classList.remove('selected');
      g.classList.add('selected');
      describe(node, edges, names);
    };
    g.addEventListener('click', pick);
    g.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pick(); }
    });
    chart.append(g);
  });
  const camps = [...new Set(nodes.map((n) => n.camp))];
  add(clear(state.nodes.legend),
    camps.map((c) => el('li', {}, swatch(campColour(c)), ' ', campLabel(c))),
    Object.keys(EDGE_COLOURS).filter((k) => edges.some((e) => e.kind === k)).map((k) =>
      el('li', {}, svg('svg', {width: 24, height: 10, 'aria-hidden': 'true'},
        svg('line', {x1: 0, y1: 5, x2: 24, y2: 5, stroke: edgeColour(k), 'stroke-width': 3})),
      ' ', k.replace(/_/g, ' '))));
  add(clear(state.nodes.provisional), provisional.length
    ? provisional.map((p) => el('li', {}, `${p.name} (${plural(p.documents, 'document')})`))
    : el('li', {class: 'muted'}, 'none'));
  if (graph.nodes.length > nodes.length) {
    state.nodes.info.append(el('p', {class: 'muted'},
      `Showing the ${nodes.length} most active of ${graph.nodes.length} actors.`));
  }
}

async function init(section) {
  state = {};
  const chart = svg('svg', {id: 'graph', class: 'graph', viewBox: `0 0 ${W} ${H}`,
    role: 'group', 'aria-label': 'Actors and the relations between them'});
  const info = el('div', {class: 'actor-info'}, el('p', {class: 'muted'},
    'Choose an actor (click, or Tab then Enter) to see its relations and their evidence.'));
  const legend = el('ul', {class: 'legend'});
  const provisional = el('ul', {class: 'provisional'});
  section.append(el('div', {class: 'graph-layout'}, el('div', {class: 'graph-box'}, chart),
    el('aside', {class: 'panel'}, info, el('h2', {}, 'Legend'), legend,
      el('h2', {}, 'Names not yet in the actor registry'), provisional)));
  state.nodes = {chart, info, legend, provisional};
  try {
    const [graph, actors] = await Promise.all([getJSON('api/graph'), getJSON('api/actors')]);
    draw(graph, actors.provisional || []);
  } catch (err) {
    status(`Actors: ${err.message}`, true);
  }
}

export function show(section) {
  if (!state) init(section);
}
