/**
 * The popup feed: every open popup (or options page, or popup opened as a tab) holds a Port to the
 * service worker and receives the whole `DeckSnapshot` when it connects and after changes. Pushes
 * are throttled to one per `PUSH_INTERVAL_MS` (the first change goes at once, in a microtask; a
 * burst within the interval ends with one push of the latest state), so a flood of reports costs
 * at most ten snapshots a second, whatever the number of sessions.
 */

/** Least milliseconds between two pushes. */
export const PUSH_INTERVAL_MS = 100;

/** The part of a `runtime.Port` the feed uses. */
export interface FeedPort {
  postMessage(message: unknown): void;
}

/** What the feed needs from its surroundings. */
export interface PopupFeedDeps {
  /** The message to push now (`{ type: 'snapshot', snapshot }`). */
  message(): unknown;
  /** Epoch ms. */
  now(): number;
  /** Runs `fn` after `ms` milliseconds (`setTimeout`). */
  later(fn: () => void, ms: number): void;
  /** A push went out (diagnostics). */
  onPush?(): void;
}

/** The feed. */
export interface PopupFeed {
  /** Starts feeding `port` and sends it the current snapshot now. */
  add(port: FeedPort): void;
  remove(port: FeedPort): void;
  /** Something popups show changed: push, throttled. */
  schedule(): void;
  /** Ports fed. */
  size(): number;
}

/** Creates the feed. */
export function createPopupFeed(deps: PopupFeedDeps): PopupFeed {
  const ports = new Set<FeedPort>();
  let lastPushAt = Number.NEGATIVE_INFINITY;
  let scheduled = false;

  function send(to: Iterable<FeedPort>, message: unknown): void {
    for (const port of [...to]) {
      try {
        port.postMessage(message);
      } catch {
        ports.delete(port); // closed without telling us yet
      }
    }
  }

  function push(): void {
    scheduled = false;
    if (ports.size === 0) return;
    lastPushAt = deps.now();
    send(ports, deps.message());
    deps.onPush?.();
  }

  return {
    add(port) {
      ports.add(port);
      send([port], deps.message());
    },
    remove(port) {
      ports.delete(port);
    },
    schedule() {
      if (scheduled || ports.size === 0) return;
      scheduled = true;
      const wait = lastPushAt + PUSH_INTERVAL_MS - deps.now();
      if (wait <= 0) queueMicrotask(push);
      else deps.later(push, wait);
    },
    size: () => ports.size,
  };
}
