/**
 * Turns the recorded media session and media elements into `FrameState` reports: batched to one
 * per microtask, and only when something changed beyond normal playback progress (so a page that
 * calls `setPositionState` every frame costs one report, not sixty a second). A page that changes
 * what it declares all the time (new metadata every few milliseconds) gets `BURST` reports at
 * once, then at most one per `INTERVAL_MS`, the latest state winning: building and posting a
 * report is the work a flooding page would otherwise make us do for every call.
 */
import type { FrameState } from '../../shared/contract';
import { isEmptyFrameState, isSameReport } from '../../shared/frame-state';
import { MEDIA_SESSION_ACTIONS } from '../../shared/media-session-actions';
import {
  dateNow,
  jsonStringify,
  queueMicrotaskNative,
  setTimeoutNative,
  userActivationState,
} from './intrinsics';
import type { MediaElementWatcher } from './media-element-watcher';
import { type RecordedSession, readMetadata, readPlaybackState } from './media-session-wrapper';

/** A reporter for one frame. */
export interface Reporter {
  /** Marks the state dirty; the report is built and posted in a microtask. */
  schedule(): void;
  /** The last state posted, or `null` while the frame has nothing to report. */
  last(): FrameState | null;
}

/** Builds the frame's current `FrameState` from what the wrappers recorded. */
export function buildFrameState(
  record: RecordedSession | null,
  media: MediaElementWatcher,
): FrameState {
  const actions: FrameState['actions'] = [];
  if (record) {
    for (let i = 0; i < MEDIA_SESSION_ACTIONS.length; i++) {
      const action = MEDIA_SESSION_ACTIONS[i] as FrameState['actions'][number];
      if (record.handlers[action]) actions[actions.length] = action;
    }
  }
  return {
    metadata: readMetadata(),
    actions,
    playbackState: readPlaybackState(),
    positionState: record?.positionState ?? null,
    microphoneActive: record?.microphoneActive ?? null,
    cameraActive: record?.cameraActive ?? null,
    screenshareActive: record?.screenshareActive ?? null,
    media: media.primaryState(),
    activated: userActivationState().sticky,
  };
}

/** Reports built at once within a second, before the rest wait for `INTERVAL_MS`. */
export const BURST = 10;
/** Least milliseconds between two reports once the burst is spent. */
export const INTERVAL_MS = 100;

/** Creates the reporter; `post` receives each state worth sending. */
export function createReporter(
  getRecord: () => RecordedSession | null,
  media: MediaElementWatcher,
  post: (state: FrameState) => void,
): Reporter {
  let scheduled = false;
  let lastSent: FrameState | null = null;
  /** A token bucket: `BURST` tokens, one back every `INTERVAL_MS`. */
  let tokens = BURST;
  let tokensAt = 0;

  /** Takes a token if there is one; else returns the milliseconds until there is. */
  function takeToken(): number {
    const now = dateNow();
    if (now > tokensAt) {
      tokens = tokens + (now - tokensAt) / INTERVAL_MS;
      if (tokens > BURST) tokens = BURST;
      tokensAt = now;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return (1 - tokens) * INTERVAL_MS;
  }

  // A microtask of ours: whatever throws in it (a getter or built-in the page broke) would be the
  // page's uncaught error, so the report is skipped instead.
  function flush(): void {
    try {
      const wait = takeToken();
      if (wait > 0) {
        setTimeoutNative(flush, wait); // still scheduled: later changes join this report
        return;
      }
    } catch {}
    scheduled = false;
    try {
      const state = buildFrameState(getRecord(), media);
      if (
        lastSent === null ? isEmptyFrameState(state) : isSameReport(lastSent, state, jsonStringify)
      ) {
        return;
      }
      lastSent = state;
      post(state);
    } catch {}
  }

  return {
    schedule() {
      if (scheduled) return;
      scheduled = true;
      // Called from inside the page's own calls (setActionHandler, play()): must never throw.
      try {
        queueMicrotaskNative(flush);
      } catch {
        scheduled = false;
      }
    },
    last: () => lastSent,
  };
}
