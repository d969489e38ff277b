/**
 * Carries out "pause others, resume after" (src/background/pause-others.ts): follows the registry's
 * changes, turns them into starts of audible playback and stops, asks the policy, and pauses or
 * plays sessions through the intent dispatcher, as the popup would (the page's own `pause`/`play`
 * handler, else its element), without the user's gesture. The stack of sessions Media Deck paused
 * is kept in `chrome.storage.session`, so it survives a service-worker restart.
 */

import { hostMatches, hostOf } from '../shared/hosts';
import type { Session, TabInfo } from '../shared/session';
import { effectivePlaybackState, effectivePosition, isTransient } from '../shared/session';
import type { Settings } from '../shared/settings';
import type { IntentDispatcher } from './intent-dispatcher';
import {
  type PausedEntry,
  type PauseFacts,
  type PauseStep,
  sessionStarted,
  sessionStopped,
  takesPart,
} from './pause-others';
import type { RegistryChange } from './session-registry';

/** The `chrome.storage.session` key of the stack. */
export const PAUSED_STORAGE_KEY = 'pausedByMediaDeck';

/**
 * Milliseconds a session must stay stopped before what it paused resumes: a playlist moving to its
 * next track stops and starts again within this, and must not make the paused media flap.
 */
export const RESUME_DELAY_MS = 1200;

/** What the runner needs from its surroundings. */
export interface PauseOthersDeps {
  sessions(): Session[];
  get(key: string): Session | undefined;
  tab(tabId: number): TabInfo | undefined;
  settings(): Pick<Settings, 'pauseOthers' | 'resumeAfter' | 'pauseOthersExemptHosts'>;
  dispatcher: Pick<IntentDispatcher, 'dispatch'>;
  /** `chrome.storage.session`. */
  storage: {
    get(key: string): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
  };
  /** Runs `fn` after `ms` milliseconds (`setTimeout`). */
  later(fn: () => void, ms: number): void;
}

/** The runner. */
export interface PauseOthersRunner {
  /** Loads the stack, and takes the registry as it is now as the starting point. */
  restore(): Promise<void>;
  /** A registry change (`SessionRegistry`'s listener); acted on in a microtask. */
  changed(change: RegistryChange): void;
  /** The stack, for the diagnostics and tests. */
  stack(): readonly PausedEntry[];
}

/** What was last seen of a session: playing, and its last start of audible playback. */
interface Seen {
  playing: boolean;
  startedAt: number | null;
}

/** The stack as stored, or `[]` for anything malformed. */
function parseStack(stored: unknown): PausedEntry[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (e): e is PausedEntry =>
      typeof e === 'object' &&
      e !== null &&
      typeof (e as PausedEntry).paused === 'string' &&
      typeof (e as PausedEntry).by === 'string',
  );
}

/** Creates the runner. */
export function createPauseOthers(deps: PauseOthersDeps): PauseOthersRunner {
  let stack: PausedEntry[] = [];
  const seen = new Map<string, Seen>();
  let ready = false;
  /** `restore` is reading the stack: changes are kept for after. */
  let loading = false;
  const pending = new Set<string>();
  const removed = new Set<string>();
  let scheduled = false;
  /** Sessions that stopped and wait out `RESUME_DELAY_MS`, each with the stop's number. */
  const stopping = new Map<string, number>();
  let stops = 0;

  const seenOf = (s: Session): Seen => ({
    playing: effectivePlaybackState(s.state) === 'playing',
    startedAt: s.state.media?.startedAt ?? null,
  });

  function factsOf(s: Session): PauseFacts {
    const { state } = s;
    const tab = deps.tab(s.tabId);
    const hosts = [hostOf(s.origin), ...(tab?.url ? [hostOf(tab.url)] : [])];
    const exempt = deps.settings().pauseOthersExemptHosts;
    return {
      key: s.key,
      playing: effectivePlaybackState(state) === 'playing',
      call:
        state.microphoneActive !== null ||
        state.cameraActive !== null ||
        state.actions.includes('hangup'),
      short: isTransient(effectivePosition(state)?.duration ?? null),
      muted: state.media?.muted === true || tab?.muted === true,
      exempt: hosts.some((host) => exempt.some((listed) => hostMatches(host, listed))),
      byUser: state.media?.startedByUser === true || state.activated,
    };
  }

  /**
   * Another session than `key` that takes part and plays now (the user started something else
   * while `key` waited out its stop), or `null`.
   */
  function playingOther(key: string): string | null {
    for (const f of deps.sessions().map(factsOf)) {
      if (f.key !== key && f.playing && takesPart(f)) return f.key;
    }
    return null;
  }

  /**
   * Session `key` stopped (or is `gone`): once it has stayed so for `RESUME_DELAY_MS`, the policy
   * decides what resumes. A page that navigates away, or a playlist between two tracks, starts
   * something new within that time.
   */
  function stopLater(key: string, gone: boolean): void {
    const stop = ++stops;
    stopping.set(key, stop);
    deps.later(() => {
      if (stopping.get(key) !== stop) return;
      stopping.delete(key);
      const session = deps.get(key);
      if (!gone && session && seenOf(session).playing) return;
      apply(sessionStopped(stack, key, gone, options(), playingOther(key)));
    }, RESUME_DELAY_MS);
  }

  function options() {
    const s = deps.settings();
    return { enabled: s.pauseOthers, resumeAfter: s.resumeAfter };
  }

  function apply(step: PauseStep): void {
    const changed = JSON.stringify(step.stack) !== JSON.stringify(stack);
    stack = step.stack;
    if (changed) void deps.storage.set({ [PAUSED_STORAGE_KEY]: stack }).catch(() => {});
    const act = (key: string, action: 'pause' | 'play') => {
      const session = deps.get(key);
      if (!session) return;
      void deps.dispatcher.dispatch(session, { kind: 'action', details: { action } }, 'policy', {
        userGesture: false,
      });
    };
    for (const key of step.pause) act(key, 'pause');
    if (step.resume) act(step.resume, 'play');
  }

  function run(): void {
    scheduled = false;
    for (const key of removed) {
      seen.delete(key);
      stopLater(key, true);
    }
    removed.clear();
    for (const key of pending) {
      const session = deps.get(key);
      if (!session) continue;
      const before = seen.get(key);
      const now = seenOf(session);
      seen.set(key, now);
      if (now.startedAt !== null && now.startedAt !== (before?.startedAt ?? null)) {
        stopping.delete(key); // it plays on (a playlist's next track): no resume
        apply(sessionStarted(stack, key, deps.sessions().map(factsOf), options()));
      } else if (before?.playing && !now.playing) {
        stopLater(key, false);
      }
    }
    pending.clear();
  }

  return {
    async restore() {
      // The registry as restored is the starting point; what changes while the stack loads is
      // kept and acted on once it is there.
      for (const session of deps.sessions()) seen.set(session.key, seenOf(session));
      loading = true;
      const stored = await deps.storage.get(PAUSED_STORAGE_KEY).catch(() => ({}));
      stack = parseStack((stored as Record<string, unknown>)[PAUSED_STORAGE_KEY]);
      loading = false;
      ready = true;
      if (pending.size > 0 || removed.size > 0) run();
    },
    changed(change) {
      if (!ready && !loading) return;
      for (const key of change.updated) pending.add(key);
      for (const key of change.removed) {
        pending.delete(key);
        removed.add(key);
      }
      if (ready && !scheduled && (pending.size > 0 || removed.size > 0)) {
        scheduled = true;
        queueMicrotask(run);
      }
    },
    stack: () => stack,
  };
}
