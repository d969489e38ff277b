/**
 * Caps on what a page may report. Everything a page sends is untrusted (docs/architecture.md §
 * Trust): strings, arrays and URLs are cut to these sizes before they reach the service worker.
 */
export const LIMITS = {
  /** Characters of a title, artist, album or chapter title. */
  text: 512,
  /** Characters of an http(s) URL (artwork, frame URL). */
  url: 2048,
  /** Characters of a `data:image/...` artwork URL (about 96 KiB of base64). */
  dataUrl: 131_072,
  /** Characters of a `MediaImage`'s `sizes` or `type` (`"512x512 1024x1024"`, `"image/png"`). */
  imageAttr: 128,
  /** Artwork images per metadata or chapter. */
  artwork: 16,
  /**
   * Characters of all artwork `src` URLs of one frame's metadata together (its own artwork and its
   * chapters'). Without it one page could report 64 chapters × 16 data URLs (about 134 MB), filling
   * the service worker's memory and `chrome.storage.session` (10 MB for every session together).
   */
  artworkChars: 262_144,
  /**
   * Sessions one tab may hold (its top frame and iframes together). A page could otherwise make
   * thousands of iframes, each within every per-frame cap, and fill the service worker.
   */
  sessionsPerTab: 32,
  /**
   * Characters of artwork `src` all sessions of one tab may hold together; a report past it is
   * kept without its artwork (the popup shows a placeholder).
   */
  tabArtworkChars: 1_048_576,
  /** Chapters per metadata. */
  chapters: 64,
  /** Largest seconds value accepted for durations and positions (about 31 years). */
  seconds: 1e9,
  /** Playback rates outside this range are rejected. */
  playbackRate: 64,
  /**
   * Least `HTMLMediaElement.volume` at which playing media counts as audible (and so as media
   * use at all): below it, a page's "sound" is a loop no one hears, played to look like media.
   */
  audibleVolume: 0.05,
} as const;
