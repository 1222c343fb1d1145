// A patient's timeline: studies oldest to newest with their series, modalities, finding summaries and DICOMweb links.
import { fetchJson, seg } from './api.js';
import { h, replace, formatDate, formatName } from './dom.js';
import { comparisonHref } from './router.js';
import { studySeriesUrl, seriesMetadataUrl, seriesThumbnailUrl } from './links.js';
import { loadInto } from './images.js';

export async function renderTimeline({ main, signal, urls, route }) {
  replace(main, h('h1', { tabindex: '-1' }, `Patient ${route.patientId}`), h('p', { className: 'loading' }, 'Loading the timeline…'));
  const timeline = await fetchJson(`/api/patients/${seg(route.patientId)}/timeline`, { signal });
  const patient = timeline.patient || {};
  const studies = Array.isArray(timeline.studies) ? timeline.studies : [];
  const heading = h('h1', { tabindex: '-1', testid: 'patient-header' }, formatName(patient.patientName), ' ',
    h('span', { className: 'muted' }, `(${patient.patientId ?? route.patientId})`));
  const facts = h('dl', { className: 'facts', testid: 'patient-facts' },
    h('dt', {}, 'Birth date'), h('dd', {}, formatDate(patient.birthDate)),
    h('dt', {}, 'Sex'), h('dd', {}, patient.sex || '—'),
    h('dt', {}, 'Studies'), h('dd', { testid: 'timeline-study-count' }, String(studies.length)));
  const compare = studies.length >= 2
    ? h('a', { className: 'button', href: comparisonHref(route.patientId), testid: 'open-comparison' }, 'Compare the two latest timepoints')
    : h('p', { className: 'muted' }, 'A comparison needs two studies.');
  const list = h('ol', { className: 'timeline', testid: 'timeline' }, studies.map((study) => studyItem(study, route.patientId, urls, signal)));
  replace(main, heading, facts, compare, studies.length ? list : h('p', { testid: 'no-studies' }, 'No studies for this patient.'));
  heading.focus();
}

function studyItem(study, patientId, urls, signal) {
  const series = Array.isArray(study.series) ? study.series : [];
  return h('li', { className: 'study', testid: 'timeline-study', dataset: { studyUid: study.studyInstanceUid } },
    h('div', { className: 'study-head' },
      h('h2', {},
        h('span', { testid: 'study-date' }, formatDate(study.studyDate)), ' · ',
        h('span', { testid: 'study-description' }, study.studyDescription || 'Untitled study')),
      h('span', { className: 'chips', testid: 'study-modalities' }, (study.modalities || []).map((m) => h('span', { className: 'chip' }, m))),
      study.accessionNumber ? h('span', { className: 'muted' }, `Accession ${study.accessionNumber}`) : null,
      h('a', { href: studySeriesUrl(study.studyInstanceUid), testid: 'study-dicomweb-link', className: 'dicomweb' }, 'DICOMweb series')),
    h('table', { className: 'grid compact' },
      h('caption', { className: 'visually-hidden' }, `Series of the study of ${formatDate(study.studyDate)}`),
      h('thead', {}, h('tr', {}, ['Preview', 'Series', 'Modality', 'Instances', 'State', 'Findings', 'DICOMweb'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, series.map((s) => seriesRow(study, s, urls, signal)))));
}

function seriesRow(study, series, urls, signal) {
  const img = h('img', { alt: `Thumbnail of series ${series.seriesNumber ?? ''} ${series.seriesDescription ?? ''}`.trim(), className: 'thumb', testid: 'series-thumbnail' });
  const figure = h('figure', { className: 'thumb-box' }, img);
  loadInto(img, seriesThumbnailUrl(study.studyInstanceUid, series.seriesInstanceUid), { urls, signal });
  return h('tr', { testid: 'timeline-series', dataset: { seriesUid: series.seriesInstanceUid } },
    h('td', {}, figure),
    h('td', {}, `${series.seriesNumber ?? ''} ${series.seriesDescription ?? ''}`.trim() || series.seriesInstanceUid),
    h('td', {}, series.modality || '—'),
    h('td', { className: 'n' }, String(series.instanceCount ?? '—')),
    h('td', {}, series.state || '—'),
    h('td', {}, (series.findings || []).map(findingSummary)),
    h('td', {}, h('a', { href: seriesMetadataUrl(study.studyInstanceUid, series.seriesInstanceUid), className: 'dicomweb', testid: 'series-dicomweb-link' }, 'metadata')));
}

function findingSummary(finding) {
  const s = finding.summary || {};
  const parts = [];
  if (finding.analyzer === 'bone-scan') {
    parts.push(h('span', { testid: 'summary-lesion-count' }, `${s.lesionCount ?? '—'} lesions`));
    if (s.extentOfDiseaseGrade !== undefined && s.extentOfDiseaseGrade !== null) parts.push(`EOD grade ${s.extentOfDiseaseGrade}`);
    if (s.status) parts.push(String(s.status));
    if (s.newCount !== undefined && s.newCount !== null) {
      parts.push(h('span', { testid: 'summary-changes' },
        h('span', { className: 'st-new' }, `${s.newCount} new`), ', ',
        h('span', { className: 'st-persistent' }, `${s.persistentCount ?? 0} persistent`), ', ',
        h('span', { className: 'st-resolved' }, `${s.resolvedCount ?? 0} resolved`)));
    }
  } else if (finding.analyzer === 'spine') {
    const flagged = Array.isArray(s.flaggedLevels) ? s.flaggedLevels : [];
    parts.push(h('span', { testid: 'summary-flagged-levels' }, flagged.length ? `flagged ${flagged.join(', ')}` : 'no flagged level'));
    if (s.labelConfidence !== undefined && s.labelConfidence !== null) parts.push(`labels ${s.labelConfidence}`);
  }
  const items = [];
  parts.forEach((p, i) => { if (i) items.push(' · '); items.push(p); });
  return h('div', { className: 'finding', testid: 'finding-summary', dataset: { analyzer: finding.analyzer } },
    h('strong', {}, finding.analyzer), items.length ? ': ' : '', items);
}
