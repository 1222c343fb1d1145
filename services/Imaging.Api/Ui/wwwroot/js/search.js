// Patient search: the box queries GET /api/patients?q= (ID prefix or fuzzy name), a page at a time.
import { fetchJson, withQuery } from './api.js';
import { h, replace, formatDate, formatName } from './dom.js';
import { searchHref, timelineHref } from './router.js';

const PAGE_SIZE = 25;

export async function renderSearch({ main, signal, route }) {
  const q = route.query.get('q') || '';
  const offset = Math.max(0, Number.parseInt(route.query.get('offset') || '0', 10) || 0);
  const input = h('input', { id: 'search-input', type: 'search', testid: 'search-input', value: q, placeholder: 'Patient ID or name, e.g. "doe jo"', maxlength: 128, autocomplete: 'off' });
  const form = h('form', { className: 'search', role: 'search', testid: 'search-form' },
    h('label', { for: 'search-input' }, 'Find a patient'),
    input,
    h('button', { type: 'submit', testid: 'search-button' }, 'Search'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const target = searchHref(input.value.trim(), 0);
    // Same hash: hashchange would not fire; the search is repeated on purpose.
    if (location.hash === target) renderSearch({ main, signal, route: { query: new URLSearchParams(target.split('?')[1] || '') } });
    else location.hash = target;
  });
  const results = h('div', { className: 'results', testid: 'search-results', 'aria-live': 'polite' }, h('p', { className: 'loading' }, 'Searching…'));
  replace(main, h('h1', { tabindex: '-1' }, 'Patients'), form, results);
  input.focus();

  let page;
  try {
    page = await fetchJson(withQuery('/api/patients', { q, limit: PAGE_SIZE, offset }), { signal });
  } catch (error) {
    replace(results, h('p', { className: 'muted', testid: 'search-failed' }, 'The search failed (see the message above); try again.'));
    throw error;
  }
  const items = Array.isArray(page.items) ? page.items : [];
  if (items.length === 0) {
    replace(results, h('p', { testid: 'no-results' }, q ? `No patient matches “${q}”.` : 'No patients yet.'));
    return;
  }
  const total = Number(page.total ?? items.length);
  const rows = items.map((p) => h('tr', { testid: 'patient-row', dataset: { patientId: p.patientId } },
    h('td', { testid: 'patient-id' }, h('a', { href: timelineHref(p.patientId), testid: 'patient-link' }, p.patientId)),
    h('td', { testid: 'patient-name' }, formatName(p.patientName)),
    h('td', { testid: 'patient-birth-date' }, formatDate(p.birthDate)),
    h('td', { testid: 'patient-sex' }, p.sex || '—'),
    h('td', { testid: 'patient-study-count', className: 'n' }, String(p.studyCount ?? '—')),
    h('td', { testid: 'patient-latest-study' }, formatDate(p.latestStudyDate))));
  const first = total === 0 ? 0 : offset + 1;
  const last = offset + items.length;
  const prev = offset > 0 ? h('a', { href: searchHref(q, Math.max(0, offset - PAGE_SIZE)), testid: 'page-prev', rel: 'prev' }, '‹ Previous') : h('span', { className: 'disabled', 'aria-disabled': 'true' }, '‹ Previous');
  const next = last < total ? h('a', { href: searchHref(q, last), testid: 'page-next', rel: 'next' }, 'Next ›') : h('span', { className: 'disabled', 'aria-disabled': 'true' }, 'Next ›');
  replace(results,
    h('table', { className: 'grid', testid: 'patient-results' },
      h('caption', {}, `Patients ${first}–${last} of `, h('span', { testid: 'result-total' }, String(total))),
      h('thead', {}, h('tr', {}, ['Patient ID', 'Name', 'Birth date', 'Sex', 'Studies', 'Latest study'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows)),
    h('nav', { className: 'pager', 'aria-label': 'Result pages', testid: 'pager' }, prev, h('span', { testid: 'page-info' }, `${first}–${last} of ${total}`), next));
}
