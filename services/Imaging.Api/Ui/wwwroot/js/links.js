// DICOMweb URLs (PS3.18) of the resources the UI shows or links to.
import { seg } from './api.js';

export const studySeriesUrl = (study) => `/dicomweb/studies/${seg(study)}/series`;
export const studyMetadataUrl = (study) => `/dicomweb/studies/${seg(study)}/metadata`;
export const seriesMetadataUrl = (study, series) => `/dicomweb/studies/${seg(study)}/series/${seg(series)}/metadata`;
export const seriesThumbnailUrl = (study, series) => `/dicomweb/studies/${seg(study)}/series/${seg(series)}/thumbnail`;
export const instanceRenderedUrl = (study, series, sop) =>
  `/dicomweb/studies/${seg(study)}/series/${seg(series)}/instances/${seg(sop)}/rendered`;

/** A frame rendered with a linear VOI window (center, width in modality values). */
export function frameRenderedUrl(study, series, sop, frame, center, width) {
  const base = `/dicomweb/studies/${seg(study)}/series/${seg(series)}/instances/${seg(sop)}/frames/${frame}/rendered`;
  if (!(width > 0) || !Number.isFinite(center)) return base;
  const round = (v) => Math.round(v * 1000) / 1000;
  return `${base}?window=${round(center)},${round(width)},linear`;
}
