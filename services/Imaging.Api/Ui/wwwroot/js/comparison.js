// Two timepoints of a patient: pickers (defaulting to what the API chose, the two latest comparable studies), the bone
// scans side by side with lesions marked, the per-region table, and the spine levels with key images.
import { fetchJson, seg, withQuery } from './api.js';
import { h, replace, formatDate, formatName, num, signed, section } from './dom.js';
import { comparisonHref } from './router.js';
import { frameRenderedUrl } from './links.js';
import { loadInto } from './images.js';
import { drawLesions } from './overlay.js';
import { spineSection } from './spine.js';

/** Upper end of the display window in multiples of each scan's normal-bone uptake: 0 .. 4 × normalBone. */
const WINDOW_TOP_IN_NORMAL_BONE = 4;

export async function renderComparison({ main, signal, urls, route }) {
  const heading = h('h1', { tabindex: '-1' }, `Comparison · ${route.patientId}`);
  replace(main, heading, h('p', { className: 'loading' }, 'Loading the comparison…'));
  const baseline = route.query.get('baseline') || undefined;
  const followup = route.query.get('followup') || undefined;
  const patientPath = `/api/patients/${seg(route.patientId)}`;
  const [timeline, comparison] = await Promise.all([
    fetchJson(`${patientPath}/timeline`, { signal }),
    fetchJson(withQuery(`${patientPath}/comparison`, { baseline, followup }), { signal }),
  ]);
  const studies = Array.isArray(timeline.studies) ? timeline.studies : [];
  replace(heading, `Comparison · ${formatName(timeline.patient?.patientName)} (${route.patientId})`);
  const parts = [heading, pickers(route.patientId, studies, comparison), overview(comparison)];
  if (comparison.boneScan) parts.push(boneScanSection(comparison.boneScan, { urls, signal }));
  else parts.push(h('p', { className: 'muted', testid: 'no-bone-scan' }, 'No bone-scan comparison for these timepoints.'));
  if (comparison.spine) parts.push(spineSection(comparison.spine, { urls, signal }));
  else parts.push(h('p', { className: 'muted', testid: 'no-spine' }, 'No spine comparison for these timepoints.'));
  replace(main, parts);
  heading.focus();
}

function pickers(patientId, studies, comparison) {
  const option = (study, selected) => h('option', { value: study.studyInstanceUid, selected },
    `${formatDate(study.studyDate)} · ${study.studyDescription || 'study'} · ${(study.modalities || []).join('/')}`);
  const select = (id, label, chosen) => h('div', { className: 'field' },
    h('label', { for: id }, label),
    h('select', { id, testid: id }, studies.map((s) => option(s, s.studyInstanceUid === chosen))));
  const form = h('form', { className: 'pickers', testid: 'timepoint-pickers' },
    select('baseline-picker', 'Baseline', comparison.baseline?.studyInstanceUid),
    select('followup-picker', 'Follow-up', comparison.followup?.studyInstanceUid),
    h('button', { type: 'submit', testid: 'compare-button' }, 'Compare'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = comparisonHref(patientId, form.querySelector('#baseline-picker').value, form.querySelector('#followup-picker').value);
  });
  return form;
}

function overview(comparison) {
  return h('dl', { className: 'facts', testid: 'comparison-overview' },
    h('dt', {}, 'Baseline'), h('dd', { testid: 'baseline-study' }, `${formatDate(comparison.baseline?.studyDate)} ${comparison.baseline?.studyDescription ?? ''}`),
    h('dt', {}, 'Follow-up'), h('dd', { testid: 'followup-study' }, `${formatDate(comparison.followup?.studyDate)} ${comparison.followup?.studyDescription ?? ''}`),
    h('dt', {}, 'Interval'), h('dd', { testid: 'interval-days' }, comparison.intervalDays === null || comparison.intervalDays === undefined ? '—' : `${comparison.intervalDays} days`));
}

function boneScanSection(bone, context) {
  // Numbered in list order so the table and the markers refer to the same lesion.
  const lesions = (Array.isArray(bone.lesions) ? bone.lesions : []).map((l, i) => ({ ...l, number: i + 1 }));
  const hasPosterior = Boolean(bone.baseline?.posteriorFrame && bone.followup?.posteriorFrame);
  const panels = h('div', { className: 'scan-pair', testid: 'bone-scan-pair' },
    scanPanel('Baseline', 'baseline', bone.baseline, lesions.filter((l) => l.frameOf === 'baseline'), context),
    scanPanel('Follow-up', 'followup', bone.followup, lesions.filter((l) => l.frameOf === 'followup'), context));
  const toggle = h('fieldset', { className: 'view-toggle', testid: 'view-toggle' },
    h('legend', {}, 'View'),
    radio('view', 'anterior', 'Anterior', true, false),
    radio('view', 'posterior', 'Posterior', false, !hasPosterior));
  toggle.addEventListener('change', (event) => {
    const posterior = event.target.value === 'posterior';
    for (const panel of panels.querySelectorAll('[data-scan]')) panel.dispatchEvent(new CustomEvent('view', { detail: { posterior } }));
  });
  return section('Bone scan', 'bone-scan-section',
    counts(bone),
    h('div', { className: 'scan-layout' },
      h('div', { className: 'scan-images' }, toggle, legend(), panels,
        h('p', { className: 'muted small', testid: 'window-note' },
          `Each scan is shown from 0 to ${WINDOW_TOP_IN_NORMAL_BONE} × its own normal-bone uptake, so equal brightness means equal uptake relative to reference bone.`)),
      h('div', { className: 'scan-tables' }, regionTable(bone), lesionTable(lesions))));
}

function radio(name, value, label, checked, disabled) {
  const id = `${name}-${value}`;
  return h('span', { className: 'radio' },
    h('input', { type: 'radio', name, value, id, checked, disabled, testid: id }),
    h('label', { for: id }, label));
}

function legend() {
  return h('ul', { className: 'legend', 'aria-label': 'Marker legend' },
    Object.entries({ new: 'New (circle)', persistent: 'Persistent (square)', resolved: 'Resolved (dashed, on baseline)' })
      .map(([status, text]) => h('li', { className: `st-${status}` }, h('span', { className: `swatch swatch-${status}`, 'aria-hidden': 'true' }), text)));
}

function counts(bone) {
  const grade = bone.extentOfDiseaseGrade || {};
  const item = (label, testid, value, className) => h('div', { className: `count ${className ?? ''}` },
    h('dt', {}, label), h('dd', { testid }, num(value)));
  return h('div', {},
    h('dl', { className: 'counts', testid: 'lesion-counts' },
      item('New', 'count-new', bone.newCount, 'st-new'),
      item('Persistent', 'count-persistent', bone.persistentCount, 'st-persistent'),
      item('Resolved', 'count-resolved', bone.resolvedCount, 'st-resolved'),
      item('Lesions baseline', 'baseline-lesion-count', bone.baseline?.lesionCount),
      item('Lesions follow-up', 'followup-lesion-count', bone.followup?.lesionCount),
      item('EOD grade', 'eod-grades', `${num(grade.baseline)} → ${num(grade.followup)}`)),
    h('p', { className: bone.progression ? 'progression alert' : 'progression', testid: 'progression-note' },
      bone.progression || 'No progression by the 2+2 rule.'),
    otherNotes(bone).length ? h('ul', { className: 'notes', testid: 'comparison-notes' }, otherNotes(bone).map((n) => h('li', {}, n))) : null,
    h('p', { className: 'muted small', testid: 'comparison-source' }, `Source: ${bone.source ?? '—'}`));
}

function scanPanel(title, which, scan, lesions, { urls, signal }) {
  const columns = Number(scan?.columns) || 256;
  const rows = Number(scan?.rows) || 1024;
  const img = h('img', { alt: `${title} bone scan`, testid: `bone-${which}-image`, className: 'scan-image' });
  const canvas = h('canvas', { testid: `bone-${which}-overlay`, className: 'scan-overlay', 'aria-hidden': 'true' });
  const frame = h('div', { className: 'scan-frame' }, img, canvas);
  frame.style.aspectRatio = `${columns} / ${rows}`;
  const caption = h('figcaption', {});
  const panel = h('figure', { className: 'scan', dataset: { scan: which }, testid: `bone-${which}-panel` }, frame, caption);
  const show = (posterior) => {
    const frameNumber = posterior ? scan?.posteriorFrame : scan?.anteriorFrame;
    const drawn = drawLesions(canvas, lesions, { columns, rows, posterior });
    canvas.dataset.markerCount = String(drawn);
    canvas.dataset.view = posterior ? 'posterior' : 'anterior';
    replace(caption, `${title} · ${posterior ? 'posterior' : 'anterior'} · `, h('span', { testid: `bone-${which}-marker-count` }, String(drawn)), ' marked');
    for (const old of panel.querySelectorAll('.image-error')) old.remove();
    img.removeAttribute('src');
    delete img.dataset.loaded;
    if (!scan || !frameNumber) return;
    const normal = Number(scan.normalBone);
    const top = normal > 0 ? WINDOW_TOP_IN_NORMAL_BONE * normal : NaN;
    loadInto(img, frameRenderedUrl(scan.studyInstanceUid, scan.seriesInstanceUid, scan.sopInstanceUid, frameNumber, top / 2, top), { urls, signal });
  };
  panel.addEventListener('view', (event) => show(event.detail.posterior));
  show(false);
  return panel;
}

function regionTable(bone) {
  const regions = Array.isArray(bone.regions) ? bone.regions : [];
  const totals = bone.totals || {};
  return h('table', { className: 'grid', testid: 'region-table' },
    h('caption', {}, 'Lesions per region'),
    h('thead', {}, h('tr', {}, ['Region', 'Baseline', 'Follow-up', 'Change'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, regions.map((r) => h('tr', { testid: 'region-row', dataset: { region: r.region } },
      h('th', { scope: 'row', testid: 'region-name' }, r.region),
      h('td', { className: 'n', testid: 'region-baseline' }, num(r.baseline)),
      h('td', { className: 'n', testid: 'region-followup' }, num(r.followup)),
      h('td', { className: `n ${r.change > 0 ? 'up' : ''}`, testid: 'region-change' }, signed(r.change))))),
    h('tfoot', {}, h('tr', { testid: 'region-totals' },
      h('th', { scope: 'row' }, 'Total'),
      h('td', { className: 'n', testid: 'total-baseline' }, num(totals.baseline)),
      h('td', { className: 'n', testid: 'total-followup' }, num(totals.followup)),
      h('td', { className: `n ${totals.change > 0 ? 'up' : ''}`, testid: 'total-change' }, signed(totals.change)))));
}

function lesionTable(lesions) {
  return h('div', { className: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Lesions' },
    h('table', { className: 'grid compact', testid: 'lesion-table' },
      h('caption', {}, 'Lesions (numbers as marked; peaks in multiples of normal bone)'),
      h('thead', {}, h('tr', {}, ['#', 'Status', 'Region', 'Peak', 'Prior', 'Δ %'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, lesions.map((l) => h('tr', { testid: 'lesion-row', dataset: { status: l.status } },
        h('td', { className: 'n' }, String(l.number)),
        h('td', { testid: 'lesion-status' }, h('span', { className: `swatch swatch-${l.status}`, 'aria-hidden': 'true' }), h('span', { className: `st-${l.status}` }, l.status)),
        h('td', {}, l.region || '—'),
        h('td', { className: 'n' }, num(l.peakRatio, 2)),
        h('td', { className: 'n' }, num(l.priorPeakRatio, 2)),
        h('td', { className: 'n' }, l.intensityChangePercent === null || l.intensityChangePercent === undefined ? '—' : signed(Math.round(l.intensityChangePercent))))))));
}

// The progression note is shown above as its own line; the list holds the comparison's other notes.
function otherNotes(bone) {
  return Array.isArray(bone.notes) ? bone.notes.map(String).filter((n) => n !== bone.progression) : [];
}
