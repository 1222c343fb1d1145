// Hash routes, so the server only ever serves /ui/ files and a reload keeps the screen:
//   #/                                   patient search (?q=&offset=)
//   #/patients/{id}                      timeline
//   #/patients/{id}/compare              comparison (?baseline=&followup=)

export function parseRoute(hash) {
  const raw = (hash || '').replace(/^#/, '') || '/';
  const [pathPart, queryPart = ''] = raw.split('?', 2);
  const query = new URLSearchParams(queryPart);
  const parts = pathPart.split('/').filter(Boolean);
  if (parts.length === 0 || parts[0] === 'search') return { name: 'search', query };
  if (parts[0] === 'patients' && parts.length >= 2) {
    let patientId;
    try {
      patientId = decodeURIComponent(parts[1]);
    } catch {
      return { name: 'not-found', query };
    }
    if (parts.length === 2) return { name: 'timeline', patientId, query };
    if (parts.length === 3 && parts[2] === 'compare') return { name: 'comparison', patientId, query };
  }
  return { name: 'not-found', query };
}

export function searchHref(q, offset) {
  const query = new URLSearchParams();
  if (q) query.set('q', q);
  if (offset) query.set('offset', String(offset));
  const text = query.toString();
  return text ? `#/?${text}` : '#/';
}

export const timelineHref = (patientId) => `#/patients/${encodeURIComponent(patientId)}`;

export function comparisonHref(patientId, baseline, followup) {
  const query = new URLSearchParams();
  if (baseline) query.set('baseline', baseline);
  if (followup) query.set('followup', followup);
  const text = query.toString();
  return `#/patients/${encodeURIComponent(patientId)}/compare${text ? `?${text}` : ''}`;
}
