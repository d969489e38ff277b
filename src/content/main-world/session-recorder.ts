/**
 * Wraps the frame's `MediaSession` (https://w3c.github.io/mediasession/#the-mediasession-interface)
 * to record what the page declares that no getter can tell: its action handlers, position state
 * and microphone / camera / screenshare state; and to notice the changes the session agent reads
 * through its own getters (metadata, `playbackState`). Every wrapper calls the native API first and
 * records only what it accepted, so return values and exceptions are the native ones; getters are
 * left untouched, so `navigator.mediaSession.metadata` is the very object the page set. This is
 * the part of Media Deck that must run at document_start, before the page's first script
 * (docs/architecture.md § Two stages).
 */
import type { PageRecord } from '../../shared/contract';
import { FIREFOX } from '../build-target';
import {
  isObject,
  isRevokedProxy,
  revokedProxy,
  toNumberOnce,
  toStringOnce,
} from './idl-conversion';
import { apply, dateNow, getterOf, objectCreate } from './intrinsics';
import { afterNative, wrapAccessor, wrapMethod } from './native-wrap';

/** What the recorder has recorded; read by the agent link, never exposed to the page. */
export interface RecordedSession {
  /** action → the page's handler, for the actions the page currently handles (null prototype). */
  handlers: Record<string, (details: object) => unknown>;
  /** What the agent gets, posted as it is (structured clone; `actions` has a null prototype). */
  state: PageRecord;
}

const MediaSessionProto: object | undefined = globalThis.MediaSession?.prototype;
const MetadataProto: object | undefined = globalThis.MediaMetadata?.prototype;
const getMetadata = getterOf<MediaMetadata | null>(MediaSessionProto, 'metadata');
const getPlaybackState = getterOf<string>(MediaSessionProto, 'playbackState');

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
  // `duration` is an `unrestricted double` (Media Session spec § The MediaPositionState
  // dictionary, and Chromium), but a `double` in Firefox, which stops at a non-finite one (found by
  // tests/firefox/page-fuzz.test.ts; `FIREFOX`, src/content/build-target.ts);
  // `playbackRate` and `position` are `double`s. Written out (no array loop) so a patched Array
  // iterator cannot change what we read.
  const complete =
    copyMember(source, 'duration', FIREFOX, copy) &&
    copyMember(source, 'playbackRate', true, copy) &&
    copyMember(source, 'position', true, copy);
  return { copy, complete };
}

/**
 * Installs the wrappers on `MediaSession.prototype` and `MediaMetadata.prototype`. `onChange` is
 * called (synchronously, after the native call succeeded) whenever something the
 * page declared may have changed. Returns the live record (empty for good without a MediaSession).
 */
export function recordMediaSession(onChange: () => void): RecordedSession {
  const record: RecordedSession = {
    handlers: objectCreate(null),
    state: {
      actions: objectCreate(null),
      pipHandlerSets: 0,
      positionState: null,
      microphoneActive: null,
      cameraActive: null,
      screenshareActive: null,
    },
  };
  if (!MediaSessionProto) return record; // nothing to wrap: it stays empty
  /** The session the page used last, for the in-place metadata setters below. */
  let session: MediaSession | null = null;
  /**
   * Whether `thisArg` is a `MediaSession` (and remembers it): a brand check through a native getter,
   * which throws for anything else (a Proxy included) and runs no page code. Not
   * `thisArg === navigator.mediaSession`: reading `navigator` at document_start would build the
   * `Navigator` interface in every frame, which a page without media never pays for. (Another
   * frame's session passes too; a page gains nothing by calling our frame's methods with it.)
   */
  const ours = (thisArg: unknown): boolean => {
    try {
      getPlaybackState(thisArg as object);
      session = thisArg as MediaSession;
      return true;
    } catch {
      return false;
    }
  };

  wrapMethod(MediaSessionProto, 'setActionHandler', (thisArg, args, native) => {
    // Another receiver or too few arguments: let the native method throw its own error.
    if (args.length < 2 || !ours(thisArg)) return apply(native, thisArg, args);
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
      if (typeof handler === 'function') {
        record.handlers[action] = handler as never;
        record.state.actions[action] = true;
      } else {
        delete record.handlers[action];
        delete record.state.actions[action];
      }
      if (action === 'enterpictureinpicture') record.state.pipHandlerSets++;
      onChange();
    });
    return result;
  });

  wrapMethod(MediaSessionProto, 'setPositionState', (thisArg, args, native) => {
    if (!ours(thisArg)) return apply(native, thisArg, args);
    // Not `args[0]` when empty: a missing index is looked up on `Array.prototype`.
    const state = args.length > 0 ? args[0] : undefined;
    if (state === undefined || state === null) {
      const result = apply(native, thisArg, args);
      afterNative(() => {
        record.state.positionState = null;
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
      record.state.positionState =
        duration === undefined
          ? null // An empty dictionary clears the position state.
          : { duration, playbackRate: playbackRate ?? 1, position: position ?? 0, at: dateNow() };
      onChange();
    });
    return result;
  });

  const flags = [
    ['setMicrophoneActive', 'microphoneActive'],
    ['setCameraActive', 'cameraActive'],
    ['setScreenshareActive', 'screenshareActive'],
  ] as const;
  for (let i = 0; i < flags.length; i++) {
    // Indexed, not destructured: destructuring runs `Array.prototype[Symbol.iterator]`.
    const method = (flags[i] as (typeof flags)[number])[0];
    const field = (flags[i] as (typeof flags)[number])[1];
    wrapMethod(MediaSessionProto, method, (thisArg, args, native) => {
      if (args.length < 1 || !ours(thisArg)) return apply(native, thisArg, args);
      const result = apply(native, thisArg, args);
      afterNative(() => {
        record.state[field] = !!args[0]; // ToBoolean has no side effects: reading again is invisible.
        onChange();
      });
      return result;
    });
  }

  wrapAccessor(MediaSessionProto, 'metadata', 'set', (thisArg) => {
    if (ours(thisArg)) onChange();
  });
  wrapAccessor(MediaSessionProto, 'playbackState', 'set', (thisArg) => {
    if (ours(thisArg)) onChange();
  });
  // `navigator.mediaSession.metadata.title = 'x'` changes the session in place.
  if (MetadataProto) {
    const names = ['title', 'artist', 'album', 'artwork', 'chapterInfo'];
    for (let i = 0; i < names.length; i++) {
      wrapAccessor(MetadataProto, names[i] as string, 'set', (thisArg) => {
        if (session && thisArg === getMetadata(session)) onChange();
      });
    }
  }
  return record;
}
