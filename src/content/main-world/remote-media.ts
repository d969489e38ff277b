/**
 * Media elements that only the MAIN world can see: ones outside the document tree, detached
 * (`new Audio(src).play()`) or in a shadow tree, whose events never reach `window`, where the
 * session agent listens (src/content/agent/media-element-watcher.ts). A wrapper on
 * `HTMLMediaElement.prototype.play` notices them; from then on each of their media events sends a
 * `RemoteMedia` snapshot (src/shared/contract.ts) to the agent, and the agent acts on them one
 * native operation at a time (`operate`). Elements in the document are left to the agent.
 */
import type { ActionOutcome, RemoteMedia, RemoteOperation } from '../../shared/contract';
import { REMOTE_MEDIA_EVENTS } from '../../shared/media-events';
import { REMOTE_FIELDS } from '../../shared/remote-media-fields';
import {
  addListener,
  apply,
  dateNow,
  eventTarget,
  eventType,
  objectCreate,
  ownDescriptor,
  pageDocument,
  promiseThen,
  uncurry,
  WeakMapCtor,
  weakMapGet,
  weakMapSet,
} from './intrinsics';
import { wrapMethod } from './native-wrap';

const MediaProto = HTMLMediaElement.prototype;
const VideoProto = globalThis.HTMLVideoElement?.prototype as HTMLVideoElement | undefined;
const isConnected = ownDescriptor(Node.prototype, 'isConnected')?.get;
const getRootNode = uncurry(Node.prototype.getRootNode);
/** The native function behind each `RemoteOperation` (a missing one: unsupported). */
const operations: Record<string, ((value: number) => unknown) | undefined> = objectCreate(null);
operations.play = MediaProto.play;
operations.pause = MediaProto.pause;
operations.seek = ownDescriptor(MediaProto, 'currentTime')?.set;
operations['fast-seek'] = (MediaProto as { fastSeek?: (t: number) => void }).fastSeek;
operations['picture-in-picture'] = VideoProto?.requestPictureInPicture;

/** The native getter of each of `REMOTE_FIELDS`, found on the video, media or element prototype. */
const getters: Record<string, () => unknown> = objectCreate(null);
for (let i = 0; i < REMOTE_FIELDS.length; i++) {
  const name = REMOTE_FIELDS[i] as string;
  const get =
    (VideoProto && ownDescriptor(VideoProto, name)?.get) ||
    ownDescriptor(MediaProto, name)?.get ||
    ownDescriptor(HTMLElement.prototype, name)?.get;
  if (get) getters[name] = get as () => unknown;
}

/** Most remote elements remembered; a new one beyond it replaces the oldest. */
const MAX_REMOTE = 16;

/** The frame's remote media elements. */
export interface RemoteMediaRegistry {
  /**
   * Runs `operation` (with `value`, seconds, for the seeks) on remote element `id`; `done` gets
   * the outcome, at once or, for picture-in-picture, once the browser settled it.
   */
  operate(id: number, operation: RemoteOperation, value: number, done: Done): void;
  /** Sends every remote element's current snapshot again (to a new agent). */
  resend(): void;
}

type Done = (outcome: ActionOutcome) => void;

/** Wraps `play()`. `send(media)` receives each snapshot. Returns the registry. */
export function watchRemoteMedia(send: (media: RemoteMedia) => void): RemoteMediaRegistry {
  /** Slot (`id % MAX_REMOTE`) → element; element → its id. Null prototype: no inherited keys. */
  const slots: Record<number, HTMLMediaElement> = objectCreate(null);
  const idOf: WeakMap<HTMLMediaElement, number> = new WeakMapCtor();
  let nextId = 0;

  /** Element `id`, if it is still remembered. */
  const byId = (id: number): HTMLMediaElement | undefined => {
    const element = slots[id % MAX_REMOTE];
    return element && weakMapGet(idOf, element) === id ? element : undefined;
  };

  /**
   * Each getter's value for `element`: one that throws is left out (`videoWidth` of an `<audio>`:
   * a brand check that runs no page code, unlike `instanceof`).
   */
  function snapshot(element: HTMLMediaElement, id: number, event: string): RemoteMedia {
    const values: Record<string, unknown> = objectCreate(null);
    for (const name in getters) {
      try {
        values[name] = apply(getters[name] as () => unknown, element, []);
      } catch {}
    }
    return { id, event, at: dateNow(), values } as RemoteMedia;
  }

  function onEvent(event: Event): void {
    try {
      const element = eventTarget(event) as HTMLMediaElement | null;
      const id = element ? weakMapGet(idOf, element) : undefined;
      if (id === undefined || byId(id) !== element) return; // forgotten meanwhile
      send(snapshot(element as HTMLMediaElement, id, eventType(event)));
    } catch {} // a listener of ours: nothing may reach the page's error handlers
  }

  wrapMethod(MediaProto, 'play', (thisArg, args, native) => {
    const result = apply(native, thisArg, args);
    // The native call returned: `thisArg` is a genuine media element. The page's play() returns or
    // throws exactly what the native one does; our bookkeeping after it adds no exception.
    try {
      const element = thisArg as HTMLMediaElement;
      const known = weakMapGet(idOf, element);
      if (known !== undefined && byId(known) === element) return result;
      if (isConnected && apply(isConnected, element, []) && getRootNode(element) === pageDocument)
        return result;
      const id = nextId++;
      slots[id % MAX_REMOTE] = element;
      weakMapSet(idOf, element, id);
      // An element forgotten earlier keeps the listeners it got then.
      if (known === undefined) {
        for (let i = 0; i < REMOTE_MEDIA_EVENTS.length; i++) {
          addListener(element, REMOTE_MEDIA_EVENTS[i] as string, onEvent, true);
        }
      }
      send(snapshot(element, id, 'play'));
    } catch {}
    return result;
  });

  return {
    operate(id, operation, value, done) {
      const element = byId(id);
      const native = operations[operation];
      if (!element || !native) return done('unsupported');
      try {
        const result = apply(native, element, [value]);
        // `play()` and `requestPictureInPicture()` settle later (an <audio> throws, caught below).
        if (typeof result === 'object' && result !== null) {
          promiseThen(
            result as Promise<unknown>,
            () => done('element'),
            () => done('failed'),
          );
        } else {
          done('element');
        }
      } catch {
        done('failed');
      }
    },
    resend() {
      for (const slot in slots) {
        const element = slots[+slot] as HTMLMediaElement;
        const id = weakMapGet(idOf, element) as number;
        send(snapshot(element, id, 'durationchange')); // an event that starts nothing
      }
    },
  };
}
