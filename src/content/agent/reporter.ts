/**
 * Turns what the frame declares into `FrameState` reports: the page's metadata and
 * `playbackState` (read here, src/content/agent/page-metadata.ts), its handlers, position and
 * microphone / camera state (the MAIN world's `PageRecord`), and its primary media element.
 * Batched to one per microtask, and only when something changed beyond normal playback progress.
 * A page that changes what it declares all the time gets `BURST` reports at once, then at most one
 * per `INTERVAL_MS`, the latest state winning.
 */

import type { FrameState, Metadata, PageRecord } from '../../shared/contract';
import { handles } from '../../shared/contract';
import { isEmptyFrameState, isSameReport } from '../../shared/frame-state';
import {
  MEDIA_SESSION_ACTIONS,
  type MediaSessionActionName,
} from '../../shared/media-session-actions';
import { capPosition } from '../../shared/position';
import type { MediaElementWatcher } from './media-element-watcher';
import { readMetadata, readPlaybackState, readTrackChapters } from './page-metadata';

/** A reporter for one frame. */
export interface Reporter {
  /** Marks the state dirty; the report is built and posted in a microtask. */
  schedule(): void;
  /**
   * The page may have changed its metadata (a MAIN-world record came): read it again for the next
   * report. Otherwise a report reuses the last copy, so that a media element's events (many a
   * second) do not copy the artwork list each time.
   */
  metadataChanged(): void;
  /** The last state posted, or `null` while the frame has nothing to report. */
  last(): FrameState | null;
}

/**
 * Builds the frame's current `FrameState`; `record` is the MAIN world's latest, if any yet, and
 * `metadata` the page's metadata as last read (read now when not given).
 */
export function buildFrameState(
  record: PageRecord | null,
  media: MediaElementWatcher,
  metadata: Metadata | null = readMetadata(),
): FrameState {
  const raw = record?.positionState;
  return {
    metadata: withTrackChapters(metadata, media),
    actions: MEDIA_SESSION_ACTIONS.filter((action: MediaSessionActionName) =>
      handles(record, action),
    ),
    playbackState: readPlaybackState(),
    positionState: raw
      ? // Within the contract's caps, or the worker would refuse every report while it stands.
        capPosition(raw.duration, raw.playbackRate, raw.position, raw.at)
      : null,
    microphoneActive: record?.microphoneActive ?? null,
    cameraActive: record?.cameraActive ?? null,
    screenshareActive: record?.screenshareActive ?? null,
    media: media.primaryState(),
    activated: navigator.userActivation?.hasBeenActive === true,
  };
}

/**
 * `metadata` with the chapters of the primary element's `<track kind="chapters">` when the page
 * declared none in `MediaMetadata.chapterInfo` (which wins); a page with such a track and no
 * `MediaMetadata` gets metadata with only those chapters.
 */
function withTrackChapters(metadata: Metadata | null, media: MediaElementWatcher): Metadata | null {
  if (metadata && metadata.chapterInfo.length > 0) return metadata;
  const chapters = readTrackChapters(media.primary()?.element ?? null);
  if (chapters.length === 0) return metadata;
  return metadata
    ? { ...metadata, chapterInfo: chapters }
    : { title: '', artist: '', album: '', artwork: [], chapterInfo: chapters };
}

/** Reports built at once within a second, before the rest wait for `INTERVAL_MS`. */
export const BURST = 10;
/** Least milliseconds between two reports once the burst is spent. */
export const INTERVAL_MS = 100;

/**
 * Creates the reporter; `post` receives each state worth sending. Nothing is reported while
 * `getRecord()` is `null` and `waitForRecord()` is `true`: the MAIN world's first record (the page's
 * handlers) comes within a task of the agent's `hello`, and a report without it would tell the
 * worker, for a moment, that the page handles no action.
 */
export function createReporter(
  getRecord: () => PageRecord | null,
  waitForRecord: () => boolean,
  media: MediaElementWatcher,
  post: (state: FrameState) => void,
): Reporter {
  let scheduled = false;
  let lastSent: FrameState | null = null;
  /** The metadata as last read; `undefined` when it must be read again. */
  let metadata: Metadata | null | undefined;
  /** A token bucket: `BURST` tokens, one back every `INTERVAL_MS`. */
  let tokens = BURST;
  let tokensAt = 0;

  /** Takes a token if there is one; else returns the milliseconds until there is. */
  function takeToken(): number {
    const now = Date.now();
    if (now > tokensAt) {
      tokens = Math.min(BURST, tokens + (now - tokensAt) / INTERVAL_MS);
      tokensAt = now;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return (1 - tokens) * INTERVAL_MS;
  }

  function flush(): void {
    const wait = takeToken();
    if (wait > 0) {
      setTimeout(flush, wait); // still scheduled: later changes join this report
      return;
    }
    scheduled = false;
    const record = getRecord();
    if (record === null && waitForRecord()) return; // scheduled again when it comes
    // Without a record (a MAIN world that could not start, injected late) nothing says when the
    // metadata changed: read it each time.
    if (metadata === undefined || record === null) metadata = readMetadata();
    const state = buildFrameState(record, media, metadata);
    if (lastSent === null ? isEmptyFrameState(state) : isSameReport(lastSent, state)) return;
    lastSent = state;
    post(state);
  }

  return {
    schedule() {
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(flush);
    },
    metadataChanged() {
      metadata = undefined;
    },
    last: () => lastSent,
  };
}
