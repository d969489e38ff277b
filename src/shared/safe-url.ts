import { LIMITS } from './limits';

// Neither check uses a case-insensitive regular expression: V8 compiles one with a class such as
// `\s` at its first use for ~0.1–0.3 ms, and the agent makes that first use in every frame that
// reports artwork (docs/architecture.md § Two stages). Lower-casing the few characters read gives
// the same answers (none of them has a non-ASCII upper or lower case).

/** `data:image/` and a raster or SVG type, then `;` or `,`, in lower case. */
const RASTER_DATA_URL =
  /^data:image\/(png|jpeg|jpg|gif|webp|avif|bmp|x-icon|vnd\.microsoft\.icon|svg\+xml)[;,]/;
/** The longest prefix `RASTER_DATA_URL` reads. */
const RASTER_DATA_PREFIX = 'data:image/vnd.microsoft.icon;'.length;
/** What may not follow `https://`: the URL would have no host. */
const NOT_A_HOST = /[\s/?#]/;
const HTTPS = 'https://';

/** Whether `src` is a `data:image/…` URL of an image type, of at most `LIMITS.dataUrl` characters. */
export function isDataImageUrl(src: string): boolean {
  return (
    typeof src === 'string' &&
    src.length <= LIMITS.dataUrl &&
    RASTER_DATA_URL.test(src.slice(0, RASTER_DATA_PREFIX).toLowerCase())
  );
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
  if (src.length > LIMITS.url || src.length <= HTTPS.length) return false;
  return (
    src.slice(0, HTTPS.length).toLowerCase() === HTTPS && !NOT_A_HOST.test(src[HTTPS.length] ?? '')
  );
}
