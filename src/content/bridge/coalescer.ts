/**
 * Coalesces a frame's state reports before they cross to the service worker: identical reports
 * and ones that only confirm normal playback progress are dropped (`isSameReport`), and the rest
 * are sent at most once per `minIntervalMs`, the latest one winning. Pure: time and timers are
 * injected, so the unit tests drive it with fake ones.
 */
import type { FrameState } from '../../shared/contract';
import { isSameReport } from '../../shared/frame-state';

/** What the coalescer needs from its surroundings. */
export interface CoalescerDeps {
  /** Least milliseconds between two sends. */
  minIntervalMs: number;
  /** Epoch ms. */
  now(): number;
  /** Runs `fn` after `ms` milliseconds (`setTimeout`). */
  later(fn: () => void, ms: number): void;
  send(state: FrameState): void;
}

/** A coalescer for one frame. */
export interface Coalescer {
  /** Offers the frame's latest state. */
  push(state: FrameState): void;
  /** Sends the latest state now, even if unchanged (after a reconnect). */
  resend(): void;
  /** The latest state pushed, sent or not. */
  latest(): FrameState | null;
  /** How many pushes were absorbed without a send of their own. */
  coalesced(): number;
}

/** Creates a coalescer. */
export function createCoalescer(deps: CoalescerDeps): Coalescer {
  let latest: FrameState | null = null;
  let lastSent: FrameState | null = null;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let timerPending = false;
  let absorbed = 0;

  function sendLatest(): void {
    if (!latest) return;
    lastSent = latest;
    lastSentAt = deps.now();
    deps.send(latest);
  }

  function onTimer(): void {
    timerPending = false;
    if (latest && lastSent && isSameReport(lastSent, latest)) {
      absorbed++; // The push that started the timer was undone by later ones: no send of its own.
      return;
    }
    sendLatest();
  }

  return {
    push(state) {
      latest = state;
      if (lastSent && isSameReport(lastSent, state)) {
        absorbed++;
        return;
      }
      if (timerPending) {
        absorbed++;
        return;
      }
      const wait = lastSentAt + deps.minIntervalMs - deps.now();
      if (wait <= 0) {
        sendLatest();
      } else {
        timerPending = true;
        deps.later(onTimer, wait);
      }
    },
    resend() {
      if (latest) sendLatest();
    },
    latest: () => latest,
    coalesced: () => absorbed,
  };
}
