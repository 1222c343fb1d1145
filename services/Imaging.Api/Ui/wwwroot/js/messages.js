// Messages above the page: problem details from the server, and the sign-in prompt on 401/403.
import { h, replace } from './dom.js';
import { ApiError } from './api.js';

let region;

export function initMessages(el) {
  region = el;
}

export function clearMessages() {
  region?.replaceChildren();
}

/** Shows an error: the sign-in prompt for 401/403, the problem's title and detail otherwise. */
export function showError(error, context) {
  if (!region) return;
  if (error?.name === 'AbortError') return;
  if (error instanceof ApiError && error.needsSignIn) {
    replace(region, h('div', { className: 'message warn', testid: 'signin-prompt' },
      h('strong', {}, error.status === 401 ? 'Sign-in required. ' : 'Not allowed. '),
      error.status === 401
        ? 'Enter an access token (API key or JWT) in the field at the top right and press Sign in.'
        : 'Your token does not grant access to this data; sign in with another one.',
      error.problem?.detail ? h('span', { className: 'detail' }, ` (${error.problem.detail})`) : null));
    document.getElementById('token-input')?.focus();
    return;
  }
  const title = error instanceof ApiError ? (error.problem?.title || `HTTP ${error.status}`) : 'Error';
  const detail = error instanceof ApiError ? (error.problem?.detail || '') : String(error?.message || error);
  const fields = error instanceof ApiError && error.problem?.errors
    ? Object.entries(error.problem.errors).map(([k, v]) => `${k}: ${[].concat(v).join(' ')}`) : [];
  region.append(h('div', { className: 'message error', testid: 'error-message' },
    h('strong', {}, context ? `${context}: ${title}` : title),
    detail ? h('span', { className: 'detail' }, ` — ${detail}`) : null,
    fields.length ? h('ul', {}, fields.map((f) => h('li', {}, f))) : null,
    h('button', { type: 'button', className: 'dismiss', 'aria-label': 'Dismiss message', onclick: (e) => e.target.closest('.message')?.remove() }, '×')));
}
