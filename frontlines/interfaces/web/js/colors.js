// Colours: ACLED event types (fixed) and camps of actors (named, else from a hash).

export const EVENT_TYPES = [
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Protests',
  'Riots',
  'Strategic developments',
];

const TYPE_COLOURS = {
  'Battles': '#d62728',
  'Explosions/Remote violence': '#ff7f0e',
  'Violence against civilians': '#9467bd',
  'Protests': '#2ca02c',
  'Riots': '#b8860b',
  'Strategic developments': '#1f77b4',
};

export function typeColour(type) {
  return TYPE_COLOURS[type] || '#7f7f7f';
}

const CAMPS = {
  regime: {label: 'Syrian government', colour: '#c0392b'},
  opposition: {label: 'Syrian opposition', colour: '#27ae60'},
  isis: {label: 'Islamic State', colour: '#222222'},
  nusra: {label: 'Nusra Front / HTS', colour: '#7d6608'},
  kurdish: {label: 'Kurdish forces', colour: '#e6b800'},
  coalition: {label: 'US-led coalition', colour: '#2e86c1'},
  turkey: {label: 'Turkey', colour: '#a93226'},
  iraq_gov: {label: 'Iraqi government', colour: '#7d3c98'},
  israel: {label: 'Israel', colour: '#148f77'},
  civilians: {label: 'Civilians', colour: '#95a5a6'},
  other: {label: 'Other', colour: '#839192'},
};

const FALLBACK = ['#6c3483', '#1a5276', '#b9770e', '#117864', '#784212', '#922b21', '#2e4053'];

function hash(text) {
  let h = 0;
  for (const ch of String(text)) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

export function campColour(camp) {
  if (!camp) return '#bdc3c7';
  const known = CAMPS[camp];
  return known ? known.colour : FALLBACK[hash(camp) % FALLBACK.length];
}

export function campLabel(camp) {
  if (!camp) return 'unknown';
  const known = CAMPS[camp];
  return known ? known.label : String(camp).replace(/_/g, ' ');
}

export const EDGE_COLOURS = {
  fights: '#c0392b',
  attacks: '#c0392b',
  supports: '#27ae60',
  allied_with: '#2e86c1',
  part_of: '#7f8c8d',
};

export function edgeColour(kind) {
  return EDGE_COLOURS[kind] || '#95a5a6';
}
