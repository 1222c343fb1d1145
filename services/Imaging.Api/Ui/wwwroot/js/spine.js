// The spine part of a comparison: levels table (heights, Genant grades, type, cement, changes, status; flagged rows
// highlighted) and the sagittal key images.
import { h, num, section } from './dom.js';
import { instanceRenderedUrl } from './links.js';
import { loadInto } from './images.js';

const STABLE = new Set(['', 'stable', 'unchanged', 'normal', 'ok']);

export function spineSection(spine, { urls, signal }) {
  const levels = Array.isArray(spine.levels) ? spine.levels : [];
  const list = (key) => new Set(Array.isArray(spine[key]) ? spine[key] : []);
  const newFractures = list('newFractures');
  const progressed = list('progressed');
  const cementAdded = list('cementAdded');
  const flagged = new Set([...list('baselineFlagged'), ...list('followupFlagged')]);
  const rows = levels.map((level) => {
    const changes = [];
    if (newFractures.has(level.level)) changes.push('new fracture');
    if (progressed.has(level.level)) changes.push('progressed');
    if (cementAdded.has(level.level)) changes.push('cement added');
    const isFlagged = flagged.has(level.level) || changes.length > 0 || !STABLE.has(String(level.status || '').toLowerCase());
    return h('tr', { testid: 'spine-level-row', className: isFlagged ? 'flagged' : null, dataset: { level: level.level, flagged: String(isFlagged) } },
      h('th', { scope: 'row', testid: 'spine-level' }, level.level, isFlagged ? h('span', { className: 'visually-hidden' }, ' (flagged)') : null),
      ...measurementCells(level.baseline, 'baseline'),
      ...measurementCells(level.followup, 'followup'),
      h('td', { className: 'n', testid: 'spine-change-mm' }, num(level.minHeightChangeMm, 1)),
      h('td', { className: 'n', testid: 'spine-change-percent' }, num(level.minHeightChangePercent, 1)),
      h('td', { testid: 'spine-changes' }, changes.join(', ') || '—'),
      h('td', { testid: 'spine-status' }, level.status || '—'));
  });
  const sub = ['Heights A/M/P (mm)', 'Loss %', 'Genant', 'Type', 'Cement'];
  const table = h('div', { className: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Spine levels' },
    h('table', { className: 'grid compact', testid: 'spine-levels' },
      h('caption', {}, `Vertebral levels: ${spine.baseline?.modality ?? ''} baseline vs ${spine.followup?.modality ?? ''} follow-up; flagged rows highlighted`),
      h('thead', {},
        h('tr', {},
          h('th', { scope: 'col', rowspan: '2' }, 'Level'),
          h('th', { scope: 'colgroup', colspan: '5' }, 'Baseline'),
          h('th', { scope: 'colgroup', colspan: '5' }, 'Follow-up'),
          h('th', { scope: 'colgroup', colspan: '2' }, 'Min height change'),
          h('th', { scope: 'col', rowspan: '2' }, 'Changes'),
          h('th', { scope: 'col', rowspan: '2' }, 'Status')),
        h('tr', {}, [...sub, ...sub, 'mm', '%'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows)));
  const keyImages = Array.isArray(spine.keyImages) ? spine.keyImages : [];
  const gallery = h('div', { className: 'key-images', testid: 'key-images' },
    keyImages.length ? keyImages.map((k, i) => {
      const img = h('img', { alt: `Sagittal key image ${i + 1}`, testid: 'key-image', className: 'key-image' });
      loadInto(img, instanceRenderedUrl(k.studyInstanceUid, k.seriesInstanceUid, k.sopInstanceUid), { urls, signal });
      return h('figure', {}, img, h('figcaption', {}, k.studyInstanceUid === spine.followup?.studyInstanceUid ? 'Follow-up' : 'Baseline'));
    }) : h('p', { className: 'muted' }, 'No key images stored for these studies.'));
  return section('Spine', 'spine-section',
    h('p', { className: 'muted' }, `Source: ${spine.source ?? '—'}`),
    table,
    h('h3', {}, 'Sagittal key images'),
    gallery);
}

function measurementCells(m, which) {
  if (!m) return [h('td', { colspan: '5', className: 'muted', testid: `spine-${which}-missing` }, 'not measured')];
  const heights = [m.anteriorHeightMm, m.middleHeightMm, m.posteriorHeightMm].map((v) => num(v, 1)).join(' / ');
  return [
    h('td', { className: 'n', testid: `spine-${which}-heights` }, heights),
    h('td', { className: 'n', testid: `spine-${which}-loss` }, num(m.heightLossPercent, 0)),
    h('td', { className: 'n', testid: `spine-${which}-grade` }, num(m.genantGrade)),
    h('td', { testid: `spine-${which}-type` }, m.fractureType || '—'),
    h('td', { testid: `spine-${which}-cement` }, m.cement ? 'yes' : 'no'),
  ];
}
