/**
 * The artwork the popup shows, fetched by the extension and kept as small `data:` images
 * (docs/architecture.md § Trust): a page names its artwork, and the popup and the mini player load
 * nothing from it. For each session the snapshot asks for the one image it would show
 * (`shown`); the first ask starts a load (src/background/artwork-loader.ts) and answers "nothing
 * yet"; when the load completes, `onReady` tells the popup feed to push again.
 *
 * Bounded whatever pages declare: at most `CONCURRENT_LOADS` loads at once; per session only the
 * latest wanted URL waits in the queue (a page changing its artwork every few milliseconds costs
 * one load per change that is still wanted when a slot frees, not one per change); a URL that
 * failed is not tried again for `RETRY_AFTER_MS`; at most `MAX_ENTRIES` results and
 * `MAX_TOTAL_CHARS` characters of them are kept, least recently shown first out.
 */

/** Most loads in flight at once. */
export const CONCURRENT_LOADS = 4;
/** Milliseconds before a URL whose load failed is tried again. */
export const RETRY_AFTER_MS = 5 * 60_000;
/** Most results kept. */
export const MAX_ENTRIES = 256;
/** Most characters of `data:` URLs kept in all. */
export const MAX_TOTAL_CHARS = 8 * 1024 * 1024;
/** Most sessions waiting for a load (the oldest wait is dropped past it). */
export const MAX_QUEUED = 64;

/** An image ready to show: a `data:image/…` URL and its size in pixels. */
export interface ShownImage {
  src: string;
  width: number;
  height: number;
}

/** What the cache needs from its surroundings. */
export interface ArtworkCacheDeps {
  /**
   * Loads `url` into a `ShownImage` (fetches, checks, downscales, encodes); rejects when it cannot.
   * Only called for URLs `fetchable(url)` allowed.
   */
  load(url: string): Promise<ShownImage>;
  /** Whether `url` may be fetched at all (src/background/artwork-policy.ts). */
  fetchable(url: string): boolean;
  /** Whether `url` is page-declared `data:` artwork that can be shown as it is. */
  isDataImage(url: string): boolean;
  /** A load completed: what the popup shows may have changed. */
  onReady(): void;
  /** Epoch ms. */
  now(): number;
}

/** The cache. */
export interface ArtworkCache {
  /**
   * The image to show for session `key`, whose page declared `url` for it: page `data:` artwork as
   * it is, a loaded image when ready, else `null` (and the load is queued, replacing any other URL
   * this session was waiting for).
   */
  shown(key: string, url: string): ShownImage | null;
  /** Loads in flight and queued (tests, diagnostics). */
  busy(): { loading: number; queued: number; entries: number };
}

type Entry = { state: 'ready'; image: ShownImage } | { state: 'failed'; at: number };

/** Creates the cache. */
export function createArtworkCache(deps: ArtworkCacheDeps): ArtworkCache {
  /** Results by URL, in least-recently-shown order (a `Map` keeps insertion order). */
  const entries = new Map<string, Entry>();
  let totalChars = 0;
  const loading = new Set<string>();
  /** Session key → the URL it waits for; one per session, the latest. */
  const queue = new Map<string, string>();

  function touch(url: string, entry: Entry): void {
    entries.delete(url);
    entries.set(url, entry);
  }

  function remember(url: string, entry: Entry): void {
    const old = entries.get(url);
    if (old?.state === 'ready') totalChars -= old.image.src.length;
    touch(url, entry);
    if (entry.state === 'ready') totalChars += entry.image.src.length;
    while (entries.size > MAX_ENTRIES || totalChars > MAX_TOTAL_CHARS) {
      const [oldest, value] = entries.entries().next().value as [string, Entry];
      entries.delete(oldest);
      if (value.state === 'ready') totalChars -= value.image.src.length;
    }
  }

  function pump(): void {
    while (loading.size < CONCURRENT_LOADS && queue.size > 0) {
      const [key, url] = queue.entries().next().value as [string, string];
      queue.delete(key);
      if (loading.has(url) || entries.get(url)?.state === 'ready') continue;
      loading.add(url);
      deps.load(url).then(
        (image) => {
          loading.delete(url);
          remember(url, { state: 'ready', image });
          deps.onReady();
          pump();
        },
        () => {
          loading.delete(url);
          remember(url, { state: 'failed', at: deps.now() });
          pump();
        },
      );
    }
  }

  return {
    shown(key, url) {
      if (deps.isDataImage(url)) return { src: url, width: 0, height: 0 };
      const entry = entries.get(url);
      if (entry?.state === 'ready') {
        touch(url, entry);
        return entry.image;
      }
      if (entry?.state === 'failed' && deps.now() - entry.at < RETRY_AFTER_MS) return null;
      if (!deps.fetchable(url) || loading.has(url)) return null;
      queue.delete(key); // keeps the queue in the order sessions last asked
      queue.set(key, url);
      if (queue.size > MAX_QUEUED) queue.delete(queue.keys().next().value as string);
      pump();
      return null;
    },
    busy: () => ({ loading: loading.size, queued: queue.size, entries: entries.size }),
  };
}
