/**
 * Loads one artwork image for the popup: fetched by the service worker with no credentials, no
 * referrer and no redirect (a redirect could lead anywhere, the user's own network included),
 * at most `MAX_BYTES`, within `TIMEOUT_MS`; decoded, scaled down to at most `MAX_EDGE_PX` on its
 * longer side, and encoded as a small `data:image/webp` URL. Only called for URLs
 * src/background/artwork-policy.ts allows. Browser glue: `fetch`, `createImageBitmap` and
 * `OffscreenCanvas`, all available in a service worker.
 */
import type { ShownImage } from './artwork-cache';

/** Longest side, in pixels, of a loaded image (the popup's largest slot is 144 device pixels). */
export const MAX_EDGE_PX = 256;
/** Most bytes read of an image. */
export const MAX_BYTES = 4 * 1024 * 1024;
/** Most bytes of SVG artwork, kept as it is (its base64 stays within `LIMITS.dataUrl`). */
export const MAX_SVG_BYTES = 96 * 1024;
/** Most milliseconds a load may take. */
export const TIMEOUT_MS = 10_000;

/** Reads `response`'s body, or throws once it passes `MAX_BYTES`. */
async function readCapped(response: Response): Promise<Blob> {
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_BYTES) throw new Error('artwork too large');
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no body');
  const chunks: Uint8Array[] = [];
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
    if (read > MAX_BYTES) {
      await reader.cancel().catch(() => {});
      throw new Error('artwork too large');
    }
    chunks.push(value);
  }
  return new Blob(chunks as BlobPart[], { type: response.headers.get('content-type') ?? '' });
}

/** `bytes` as base64, in chunks (`String.fromCharCode` takes only so many arguments). */
function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Loads `url` (see the file comment). Rejects when it cannot be fetched or decoded. */
export async function loadArtwork(url: string): Promise<ShownImage> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(url, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'error',
      cache: 'default',
      signal: abort.signal,
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const blob = await readCapped(response);
    if (/^image\/svg\+xml\b/i.test(blob.type)) {
      // A worker cannot draw SVG. As an <img> it is inert (no script, no outside request), so it
      // goes as it is, within the size a page's own data: artwork may have.
      if (blob.size > MAX_SVG_BYTES) throw new Error('SVG artwork too large');
      const bytes = new Uint8Array(await blob.arrayBuffer());
      return { src: `data:image/svg+xml;base64,${base64(bytes)}`, width: 0, height: 0 };
    }
    const source = await createImageBitmap(blob);
    const scale = Math.min(1, MAX_EDGE_PX / Math.max(source.width, source.height, 1));
    const width = Math.max(1, Math.round(source.width * scale));
    const height = Math.max(1, Math.round(source.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.imageSmoothingQuality = 'high';
    context.drawImage(source, 0, 0, width, height);
    source.close();
    const encoded = await canvas.convertToBlob({ type: 'image/webp', quality: 0.85 });
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    return { src: `data:${encoded.type};base64,${base64(bytes)}`, width, height };
  } finally {
    clearTimeout(timer);
  }
}
