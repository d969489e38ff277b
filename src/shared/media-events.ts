/**
 * The `HTMLMediaElement` events (HTML § Media elements, "Event summary") after which what Media
 * Deck reports about an element may have changed. The MAIN world listens for these on each element
 * outside the document tree (detached, or in a shadow tree, whose events never reach `window`;
 * src/content/main-world/remote-media.ts): not `timeupdate` (the agent extrapolates the position)
 * nor the picture-in-picture events (such an element is rarely shown).
 */
export const REMOTE_MEDIA_EVENTS = [
  'play',
  'playing',
  'pause',
  'ended',
  'volumechange',
  'durationchange',
  'ratechange',
  'seeked',
  'emptied',
] as const;

/**
 * `REMOTE_MEDIA_EVENTS` and three more, for the elements in the document, which the session agent
 * listens for in the capture phase on `window`.
 */
export const MEDIA_EVENTS = [
  ...REMOTE_MEDIA_EVENTS,
  'timeupdate',
  'enterpictureinpicture',
  'leavepictureinpicture',
] as const;
