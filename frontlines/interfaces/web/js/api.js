// Calls to the frontlines HTTP API (same origin).

export function queryString(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === null || value === undefined || value === '') continue;
    q.set(key, String(value));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** GET a JSON answer; throws ApiError with the server's message on failure. */
export async function getJSON(path, params) {
  const response = await fetch(`${path}${queryString(params)}`, {
    headers: {Accept: 'application/json'},
    credentials: 'same-origin',
  });
  let body = null;
  try {
    body = await response.json();
  } catch (err) {
    body = null;
  }
  if (!response.ok) {
    const detail = body && typeof body.detail === 'string' ? body.detail : response.statusText;
    throw new ApiError(response.status, detail);
  }
  return body;
}

/** A link to an export of the events matching ``params`` (csv, acled, geojson). */
export function exportUrl(format, params) {
  const rest = {...params, format};
  delete rest.limit;
  delete rest.offset;
  delete rest.view;
  return `api/events${queryString(rest)}`;
}
