/**
 * The focus policy (docs/architecture.md § Focus policy), modelled on Chrome's audio-focus stack.
 * Pure functions over session keys; the service worker's registry feeds them.
 */

/** What the policy needs to know about one session. */
export interface FocusCandidate {
  key: string;
  /** Has a title or a playing media element, and is not a transient sound (see `isTransientSound` in src/shared/session.ts). */
  controllable: boolean;
  /** Epoch ms the session was first seen; orders sessions that never played audibly. */
  firstSeenAt: number;
}

/**
 * Moves `key` to the top (index 0) of the most-recently-used `stack`, as when its session starts
 * audible playback. Returns a new array; the input is not changed.
 */
export function raiseInStack(stack: readonly string[], key: string): string[] {
  return [key, ...stack.filter((k) => k !== key)];
}

/** Returns `stack` without `key` (the session ended). */
export function dropFromStack(stack: readonly string[], key: string): string[] {
  return stack.filter((k) => k !== key);
}

/**
 * The active session's key, or `null` when nothing can be controlled:
 * 1. the pinned session, while it lives and is controllable;
 * 2. else the highest session in the MRU `stack` that is controllable;
 * 3. else the most recently seen controllable session that never played audibly.
 * Pausing does not change the stack, so play/pause twice toggles the same session.
 */
export function pickActive(
  stack: readonly string[],
  candidates: readonly FocusCandidate[],
  pinned: string | null,
): string | null {
  const byKey = new Map(candidates.map((c) => [c.key, c]));
  if (pinned !== null && byKey.get(pinned)?.controllable) return pinned;
  for (const key of stack) {
    if (byKey.get(key)?.controllable) return key;
  }
  let fallback: FocusCandidate | null = null;
  for (const c of candidates) {
    if (c.controllable && (fallback === null || c.firstSeenAt > fallback.firstSeenAt)) fallback = c;
  }
  return fallback?.key ?? null;
}

/**
 * Display order: the active session first, then the rest of the stack, then sessions that never
 * played audibly, newest first.
 */
export function orderSessions(
  stack: readonly string[],
  candidates: readonly FocusCandidate[],
  active: string | null,
): string[] {
  const rank = new Map(stack.map((k, i) => [k, i]));
  return [...candidates]
    .sort((a, b) => {
      if (a.key === active) return -1;
      if (b.key === active) return 1;
      const ra = rank.get(a.key);
      const rb = rank.get(b.key);
      if (ra !== undefined && rb !== undefined) return ra - rb;
      if (ra !== undefined) return -1;
      if (rb !== undefined) return 1;
      return b.firstSeenAt - a.firstSeenAt;
    })
    .map((c) => c.key);
}

/** Milliseconds within which a session that lost focus may take it back by itself only once. */
export const SELF_RAISE_INTERVAL_MS = 10_000;

/** What deciding on a start of audible playback needs to know. */
export interface StartFacts {
  /** The user had just acted in the session's frame (transient activation at the start). */
  startedByUser: boolean;
  /** The frame has sticky user activation: the user has interacted with it. */
  activated: boolean;
  /** The session is the top frame of the tab the user is on. */
  topFrameOfActiveTab: boolean;
  /** The session is at the top of the stack already. */
  onTop: boolean;
  /** Epoch ms of the session's last start that took focus without the user (or `null`). */
  lastSelfRaiseAt: number | null;
  /** Epoch ms now. */
  now: number;
}

/**
 * Whether a session's new start of audible playback moves it to the top of the focus stack
 * (docs/architecture.md § Focus policy): always when the user had just acted in its frame; else
 * only when the user has interacted with that frame before, or it is the top frame of the tab the
 * user is on, and then, having lost focus, at most once per `SELF_RAISE_INTERVAL_MS`. A frame the
 * user never touched (an ad in a background tab) never takes focus by itself.
 */
export function startTakesFocus(facts: StartFacts): boolean {
  if (facts.startedByUser || facts.onTop) return true;
  if (!facts.activated && !facts.topFrameOfActiveTab) return false;
  return (
    facts.lastSelfRaiseAt === null || facts.now - facts.lastSelfRaiseAt >= SELF_RAISE_INTERVAL_MS
  );
}
