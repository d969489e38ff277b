/**
 * The popup's one store (docs/architecture.md § Popup): a Port to the service worker that receives
 * `DeckSnapshot`s and sends the user's commands. Framework-free; the views subscribe to it.
 * If the service worker restarts, the Port closes and the store reconnects; commands sent in the
 * meantime are queued and delivered on the new Port, so a click made while Chrome restarts the
 * worker still happens.
 */
import {
  type DeckSnapshot,
  POPUP_PORT,
  type PopupToWorker,
  parseMessage,
  WorkerToPopupSchema,
} from '../shared/contract';

/** The part of `runtime.Port` the store uses (so tests can pass a fake). */
export interface PortLike {
  postMessage(message: unknown): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/** What the views read. `snapshot` is `null` until the first one arrives. */
export interface DeckState {
  snapshot: DeckSnapshot | null;
  connected: boolean;
  /** Messages from the service worker that failed validation. */
  rejected: number;
}

/** The store. */
export interface DeckStore {
  get(): DeckState;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /**
   * Sends a command. While disconnected it is queued (at most `QUEUE_LIMIT`, the newest kept) and
   * sent on reconnect if it is younger than `QUEUE_MAX_AGE_MS`; an older click is dropped rather
   * than acted on by surprise.
   */
  send(message: IntentMessage): void;
}

/** What the views send: an intent for a session. */
export type IntentMessage = Extract<PopupToWorker, { type: 'intent' }>;

/** Most commands kept while the Port reconnects. */
export const QUEUE_LIMIT = 8;
/** Milliseconds a queued command stays worth sending. */
export const QUEUE_MAX_AGE_MS = 5000;

/**
 * Creates the store. `connect` opens a Port named `POPUP_PORT` (`browser.runtime.connect`);
 * `later` schedules the reconnect after a disconnect (default `setTimeout`, 100 ms); `now` is the
 * clock for the queue (epoch ms); `afterDraw` runs a function once the views drew the latest
 * snapshot (default: the next animation frame), when the store answers `shown` so that the worker
 * sends the next (src/background/popup-feed.ts).
 */
export function createDeckStore(
  connect: (name: string) => PortLike,
  later: (fn: () => void, ms: number) => void = (fn, ms) => setTimeout(fn, ms),
  now: () => number = Date.now,
  afterDraw: (fn: () => void) => void = (fn) => requestAnimationFrame(() => fn()),
): DeckStore {
  let state: DeckState = { snapshot: null, connected: false, rejected: 0 };
  const listeners = new Set<() => void>();
  let port: PortLike | null = null;
  let queue: { message: IntentMessage; at: number }[] = [];

  function enqueue(message: IntentMessage): void {
    queue.push({ message, at: now() });
    if (queue.length > QUEUE_LIMIT) queue.shift();
  }

  /** Posts `message` on the open Port; `false` (and nothing posted) if there is none or it died. */
  function post(message: PopupToWorker): boolean {
    if (!port) return false;
    try {
      port.postMessage(message);
      return true;
    } catch {
      return false; // The Port just closed; onDisconnect reconnects.
    }
  }

  function set(next: Partial<DeckState>): void {
    state = { ...state, ...next };
    for (const listener of listeners) listener();
  }

  function open(): void {
    try {
      port = connect(POPUP_PORT);
    } catch {
      later(open, 500);
      return;
    }
    const current = port;
    const waiting = queue;
    queue = [];
    for (const entry of waiting) {
      // Kept with its own time if it fails again, so it still expires 5 s after the click.
      if (now() - entry.at <= QUEUE_MAX_AGE_MS && !post(entry.message)) queue.push(entry);
    }
    set({ connected: true });
    current.onMessage.addListener((raw) => {
      const parsed = parseMessage(WorkerToPopupSchema, raw);
      if (parsed.ok) set({ snapshot: parsed.value.snapshot });
      else set({ rejected: state.rejected + 1 });
      // Answered either way, or the worker would wait for the answer before sending again.
      afterDraw(() => {
        if (port === current) post({ type: 'shown' });
      });
    });
    current.onDisconnect.addListener(() => {
      if (port !== current) return;
      port = null;
      set({ connected: false });
      later(open, 100);
    });
  }

  open();
  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send(message) {
      if (!post(message)) enqueue(message);
    },
  };
}
