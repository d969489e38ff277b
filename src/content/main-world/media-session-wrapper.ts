/**
 * Wraps the frame's `MediaSession` (https://w3c.github.io/mediasession/#the-mediasession-interface)
 * to learn what the page declares: metadata, action handlers, playback state, position state and
 * microphone / camera / screenshare state. Every wrapper calls the native API first and records
 * only what it accepted, so return values and exceptions are the native ones; getters are left
 * untouched, so `navigator.mediaSession.metadata` is the very object the page set.
 */
import type { Chapter, MediaImage, Metadata, Position } from '../../shared/contract';
import { LIMITS } from '../../shared/limits';
import { capPosition } from '../../shared/position';
import { isSafeImageUrl } from '../../shared/safe-url';
import {
  isObject,
  isRevokedProxy,
  revokedProxy,
  toNumberOnce,
  toStringOnce,
} from './idl-conversion';
import { apply, dateNow, getterOf, objectCreate, stringSlice } from './intrinsics';
import { afterNative, wrapMethod, wrapSetter } from './native-wrap';

/** What the wrapper has recorded; read by the reporter, never exposed to the page. */
export interface RecordedSession {
  /** action → the page's handler, for the actions the page currently handles. */
  handlers: Record<string, (details: object) => unknown>;
  positionState: Position | null;
  microphoneActive: boolean | null;
  cameraActive: boolean | null;
  screenshareActive: boolean | null;
}

/** The frame's `MediaSession`, or `undefined` where the API does not exist (insecure context). */
export const mediaSession: MediaSession | undefined =
  typeof navigator === 'object' && 'mediaSession' in navigator ? navigator.mediaSession : undefined;

const MediaSessionProto: object | undefined = globalThis.MediaSession?.prototype;
const MetadataProto: object | undefined = globalThis.MediaMetadata?.prototype;
const ChapterProto: object | undefined = (
  globalThis as { ChapterInformation?: { prototype: object } }
).ChapterInformation?.prototype;

/**
 * The native `setActionHandler`, captured before wrapping: the extension registers its own
 * `enterpictureinpicture` handler through it, so that it is never recorded as the page's.
 */
export const nativeSetActionHandler: MediaSession['setActionHandler'] | undefined = (
  MediaSessionProto as MediaSession | undefined
)?.setActionHandler;

const getMetadata = getterOf<MediaMetadata | null>(MediaSessionProto, 'metadata');
const getPlaybackState = getterOf<MediaSessionPlaybackState>(MediaSessionProto, 'playbackState');
const metaTitle = getterOf<string>(MetadataProto, 'title');
const metaArtist = getterOf<string>(MetadataProto, 'artist');
const metaAlbum = getterOf<string>(MetadataProto, 'album');
const metaArtwork = getterOf<readonly MediaImage[]>(MetadataProto, 'artwork');
const metaChapters = getterOf<readonly object[]>(MetadataProto, 'chapterInfo');
const chapterTitle = getterOf<string>(ChapterProto, 'title');
const chapterStart = getterOf<number>(ChapterProto, 'startTime');
const chapterArtwork = getterOf<readonly MediaImage[]>(ChapterProto, 'artwork');

function text(value: unknown): string {
  return typeof value === 'string' ? stringSlice(value, 0, LIMITS.text) : '';
}

function attr(value: unknown): string {
  return typeof value === 'string' ? stringSlice(value, 0, LIMITS.imageAttr) : '';
}

/** Characters of artwork `src` still allowed in the metadata being copied (`LIMITS.artworkChars`). */
interface ArtworkBudget {
  left: number;
}

function copyArtwork(list: readonly MediaImage[] | undefined, budget: ArtworkBudget): MediaImage[] {
  const out: MediaImage[] = [];
  if (!list) return out;
  for (let i = 0; i < list.length && out.length < LIMITS.artwork; i++) {
    const image = list[i];
    // The native getter already resolved `src` to an absolute URL; keep only showable ones, and
    // only while the frame's artwork budget lasts (an image over it is skipped, a smaller later
    // one may still fit).
    if (image && isSafeImageUrl(image.src) && image.src.length <= budget.left) {
      budget.left -= image.src.length;
      out[out.length] = { src: image.src, sizes: attr(image.sizes), type: attr(image.type) };
    }
  }
  return out;
}

/**
 * Copies the page's current `MediaMetadata` into plain, capped data, through the native getters.
 * Returns `null` when the page set none.
 */
export function readMetadata(): Metadata | null {
  if (!mediaSession || !getMetadata) return null;
  const metadata = getMetadata(mediaSession);
  if (!metadata) return null;
  const chapters: Chapter[] = [];
  // The metadata's own artwork first: it is what the popup shows.
  const budget: ArtworkBudget = { left: LIMITS.artworkChars };
  const artwork = copyArtwork(metaArtwork?.(metadata), budget);
  const list = metaChapters?.(metadata);
  for (let i = 0; list && i < list.length && chapters.length < LIMITS.chapters; i++) {
    const chapter = list[i];
    if (!chapter) continue;
    const start = chapterStart?.(chapter) ?? 0;
    chapters[chapters.length] = {
      title: text(chapterTitle?.(chapter)),
      startTime: start >= 0 && start <= LIMITS.seconds ? start : 0,
      // Once the budget is spent, the getter (which copies every image) is not even read.
      artwork: budget.left > 0 ? copyArtwork(chapterArtwork?.(chapter), budget) : [],
    };
  }
  return {
    title: text(metaTitle?.(metadata)),
    artist: text(metaArtist?.(metadata)),
    album: text(metaAlbum?.(metadata)),
    artwork,
    chapterInfo: chapters,
  };
}

/** The page's `playbackState`, read through the native getter. */
export function readPlaybackState(): MediaSessionPlaybackState {
  return mediaSession && getPlaybackState ? getPlaybackState(mediaSession) : 'none';
}

/**
 * Reads one member of a `MediaPositionState` into `copy`, the way WebIDL does: read once,
 * converted (ToNumber) at once. Returns `false` when the native method will throw for this member
 * (it does not convert, or a `double` member is not finite), so that no later member is read: the
 * native method would not read it either.
 */
function copyMember(
  source: Record<string, unknown>,
  name: 'duration' | 'playbackRate' | 'position',
  mustBeFinite: boolean,
  copy: Record<string, unknown>,
): boolean {
  const value = source[name];
  if (value === undefined) return true;
  const converted = toNumberOnce(value);
  if (!converted.ok) {
    copy[name] = converted.standIn;
    return false;
  }
  const n = converted.value;
  copy[name] = n;
  return !mustBeFinite || n - n === 0; // false for NaN and ±Infinity
}

/**
 * Reads a `MediaPositionState` dictionary the way WebIDL converts it (members in lexicographic
 * order, each read once and converted at once, stopping at the first that fails), into a
 * null-prototype copy that the native method then converts again without touching the page's
 * object a second time. `complete` is `false` when the copy ends with a member (or, for a revoked
 * Proxy, is a stand-in) for which the native method throws its own error.
 */
function copyPositionDictionary(state: object): { copy: object; complete: boolean } {
  if (isRevokedProxy(state)) return { copy: revokedProxy(), complete: false };
  const copy: Record<string, unknown> = objectCreate(null);
  const source = state as Record<string, unknown>;
  // `duration` is an `unrestricted double`; `playbackRate` and `position` are `double`s. Written
  // out (no array loop) so a patched Array iterator cannot change what we read.
  const complete =
    copyMember(source, 'duration', false, copy) &&
    copyMember(source, 'playbackRate', true, copy) &&
    copyMember(source, 'position', true, copy);
  return { copy, complete };
}

/**
 * Installs the wrappers on `MediaSession.prototype` and `MediaMetadata.prototype`.
 * `onPageSetHandler(action)` runs after the page (re)set or removed a handler natively;
 * `onChange` is called (synchronously, after the native call succeeded) whenever something the
 * page declared may have changed. Returns the live record, or `null` without a MediaSession.
 */
export function wrapMediaSession(
  onChange: () => void,
  onPageSetHandler: (action: string) => void = () => {},
): RecordedSession | null {
  if (!mediaSession || !MediaSessionProto) return null;
  const session = mediaSession;
  const record: RecordedSession = {
    handlers: Object.create(null),
    positionState: null,
    microphoneActive: null,
    cameraActive: null,
    screenshareActive: null,
  };

  wrapMethod(MediaSessionProto, 'setActionHandler', (thisArg, args, native) => {
    // Another receiver or too few arguments: let the native method throw its own error.
    if (thisArg !== session || args.length < 2) return apply(native, thisArg, args);
    // WebIDL converts the action (an enum: ToString) before it looks at the handler. Converting it
    // here, once, tells us which action the page named; the native method gets the string, or a
    // stand-in that fails to convert the way the page's value did, and throws its own error.
    const converted = toStringOnce(args[0]);
    const handler = args[1];
    const result = apply(native, thisArg, [
      converted.ok ? converted.value : converted.standIn,
      handler,
    ]);
    if (!converted.ok) return result; // Not reached: the native method threw for the stand-in.
    const action = converted.value;
    afterNative(() => {
      if (typeof handler === 'function') record.handlers[action] = handler as never;
      else delete record.handlers[action];
      onPageSetHandler(action);
      onChange();
    });
    return result;
  });

  wrapMethod(MediaSessionProto, 'setPositionState', (thisArg, args, native) => {
    if (thisArg !== session) return apply(native, thisArg, args);
    const state = args[0];
    if (state === undefined || state === null) {
      const result = apply(native, thisArg, args);
      afterNative(() => {
        record.positionState = null;
        onChange();
      });
      return result;
    }
    // Not a dictionary: the native method throws. (`document.all` is an object here: natively a
    // dictionary without members, which clears the position state.)
    if (!isObject(state)) return apply(native, thisArg, args);
    const { copy, complete } = copyPositionDictionary(state);
    const result = apply(native, thisArg, [copy]);
    // Not reached when incomplete: the native method threw for the member that failed.
    if (!complete) return result;
    const { duration, playbackRate, position } = copy as Record<string, number | undefined>;
    afterNative(() => {
      record.positionState =
        duration === undefined
          ? null // An empty dictionary clears the position state.
          : // Within the contract's caps, or the bridge would refuse every report while it stands.
            capPosition(duration, playbackRate ?? 1, position ?? 0, dateNow());
      onChange();
    });
    return result;
  });

  const flags = [
    ['setMicrophoneActive', 'microphoneActive'],
    ['setCameraActive', 'cameraActive'],
    ['setScreenshareActive', 'screenshareActive'],
  ] as const;
  for (const [method, field] of flags) {
    wrapMethod(MediaSessionProto, method, (thisArg, args, native) => {
      if (thisArg !== session || args.length < 1) return apply(native, thisArg, args);
      const result = apply(native, thisArg, args);
      afterNative(() => {
        record[field] = !!args[0]; // ToBoolean has no side effects: reading again is invisible.
        onChange();
      });
      return result;
    });
  }

  wrapSetter(MediaSessionProto, 'metadata', (thisArg) => {
    if (thisArg === session) onChange();
  });
  wrapSetter(MediaSessionProto, 'playbackState', (thisArg) => {
    if (thisArg === session) onChange();
  });
  // `navigator.mediaSession.metadata.title = 'x'` changes the session in place.
  if (MetadataProto) {
    for (const name of ['title', 'artist', 'album', 'artwork', 'chapterInfo']) {
      wrapSetter(MetadataProto, name, (thisArg) => {
        if (getMetadata && thisArg === getMetadata(session)) onChange();
      });
    }
  }
  return record;
}
