import { REMOTE_MEDIA_EVENTS } from './remote-media-fields';

/**
 * The `HTMLMediaElement` events (HTML § Media elements, "Event summary") after which what Media
 * Deck reports about an element may have changed: `REMOTE_MEDIA_EVENTS`
 * (src/shared/remote-media-fields.ts) and four more, for the elements in the document, which the
 * session agent listens for in the capture phase on `window`.
 */
export const MEDIA_EVENTS = [
  ...REMOTE_MEDIA_EVENTS,
  'emptied',
  'timeupdate',
  'enterpictureinpicture',
  'leavepictureinpicture',
] as const;
