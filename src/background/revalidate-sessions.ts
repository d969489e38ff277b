/**
 * After a service-worker restart the registry comes back from `chrome.storage.session`, but while
 * the worker was stopped a page may have navigated, reloaded, been discarded or entered the
 * back/forward cache, and nobody saw its Port close (a paused page's bridge does not reconnect on
 * its own). Each restored session without a live Port is therefore asked once, by
 * `tabs.sendMessage` to its exact document (`{ type: 'announce' }`): a live bridge re-posts its
 * state on a new Port and answers `true`; a session whose document is gone (the message cannot be
 * delivered: Chrome rejects with "Receiving end does not exist") or that has nothing left to report
 * is removed. Runs once per worker start, never on a timer, so it keeps no worker awake.
 */
import { FRAME_ANSWERS, parseMessage } from '../shared/contract';
import type { Session } from '../shared/session';
import type { SessionRegistry } from './session-registry';

/** What the check needs from its surroundings (the service worker passes the real browser calls). */
export interface RevalidateDeps {
  /** Whether a Port reported for this session key in the current worker's lifetime and is open. */
  hasLivePort(key: string): boolean;
  /** Sends `{ type: 'announce' }` to the session's frame and document; rejects if undeliverable. */
  announce(session: Session): Promise<unknown>;
}

/**
 * Asks every session of `registry` without a live Port to announce itself, and removes those whose
 * document is gone or answers `false` (or anything but a boolean: a wrong answer is not a live
 * bridge of ours). Resolves to the removed keys; never rejects.
 */
export async function revalidateSessions(
  registry: Pick<SessionRegistry, 'all' | 'removeSession'>,
  deps: RevalidateDeps,
): Promise<string[]> {
  const removed: string[] = [];
  const unconfirmed = registry.all().filter((session) => !deps.hasLivePort(session.key));
  await Promise.all(
    unconfirmed.map(async (session) => {
      let alive: boolean;
      try {
        const parsed = parseMessage(FRAME_ANSWERS.announce, await deps.announce(session));
        alive = parsed.ok && parsed.value;
      } catch {
        alive = false;
      }
      // A session that reported on a new Port meanwhile is alive whatever the answer said.
      if (alive || deps.hasLivePort(session.key)) return;
      if (registry.removeSession(session.key)) removed.push(session.key);
    }),
  );
  return removed;
}
