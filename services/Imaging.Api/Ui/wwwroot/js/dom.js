// DOM building without innerHTML: every text from the API goes in as a text node, never as markup.

/** Creates an element: attrs keys are attributes, except `on*` functions (listeners) and `dataset`/`testid`. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'testid') el.dataset.testid = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'className') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** DICOM DA "yyyyMMdd" as yyyy-MM-dd; anything else as given, or an em dash when missing. */
export function formatDate(da) {
  if (!da) return '—';
  return /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}` : da;
}

/** DICOM PN "FAMILY^GIVEN^MIDDLE" as "FAMILY, GIVEN MIDDLE". */
export function formatName(pn) {
  if (!pn) return '—';
  const [family = '', given = '', middle = ''] = pn.split('=')[0].split('^');
  const rest = [given, middle].filter(Boolean).join(' ');
  return rest ? `${family}, ${rest}` : family;
}

/** A number for a table cell: em dash for null/undefined. */
export function num(value, digits) {
  if (value === undefined || value === null || Number.isNaN(value)) return '—';
  return typeof value === 'number' && digits !== undefined ? value.toFixed(digits) : String(value);
}

/** A signed change: +2, −1, 0. */
export function signed(value) {
  if (value === undefined || value === null) return '—';
  if (value > 0) return `+${value}`;
  if (value < 0) return `−${Math.abs(value)}`;
  return '0';
}

/** A section with a heading, for the screens' layout. */
export function section(title, testid, ...children) {
  const id = `h-${testid}`;
  return h('section', { className: 'panel', testid, 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}
