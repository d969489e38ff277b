/**
 * Coalesces a frame's state reports before they cross to the service worker: identical reports
 * and ones that only confirm normal playback progress are dropped (`isSameReport`). A change the
 * user sees (metadata, handlers, playback state: `differsBeyondPosition`) goes at once, up to
 * `burst` such sends a second; everything else (seeks, and floods past the burst) is sent at most
 * once per `minIntervalMs`, the latest one winning. Sending at once matters in a background tab,
 * where Chrome throttles timers to once a second. Pure: time and timers are injected, so the unit
 * tests drive it with fake ones.
 */
import type { FrameState } from '../../shared/contract';
import { differsBeyondPosition, isSameReport } from '../../shared/frame-state';

/** What the coalescer needs from its surroundings. */
export interface CoalescerDeps {
  /** Least milliseconds between two sends that are not urgent. */
  minIntervalMs: number;
  /** Most urgent sends a second that skip `minIntervalMs` (default 10). */
  burst?: number;
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
  /** Epoch ms of the recent urgent sends (at most `burst`, within the last second). */
  const urgentSends: number[] = [];
  const burst = deps.burst ?? 10;

  /** Takes an urgent-send slot if the last second has one free. */
  function takeUrgentSlot(): boolean {
    const now = deps.now();
    while (urgentSends.length > 0 && now - (urgentSends[0] as number) >= 1000) urgentSends.shift();
    if (urgentSends.length >= burst) return false;
    urgentSends.push(now);
    return true;
  }

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
      if ((!lastSent || differsBeyondPosition(lastSent, state)) && takeUrgentSlot()) {
        sendLatest();
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
