/**
 * The `MediaSessionAction` values of the Media Session spec (§ "The MediaSessionAction enum",
 * https://w3c.github.io/mediasession/#enumdef-mediasessionaction), plus the ones Chromium ships
 * ahead of it. The page decides which of them it handles with `setActionHandler`; anything not in
 * this list is dropped at the bridge and the service worker.
 */
export const MEDIA_SESSION_ACTIONS = [
  'play',
  'pause',
  'seekbackward',
  'seekforward',
  'previoustrack',
  'nexttrack',
  'skipad',
  'stop',
  'seekto',
  'togglemicrophone',
  'togglecamera',
  'togglescreenshare',
  'hangup',
  'previousslide',
  'nextslide',
  'enterpictureinpicture',
  'voiceactivity',
] as const;

/** One `MediaSessionAction` value, e.g. `'seekto'`. */
export type MediaSessionActionName = (typeof MEDIA_SESSION_ACTIONS)[number];

/**
 * Actions a bare media element can perform itself when the page registered no handler for them.
 * Chrome gives every media element default `play`, `pause` and `seekto` handling; `seekbackward`,
 * `seekforward` and `stop` are ours and are offered only for pages that registered no handlers at
 * all (a bare `<video>`), so a site's own player does not gain buttons it never chose.
 */
export const ELEMENT_DEFAULT_ACTIONS: readonly MediaSessionActionName[] = [
  'play',
  'pause',
  'seekto',
];
export const BARE_ELEMENT_ACTIONS: readonly MediaSessionActionName[] = [
  'play',
  'pause',
  'seekto',
  'seekbackward',
  'seekforward',
  'stop',
];

/** Default seek offset for `seekbackward` / `seekforward`, in seconds. */
export const DEFAULT_SEEK_OFFSET_SECONDS = 10;
