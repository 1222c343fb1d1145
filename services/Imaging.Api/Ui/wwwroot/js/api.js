// The one way the UI talks to the server: adds the bearer token when one was entered, turns problem details into
// ApiError, and fetches images with the same header (an <img src> cannot send it) as object URLs.

const TOKEN_KEY = 'imaging.token';
const listeners = new Set();

/** An HTTP error with the server's problem details (RFC 7807) when it sent some. */
export class ApiError extends Error {
  constructor(status, problem, url) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.url = url;
  }

  get needsSignIn() {
    return this.status === 401 || this.status === 403;
  }
}

export function getToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  } catch {
    return '';
  }
}

export function setToken(token) {
  const value = (token || '').trim();
  try {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage disabled: the token lasts for this page only, which is still usable.
  }
  for (const listener of listeners) listener(value);
}

export function onTokenChange(listener) {
  listeners.add(listener);
}

/** fetch() with the Authorization header; throws ApiError for non-2xx answers. */
export async function apiFetch(url, { accept = 'application/json', signal } = {}) {
  const headers = { Accept: accept };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(url, { headers, signal, credentials: 'same-origin' });
  if (!response.ok) throw new ApiError(response.status, await readProblem(response), url);
  return response;
}

export async function fetchJson(url, options) {
  const response = await apiFetch(url, options);
  return response.json();
}

/** An image fetched with the token, as an object URL the caller must revoke (see ObjectUrls). */
export async function fetchImageUrl(url, { signal, accept = 'image/png' } = {}) {
  const response = await apiFetch(url, { accept, signal });
  const blob = await response.blob();
  if (!blob.type.startsWith('image/')) throw new ApiError(response.status, { title: 'Not an image', detail: `${url} answered ${blob.type || 'no media type'}.` }, url);
  return URL.createObjectURL(blob);
}

async function readProblem(response) {
  const type = response.headers.get('Content-Type') || '';
  try {
    if (type.includes('json')) return await response.json();
    const text = (await response.text()).slice(0, 300);
    return { title: `HTTP ${response.status}`, detail: text || response.statusText };
  } catch {
    return { title: `HTTP ${response.status}`, detail: response.statusText };
  }
}

/** Builds a URL with query parameters, skipping empty ones. */
export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** A path segment: patient IDs may hold spaces, '/', '#', '?'. */
export const seg = (value) => encodeURIComponent(value);

/** Object URLs of one screen, revoked together when the screen goes. */
export class ObjectUrls {
  #urls = [];

  add(url) {
    this.#urls.push(url);
    return url;
  }

  revokeAll() {
    for (const url of this.#urls) URL.revokeObjectURL(url);
    this.#urls = [];
  }
}
