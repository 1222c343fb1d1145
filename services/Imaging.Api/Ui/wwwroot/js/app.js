// Boot: sign-in field, routing, one screen at a time (its requests aborted and its object URLs revoked when it goes).
import { getToken, setToken, onTokenChange, ObjectUrls } from './api.js';
import { h, replace } from './dom.js';
import { initMessages, clearMessages, showError } from './messages.js';
import { parseRoute, timelineHref } from './router.js';
import { renderSearch } from './search.js';
import { renderTimeline } from './timeline.js';
import { renderComparison } from './comparison.js';

const main = document.getElementById('main');
const crumbs = document.querySelector('[data-testid="breadcrumbs"]');
let current = null;

function initSignIn() {
  const form = document.querySelector('[data-testid="signin-form"]');
  const input = document.getElementById('token-input');
  const signOut = document.querySelector('[data-testid="signout-button"]');
  const state = document.querySelector('[data-testid="signin-state"]');
  const show = (token) => {
    signOut.hidden = !token;
    state.textContent = token ? 'Token set' : '';
    input.value = '';
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value.trim()) setToken(input.value);
  });
  signOut.addEventListener('click', () => setToken(''));
  onTokenChange((token) => {
    show(token);
    // The screen may have failed for want of a token: show it again with the new one.
    route();
  });
  show(getToken());
}

function setCrumbs(route) {
  const items = [h('a', { href: '#/' }, 'Patients')];
  if (route.patientId !== undefined) {
    items.push(' › ', h('a', { href: timelineHref(route.patientId) }, route.patientId));
    if (route.name === 'comparison') items.push(' › ', h('span', { 'aria-current': 'page' }, 'Comparison'));
  }
  replace(crumbs, items);
}

async function route() {
  current?.abort.abort();
  current?.urls.revokeAll();
  const screen = { abort: new AbortController(), urls: new ObjectUrls() };
  current = screen;
  clearMessages();
  const parsed = parseRoute(location.hash);
  setCrumbs(parsed);
  const context = { main, signal: screen.abort.signal, urls: screen.urls, route: parsed };
  try {
    switch (parsed.name) {
      case 'search': await renderSearch(context); break;
      case 'timeline': await renderTimeline(context); break;
      case 'comparison': await renderComparison(context); break;
      default:
        replace(main, h('h1', { tabindex: '-1' }, 'Not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the patient search')));
    }
  } catch (error) {
    if (screen.abort.signal.aborted) return;
    showError(error);
  }
}

initMessages(document.querySelector('[data-testid="messages"]'));
initSignIn();
window.addEventListener('hashchange', route);
route();
