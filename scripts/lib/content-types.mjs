// @ts-check
/**
 * The `Content-Type` of each fixture file the test servers serve, by extension (Chromium's
 * `context.route` in chromium.mjs, Firefox's page server in firefox.mjs); anything else is served
 * as `application/octet-stream`.
 * @type {Readonly<Record<string, string>>}
 */
export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.webm': 'video/webm',
  '.svg': 'image/svg+xml',
  '.vtt': 'text/vtt',
};
