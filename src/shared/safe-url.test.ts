import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits';
import { isSafeImageUrl } from './safe-url';

const PNG_PREFIX = 'data:image/png;base64,';

/** An https URL of exactly `length` characters. */
function httpsOfLength(length: number): string {
  const base = 'https://img.test/';
  return base + 'a'.repeat(length - base.length);
}

/** A data:image/png URL of exactly `length` characters. */
function pngDataUrlOfLength(length: number): string {
  return PNG_PREFIX + 'A'.repeat(length - PNG_PREFIX.length);
}

describe('isSafeImageUrl', () => {
  it.each<[string, string, boolean]>([
    ['https', 'https://img.test/cover.jpg', true],
    ['http (never fetched: not https)', 'http://img.test/cover.jpg', false],
    ['upper-case scheme', 'HTTPS://img.test/cover.jpg', true],
    ['https with port, query and fragment', 'https://img.test:8443/a.png?x=1#y', true],
    ['host only', 'https://img.test', true],
    ['javascript:', 'javascript:alert(1)', false],
    ['JavaScript: mixed case', 'JavaScript:alert(1)', false],
    ['javascript: with leading space', ' javascript:alert(1)', false],
    ['blob:', 'blob:https://img.test/0f7c7a5e-1d1b-4c1b-8f1e-000000000000', false],
    ['chrome:', 'chrome://settings', false],
    ['chrome-extension:', 'chrome-extension://abcdefghijklmnop/icon.png', false],
    ['file:', 'file:///etc/passwd', false],
    ['ftp:', 'ftp://img.test/a.png', false],
    ['relative path', 'cover.jpg', false],
    ['root-relative path', '/cover.jpg', false],
    ['protocol-relative', '//img.test/cover.jpg', false],
    ['scheme without host', 'https:///cover.jpg', false],
    ['scheme and nothing else', 'https://', false],
    ['leading whitespace', ' https://img.test/a.png', false],
    ['empty', '', false],
    ['data:image/png', `${PNG_PREFIX}iVBORw0KGgo=`, true],
    ['data:image/jpeg', 'data:image/jpeg;base64,/9j/4AAQ', true],
    ['data:image/webp', 'data:image/webp;base64,UklGR', true],
    ['data:image/svg+xml', 'data:image/svg+xml,%3Csvg%3E%3C/svg%3E', true],
    ['data:text/html', 'data:text/html,<script>alert(1)</script>', false],
    ['data:text/html base64', 'data:text/html;base64,PHNjcmlwdD4=', false],
    ['data:application/javascript', 'data:application/javascript,alert(1)', false],
    ['data: with no type', 'data:,hello', false],
    ['data:image/ prefix of another type', 'data:image/pngx;base64,AAAA', false],
    ['upper-case DATA:text/html', 'DATA:text/html,<b>x</b>', false],
  ])('%s', (_name, src, expected) => {
    expect(isSafeImageUrl(src)).toBe(expected);
  });

  it('accepts an https URL of exactly LIMITS.url characters', () => {
    const src = httpsOfLength(LIMITS.url);
    expect(src).toHaveLength(LIMITS.url);
    expect(isSafeImageUrl(src)).toBe(true);
  });

  it('refuses an https URL one character over LIMITS.url', () => {
    expect(isSafeImageUrl(httpsOfLength(LIMITS.url + 1))).toBe(false);
  });

  it('refuses a very long https URL', () => {
    expect(isSafeImageUrl(httpsOfLength(10 * LIMITS.url))).toBe(false);
  });

  it('accepts a data URL of exactly LIMITS.dataUrl characters', () => {
    const src = pngDataUrlOfLength(LIMITS.dataUrl);
    expect(src).toHaveLength(LIMITS.dataUrl);
    expect(isSafeImageUrl(src)).toBe(true);
  });

  it('refuses a data URL one character over LIMITS.dataUrl', () => {
    expect(isSafeImageUrl(pngDataUrlOfLength(LIMITS.dataUrl + 1))).toBe(false);
  });

  it('allows data URLs longer than LIMITS.url (their own, larger, cap applies)', () => {
    expect(LIMITS.dataUrl).toBeGreaterThan(LIMITS.url);
    expect(isSafeImageUrl(pngDataUrlOfLength(LIMITS.url + 1))).toBe(true);
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an object', { toString: () => 'https://img.test/a.png' }],
  ])('refuses %s without throwing', (_name, value) => {
    expect(isSafeImageUrl(value as string)).toBe(false);
  });
});

describe('the checks without regular expressions', () => {
  // What isSafeImageUrl and isDataImageUrl answered when they were the regular expressions below:
  // the code that replaced them must give the same answer for every string.
  const oldData =
    /^data:image\/(png|jpeg|jpg|gif|webp|avif|bmp|x-icon|vnd\.microsoft\.icon|svg\+xml)[;,]/i;
  const oldSafe = (src: string) =>
    src.startsWith('data:')
      ? src.length <= LIMITS.dataUrl && oldData.test(src)
      : src.length <= LIMITS.url && /^https:\/\/[^\s/?#]+/i.test(src);

  // Letters of the two prefixes in both cases, characters whose case mapping is not ASCII-only
  // (Kelvin sign, dotted capital I, long s, German sharp s), whitespace that `\s` knows, and the
  // delimiters.
  const alphabet = [
    ...'httpsHTTPS:/dataDATAimageIMAGEpngPNGjpegJPEGsvg+xmlSVG+XMLx-iconX-ICONvnd.microsoft.',
    ...'\u212a\u0130\u017f\u00df\u00a0\u1680\u2000\u200a\u200b\u2028\u202f\u205f\u3000\ufeff\t\n\v\f\r\u0085 ?#;,',
  ];
  const prefixes = [
    ...['https://', 'HTTPS://', 'hTtPs://', 'data:image/', 'data:IMAGE/', 'DATA:image/', ''],
    ...[
      'data:image/png',
      'data:IMAGE/PNG',
      'data:image/svg+XML',
      'data:image/x-icon',
      'data:image/jpeg',
    ],
  ];

  it('answers as the regular expressions did, over 20,000 seeded strings', () => {
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      let src = prefixes[next() % prefixes.length] ?? '';
      const length = next() % 12;
      for (let j = 0; j < length; j++) src += alphabet[next() % alphabet.length];
      expect(isSafeImageUrl(src), JSON.stringify(src)).toBe(oldSafe(src));
      if (oldSafe(src)) accepted++;
    }
    // Both answers occur often enough for the comparison to mean something.
    expect(accepted).toBeGreaterThan(2_000);
    expect(accepted).toBeLessThan(18_000);
  });
});
