/**
 * Wraps the frame's `MediaSession` (https://w3c.github.io/mediasession/#the-mediasession-interface)
 * to learn what the page declares: metadata, action handlers, playback state, position state and
 * microphone / camera / screenshare state. Every wrapper calls the native API first and records
 * only what it accepted, so return values and exceptions are the native ones; getters are left
 * untouched, so `navigator.mediaSession.metadata` is the very object the page set.
 */
import type { Chapter, MediaImage, Metadata, Position } from '../../shared/contract';
import { LIMITS } from '../../shared/limits';
import { isSafeImageUrl } from '../../shared/safe-url';
import { apply, dateNow, getterOf, stringSlice } from './intrinsics';
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

function copyArtwork(list: readonly MediaImage[] | undefined): MediaImage[] {
  const out: MediaImage[] = [];
  if (!list) return out;
  for (let i = 0; i < list.length && out.length < LIMITS.artwork; i++) {
    const image = list[i];
    // The native getter already resolved `src` to an absolute URL; keep only showable ones.
    if (image && isSafeImageUrl(image.src)) {
      out[out.length] = { src: image.src, sizes: text(image.sizes), type: text(image.type) };
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
  const list = metaChapters?.(metadata);
  for (let i = 0; list && i < list.length && chapters.length < LIMITS.chapters; i++) {
    const chapter = list[i];
    if (!chapter) continue;
    const start = chapterStart?.(chapter) ?? 0;
    chapters[chapters.length] = {
      title: text(chapterTitle?.(chapter)),
      startTime: start >= 0 && start <= LIMITS.seconds ? start : 0,
      artwork: copyArtwork(chapterArtwork?.(chapter)),
    };
  }
  return {
    title: text(metaTitle?.(metadata)),
    artist: text(metaArtist?.(metadata)),
    album: text(metaAlbum?.(metadata)),
    artwork: copyArtwork(metaArtwork?.(metadata)),
    chapterInfo: chapters,
  };
}

/** The page's `playbackState`, read through the native getter. */
export function readPlaybackState(): MediaSessionPlaybackState {
  return mediaSession && getPlaybackState ? getPlaybackState(mediaSession) : 'none';
}

function toNumberOnce(value: unknown): number {
  return typeof value === 'bigint' || typeof value === 'symbol'
    ? (value as never)
    : +(value as number);
}

/**
 * Reads a `MediaPositionState` dictionary the way WebIDL converts it (members in lexicographic
 * order, each read once, `ToNumber` on each present value), into a null-prototype copy that the
 * native method then converts again without touching the page's object a second time.
 */
function copyPositionDictionary(state: object): Record<string, number> {
  const copy: Record<string, number> = Object.create(null);
  const source = state as Record<string, unknown>;
  // Unary plus is ToNumber, run once on the page's value. Symbol and BigInt are passed through
  // untouched: their conversion has no side effects, and the native method then throws its own
  // "Failed to read the 'duration' property…" error. Written out (no array loop) so a patched
  // Array iterator cannot change what we read.
  const duration = source.duration;
  if (duration !== undefined) copy.duration = toNumberOnce(duration);
  const playbackRate = source.playbackRate;
  if (playbackRate !== undefined) copy.playbackRate = toNumberOnce(playbackRate);
  const position = source.position;
  if (position !== undefined) copy.position = toNumberOnce(position);
  return copy;
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
    const raw = args[0];
    // A Symbol cannot convert; the native method throws its own message for it, with no side effect.
    if (typeof raw === 'symbol') return apply(native, thisArg, args);
    // Template literal = ToString, the conversion IDL applies to an enum argument (and it throws
    // exceptions from a page's `toString` unchanged). Converting once keeps a page's `toString` from running twice.
    const action = typeof raw === 'string' ? raw : `${raw as string}`;
    const handler = args[1];
    const result = apply(native, thisArg, [action, handler]);
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
    if (typeof state !== 'object' && typeof state !== 'function') {
      return apply(native, thisArg, args);
    }
    const copy = copyPositionDictionary(state);
    const result = apply(native, thisArg, [copy]);
    afterNative(() => {
      if (copy.duration === undefined) {
        record.positionState = null; // An empty dictionary clears the position state.
      } else {
        const duration = copy.duration;
        record.positionState = {
          duration: duration === Number.POSITIVE_INFINITY ? null : duration,
          playbackRate: copy.playbackRate ?? 1,
          position: copy.position ?? 0,
          updatedAt: dateNow(),
        };
      }
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
