// Authenticated images: fetched with the bearer token and shown through object URLs revoked with their screen.
import { fetchImageUrl } from './api.js';
import { h } from './dom.js';

/** Loads url into img; on failure the figure shows why instead of a broken image. */
export async function loadInto(img, url, { urls, signal, onload } = {}) {
  const figure = img.closest('figure') || img.parentElement;
  figure?.classList.add('is-loading');
  try {
    const objectUrl = urls.add(await fetchImageUrl(url, { signal }));
    await new Promise((resolve, reject) => {
      img.onload = resolve;
      img.onerror = () => reject(new Error('the image could not be decoded'));
      img.src = objectUrl;
    });
    img.dataset.loaded = 'true';
    onload?.(img);
  } catch (error) {
    if (error?.name === 'AbortError') return;
    img.dataset.loaded = 'error';
    figure?.append(h('p', { className: 'image-error', testid: 'image-error' }, `Image unavailable: ${error?.message || error}`));
  } finally {
    figure?.classList.remove('is-loading');
  }
}
