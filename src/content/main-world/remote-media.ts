/**
 * Media elements that only the MAIN world can see: ones outside the document tree, detached
 * (`new Audio(src).play()`) or in a shadow tree, whose events never reach `window`, where the
 * session agent listens (src/content/agent/media-element-watcher.ts). Wrappers on
 * `HTMLMediaElement.prototype.play` and on the `currentTime` getter (which a player's own controls
 * read all the time) notice them; from then on each of their media events sends a
 * `RemoteMedia` snapshot (src/shared/contract.ts) to the agent, and the agent acts on them one
 * native operation at a time (`operate`). Elements in the document are left to the agent.
 *
 * The wrappers are installed only once the frame has media activity (`hook`, called when the agent
 * comes), not at document_start: building `HTMLMediaElement.prototype` (and the element interfaces
 * under it) is most of what a script costs a page that never touches media. An element that
 * started playing before then is noticed at its player's next `play()` or `currentTime` read.
 */
import type { ActionOutcome, RemoteMedia, RemoteOperation } from '../../shared/contract';
import { REMOTE_FIELDS, REMOTE_MEDIA_EVENTS } from '../../shared/remote-media-fields';
import {
  accessorOf,
  addListener,
  apply,
  dateNow,
  eventTarget,
  eventType,
  objectCreate,
  ownDescriptor,
  ownValue,
  promiseThen,
  WeakMapCtor,
  weakMapGet,
  weakMapSet,
} from './intrinsics';
import { wrapAccessor, wrapMethod } from './native-wrap';

/** Most remote elements remembered; a new one beyond it replaces the oldest. */
const MAX_REMOTE = 16;
/** The id of an element last seen in the document (the agent's to watch). */
const IN_DOCUMENT = -1;
/** The event a snapshot names when nothing happened to the element: one that starts nothing. */
const NEUTRAL_EVENT = 'durationchange';

/** The frame's remote media elements. */
export interface RemoteMediaRegistry {
  /** Installs the wrappers (once): the frame has media activity. */
  hook(): void;
  /**
   * Runs `operation` (with `value`, seconds, for the seeks) on remote element `id`; `done` gets
   * the outcome, at once or, for picture-in-picture, once the browser settled it.
   */
  operate(id: number, operation: RemoteOperation, value: number, done: Done): void;
  /** Sends every remote element's current snapshot again (to a new agent). */
  resend(): void;
}

type Done = (outcome: ActionOutcome) => void;

/**
 * Creates the registry; `send(make)` is told of each change, with `make()` to build its snapshot:
 * only worth the getters' cost once an agent listens (a frame without one only announces itself).
 */
export function watchRemoteMedia(send: (make: () => RemoteMedia) => void): RemoteMediaRegistry {
  /** Slot (`id % MAX_REMOTE`) → element; element → its id. Null prototype: no inherited keys. */
  const slots: Record<number, HTMLMediaElement> = objectCreate(null);
  const idOf: WeakMap<HTMLMediaElement, number> = new WeakMapCtor();
  let nextId = 0;
  /** The native getter of each of `REMOTE_FIELDS`; the native function of each operation. */
  const getters: Record<string, () => unknown> = objectCreate(null);
  const operations: Record<string, ((value: number) => unknown) | undefined> = objectCreate(null);
  let isConnected: (() => boolean) | undefined;
  let nodeName: (() => string) | undefined;
  let getRootNode: (() => Node) | undefined;

  /** Element `id`, if it is still remembered. */
  const byId = (id: number): HTMLMediaElement | undefined => {
    const element = slots[id % MAX_REMOTE];
    return element && weakMapGet(idOf, element) === id ? element : undefined;
  };

  /**
   * Each getter's value for `element`; the video-only ones (last in `REMOTE_FIELDS`) only for a
   * `<video>`, told by the native `nodeName` getter: a brand check that runs no page code (unlike
   * `instanceof`) and throws nothing (an exception costs more than all the getters together).
   */
  function snapshot(element: HTMLMediaElement, id: number, event: string): RemoteMedia {
    const values: Record<string, unknown> = objectCreate(null);
    for (const name in getters) {
      if (name === 'videoWidth' && apply(nodeName as () => string, element, []) !== 'VIDEO') break;
      values[name] = apply(getters[name] as () => unknown, element, []);
    }
    return { id, event, at: dateNow(), values } as RemoteMedia;
  }

  function onEvent(event: Event): void {
    try {
      const element = eventTarget(event) as HTMLMediaElement | null;
      const id = element ? weakMapGet(idOf, element) : undefined;
      if (id === undefined || byId(id) !== element) return; // forgotten meanwhile
      const type = eventType(event);
      send(() => snapshot(element as HTMLMediaElement, id, type));
    } catch {} // a listener of ours: nothing may reach the page's error handlers
  }

  /**
   * Remembers `element` (a genuine media element: the native call on it succeeded) if it is
   * outside the document and new; `event` is what its snapshot says happened. `again`: look again
   * at an element seen in the document before (a `play()`: it may have been moved out since); a
   * `currentTime` read, the hot path, does not.
   */
  function notice(element: HTMLMediaElement, event: string, again: boolean): void {
    // The page's call returns or throws exactly what the native one does: nothing of ours escapes.
    try {
      const known = weakMapGet(idOf, element);
      if (known !== undefined && (byId(known) === element || !again)) return;
      if (apply(isConnected as () => boolean, element, [])) {
        // `document` is `[LegacyUnforgeable]`: the page cannot have replaced it.
        if (apply(getRootNode as () => Node, element, []) === document) {
          weakMapSet(idOf, element, IN_DOCUMENT);
          return;
        }
      }
      const id = nextId++;
      slots[id % MAX_REMOTE] = element;
      weakMapSet(idOf, element, id);
      // An element forgotten earlier keeps the listeners it got then.
      if (known === undefined || known === IN_DOCUMENT) {
        for (let i = 0; i < REMOTE_MEDIA_EVENTS.length; i++) {
          addListener(element, REMOTE_MEDIA_EVENTS[i] as string, onEvent, true);
        }
      }
      send(() => snapshot(element, id, event));
    } catch {}
  }

  let hooked = false;
  return {
    hook() {
      if (hooked) return;
      hooked = true;
      // Read now, not at document_start (see above). A page that replaced these globals by now
      // hands us its own objects: it only keeps its elements out of our sight.
      const MediaProto = HTMLMediaElement.prototype;
      const VideoProto = HTMLVideoElement.prototype;
      for (let i = 0; i < REMOTE_FIELDS.length; i++) {
        const name = REMOTE_FIELDS[i] as string;
        const get =
          (VideoProto && ownDescriptor(VideoProto, name)?.get) ||
          ownDescriptor(MediaProto, name)?.get;
        if (get) getters[name] = get as () => unknown;
      }
      isConnected = accessorOf(Node.prototype, 'isConnected', 'get') as () => boolean;
      nodeName = accessorOf(Node.prototype, 'nodeName', 'get') as () => string;
      getRootNode = ownValue(Node.prototype, 'getRootNode') as () => Node;
      // Each operation is named as the native member it uses (`RemoteOperation`).
      operations.play = ownValue(MediaProto, 'play') as () => unknown;
      operations.pause = ownValue(MediaProto, 'pause') as () => unknown;
      operations.requestPictureInPicture = ownValue(
        VideoProto,
        'requestPictureInPicture',
      ) as () => unknown;
      operations.currentTime = accessorOf(MediaProto, 'currentTime', 'set') as () => unknown;
      operations.playbackRate = accessorOf(MediaProto, 'playbackRate', 'set') as () => unknown;
      operations.volume = accessorOf(MediaProto, 'volume', 'set') as () => unknown;
      operations.muted = accessorOf(MediaProto, 'muted', 'set') as () => unknown;
      // Each returns what the native call returned; `thisArg` is then a genuine media element.
      wrapMethod(MediaProto, 'play', (thisArg, args, native) => {
        const result = apply(native, thisArg, args);
        notice(thisArg as HTMLMediaElement, 'play', true);
        return result;
      });
      // Read by a player's controls while it plays: an element already playing when the hooks came
      // is noticed as it is (an event that starts nothing).
      wrapAccessor(MediaProto, 'currentTime', 'get', (thisArg) => {
        notice(thisArg as HTMLMediaElement, NEUTRAL_EVENT, false);
      });
    },
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
        send(() => snapshot(element, id, NEUTRAL_EVENT));
      }
    },
  };
}
