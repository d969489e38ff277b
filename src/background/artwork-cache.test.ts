import { describe, expect, it } from 'vitest';
import { isDataImageUrl } from '../shared/safe-url';
import {
  CONCURRENT_LOADS,
  createArtworkCache,
  MAX_QUEUED,
  RETRY_AFTER_MS,
  type ShownImage,
} from './artwork-cache';
import { isFetchableArtworkUrl } from './artwork-policy';

/** A loader the test settles by hand. */
function harness() {
  const calls: { url: string; resolve: (i: ShownImage) => void; reject: (e: Error) => void }[] = [];
  let now = 1_000_000;
  let ready = 0;
  const cache = createArtworkCache({
    load: (url) =>
      new Promise((resolve, reject) => {
        calls.push({ url, resolve, reject });
      }),
    fetchable: isFetchableArtworkUrl,
    isDataImage: isDataImageUrl,
    onReady: () => {
      ready++;
    },
    now: () => now,
  });
  const image = (url: string): ShownImage => ({
    src: `data:image/webp;base64,${btoa(url)}`,
    width: 64,
    height: 64,
  });
  return {
    cache,
    calls,
    image,
    ready: () => ready,
    advance(ms: number) {
      now += ms;
    },
  };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('createArtworkCache', () => {
  it('shows nothing at first, loads once, then shows the loaded image and says it is ready', async () => {
    const h = harness();
    const url = 'https://cdn.example.com/a.png';
    expect(h.cache.shown('s1', url)).toBeNull();
    expect(h.cache.shown('s1', url)).toBeNull(); // asked again while loading: no second load
    expect(h.calls.map((c) => c.url)).toEqual([url]);
    h.calls[0]?.resolve(h.image(url));
    await settle();
    expect(h.ready()).toBe(1);
    expect(h.cache.shown('s1', url)).toEqual(h.image(url));
    expect(h.cache.shown('s2', url)).toEqual(h.image(url)); // shared between sessions
    expect(h.calls).toHaveLength(1);
  });

  it('never loads what may not be fetched, and shows page data: artwork as it is', () => {
    const h = harness();
    for (const url of [
      'http://cdn.example.com/a.png',
      'https://127.0.0.1:8080/x',
      'https://nas.local/a',
    ]) {
      expect(h.cache.shown('s', url)).toBeNull();
    }
    expect(h.calls).toEqual([]);
    const data = 'data:image/png;base64,AAAA';
    expect(h.cache.shown('s', data)).toEqual({ src: data, width: 0, height: 0 });
  });

  it('loads at most a few at once; per session only the latest wanted URL waits', async () => {
    const h = harness();
    for (let s = 0; s < 10; s++) {
      for (let n = 0; n < 5; n++) h.cache.shown(`s${s}`, `https://cdn.example.com/${s}/${n}.png`);
    }
    expect(h.calls).toHaveLength(CONCURRENT_LOADS);
    expect(h.cache.busy().queued).toBeLessThanOrEqual(10);
    // The ones that started were the first asked; what waits is each other session's latest.
    for (const call of h.calls.splice(0)) call.reject(new Error('DNS'));
    await settle();
    const next = h.calls.map((c) => c.url);
    expect(next).toHaveLength(CONCURRENT_LOADS);
    for (const url of next) expect(url.endsWith('/4.png')).toBe(true);
  });

  it('a URL that failed is not tried again for a while', async () => {
    const h = harness();
    const url = 'https://cdn.example.com/broken.png';
    h.cache.shown('s', url);
    h.calls[0]?.reject(new Error('404'));
    await settle();
    expect(h.cache.shown('s', url)).toBeNull();
    expect(h.calls).toHaveLength(1);
    h.advance(RETRY_AFTER_MS);
    h.cache.shown('s', url);
    expect(h.calls).toHaveLength(2);
  });

  it('keeps the waiting list bounded, whatever the number of sessions', () => {
    const h = harness();
    for (let s = 0; s < MAX_QUEUED * 3; s++)
      h.cache.shown(`s${s}`, `https://cdn.example.com/${s}.png`);
    expect(h.cache.busy().queued).toBeLessThanOrEqual(MAX_QUEUED);
  });
});
