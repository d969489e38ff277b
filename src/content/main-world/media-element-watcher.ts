/**
 * Watches the frame's media elements (docs/architecture.md § The session model, "media"):
 * capture-phase listeners on `window` see every element in the document, and a wrapper on
 * `HTMLMediaElement.prototype.play` catches detached elements (`new Audio().play()`) and ones in
 * shadow trees, whose events never reach the window. Nothing is attached until a media event
 * happens, so a page without media pays for six listeners and nothing else.
 */
import type { MediaElementState } from '../../shared/contract';
import { LIMITS } from '../../shared/limits';
import {
  addListener,
  apply,
  dateNow,
  eventTarget,
  getterOf,
  uncurry,
  userActivationState,
  weakSetAdd,
  weakSetHas,
} from './intrinsics';
import { wrapMethod } from './native-wrap';

const MediaProto = HTMLMediaElement.prototype;
const paused = getterOf<boolean>(MediaProto, 'paused');
const ended = getterOf<boolean>(MediaProto, 'ended');
const muted = getterOf<boolean>(MediaProto, 'muted');
const volume = getterOf<number>(MediaProto, 'volume');
const duration = getterOf<number>(MediaProto, 'duration');
const currentTime = getterOf<number>(MediaProto, 'currentTime');
const playbackRate = getterOf<number>(MediaProto, 'playbackRate');
const isConnected = getterOf<boolean>(Node.prototype, 'isConnected');
const getRootNode = uncurry(Node.prototype.getRootNode);
const audioBytes = getterOf<number>(MediaProto, 'webkitAudioDecodedByteCount');
const offsetWidth = getterOf<number>(HTMLElement.prototype, 'offsetWidth');
const offsetHeight = getterOf<number>(HTMLElement.prototype, 'offsetHeight');
const disablePiP = getterOf<boolean>(
  globalThis.HTMLVideoElement?.prototype,
  'disablePictureInPicture',
);
const pipElement = getterOf<Element | null>(Document.prototype, 'pictureInPictureElement');
const VideoCtor = globalThis.HTMLVideoElement;
const MediaCtor = HTMLMediaElement;

/** Events that can change what we report about an element. */
const MEDIA_EVENTS = [
  'play',
  'playing',
  'pause',
  'ended',
  'volumechange',
  'durationchange',
  'ratechange',
  'seeked',
  'timeupdate',
  'emptied',
  'enterpictureinpicture',
  'leavepictureinpicture',
] as const;

/** Events after which the rendered size is worth measuring (it forces layout; not per tick). */
const SIZE_EVENTS: Record<string, true> = Object.assign(Object.create(null), {
  playing: true,
  enterpictureinpicture: true,
  leavepictureinpicture: true,
});

/** Most milliseconds from a `play` to its first sound for that sound to count as its start. */
const START_WINDOW_MS = 5000;

/** Most elements tracked per frame; the oldest idle ones are forgotten first. */
const MAX_TRACKED = 16;

interface Tracked {
  element: HTMLMediaElement;
  lastPlayedAt: number;
  lastAudibleAt: number | null;
  /** Epoch ms of the last start of audible playback, and whether the user had just acted then. */
  startedAt: number | null;
  startedByUser: boolean;
  /**
   * A `play`/`playing` event not yet followed by sound (a media element is audible only once it
   * decoded some audio): its epoch ms and whether the user had just acted then; `null` if none.
   */
  playAt: number | null;
  playByUser: boolean;
  wasAudible: boolean;
  width: number;
  height: number;
}

function finiteOr(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** Live view of the frame's media elements. */
export interface MediaElementWatcher {
  /**
   * The primary element among those that were ever audible: audible and playing first, then
   * playing, then most recently played.
   */
  primary(): HTMLMediaElement | null;
  /** Plain-data state of the primary element, or `null` when the frame never played media. */
  primaryState(): MediaElementState | null;
  /** Every tracked video element, largest first (for picture-in-picture). */
  videos(): HTMLVideoElement[];
  /**
   * Starts tracking the document's media elements that already play (the wrapper arrived late,
   * injected into an open tab after an install or update).
   */
  adoptPlaying(): void;
}

/**
 * Starts watching. `onChange` runs (synchronously, inside the media event) whenever an element's
 * reportable state may have changed.
 */
export function watchMediaElements(onChange: () => void): MediaElementWatcher {
  const tracked: Tracked[] = [];
  const directlyWatched = new WeakSet<HTMLMediaElement>();

  function find(element: HTMLMediaElement): Tracked | null {
    for (let i = 0; i < tracked.length; i++) {
      const t = tracked[i] as Tracked;
      if (t.element === element) return t;
    }
    return null;
  }

  function isPlaying(element: HTMLMediaElement): boolean {
    return paused?.(element) === false && ended?.(element) === false;
  }

  function isAudible(element: HTMLMediaElement): boolean {
    if (!isPlaying(element) || muted?.(element)) return false;
    if ((volume?.(element) ?? 1) < LIMITS.audibleVolume) return false;
    // Chromium counts decoded audio bytes; a silent video has none.
    return audioBytes ? audioBytes(element) > 0 : true;
  }

  function track(element: HTMLMediaElement): Tracked {
    let t = find(element);
    if (t) return t;
    t = {
      element,
      lastPlayedAt: 0,
      lastAudibleAt: null,
      startedAt: null,
      startedByUser: false,
      playAt: null,
      playByUser: false,
      wasAudible: false,
      width: 0,
      height: 0,
    };
    if (tracked.length >= MAX_TRACKED) {
      // Forget the least recently played element that is not playing now.
      let victim = -1;
      for (let i = 0; i < tracked.length; i++) {
        const c = tracked[i] as Tracked;
        if (
          !isPlaying(c.element) &&
          (victim < 0 || c.lastPlayedAt < (tracked[victim] as Tracked).lastPlayedAt)
        )
          victim = i;
      }
      if (victim < 0) victim = 0;
      for (let i = victim; i < tracked.length - 1; i++) tracked[i] = tracked[i + 1] as Tracked;
      tracked.length = tracked.length - 1;
    }
    tracked[tracked.length] = t;
    return t;
  }

  function update(element: HTMLMediaElement, type: string): void {
    const t = track(element);
    const now = dateNow();
    if (isPlaying(element)) t.lastPlayedAt = now;
    const audible = isAudible(element);
    if ((type === 'play' || type === 'playing') && !t.wasAudible && t.playAt === null) {
      t.playAt = now;
      t.playByUser = userActivationState().transient;
    } else if (type === 'pause' || type === 'ended' || type === 'emptied') {
      t.playAt = null;
    }
    if (audible !== t.wasAudible) {
      t.lastAudibleAt = now; // start or end of an audible stretch
      t.wasAudible = audible;
      // The sound that a play started: a start of audible playback, what may move audio focus
      // (docs/architecture.md § Focus policy), with whether the user had just acted in this frame.
      // Sound that comes back by itself (an unmute, a volume raised by script) is no start.
      if (audible && t.playAt !== null && now - t.playAt <= START_WINDOW_MS) {
        t.startedAt = now;
        t.startedByUser = t.playByUser;
      }
      if (audible) t.playAt = null;
    }
    if (SIZE_EVENTS[type] && VideoCtor && element instanceof VideoCtor) {
      t.width = finiteOr(offsetWidth?.(element), 0);
      t.height = finiteOr(offsetHeight?.(element), 0);
    }
    onChange();
  }

  function onMediaEvent(event: Event): void {
    try {
      const target = eventTarget?.(event);
      if (target instanceof MediaCtor) update(target, event.type);
    } catch {} // a listener of ours: nothing may reach the page's error handlers
  }

  for (let i = 0; i < MEDIA_EVENTS.length; i++) {
    addListener(
      globalThis as unknown as EventTarget,
      MEDIA_EVENTS[i] as string,
      onMediaEvent,
      true,
    );
  }

  // Detached and shadow-tree elements: their events never reach `window`, so listen on them.
  wrapMethod(MediaProto, 'play', (thisArg, args, native) => {
    const result = apply(native, thisArg, args);
    // The page's play() returns or throws exactly what the native one does; our bookkeeping after
    // it must not add an exception of its own.
    try {
      if (thisArg instanceof MediaCtor && !weakSetHas(directlyWatched, thisArg)) {
        const inDocument = isConnected?.(thisArg) && getRootNode(thisArg) === document;
        if (!inDocument) {
          weakSetAdd(directlyWatched, thisArg);
          for (let i = 0; i < MEDIA_EVENTS.length; i++) {
            addListener(thisArg, MEDIA_EVENTS[i] as string, onMediaEvent, true);
          }
        }
        update(thisArg, 'play');
      }
    } catch {}
    return result;
  });

  function primaryTracked(): Tracked | null {
    let best: Tracked | null = null;
    let bestScore = -1;
    for (let i = 0; i < tracked.length; i++) {
      const t = tracked[i] as Tracked;
      // Only media that has made sound is media use, as in Chrome's media hub: a paused <video>,
      // a muted background loop or a call's muted self-view is not a session.
      if (t.lastAudibleAt === null) continue;
      const playing = isPlaying(t.element);
      const score = (playing ? 2 : 0) + (playing && isAudible(t.element) ? 1 : 0);
      if (
        best === null ||
        score > bestScore ||
        (score === bestScore && t.lastPlayedAt > best.lastPlayedAt) ||
        (score === bestScore &&
          t.lastPlayedAt === best.lastPlayedAt &&
          t.width * t.height > best.width * best.height)
      ) {
        best = t;
        bestScore = score;
      }
    }
    return best;
  }

  return {
    primary: () => primaryTracked()?.element ?? null,
    primaryState(): MediaElementState | null {
      const t = primaryTracked();
      if (!t) return null;
      const el = t.element;
      const isVideo = !!VideoCtor && el instanceof VideoCtor;
      const d = duration?.(el);
      return {
        kind: isVideo ? 'video' : 'audio',
        playing: isPlaying(el),
        muted: muted?.(el) === true,
        volume: Math.min(1, Math.max(0, finiteOr(volume?.(el), 1))),
        audible: isAudible(el),
        lastAudibleAt: t.lastAudibleAt,
        startedAt: t.startedAt,
        startedByUser: t.startedByUser,
        position: {
          duration: typeof d === 'number' && d >= 0 && d <= LIMITS.seconds ? d : null,
          playbackRate: Math.min(
            LIMITS.playbackRate,
            Math.max(-LIMITS.playbackRate, finiteOr(playbackRate?.(el), 1)),
          ),
          position: Math.min(LIMITS.seconds, Math.max(0, finiteOr(currentTime?.(el), 0))),
          updatedAt: dateNow(),
        },
        width: Math.min(100_000, t.width),
        height: Math.min(100_000, t.height),
        pictureInPicture: !!pipElement && pipElement(document) === el,
        disablePictureInPicture: isVideo && disablePiP?.(el) === true,
      };
    },
    adoptPlaying() {
      const all = apply(Document.prototype.querySelectorAll, document, [
        'video, audio',
      ]) as NodeListOf<HTMLMediaElement>;
      for (let i = 0; i < all.length; i++) {
        const element = all[i] as HTMLMediaElement;
        if (isPlaying(element)) update(element, 'playing');
      }
    },
    videos(): HTMLVideoElement[] {
      const out: HTMLVideoElement[] = [];
      for (let i = 0; i < tracked.length; i++) {
        const t = tracked[i] as Tracked;
        if (VideoCtor && t.element instanceof VideoCtor) out[out.length] = t.element;
      }
      return out;
    },
  };
}
