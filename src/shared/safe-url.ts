import { LIMITS } from './limits';

const RASTER_DATA_URL =
  /^data:image\/(png|jpeg|jpg|gif|webp|avif|bmp|x-icon|vnd\.microsoft\.icon|svg\+xml)[;,]/i;

/** Whether `src` is a `data:image/…` URL of an image type, of at most `LIMITS.dataUrl` characters. */
export function isDataImageUrl(src: string): boolean {
  return typeof src === 'string' && src.length <= LIMITS.dataUrl && RASTER_DATA_URL.test(src);
}

/**
 * Whether `src` may stand as artwork in a report: an absolute `https:` URL of at most
 * `LIMITS.url` characters (which the service worker may fetch, src/background/artwork-policy.ts),
 * or a `data:image/…` URL (`isDataImageUrl`). Everything else (`http:`, `javascript:`, `blob:`,
 * `chrome:`, relative URLs) is refused. Never throws.
 */
export function isSafeImageUrl(src: string): boolean {
  if (typeof src !== 'string') return false;
  if (src.startsWith('data:')) return isDataImageUrl(src);
  if (src.length > LIMITS.url) return false;
  return /^https:\/\/[^\s/?#]+/i.test(src);
}
