/**
 * Fixture builders for the message contract types (src/shared/contract.ts), shared by the unit tests.
 *
 * FOR TESTS ONLY: production code must never import this module. Every builder returns a fresh,
 * complete and schema-valid object; pass `overrides` to change only the fields a test is about.
 */
import type {
  DeckSnapshot,
  FrameState,
  MediaElementState,
  MediaImage,
  Metadata,
  Position,
  SessionView,
} from '../../src/shared/contract';
import type { MediaSessionActionName } from '../../src/shared/media-session-actions';

/** Every track handler a music player registers (the order pages often use, not the enum's). */
export const MUSIC_ACTIONS: MediaSessionActionName[] = [
  'play',
  'pause',
  'previoustrack',
  'nexttrack',
  'seekbackward',
  'seekforward',
  'stop',
  'seekto',
];

/** The epoch-ms instant every fixture is sampled at: 2023-11-14T22:13:20Z. */
export const T0 = 1_700_000_000_000;

/** A `Position`: 10 s into a 300 s track at rate 1, sampled at `T0`. */
export function pos(overrides: Partial<Position> = {}): Position {
  return { duration: 300, playbackRate: 1, position: 10, updatedAt: T0, ...overrides };
}

/** A `MediaImage`: `https://img.test/cover.png`, `512x512`, `image/png`. */
export function image(overrides: Partial<MediaImage> = {}): MediaImage {
  return { src: 'https://img.test/cover.png', sizes: '512x512', type: 'image/png', ...overrides };
}

/**
 * An image as the popup receives it: a `data:image/png` URL (a 1×1 PNG), `96x96`, `image/png`
 * (src/background/deck-snapshot.ts sends nothing else).
 */
export function shownImage(overrides: Partial<MediaImage> = {}): MediaImage {
  return {
    src: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    sizes: '96x96',
    type: 'image/png',
    ...overrides,
  };
}

/** A `Metadata`: title `Song`, artist `Artist`, album `Album`, no artwork, no chapters. */
export function metadata(overrides: Partial<Metadata> = {}): Metadata {
  return {
    title: 'Song',
    artist: 'Artist',
    album: 'Album',
    artwork: [],
    chapterInfo: [],
    ...overrides,
  };
}

/**
 * A `MediaElementState`: a 640×360 video, playing, unmuted at volume 1, audible (last at `T0`),
 * at `pos()`, not in picture-in-picture and not refusing it.
 */
export function media(overrides: Partial<MediaElementState> = {}): MediaElementState {
  return {
    kind: 'video',
    playing: true,
    muted: false,
    volume: 1,
    audible: true,
    lastAudibleAt: T0,
    startedAt: T0,
    startedByUser: true,
    position: pos(),
    width: 640,
    height: 360,
    pictureInPicture: false,
    disablePictureInPicture: false,
    ...overrides,
  };
}

/** A frame that declares nothing: no metadata, actions, states, flags or element. */
export const EMPTY_FRAME_STATE: FrameState = {
  metadata: null,
  actions: [],
  playbackState: 'none',
  positionState: null,
  microphoneActive: null,
  cameraActive: null,
  screenshareActive: null,
  media: null,
  activated: false,
};

/** A `FrameState`: `EMPTY_FRAME_STATE` with `overrides` applied. */
export function frameState(overrides: Partial<FrameState> = {}): FrameState {
  return { ...EMPTY_FRAME_STATE, ...overrides };
}

/**
 * A complete `SessionView` (every field of `SessionViewSchema`): key `7:0:DOC7` (tab 7, frame 0),
 * `Song` by `Artist` on `Album` without artwork, host `player.test`, page
 * `https://player.test/watch?v=1`, audio with no element Media Deck can reach (no speed or volume
 * controls), not in picture-in-picture, paused at 30 s of 60 s
 * (sampled at `T0`), actions play and pause, no capture flags, tab unmuted and audible, active,
 * not pinned.
 */
export function sessionView(overrides: Partial<SessionView> = {}): SessionView {
  return {
    key: '7:0:DOC7',
    tabId: 7,
    frameId: 0,
    title: 'Song',
    artist: 'Artist',
    album: 'Album',
    artwork: [],
    host: 'player.test',
    embedded: false,
    tabHost: 'player.test',
    pageUrl: 'https://player.test/watch?v=1',
    kind: 'audio',
    element: null,
    pictureInPicture: false,
    autoPip: { armed: false, reason: null },
    playbackState: 'paused',
    position: pos({ duration: 60, position: 30 }),
    actions: ['play', 'pause'],
    chapters: [],
    microphoneActive: null,
    cameraActive: null,
    screenshareActive: null,
    tabMuted: false,
    tabAudible: true,
    active: true,
    pinned: false,
    ...overrides,
  };
}

/**
 * A `DeckSnapshot` of `sessions` in the given order: `activeKey` the first active session's key,
 * `pinnedKey` the first pinned one's, each `null` when there is none; no notice.
 */
export function snapshotOf(sessions: SessionView[]): DeckSnapshot {
  return {
    sessions,
    activeKey: sessions.find((s) => s.active)?.key ?? null,
    pinnedKey: sessions.find((s) => s.pinned)?.key ?? null,
    notice: null,
  };
}
