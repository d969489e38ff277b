/**
 * Pause others, resume after (docs/architecture.md § Pause others): when media starts audible
 * playback, the other playing sessions are paused, and remembered on a stack with the session that
 * paused them; when that session stops (its user paused it, it ended, its page went away), the
 * most recent of them plays again. Calls, sounds of 5 s or less, muted media and sessions on the
 * user's exempt sites neither pause others nor get paused. A session that plays again by any other
 * means leaves the stack, so one the user paused or played themselves is never resumed by us.
 * Pure: src/background/pause-others-runner.ts feeds it the sessions' facts and carries out its
 * steps through the intent dispatcher.
 */

/** What the policy needs to know about one session now. */
export interface PauseFacts {
  key: string;
  /** Its effective playback state is `playing`. */
  playing: boolean;
  /** A call: it declared microphone or camera state, or handles `hangup`. */
  call: boolean;
  /** A sound of 5 s or less (`isTransient`, src/shared/session.ts). */
  short: boolean;
  /** Its element or its tab is muted. */
  muted: boolean;
  /** Its site is on the user's exempt list. */
  exempt: boolean;
  /**
   * The user started it, or has interacted with its frame (sticky activation): only such a start
   * pauses others, so an autoplaying ad frame or a page the user never touched cannot.
   */
  byUser: boolean;
}

/** A session Media Deck paused, and the session whose start paused it. */
export interface PausedEntry {
  paused: string;
  by: string;
}

/** Most entries kept: the oldest go first. */
export const MAX_PAUSED = 16;

/** The user's settings for the feature. */
export interface PauseOthersOptions {
  enabled: boolean;
  resumeAfter: boolean;
}

/** What the policy asks for: sessions to pause and one to play, with the new stack. */
export interface PauseStep {
  stack: PausedEntry[];
  pause: string[];
  resume: string | null;
}

/** Whether a session takes part at all (pauses others, or gets paused). */
export function takesPart(f: PauseFacts): boolean {
  return !f.call && !f.short && !f.muted && !f.exempt;
}

/**
 * Session `key` started audible playback. It leaves the stack if it was on it (it plays again,
 * whoever started it); and, with the feature on and the session taking part, every other playing
 * session that takes part is paused and pushed, paused by `key`.
 */
export function sessionStarted(
  stack: readonly PausedEntry[],
  key: string,
  sessions: readonly PauseFacts[],
  options: PauseOthersOptions,
): PauseStep {
  const kept = stack.filter((e) => e.paused !== key);
  const started = sessions.find((s) => s.key === key);
  if (!options.enabled || !started?.byUser || !takesPart(started)) {
    return { stack: kept, pause: [], resume: null };
  }
  const pause = sessions
    .filter((s) => s.key !== key && s.playing && takesPart(s))
    .map((s) => s.key);
  const pushed = kept.filter((e) => !pause.includes(e.paused));
  for (const paused of pause) pushed.push({ paused, by: key });
  return { stack: pushed.slice(-MAX_PAUSED), pause, resume: null };
}

/**
 * Session `key` stopped playing (paused, ended) or is gone (`gone`). If Media Deck paused it itself
 * (it is on the stack), that was our doing: nothing changes, and if it is gone, what it held passes
 * to the session that paused it. Otherwise, with "resume afterwards" on, the most recent session
 * it paused plays again, and the others it paused are now held by that one (they resume when it
 * stops in turn). When `holder` is given (another session that takes part plays now: the user
 * started something else meanwhile), nothing resumes and what `key` held passes to `holder`.
 */
export function sessionStopped(
  stack: readonly PausedEntry[],
  key: string,
  gone: boolean,
  options: PauseOthersOptions,
  holder: string | null = null,
): PauseStep {
  const own = stack.find((e) => e.paused === key);
  if (own) {
    if (!gone) return { stack: [...stack], pause: [], resume: null };
    const next = stack
      .filter((e) => e !== own)
      .map((e) => (e.by === key ? { paused: e.paused, by: own.by } : e));
    return { stack: next, pause: [], resume: null };
  }
  let latest = -1;
  for (let i = stack.length - 1; i >= 0; i--) {
    if (stack[i]?.by === key) {
      latest = i;
      break;
    }
  }
  if (latest === -1) return { stack: [...stack], pause: [], resume: null };
  if (holder !== null) {
    const next = stack.map((e) => (e.by === key ? { paused: e.paused, by: holder } : e));
    return { stack: next, pause: [], resume: null };
  }
  if (!options.resumeAfter) {
    return { stack: stack.filter((e) => e.by !== key), pause: [], resume: null };
  }
  const resume = (stack[latest] as PausedEntry).paused;
  const next = stack
    .filter((_, i) => i !== latest)
    .map((e) => (e.by === key ? { paused: e.paused, by: resume } : e));
  return { stack: next, pause: [], resume };
}
