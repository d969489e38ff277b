/**
 * The getters the MAIN world reads of a media element outside the document for its `RemoteMedia`
 * snapshot (src/content/main-world/remote-media.ts): `HTMLMediaElement`'s state, Chromium's
 * decoded-audio count (a silent video has none), and, for a `<video>` only (these last, from
 * `videoWidth` on), its intrinsic size. (An ended element is paused; a video whose page disallows
 * picture-in-picture refuses the request itself.) A getter that
 * throws for the element (`videoWidth` of an `<audio>`) is left out of the snapshot, with the
 * ones after it.
 */
export const REMOTE_FIELDS = [
  'paused',
  'muted',
  'volume',
  'duration',
  'currentTime',
  'playbackRate',
  'webkitAudioDecodedByteCount',
  'videoWidth',
  'videoHeight',
] as const;

/**
 * The `HTMLMediaElement` events (HTML § Media elements, "Event summary") after which what Media
 * Deck reports about an element may have changed. The MAIN world listens for these on each element
 * outside the document tree (detached, or in a shadow tree, whose events never reach `window`;
 * src/content/main-world/remote-media.ts): not `timeupdate` (the agent extrapolates the position),
 * `emptied` (a new source plays and pauses anew) nor the picture-in-picture events (such an
 * element is rarely shown).
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
] as const;
