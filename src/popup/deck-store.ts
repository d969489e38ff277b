/**
 * The popup's one store (DESIGN.md § Popup): a Port to the service worker that receives
 * `DeckSnapshot`s and sends the user's commands. Framework-free; the views subscribe to it.
 * If the service worker restarts, the Port closes and the store reconnects.
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
  /** Sends a command; dropped while disconnected (the next snapshot shows the truth). */
  send(message: PopupToWorker): void;
}

/**
 * Creates the store. `connect` opens a Port named `POPUP_PORT` (`browser.runtime.connect`);
 * `later` schedules the reconnect after a disconnect (default `setTimeout`, 100 ms).
 */
export function createDeckStore(
  connect: (name: string) => PortLike,
  later: (fn: () => void, ms: number) => void = (fn, ms) => setTimeout(fn, ms),
): DeckStore {
  let state: DeckState = { snapshot: null, connected: false, rejected: 0 };
  const listeners = new Set<() => void>();
  let port: PortLike | null = null;

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
    set({ connected: true });
    current.onMessage.addListener((raw) => {
      const parsed = parseMessage(WorkerToPopupSchema, raw);
      if (parsed.ok) set({ snapshot: parsed.value.snapshot });
      else set({ rejected: state.rejected + 1 });
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
      try {
        port?.postMessage(message);
      } catch {
        // The Port just closed; onDisconnect reconnects.
      }
    },
  };
}
