/**
 * The getters the MAIN world reads of a media element outside the document for its `RemoteMedia`
 * snapshot (src/content/main-world/remote-media.ts): `HTMLMediaElement`'s state, Chromium's
 * decoded-audio count (a silent video has none), and, for a `<video>` only, its intrinsic size
 * and whether it allows picture-in-picture. A getter that throws for the element (`videoWidth` of an
 * `<audio>`) is left out of the snapshot.
 */
export const REMOTE_FIELDS = [
  'paused',
  'ended',
  'muted',
  'volume',
  'duration',
  'currentTime',
  'playbackRate',
  'webkitAudioDecodedByteCount',
  'videoWidth',
  'videoHeight',
  'disablePictureInPicture',
] as const;
