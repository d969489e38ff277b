import { LIMITS } from './limits';

const RASTER_DATA_URL =
  /^data:image\/(png|jpeg|jpg|gif|webp|avif|bmp|x-icon|vnd\.microsoft\.icon|svg\+xml)[;,]/i;

/**
 * Whether `src` may be shown as an `<img>` in an extension page: an absolute `https:` or `http:`
 * URL of at most `LIMITS.url` characters, or a `data:image/...` URL of at most `LIMITS.dataUrl`.
 * Everything else (`javascript:`, `blob:` of another origin, `chrome:`, relative URLs) is refused.
 * Never throws.
 */
export function isSafeImageUrl(src: string): boolean {
  if (typeof src !== 'string') return false;
  if (src.startsWith('data:')) return src.length <= LIMITS.dataUrl && RASTER_DATA_URL.test(src);
  if (src.length > LIMITS.url) return false;
  return /^https?:\/\/[^\s/?#]+/i.test(src);
}
