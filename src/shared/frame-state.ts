/**
 * Pure helpers over one frame's `FrameState`, shared by the MAIN world (which decides what to
 * report), the bridge (which coalesces) and the service worker (which drops empty sessions).
 * They use only operators and JSON, so they behave the same in a page whose built-ins were patched.
 */
import type { FrameState, Position } from './contract';
import { isSamePlayback } from './position';

/** A frame whose media session declares nothing and which never played media: not a session. */
export function isEmptyFrameState(state: FrameState): boolean {
  return (
    state.metadata === null &&
    state.actions.length === 0 &&
    state.playbackState === 'none' &&
    state.positionState === null &&
    state.microphoneActive === null &&
    state.cameraActive === null &&
    state.screenshareActive === null &&
    state.media === null
  );
}

function withoutSamples(state: FrameState): unknown {
  const strip = (p: Position | null) => (p ? { d: p.duration, r: p.playbackRate } : null);
  return {
    ...state,
    positionState: strip(state.positionState),
    media: state.media ? { ...state.media, position: strip(state.media.position) } : null,
  };
}

/**
 * Whether `next` differs from `previous` in anything but position samples: metadata, handlers,
 * playback state, microphone / camera, the element's playing / muted / kind. Such changes are what
 * the user sees at once in the popup.
 */
export function differsBeyondPosition(
  previous: FrameState,
  next: FrameState,
  stringify: (value: unknown) => string = JSON.stringify,
): boolean {
  return stringify(withoutSamples(previous)) !== stringify(withoutSamples(next));
}

/**
 * Whether `next` tells the service worker nothing that `previous` did not: equal in every field,
 * and both position samples consistent with extrapolating the previous ones (`isSamePlayback`).
 * This is what turns a page's 60 `setPositionState` calls a second into no messages at all.
 */
export function isSameReport(
  previous: FrameState,
  next: FrameState,
  stringify: (value: unknown) => string = JSON.stringify,
): boolean {
  if (stringify(withoutSamples(previous)) !== stringify(withoutSamples(next))) return false;
  const playing =
    next.playbackState === 'playing' || (next.playbackState === 'none' && !!next.media?.playing);
  if (!isSamePlayback(previous.positionState, next.positionState, playing)) return false;
  return isSamePlayback(
    previous.media?.position ?? null,
    next.media?.position ?? null,
    !!next.media?.playing,
  );
}
