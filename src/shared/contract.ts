/**
 * The one message contract of Media Deck: every message that crosses a context boundary
 * (MAIN world → bridge → service worker → popup, and actions back) is defined here as a valibot
 * schema, and its TypeScript type is inferred from that schema. Every receiver validates with
 * `parseMessage` before it reads a field (docs/architecture.md § Trust). A request that is answered
 * names its answer's schema here too (`FRAME_ANSWERS`), so sender and receiver agree on both.
 */
import * as v from 'valibot';
import { artworkChars } from './artwork';
import { keyedVariant } from './keyed-variant';
import { LIMITS } from './limits';
import { MEDIA_EVENTS } from './media-events';
import { MEDIA_SESSION_ACTIONS } from './media-session-actions';
import { isDataImageUrl, isSafeImageUrl } from './safe-url';

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
/** 0..1, as `HTMLMediaElement.volume`. */
const Volume = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1));

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
  volume: Volume,
  /**
   * Playing, not muted, at a volume of at least `AUDIBLE_VOLUME` and carrying an audio track. A
   * loop at a volume no one hears is not media use.
   */
  audible: v.boolean(),
  /** Epoch ms at which the element was last audible; `null` if never. */
  lastAudibleAt: v.nullable(EpochMs),
  /**
   * Epoch ms of the element's last start of audible playback (its `play`/`playing` event while
   * audible, after it was not); `null` if never. What may move audio focus
   * (docs/architecture.md § Focus policy); a `playbackState` change never does.
   */
  startedAt: v.nullable(EpochMs),
  /** The frame had transient user activation at that start: the user just started it. */
  startedByUser: v.boolean(),
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
  /**
   * The frame has sticky user activation (`navigator.userActivation.hasBeenActive`): the user has
   * interacted with this frame itself (a click in the top page does not activate an ad's frame).
   */
  activated: v.boolean(),
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

/**
 * Which video a picture-in-picture request is about: the session's own (the page's
 * `enterpictureinpicture` handler, else its largest playing video), or, when the service worker
 * could not tell which session is active in time to keep the user's gesture, the largest playing
 * video of the frame it reached.
 */
export const PictureInPictureTargetSchema = v.picklist(['session', 'largest-video']);
export type PictureInPictureTarget = v.InferOutput<typeof PictureInPictureTargetSchema>;

/** What automatic picture-in-picture opens on a tab switch: the video, or the audio mini player. */
export const AutoPipKindSchema = v.picklist(['video', 'audio']);
export type AutoPipKind = v.InferOutput<typeof AutoPipKindSchema>;

/**
 * What the service worker asks a frame's session agent to do (src/content/session-agent.ts),
 * which does it in the page, itself or through the MAIN world. Each is answered with an
 * `ActionOutcome`.
 */
/** Playback speeds the popup offers (its "Playback speed" list), as `HTMLMediaElement.playbackRate`. */
export const PLAYBACK_RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const;

/**
 * A setting of the session's media element, as its own controls would make it: `playbackRate`
 * (0.25 to 4, within what Chrome plays) or `volume` (0 to 1, as `HTMLMediaElement.volume`; above 0
 * it also unmutes, as a volume slider does). The page sees the element's own `ratechange` or
 * `volumechange` (HTML § Media elements).
 */
export const ElementSettingSchema = v.variant('property', [
  v.strictObject({
    property: v.literal('playbackRate'),
    value: v.pipe(v.number(), v.finite(), v.minValue(0.25), v.maxValue(4)),
  }),
  v.strictObject({
    property: v.literal('volume'),
    value: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1)),
  }),
]);
export type ElementSetting = v.InferOutput<typeof ElementSettingSchema>;

export const FrameRequestSchema = v.variant('type', [
  /** Run a `MediaSessionAction`: the page's handler, else its media element. */
  v.strictObject({ type: v.literal('run-action'), details: ActionDetailsSchema }),
  /** Toggle picture-in-picture: leave it if the frame shows one, else enter it for `target`. */
  v.strictObject({ type: v.literal('picture-in-picture'), target: PictureInPictureTargetSchema }),
  /**
   * Arm automatic picture-in-picture for a video or the audio mini player, or disarm (`null`);
   * `artwork` is what the mini player shows, as the service worker loaded it (a `data:image/` URL),
   * or `null`: it never loads the page's own artwork URLs.
   */
  v.strictObject({
    type: v.literal('auto-pip'),
    arm: v.nullable(AutoPipKindSchema),
    seekOffset: Seconds,
    artwork: v.nullable(v.pipe(v.string(), v.check(isDataImageUrl, 'not a data:image URL'))),
  }),
  /** Set the primary media element's speed or volume (`'unsupported'`: the frame has none). */
  v.strictObject({ type: v.literal('set-element'), setting: ElementSettingSchema }),
]);
export type FrameRequest = v.InferOutput<typeof FrameRequestSchema>;

// ---- MAIN world <-> session agent (a private MessagePort, src/shared/channel.ts) ----

/** A number as a native getter returned it: NaN and infinities included (structured clone keeps them). */
const AnyNumber = v.custom<number>((value) => typeof value === 'number', 'not a number');

/**
 * A media element outside the document tree (detached, `new Audio()`, or in a shadow tree), which
 * only the MAIN world can see (its `play()` wrapper): the values of `REMOTE_FIELDS`
 * (src/shared/remote-media-fields.ts) as the native getters gave them just after `event` (epoch
 * ms `at`); a getter that threw is missing (`videoWidth` of an `<audio>`). Numbers as given: NaN
 * and infinities included. Times in seconds, sizes in video pixels.
 */
export const RemoteMediaSchema = v.strictObject({
  id: Counter,
  event: v.picklist(MEDIA_EVENTS),
  at: EpochMs,
  values: v.strictObject({
    paused: v.optional(v.boolean()),
    muted: v.optional(v.boolean()),
    volume: v.optional(AnyNumber),
    duration: v.optional(AnyNumber),
    currentTime: v.optional(AnyNumber),
    playbackRate: v.optional(AnyNumber),
    webkitAudioDecodedByteCount: v.optional(AnyNumber),
    videoWidth: v.optional(AnyNumber),
    videoHeight: v.optional(AnyNumber),
  }),
});
export type RemoteMedia = v.InferOutput<typeof RemoteMediaSchema>;

/**
 * What the MAIN world recorded of the page's `MediaSession` calls that no getter can tell the
 * agent: the actions it handles now (`MediaSessionAction` values, as keys), its position state (as
 * `setPositionState` accepted it: seconds, epoch ms `at`; the agent caps it) and its microphone /
 * camera / screenshare state. `pipHandlerSets` counts the page's
 * `setActionHandler('enterpictureinpicture', …)` calls, so that the agent knows when one replaced
 * or removed its own handler (src/content/agent/auto-pip.ts).
 */
export const PageRecordSchema = v.strictObject({
  actions: v.pipe(
    v.record(v.pipe(v.string(), v.maxLength(64)), v.literal(true)),
    v.check((actions) => Object.keys(actions).length <= 64, 'more than 64 actions'),
  ),
  pipHandlerSets: Counter,
  positionState: v.nullable(
    v.strictObject({
      duration: AnyNumber,
      playbackRate: AnyNumber,
      position: AnyNumber,
      at: EpochMs,
    }),
  ),
  microphoneActive: v.nullable(v.boolean()),
  cameraActive: v.nullable(v.boolean()),
  screenshareActive: v.nullable(v.boolean()),
});
export type PageRecord = v.InferOutput<typeof PageRecordSchema>;

/** Whether the page's `record` has a handler for `action`. */
export function handles(record: PageRecord | null, action: string): boolean {
  return record !== null && Object.hasOwn(record.actions, action);
}

/**
 * MAIN world → agent. `activity`: the page used its `MediaSession` or played an element outside
 * the document, and the agent is not there yet (sent once; the first stage loads the agent).
 * `record`: the page's latest `PageRecord` (after the agent's `hello`, on every change: also after
 * a metadata or `playbackState` change, which the agent reads through its own getters). `remote`:
 * a remote element's event. `answer`: the outcome of call `id`.
 */
export const MainToAgentSchema = keyedVariant('type', [
  v.strictObject({ type: v.literal('activity') }),
  v.strictObject({ type: v.literal('record'), record: PageRecordSchema }),
  v.strictObject({ type: v.literal('remote'), media: RemoteMediaSchema }),
  v.strictObject({ type: v.literal('answer'), id: Counter, outcome: ActionOutcomeSchema }),
]);
export type MainToAgent = v.InferOutput<typeof MainToAgentSchema>;

/**
 * A `MediaSessionActionDetails` dictionary as the MAIN world receives it: its present members as
 * `[name, value]` pairs in the dictionary's (lexicographic) order, `action` first, so that the MAIN
 * world builds the page's object by copying them and never reads a member that is missing (a page
 * may have defined it on `Object.prototype`).
 */
export type PageActionDetails = [name: string, value: string | number | boolean][];

/**
 * One native operation on a remote element, named as the native member it uses: a method called
 * with the value (`play()`, `pause()`, `requestPictureInPicture()`), or a setter given it
 * (`currentTime` in seconds, `playbackRate`, `volume`, `muted`: 0 unmutes). A remote element seeks
 * exactly, also while the popup's bar is dragged: `fastSeek` would cost the first stage bytes that
 * every frame loads (docs/architecture.md § Two stages). The agent decides which, from the
 * element's last snapshot (src/content/agent/action-runner.ts).
 */
export type RemoteOperation =
  | 'play'
  | 'pause'
  | 'requestPictureInPicture'
  | 'currentTime'
  | 'playbackRate'
  | 'volume'
  | 'muted';

/**
 * What the agent asks the MAIN world to do in the page: run the page's handler for an action, or
 * one native operation on a remote element (`id`).
 */
export type PageCall =
  | { kind: 'handler'; details: PageActionDetails }
  | { kind: 'remote'; id: number; operation: RemoteOperation; value: number };

/**
 * Agent → MAIN world: `hello` (the agent is here: send the record now and on every change),
 * `copy-key` (a key to answer to, `CopyKeys` in src/shared/channel.ts), or `call` number `id`,
 * answered by `MainToAgent` `answer`. Not validated in the MAIN world, which reads only own members
 * of what its private port delivers (src/content/main-world/agent-link.ts).
 */
export type AgentToMain =
  | { type: 'hello' }
  | { type: 'copy-key'; key: string }
  | { type: 'call'; id: number; call: PageCall };

// ---- bridge <-> service worker ----

export { FRAME_PORT, POPUP_PORT } from './port-names';

/**
 * First stage → service worker, a one-off `runtime.sendMessage`: the frame had its first media
 * activity, so the worker injects the session agent into that frame's document
 * (src/background/agent-loader.ts). Identity comes from the sender, never from the message.
 */
export const AgentRequestSchema = v.strictObject({ type: v.literal('load-agent') });
export type AgentRequest = v.InferOutput<typeof AgentRequestSchema>;

/**
 * The worker's answer to an `AgentRequest`: `true` once the agent runs in the frame (or already
 * did), `false` when it could not be injected, or `{ retryAfterMs }` when the frame's tab asked for
 * more agents than its budget allows just now (the first stage asks again after that long).
 */
export const AgentAnswerSchema = v.union([
  v.boolean(),
  v.strictObject({ retryAfterMs: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
]);
export type AgentAnswer = v.InferOutput<typeof AgentAnswerSchema>;

/** Agent → service worker, over the frame Port. `dropped` counts messages the bridge refused. */
export const AgentToWorkerSchema = v.strictObject({
  type: v.literal('state'),
  state: FrameStateSchema,
  dropped: Counter,
});
export type AgentToWorker = v.InferOutput<typeof AgentToWorkerSchema>;

/**
 * Service worker → session agent, over the frame Port: the frame (or its tab) is over its message
 * budget (src/background/message-budget.ts), so its agent sends nothing, and opens no new Port, for
 * `retryAfterMs` milliseconds, then sends only its latest state. The worker may close the Port
 * right after (a frame that stayed over budget). A Port closed without it (the worker stopped) may
 * be opened again at once.
 */
export const WorkerToFrameSchema = v.strictObject({
  type: v.literal('back-off'),
  retryAfterMs: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(600_000)),
});
export type WorkerToFrame = v.InferOutput<typeof WorkerToFrameSchema>;

/**
 * Service worker → session agent, by `tabs.sendMessage` to one frame and document (so a popup click or a
 * command carries its user gesture into the page): a `FrameRequest` for its session agent, or
 * `announce`. Each type's answer is `FRAME_ANSWERS[type]`.
 */
export const WorkerToAgentSchema = keyedVariant('type', [
  ...FrameRequestSchema.options,
  /**
   * Re-announce (after a service-worker restart): the agent posts the frame's latest state on a
   * new Port and answers `true`, or answers `false` when the frame has nothing to report.
   */
  v.strictObject({ type: v.literal('announce') }),
]);
export type WorkerToAgent = v.InferOutput<typeof WorkerToAgentSchema>;

/** The answer schema of each `WorkerToAgent` type: requests and answers, paired. */
export const FRAME_ANSWERS = {
  'run-action': ActionOutcomeSchema,
  'picture-in-picture': ActionOutcomeSchema,
  'auto-pip': ActionOutcomeSchema,
  'set-element': ActionOutcomeSchema,
  /** Whether the frame still has a session. */
  announce: v.boolean(),
} satisfies { [T in WorkerToAgent['type']]: v.GenericSchema };

/** The answer to a `WorkerToAgent` message of type `T`. */
export type FrameAnswer<T extends WorkerToAgent['type']> = v.InferOutput<(typeof FRAME_ANSWERS)[T]>;

// ---- popup <-> service worker ----

const SessionKey = v.pipe(v.string(), v.maxLength(200));

/**
 * What the user asks of one session, from any surface: a popup button, a keyboard command or media
 * key (after the worker resolved which session it acts on), the mini player. The service worker's
 * one dispatcher carries it out (src/background/intent-dispatcher.ts).
 */
export const SessionIntentSchema = v.variant('kind', [
  /** A `MediaSessionAction` in the page (its handler, else its media element). */
  v.strictObject({ kind: v.literal('action'), details: ActionDetailsSchema }),
  /** Toggle picture-in-picture for the session's video. */
  v.strictObject({ kind: v.literal('picture-in-picture') }),
  /** Mute or unmute the session's tab (`tabs.update`). */
  v.strictObject({ kind: v.literal('mute-tab'), muted: v.boolean() }),
  /** Bring the session's tab and window to the front. */
  v.strictObject({ kind: v.literal('focus-tab') }),
  /** Make the session the active one until unpinned (docs/architecture.md § Focus policy). */
  v.strictObject({ kind: v.literal('pin') }),
  /** Clear the pin (whichever session holds it). */
  v.strictObject({ kind: v.literal('unpin') }),
  /** Set the session's media element's speed or volume (the popup's controls). */
  v.strictObject({ kind: v.literal('set-element'), setting: ElementSettingSchema }),
]);
export type SessionIntent = v.InferOutput<typeof SessionIntentSchema>;

/**
 * Popup → service worker, over the popup Port: an intent (not answered: the next snapshot shows
 * the result), or `shown`, the answer to a `WorkerToPopup` snapshot once the popup has drawn it.
 */
export const PopupToWorkerSchema = v.variant('type', [
  v.strictObject({ type: v.literal('intent'), key: SessionKey, intent: SessionIntentSchema }),
  v.strictObject({ type: v.literal('shown') }),
]);
export type PopupToWorker = v.InferOutput<typeof PopupToWorkerSchema>;

/**
 * Why a session is not armed for automatic picture-in-picture (src/background/auto-pip-policy.ts),
 * as a code; the popup chooses the words.
 */
export const AutoPipReasonSchema = v.picklist([
  /** The session's host is on the user's block list. */
  'blocked-host',
  /** The user's setting is off. */
  'setting-off',
  /** The setting covers videos only, and this is audio. */
  'videos-only',
  /** The video sets `disablePictureInPicture`. */
  'video-disallows',
  /** Not an https or file page (Chrome's condition). */
  'insecure-page',
  /** An embedded frame, not the tab's page (Chrome's condition). */
  'embedded-frame',
  'not-playing',
  /** Playing, but muted or silent. */
  'not-audible',
  /** Another picture-in-picture window is open. */
  'other-window',
]);
export type AutoPipReason = v.InferOutput<typeof AutoPipReasonSchema>;

/**
 * The command that opens the deck in the browser's side panel (manifest.json `commands`, no key
 * suggested: the user binds one). Not a session command: the service worker handles it apart.
 */
export const OPEN_SIDE_PANEL_COMMAND = 'open-side-panel';

/** The keyboard commands of manifest.json (`chrome.commands`) that act on a session. */
export const COMMAND_NAMES = [
  'play-pause',
  'next-track',
  'previous-track',
  'seek-backward',
  'seek-forward',
  'stop',
  'mute-tab',
  'toggle-picture-in-picture',
  'go-to-tab',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Page-supplied title and host of the session a notice is about. */
const About = { title: Text, host: v.pipe(v.string(), v.maxLength(LIMITS.url)) };

/**
 * What the service worker tells the user about the last command (toolbar badge and tooltip, popup
 * notice), as a code with its parameters; src/shared/notice-text.ts chooses the words.
 */
export const NoticeSchema = v.variant('code', [
  /** No session to act on. */
  v.strictObject({ code: v.literal('nothing-to-control') }),
  /** The keys act on the pinned session only (the keys rule), and none is pinned. */
  v.strictObject({ code: v.literal('nothing-pinned') }),
  /** The active session cannot do what `command` needs. */
  v.strictObject({ code: v.literal('cannot'), command: v.picklist(COMMAND_NAMES), ...About }),
  /** The page did not carry out the action (no answer, or its frame is gone). */
  v.strictObject({ code: v.literal('no-response'), ...About }),
  /** Picture-in-picture was asked of a session with no playing video. */
  v.strictObject({ code: v.literal('no-playing-video'), ...About }),
  /** Chrome refused to open picture-in-picture. */
  v.strictObject({ code: v.literal('pip-refused') }),
  /**
   * Picture-in-picture went to the current tab's largest playing video instead of the active
   * session (`outcome: 'used'`), or there was none (`'no-video'`), `because` the worker had no
   * session to use in time: none at all, the active one has no video, it is in another tab, or
   * the worker was still waking up.
   */
  v.strictObject({
    code: v.literal('pip-this-tab'),
    outcome: v.picklist(['used', 'no-video']),
    because: v.picklist([
      'nothing-to-control',
      'active-has-no-video',
      'active-elsewhere',
      'waking',
    ]),
    title: v.optional(Text),
    host: v.optional(About.host),
  }),
]);
export type Notice = v.InferOutput<typeof NoticeSchema>;

// ---- service worker -> popup ----

/** One session as the popup shows it. Times in seconds except `*At` (epoch ms). */
export const SessionViewSchema = v.strictObject({
  key: SessionKey,
  tabId: v.number(),
  frameId: v.number(),
  /**
   * `metadata.title`, else (for the tab's own page only) the tab's title, else the host: an
   * embedded frame never borrows its tab's title.
   */
  title: v.string(),
  artist: v.string(),
  album: v.string(),
  /**
   * In a `DeckSnapshot`, at most the one image that best fills the popup's largest slot, and only
   * as a `data:image/` URL: the popup loads nothing from a page's server.
   */
  artwork: v.pipe(
    v.array(
      v.strictObject({
        src: v.pipe(v.string(), v.check(isDataImageUrl, 'artwork src is not a data:image URL')),
        sizes: ImageAttr,
        type: ImageAttr,
      }),
    ),
    v.maxLength(1),
  ),
  /** Host of the frame's origin, e.g. `player.test`. */
  host: v.string(),
  /** The session is in an embedded frame, not the tab's own page (`frameId` is not 0). */
  embedded: v.boolean(),
  /** Host of the tab's page, e.g. `blog.test` for a player embedded there. */
  tabHost: v.string(),
  /**
   * The URL whose favicon the card shows (`chrome-extension://<id>/_favicon/?pageUrl=`): the tab's
   * page, or for an embedded frame its own origin (it never borrows the tab's icon).
   */
  pageUrl: v.string(),
  kind: v.nullable(v.picklist(['audio', 'video'])),
  /**
   * The media element the session plays through, when the frame has one Media Deck can reach:
   * its speed, volume (0..1) and muted flag. `null` for a session without one (a page that plays
   * through Web Audio only): the popup then offers no speed or volume control.
   */
  element: v.nullable(
    v.strictObject({ playbackRate: PlaybackRate, volume: Volume, muted: v.boolean() }),
  ),
  /** The session's video is in picture-in-picture now. */
  pictureInPicture: v.boolean(),
  /** Automatic picture-in-picture: armed for a tab switch, or why not. */
  autoPip: v.strictObject({ armed: v.boolean(), reason: v.nullable(AutoPipReasonSchema) }),
  playbackState: v.picklist(['none', 'paused', 'playing']),
  position: v.nullable(PositionSchema),
  actions: v.array(ActionSchema),
  /**
   * The media's chapters (`MediaMetadata.chapterInfo`, spec § The ChapterInformation interface),
   * by start time in seconds; without their artwork.
   */
  chapters: v.pipe(
    v.array(v.strictObject({ title: Text, startTime: Seconds })),
    v.maxLength(LIMITS.chapters),
  ),
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
  /** Active session first (docs/architecture.md § Focus policy), then the rest. */
  sessions: v.array(SessionViewSchema),
  activeKey: v.nullable(SessionKey),
  pinnedKey: v.nullable(SessionKey),
  /** What the service worker said about the last command, while it is recent. */
  notice: v.nullable(NoticeSchema),
});
export type DeckSnapshot = v.InferOutput<typeof DeckSnapshotSchema>;

/**
 * Service worker → popup, over the popup Port. Answered with `{ type: 'shown' }` once drawn: the
 * worker sends a popup its next snapshot only then (src/background/popup-feed.ts).
 */
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
