/**
 * Caps on what a page may report. Everything a page sends is untrusted (DESIGN.md § Trust):
 * strings, arrays and URLs are cut to these sizes before they reach the service worker.
 */
export const LIMITS = {
  /** Characters of a title, artist, album, chapter title or artwork `sizes` / `type`. */
  text: 512,
  /** Characters of an http(s) URL (artwork, frame URL). */
  url: 2048,
  /** Characters of a `data:image/...` artwork URL (about 96 KiB of base64). */
  dataUrl: 131_072,
  /** Artwork images per metadata or chapter. */
  artwork: 16,
  /** Chapters per metadata. */
  chapters: 64,
  /** Largest seconds value accepted for durations and positions (about 31 years). */
  seconds: 1e9,
  /** Playback rates outside this range are rejected. */
  playbackRate: 64,
} as const;
