/**
 * The session model (docs/architecture.md § The session model): one frame's media, keyed by tab,
 * frame and document, plus the derived facts every context agrees on (is it playing, which actions
 * can it do, where is its position).
 */
import type { DeckSnapshot, FrameState, Position, SessionView } from './contract';

export type { DeckSnapshot, SessionView };

import { hostOf } from './hosts';
import {
  BARE_ELEMENT_ACTIONS,
  ELEMENT_DEFAULT_ACTIONS,
  MEDIA_SESSION_ACTIONS,
  type MediaSessionActionName,
} from './media-session-actions';

/** Where a session lives. Always taken from the Port's `sender`, never from a payload. */
export interface SessionIdentity {
  tabId: number;
  frameId: number;
  /** `runtime.MessageSender.documentId`: a navigation makes a new document, so a new session. */
  documentId: string;
}

/** One frame's media as the service worker keeps it. Times are epoch ms. */
export interface Session extends SessionIdentity {
  key: string;
  /** The frame's origin, e.g. `https://player.test` (from `sender.origin`). */
  origin: string;
  state: FrameState;
  firstSeenAt: number;
  updatedAt: number;
}

/** What the service worker knows of a tab from `chrome.tabs`. */
export interface TabInfo {
  tabId: number;
  windowId: number;
  title: string;
  url: string;
  audible: boolean;
  muted: boolean;
  active: boolean;
}

/** The session key: `"<tabId>:<frameId>:<documentId>"`. */
export function sessionKey(id: SessionIdentity): string {
  return `${id.tabId}:${id.frameId}:${id.documentId}`;
}

/**
 * The session's effective playback state: the page's `playbackState` when it set one (spec
 * § playbackState: the page's declaration wins), else whether its primary media element plays.
 */
export function effectivePlaybackState(state: FrameState): 'playing' | 'paused' | 'none' {
  if (state.playbackState !== 'none') return state.playbackState;
  if (state.media) return state.media.playing ? 'playing' : 'paused';
  return 'none';
}

/** The position to show: the page's `setPositionState`, else the media element's own. */
export function effectivePosition(state: FrameState): Position | null {
  return state.positionState ?? state.media?.position ?? null;
}

/** Whether the session is playing sound now: playing, and its element or its tab is audible. */
export function isAudiblyPlaying(state: FrameState, tabAudible: boolean): boolean {
  if (effectivePlaybackState(state) !== 'playing') return false;
  return state.media?.audible === true || tabAudible;
}

/**
 * Whether the session can be the active one (docs/architecture.md § Focus policy, rule 2): it has a
 * title or a media element that played audibly (the MAIN world reports no other), and is not a
 * transient sound of 5 s or less. A paused element still counts, so that pausing a bare `<video>`
 * does not move focus away from it (rule 3: play/pause twice toggles the same media).
 */
export function isControllable(state: FrameState): boolean {
  const hasTitle = (state.metadata?.title ?? '') !== '';
  if (!hasTitle && state.media === null) return false;
  return !isTransientSound(state);
}

/** Sounds this short or shorter (seconds) are transient, like Chrome's "transient" focus type. */
export const TRANSIENT_MAX_SECONDS = 5;

/**
 * Whether media of `durationSeconds` is a transient sound (a notification ping): a finite
 * duration of 5 s or less. Unknown (`null`) and live durations are not transient.
 */
export function isTransient(durationSeconds: number | null): boolean {
  return durationSeconds !== null && durationSeconds <= TRANSIENT_MAX_SECONDS;
}

/**
 * Whether the session is only a transient sound: a notification ping of 5 s or less with no
 * title. Such sessions never take focus and are not listed in the popup, like Chrome's
 * "transient" audio focus.
 */
export function isTransientSound(state: FrameState): boolean {
  const hasTitle = (state.metadata?.title ?? '') !== '';
  return !hasTitle && isTransient(effectivePosition(state)?.duration ?? null);
}

/**
 * The actions a session can perform, in `MEDIA_SESSION_ACTIONS` order: the page's registered
 * handlers, plus what its primary media element does by itself. Like Chrome, every element gets
 * default `play`, `pause` and `seekto` (when its duration is finite); a page that registered no
 * handler at all (a bare `<video>`) also gets seek backward / forward and stop.
 */
export function availableActions(state: FrameState): MediaSessionActionName[] {
  const set = new Set<MediaSessionActionName>(state.actions);
  if (state.media) {
    const finite = state.media.position.duration !== null;
    const extra = state.actions.length === 0 ? BARE_ELEMENT_ACTIONS : ELEMENT_DEFAULT_ACTIONS;
    for (const action of extra) {
      if (action === 'seekto' && !finite) continue;
      if ((action === 'seekbackward' || action === 'seekforward') && !finite) continue;
      set.add(action);
    }
  }
  return MEDIA_SESSION_ACTIONS.filter((a) => set.has(a));
}

/** Builds the popup's view of `session`; `tab` may be unknown yet (`undefined`). */
export function toSessionView(
  session: Session,
  tab: TabInfo | undefined,
  flags: { active: boolean; pinned: boolean; autoPip?: SessionView['autoPip'] },
): SessionView {
  const { state } = session;
  const host = hostOf(session.origin);
  const embedded = session.frameId !== 0;
  return {
    key: session.key,
    tabId: session.tabId,
    frameId: session.frameId,
    title: state.metadata?.title || (embedded ? '' : tab?.title) || host,
    artist: state.metadata?.artist ?? '',
    album: state.metadata?.album ?? '',
    artwork: state.metadata?.artwork ?? [],
    host,
    embedded,
    tabHost: tab?.url ? hostOf(tab.url) : host,
    pageUrl: embedded ? session.origin : (tab?.url ?? session.origin),
    kind: state.media?.kind ?? null,
    element: state.media
      ? {
          playbackRate: state.media.position.playbackRate,
          volume: state.media.volume,
          muted: state.media.muted,
        }
      : null,
    pictureInPicture: state.media?.pictureInPicture ?? false,
    autoPip: flags.autoPip ?? { armed: false, reason: null },
    playbackState: effectivePlaybackState(state),
    position: effectivePosition(state),
    actions: availableActions(state),
    chapters: (state.metadata?.chapterInfo ?? [])
      .map(({ title, startTime }) => ({ title, startTime }))
      .sort((a, b) => a.startTime - b.startTime),
    microphoneActive: state.microphoneActive,
    cameraActive: state.cameraActive,
    screenshareActive: state.screenshareActive,
    tabMuted: tab?.muted ?? false,
    tabAudible: tab?.audible ?? false,
    active: flags.active,
    pinned: flags.pinned,
  };
}
