/**
 * The one message contract of Media Deck: every message that crosses a context boundary
 * (MAIN world → bridge → service worker → popup, and actions back) is defined here as a valibot
 * schema, and its TypeScript type is inferred from that schema. Every receiver validates with
 * `parseMessage` before it reads a field (DESIGN.md § Trust).
 */
import * as v from 'valibot';
import { artworkChars } from './artwork';
import { LIMITS } from './limits';
import { MEDIA_SESSION_ACTIONS } from './media-session-actions';
import { isSafeImageUrl } from './safe-url';

const Text = v.pipe(v.string(), v.maxLength(LIMITS.text));
const ImageAttr = v.pipe(v.string(), v.maxLength(LIMITS.imageAttr));
/** A non-negative, finite number of seconds, at most `LIMITS.seconds`. */
const Seconds = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(LIMITS.seconds));
/** Milliseconds since the Unix epoch (`Date.now()`), a wall-clock instant shared by all contexts. */
const EpochMs = v.pipe(v.number(), v.finite(), v.minValue(0));
const PlaybackRate = v.pipe(
  v.number(),
  v.finite(),
  v.minValue(-LIMITS.playbackRate),
  v.maxValue(LIMITS.playbackRate),
);

/** `MediaSessionAction` value known to Media Deck. */
export const ActionSchema = v.picklist(MEDIA_SESSION_ACTIONS);

/** One `MediaImage` (spec § The MediaImage dictionary): `src` absolute and safe to show. */
export const MediaImageSchema = v.strictObject({
  src: v.pipe(v.string(), v.check(isSafeImageUrl, 'artwork src is not a safe image URL')),
  sizes: ImageAttr,
  type: ImageAttr,
});
export type MediaImage = v.InferOutput<typeof MediaImageSchema>;

const Artwork = v.pipe(v.array(MediaImageSchema), v.maxLength(LIMITS.artwork));

/** One `ChapterInformation` (spec § The ChapterInformation interface); `startTime` in seconds. */
export const ChapterSchema = v.strictObject({ title: Text, startTime: Seconds, artwork: Artwork });
export type Chapter = v.InferOutput<typeof ChapterSchema>;

/**
 * Plain-data copy of the page's `MediaMetadata` (which is not cloneable); its artwork URLs, with
 * its chapters', total at most `LIMITS.artworkChars` characters.
 */
export const MetadataSchema = v.pipe(
  v.strictObject({
    title: Text,
    artist: Text,
    album: Text,
    artwork: Artwork,
    chapterInfo: v.pipe(v.array(ChapterSchema), v.maxLength(LIMITS.chapters)),
  }),
  v.check(
    (metadata) => artworkChars(metadata) <= LIMITS.artworkChars,
    'artwork URLs are over LIMITS.artworkChars characters in total',
  ),
);
export type Metadata = v.InferOutput<typeof MetadataSchema>;

/**
 * A playback position sample (spec § Position state): `duration` and `position` in seconds,
 * `duration` `null` when not finite (a live stream); `playbackRate` as given by the page;
 * `updatedAt` the epoch milliseconds at which `position` was true.
 */
export const PositionSchema = v.strictObject({
  duration: v.nullable(Seconds),
  playbackRate: PlaybackRate,
  position: Seconds,
  updatedAt: EpochMs,
});
export type Position = v.InferOutput<typeof PositionSchema>;

/** The frame's primary media element, as seen from its events. Times in seconds. */
export const MediaElementSchema = v.strictObject({
  kind: v.picklist(['audio', 'video']),
  playing: v.boolean(),
  muted: v.boolean(),
  /** 0..1, as `HTMLMediaElement.volume`. */
  volume: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1)),
  /** Playing, not muted, volume above 0 and carrying an audio track. */
  audible: v.boolean(),
  /** Epoch ms at which the element was last audible; `null` if never. */
  lastAudibleAt: v.nullable(EpochMs),
  position: PositionSchema,
  /** Rendered size in CSS pixels; 0 for audio. */
  width: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100_000)),
  height: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100_000)),
  pictureInPicture: v.boolean(),
  disablePictureInPicture: v.boolean(),
});
export type MediaElementState = v.InferOutput<typeof MediaElementSchema>;

/**
 * Everything one frame knows about its media, reported in full each time (so a reconnect is a
 * plain re-announce). `actions` are the actions the page registered handlers for.
 */
export const FrameStateSchema = v.strictObject({
  metadata: v.nullable(MetadataSchema),
  actions: v.pipe(v.array(ActionSchema), v.maxLength(MEDIA_SESSION_ACTIONS.length)),
  playbackState: v.picklist(['none', 'paused', 'playing']),
  positionState: v.nullable(PositionSchema),
  microphoneActive: v.nullable(v.boolean()),
  cameraActive: v.nullable(v.boolean()),
  screenshareActive: v.nullable(v.boolean()),
  media: v.nullable(MediaElementSchema),
});
export type FrameState = v.InferOutput<typeof FrameStateSchema>;

/**
 * `MediaSessionActionDetails` (spec § The MediaSessionActionDetails dictionary): `seekOffset` and
 * `seekTime` in seconds.
 */
export const ActionDetailsSchema = v.strictObject({
  action: ActionSchema,
  seekOffset: v.optional(Seconds),
  seekTime: v.optional(Seconds),
  fastSeek: v.optional(v.boolean()),
});
export type ActionDetails = v.InferOutput<typeof ActionDetailsSchema>;

/** How an action was carried out in the page: its own handler, the media element, or not at all. */
export const ActionOutcomeSchema = v.picklist(['handler', 'element', 'unsupported', 'failed']);
export type ActionOutcome = v.InferOutput<typeof ActionOutcomeSchema>;

const Counter = v.pipe(v.number(), v.integer(), v.minValue(0));

// ---- MAIN world <-> bridge (a private MessagePort) ----

/** MAIN world → bridge. */
export const MainToBridgeSchema = v.variant('type', [
  v.strictObject({ type: v.literal('state'), state: FrameStateSchema }),
  v.strictObject({
    type: v.literal('action-result'),
    id: Counter,
    outcome: ActionOutcomeSchema,
  }),
]);
export type MainToBridge = v.InferOutput<typeof MainToBridgeSchema>;

/**
 * Which video a picture-in-picture request is about: the session's own (the page's
 * `enterpictureinpicture` handler, else its largest playing video), or, when the service worker
 * could not tell which session is active in time to keep the user's gesture, the largest playing
 * video of the frame it reached.
 */
export const PictureInPictureTargetSchema = v.picklist(['session', 'largest-video']);
export type PictureInPictureTarget = v.InferOutput<typeof PictureInPictureTargetSchema>;

/** What automatic picture-in-picture opens on a tab switch; `null` disarms. */
export const AutoPipArmSchema = v.nullable(v.picklist(['video', 'audio']));

/** Bridge → MAIN world. */
export const BridgeToMainSchema = v.variant('type', [
  v.strictObject({ type: v.literal('run-action'), id: Counter, details: ActionDetailsSchema }),
  v.strictObject({
    type: v.literal('picture-in-picture'),
    id: Counter,
    target: PictureInPictureTargetSchema,
  }),
  v.strictObject({
    type: v.literal('auto-pip'),
    id: Counter,
    arm: AutoPipArmSchema,
    seekOffset: Seconds,
  }),
]);
export type BridgeToMain = v.InferOutput<typeof BridgeToMainSchema>;

// ---- bridge <-> service worker ----

/** Name of the `runtime.connect` Port a frame's bridge opens. */
export const FRAME_PORT = 'media-deck/frame';
/** Name of the `runtime.connect` Port the popup opens. */
export const POPUP_PORT = 'media-deck/popup';

/** Bridge → service worker, over the frame Port. `dropped` counts messages the bridge refused. */
export const BridgeToWorkerSchema = v.strictObject({
  type: v.literal('state'),
  state: FrameStateSchema,
  dropped: Counter,
});
export type BridgeToWorker = v.InferOutput<typeof BridgeToWorkerSchema>;

/**
 * Service worker → bridge, by `tabs.sendMessage` to one frame and document (so a popup click or a
 * command carries its user gesture into the page). Answered with an `ActionOutcome`.
 */
export const WorkerToBridgeSchema = v.variant('type', [
  v.strictObject({ type: v.literal('run-action'), details: ActionDetailsSchema }),
  /** Toggle picture-in-picture: leave it if the frame shows one, else enter it for `target`. */
  v.strictObject({ type: v.literal('picture-in-picture'), target: PictureInPictureTargetSchema }),
  /** Arm automatic picture-in-picture for a video or the audio mini player, or disarm (`null`). */
  v.strictObject({ type: v.literal('auto-pip'), arm: AutoPipArmSchema, seekOffset: Seconds }),
  /**
   * Re-announce (after a service-worker restart): the bridge posts the frame's latest state on a
   * new Port and answers `true`, or answers `false` when the frame has nothing to report. Answered
   * with an `AnnounceAnswer`, not an `ActionOutcome`.
   */
  v.strictObject({ type: v.literal('announce') }),
]);
export type WorkerToBridge = v.InferOutput<typeof WorkerToBridgeSchema>;

/** The bridge's answer to `{ type: 'announce' }`: whether the frame still has a session. */
export const AnnounceAnswerSchema = v.boolean();

// ---- popup <-> service worker ----

const SessionKey = v.pipe(v.string(), v.maxLength(200));

/** Popup → service worker, over the popup Port. */
export const PopupToWorkerSchema = v.variant('type', [
  v.strictObject({
    type: v.literal('media-action'),
    key: SessionKey,
    details: ActionDetailsSchema,
  }),
  v.strictObject({ type: v.literal('pin'), key: v.nullable(SessionKey) }),
  v.strictObject({ type: v.literal('mute-tab'), key: SessionKey, muted: v.boolean() }),
  v.strictObject({ type: v.literal('focus-tab'), key: SessionKey }),
  v.strictObject({ type: v.literal('picture-in-picture'), key: SessionKey }),
]);
export type PopupToWorker = v.InferOutput<typeof PopupToWorkerSchema>;

// ---- service worker -> popup ----

/** One session as the popup shows it. Times in seconds except `*At` (epoch ms). */
export const SessionViewSchema = v.strictObject({
  key: SessionKey,
  tabId: v.number(),
  frameId: v.number(),
  /** `metadata.title`, else the tab's title, else the host. */
  title: v.string(),
  artist: v.string(),
  album: v.string(),
  artwork: v.array(MediaImageSchema),
  /** Host of the frame's origin, e.g. `player.test`. */
  host: v.string(),
  /** The tab's page URL, for its favicon (`chrome-extension://<id>/_favicon/?pageUrl=`). */
  pageUrl: v.string(),
  kind: v.nullable(v.picklist(['audio', 'video'])),
  /** The session's video is in picture-in-picture now. */
  pictureInPicture: v.boolean(),
  /** Automatic picture-in-picture: armed for a tab switch, or why not. */
  autoPip: v.strictObject({ armed: v.boolean(), reason: v.nullable(v.string()) }),
  playbackState: v.picklist(['none', 'paused', 'playing']),
  position: v.nullable(PositionSchema),
  actions: v.array(ActionSchema),
  microphoneActive: v.nullable(v.boolean()),
  cameraActive: v.nullable(v.boolean()),
  screenshareActive: v.nullable(v.boolean()),
  tabMuted: v.boolean(),
  tabAudible: v.boolean(),
  active: v.boolean(),
  pinned: v.boolean(),
});
export type SessionView = v.InferOutput<typeof SessionViewSchema>;

/** What the service worker pushes to an open popup on every change. */
export const DeckSnapshotSchema = v.strictObject({
  /** Active session first (DESIGN.md § Active session), then the rest. */
  sessions: v.array(SessionViewSchema),
  activeKey: v.nullable(SessionKey),
  pinnedKey: v.nullable(SessionKey),
  /** A short message about the last command, while it is recent (e.g. "Nothing to control"). */
  notice: v.nullable(Text),
});
export type DeckSnapshot = v.InferOutput<typeof DeckSnapshotSchema>;

/** Service worker → popup, over the popup Port. */
export const WorkerToPopupSchema = v.strictObject({
  type: v.literal('snapshot'),
  snapshot: DeckSnapshotSchema,
});
export type WorkerToPopup = v.InferOutput<typeof WorkerToPopupSchema>;

/**
 * The outcome of parsing an untrusted message: the typed value, or a one-line reason that names
 * the first offending field.
 */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Validates `input` against `schema`. Never throws: hostile input (getters that throw, cyclic
 * objects) yields `{ ok: false, error }`.
 */
export function parseMessage<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
): ParseResult<v.InferOutput<S>> {
  try {
    const result = v.safeParse(schema, input);
    if (result.success) return { ok: true, value: result.output };
    const issue = result.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    return { ok: false, error: path ? `${path}: ${issue.message}` : issue.message };
  } catch (error) {
    // `String(error)` itself throws for a null-prototype object or a hostile Proxy.
    let reason = 'unknown error';
    try {
      reason = String(error);
    } catch {}
    return { ok: false, error: `unreadable message: ${reason}` };
  }
}
