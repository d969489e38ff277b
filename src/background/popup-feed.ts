/**
 * The popup feed: every open popup (or popup opened as a tab) holds a Port to the service worker
 * and receives the whole `DeckSnapshot` when it connects and after changes. Pushes are throttled to
 * one per `PUSH_INTERVAL_MS` (the first change goes at once, in a microtask; a burst within the
 * interval ends with one push of the latest state), and each popup has at most one snapshot in
 * flight: it gets the next once it answered that it drew the last (`shown`), or after
 * `SHOWN_TIMEOUT_MS` (a hidden popup draws nothing). So a flood of reports costs at most ten
 * snapshots a second, and never more than a popup can draw.
 */

/** Least milliseconds between two pushes. */
export const PUSH_INTERVAL_MS = 100;
/** Most milliseconds a popup's snapshot stays unanswered before it gets the next anyway. */
export const SHOWN_TIMEOUT_MS = 1000;

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
  /** `port` drew the snapshot it was sent (`{ type: 'shown' }`). */
  shown(port: FeedPort): void;
  /** Something popups show changed: push, throttled. */
  schedule(): void;
  /** Ports fed. */
  size(): number;
}

/** Creates the feed. */
export function createPopupFeed(deps: PopupFeedDeps): PopupFeed {
  /** Each port, and when its unanswered snapshot was sent (`null`: none in flight). */
  const ports = new Map<FeedPort, { sentAt: number | null; behind: boolean }>();
  let lastPushAt = Number.NEGATIVE_INFINITY;
  let scheduled = false;
  /** A push set for when the oldest unanswered snapshot times out. */
  let timeoutSet = false;

  /** Sends the current snapshot to `to` (built once); a closed port is dropped. */
  function send(to: FeedPort[]): void {
    if (to.length === 0) return;
    const message = deps.message();
    const at = deps.now();
    for (const port of to) {
      const state = ports.get(port);
      if (!state) continue;
      try {
        port.postMessage(message);
        state.sentAt = at;
        state.behind = false;
      } catch {
        ports.delete(port); // closed without telling us yet
      }
    }
  }

  /** Sends the latest to every port free to take it (with `behindOnly`, those that missed one). */
  function push(behindOnly = false): void {
    if (!behindOnly) scheduled = false;
    if (ports.size === 0) return;
    const now = deps.now();
    const ready: FeedPort[] = [];
    let waitShown = Number.POSITIVE_INFINITY;
    for (const [port, state] of ports) {
      if (behindOnly && !state.behind) continue;
      const waiting = state.sentAt === null ? 0 : state.sentAt + SHOWN_TIMEOUT_MS - now;
      if (waiting <= 0) ready.push(port);
      else {
        state.behind = true; // gets the latest once it answers
        waitShown = Math.min(waitShown, waiting);
      }
    }
    if (ready.length > 0) {
      lastPushAt = now;
      send(ready);
      deps.onPush?.();
    }
    if (waitShown !== Number.POSITIVE_INFINITY && !timeoutSet) {
      timeoutSet = true;
      deps.later(() => {
        timeoutSet = false;
        push(true);
      }, waitShown);
    }
  }

  function schedule(): void {
    if (scheduled || ports.size === 0) return;
    scheduled = true;
    const wait = lastPushAt + PUSH_INTERVAL_MS - deps.now();
    if (wait <= 0) queueMicrotask(push);
    else deps.later(push, wait);
  }

  return {
    add(port) {
      ports.set(port, { sentAt: null, behind: false });
      send([port]);
    },
    remove(port) {
      ports.delete(port);
    },
    shown(port) {
      const state = ports.get(port);
      if (!state) return;
      state.sentAt = null;
      if (state.behind) schedule();
    },
    schedule,
    size: () => ports.size,
  };
}
