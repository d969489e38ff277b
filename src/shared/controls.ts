/**
 * Which buttons a session shows, in which order, with which accessible names (messages of
 * src/shared/i18n.ts): only what the
 * session can do, each carrying the `SessionIntent` it sends. Pure, so the popup and the
 * picture-in-picture mini player agree, and the unit tests cover it without a browser.
 */
import type { SessionIntent, SessionView } from './contract';
import { plural, t } from './i18n';
import type { MediaSessionActionName } from './media-session-actions';

/** An icon name the popup knows how to draw. */
export type ControlIcon =
  | 'previoustrack'
  | 'seekbackward'
  | 'play'
  | 'pause'
  | 'seekforward'
  | 'nexttrack'
  | 'stop'
  | 'skipad'
  | 'previousslide'
  | 'nextslide'
  | 'microphone-on'
  | 'microphone-off'
  | 'camera-on'
  | 'camera-off'
  | 'hangup'
  | 'volume-on'
  | 'volume-off'
  | 'go-to-tab'
  | 'picture-in-picture';

/** One button: a `MediaSessionAction` for the page, or something the extension does itself. */
export interface Control {
  /** Stable id, used as the React key and in tests. */
  id: string;
  /** Accessible name, e.g. "Next track", "Mute microphone". */
  label: string;
  icon: ControlIcon;
  /** What pressing it asks of the session. */
  intent: SessionIntent;
  /** For toggles (microphone, camera, tab mute): whether the thing is off now, for styling. The
   * label already says the state ("Unmute microphone"), so no `aria-pressed` (WAI-ARIA APG). */
  off?: boolean;
  /** Part of the main transport row (true) or of the secondary row. */
  primary: boolean;
}

function action(
  id: MediaSessionActionName,
  label: string,
  icon: ControlIcon,
  primary: boolean,
  off?: boolean,
  seekOffset?: number,
): Control {
  const details = seekOffset === undefined ? { action: id } : { action: id, seekOffset };
  const control: Control = { id, label, icon, primary, intent: { kind: 'action', details } };
  if (off !== undefined) control.off = off;
  return control;
}

/**
 * The session's buttons: transport (previous track, seek backward, play/pause, seek forward, next
 * track), then stop, skip ad, slides, call controls (microphone and camera showing their state,
 * hang up), picture-in-picture for video sessions (unless `pictureInPicture` is false), and always
 * mute tab and go to tab. Play/pause is one button that shows "Pause" while
 * playing, and falls back to whichever of the two the session can do.
 */
export function controlsFor(
  view: SessionView,
  seekOffsetSeconds: number,
  { pictureInPicture = true }: { pictureInPicture?: boolean } = {},
): Control[] {
  const can = new Set(view.actions);
  const out: Control[] = [];
  if (can.has('previoustrack'))
    out.push(action('previoustrack', t('controlPreviousTrack'), 'previoustrack', true));
  if (can.has('seekbackward')) {
    out.push(
      action(
        'seekbackward',
        plural('controlSeekBackward', seekOffsetSeconds),
        'seekbackward',
        true,
        undefined,
        seekOffsetSeconds,
      ),
    );
  }
  const playing = view.playbackState === 'playing';
  if (playing && can.has('pause')) out.push(action('pause', t('controlPause'), 'pause', true));
  else if (!playing && can.has('play')) out.push(action('play', t('controlPlay'), 'play', true));
  else if (can.has('pause')) out.push(action('pause', t('controlPause'), 'pause', true));
  else if (can.has('play')) out.push(action('play', t('controlPlay'), 'play', true));
  if (can.has('seekforward')) {
    out.push(
      action(
        'seekforward',
        plural('controlSeekForward', seekOffsetSeconds),
        'seekforward',
        true,
        undefined,
        seekOffsetSeconds,
      ),
    );
  }
  if (can.has('nexttrack')) out.push(action('nexttrack', t('controlNextTrack'), 'nexttrack', true));
  if (can.has('stop')) out.push(action('stop', t('controlStop'), 'stop', false));
  if (can.has('skipad')) out.push(action('skipad', t('controlSkipAd'), 'skipad', false));
  if (can.has('previousslide'))
    out.push(action('previousslide', t('controlPreviousSlide'), 'previousslide', false));
  if (can.has('nextslide'))
    out.push(action('nextslide', t('controlNextSlide'), 'nextslide', false));
  if (can.has('togglemicrophone')) {
    const on = view.microphoneActive !== false;
    out.push(
      action(
        'togglemicrophone',
        on ? t('controlMuteMicrophone') : t('controlUnmuteMicrophone'),
        on ? 'microphone-on' : 'microphone-off',
        false,
        !on,
      ),
    );
  }
  if (can.has('togglecamera')) {
    const on = view.cameraActive !== false;
    out.push(
      action(
        'togglecamera',
        on ? t('controlCameraOff') : t('controlCameraOn'),
        on ? 'camera-on' : 'camera-off',
        false,
        !on,
      ),
    );
  }
  if (can.has('hangup')) out.push(action('hangup', t('controlHangUp'), 'hangup', false));
  // `pictureInPicture: false`: the browser cannot put a page's video in picture-in-picture for an
  // extension (Firefox, src/shared/platform.ts), so no button that would do nothing.
  if (pictureInPicture && (view.kind === 'video' || can.has('enterpictureinpicture'))) {
    out.push({
      id: 'picture-in-picture',
      label: view.pictureInPicture ? t('controlExitPip') : t('controlEnterPip'),
      icon: 'picture-in-picture',
      intent: { kind: 'picture-in-picture' },
      primary: false,
    });
  }
  out.push({
    id: 'mute-tab',
    label: view.tabMuted ? t('controlUnmuteTab') : t('controlMuteTab'),
    icon: view.tabMuted ? 'volume-off' : 'volume-on',
    intent: { kind: 'mute-tab', muted: !view.tabMuted },
    off: view.tabMuted,
    primary: false,
  });
  out.push({
    id: 'go-to-tab',
    label: t('controlGoToTab'),
    icon: 'go-to-tab',
    intent: { kind: 'focus-tab' },
    primary: false,
  });
  return out;
}

/** Human words for a playback state: "Playing", "Paused", "Idle" (in the UI language). */
export function playbackLabel(state: SessionView['playbackState']): string {
  return state === 'playing'
    ? t('playbackPlaying')
    : state === 'paused'
      ? t('playbackPaused')
      : t('playbackIdle');
}
