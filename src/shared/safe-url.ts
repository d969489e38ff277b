import { LIMITS } from './limits';

// Neither check runs a regular expression: the agent makes the first use of any in every frame
// that reports artwork, and V8 compiles an expression at its first use (a case-insensitive one
// with a class such as `\s` took ~0.1–0.3 ms; docs/architecture.md § Two stages). Lower-casing the
// few characters read gives the answers that case-insensitive expressions gave (none of those
// characters has a non-ASCII upper or lower case); src/shared/safe-url.test.ts compares them.

const HTTPS = 'https://';
const DATA_IMAGE = 'data:image/';
/** The image types a `data:` URL may name, each followed by `;` or `,`. */
const RASTER_TYPES = [
  'png',
  'jpeg',
  'jpg',
  'gif',
  'webp',
  'avif',
  'bmp',
  'x-icon',
  'vnd.microsoft.icon',
  'svg+xml',
];
/** The longest prefix `isDataImageUrl` reads. */
const DATA_PREFIX = `${DATA_IMAGE}vnd.microsoft.icon;`.length;

/**
 * Whether UTF-16 code unit `code` is one that `[\s/?#]` matches: ECMAScript white space and line
 * terminators (ECMA-262 § 12.2, § 12.3), `/`, `?` or `#`. None of them may start a URL's host.
 */
function endsTheScheme(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0x23 || // #
    code === 0x2f || // /
    code === 0x3f || // ?
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Whether `src` is a `data:image/…` URL of an image type, of at most `LIMITS.dataUrl` characters. */
export function isDataImageUrl(src: string): boolean {
  if (typeof src !== 'string' || src.length > LIMITS.dataUrl) return false;
  const head = src.slice(0, DATA_PREFIX).toLowerCase();
  if (!head.startsWith(DATA_IMAGE)) return false;
  for (const type of RASTER_TYPES) {
    const next = head[DATA_IMAGE.length + type.length];
    if (head.startsWith(type, DATA_IMAGE.length) && (next === ';' || next === ',')) return true;
  }
  return false;
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
    src.slice(0, HTTPS.length).toLowerCase() === HTTPS &&
    !endsTheScheme(src.charCodeAt(HTTPS.length))
  );
}
