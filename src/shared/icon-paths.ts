/**
 * 24×24 SVG path data for every icon Media Deck draws (simple geometric shapes, drawn for Media
 * Deck), shared by the popup and the picture-in-picture mini player.
 */
import type { ControlIcon } from './controls';

/** An icon name: a control's, or one of the popup's own. */
export type IconName =
  | ControlIcon
  | 'placeholder-audio'
  | 'placeholder-video'
  | 'pin'
  | 'pinned'
  | 'key'
  | 'side-panel';

export const ICON_PATHS: Record<IconName, string> = {
  previoustrack: 'M6 6h2v12H6zM9.5 12 18 6v12z',
  seekbackward: 'M11 18V6l-8.5 6zm.5-6 8.5 6V6z',
  play: 'M8 5v14l11-7z',
  key: 'M7 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6zm5.7 1H22v4h-2v3h-3v-3h-4.3A6 6 0 1 1 12.7 10z',
  'side-panel': 'M3 4h18v16H3zm2 2v12h9V6zm11 0v12h3V6z',
  pause: 'M6 5h4v14H6zm8 0h4v14h-4z',
  seekforward: 'M4 18l8.5-6L4 6zm9-12v12l8.5-6z',
  nexttrack: 'M6 18l8.5-6L6 6zm10-12v12h2V6z',
  stop: 'M6 6h12v12H6z',
  skipad: 'M5 6l8 6-8 6zm9 0h2v12h-2zm3 0h2v12h-2z',
  previousslide: 'M15.4 7.4 14 6l-6 6 6 6 1.4-1.4L10.8 12z',
  nextslide: 'M8.6 16.6 10 18l6-6-6-6-1.4 1.4 4.6 4.6z',
  'microphone-on':
    'M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1a7 7 0 0 0 6-6.9z',
  'microphone-off':
    'M19 11h-2a5 5 0 0 1-.6 2.3l1.5 1.5A7 7 0 0 0 19 11zM15 11V5a3 3 0 0 0-5.9-.7L15 10.2zM4.3 3 3 4.3l6 6V11a3 3 0 0 0 4.5 2.6l1.6 1.6A5 5 0 0 1 7 11H5a7 7 0 0 0 6 6.9V21h2v-3.1a7 7 0 0 0 3.4-1.3l3.3 3.4 1.3-1.3z',
  'camera-on':
    'M17 10.5V7a1 1 0 0 0-1-1H4a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-3.5l4 4v-11z',
  'camera-off':
    'M21 6.5l-4 4V7a1 1 0 0 0-1-1H9.8L21 17.2zM3.3 2 2 3.3 4.7 6H4a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h12c.2 0 .4-.1.5-.2l3.2 3.2 1.3-1.3z',
  hangup:
    'M12 9c-1.6 0-3.1.3-4.6.7v3.1c0 .4-.2.7-.6.9-1 .5-1.9 1.1-2.7 1.8-.2.2-.4.3-.7.3s-.5-.1-.7-.3L.3 13.1c-.2-.2-.3-.4-.3-.7s.1-.5.3-.7C3.3 8.8 7.5 7 12 7s8.7 1.8 11.7 4.7c.2.2.3.4.3.7s-.1.5-.3.7l-2.4 2.4c-.2.2-.4.3-.7.3s-.5-.1-.7-.3c-.8-.7-1.7-1.3-2.7-1.8-.3-.2-.6-.5-.6-.9V9.7C15.1 9.3 13.6 9 12 9z',
  'volume-on':
    'M3 9v6h4l5 5V4L7 9zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z',
  'volume-off':
    'M16.5 12A4.5 4.5 0 0 0 14 8v2.2l2.5 2.5zm2.5 0a7 7 0 0 1-.5 2.6l1.5 1.5A9 9 0 0 0 14 3.2v2.1a7 7 0 0 1 5 6.7zM4.3 3 3 4.3 7.7 9H3v6h4l5 5v-6.7l4.3 4.3a7 7 0 0 1-2.3 1.2v2.1a9 9 0 0 0 3.7-1.8l2 2 1.3-1.3zM12 4 9.9 6.1 12 8.2z',
  'picture-in-picture':
    'M19 11h-8v6h8zm4 8V5a2 2 0 0 0-2-2H3a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h18a2 2 0 0 0 2-2zm-2 0H3V5h18z',
  'go-to-tab':
    'M19 19H5V5h7V3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2v-7h-2zM14 3v2h3.6l-9.8 9.8 1.4 1.4L19 6.4V10h2V3z',
  'placeholder-audio': 'M12 3v10.6A4 4 0 1 0 14 17V7h4V3z',
  'placeholder-video':
    'M4 6h12a1 1 0 0 1 1 1v3.5l4-4v11l-4-4V17a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1z',
  pin: 'M16 3H8v2h1v6l-2 3v2h4.2v5h1.6v-5H17v-2l-2-3V5h1z',
  pinned: 'M16 3H8v2h1v6l-2 3v2h4.2v5h1.6v-5H17v-2l-2-3V5h1z',
};
