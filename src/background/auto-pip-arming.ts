/**
 * Which sessions are armed for automatic picture-in-picture (docs/architecture.md § Automatic
 * picture-in-picture), decided once per change for all sessions together, in time linear in their
 * number, and told to their frames when it changes. Decisions follow `decideAutoPip` (pure) with
 * the user's settings. A session the worker has not told anything yet (new, or after a restart) is
 * always told, so a frame is never left armed by a decision the worker forgot.
 */
import type { ActionOutcome, AutoPipKind } from '../shared/contract';
import type { Session } from '../shared/session';
import type { Settings } from '../shared/settings';
import { type AutoPipDecision, decideAutoPip } from './auto-pip-policy';

/** What arming needs from its surroundings. */
export interface AutoPipArmingDeps {
  /** Every session now. */
  sessions(): readonly Session[];
  /** Whether Chrome marks the tab audible (`tabs.Tab.audible`). */
  tabAudible(tabId: number): boolean;
  settings(): Settings;
  /** The `data:image/` URL the mini player may show for a session, or `null` (none loaded). */
  artwork(session: Session): string | null;
  /** Tells the session's frame what to arm; resolves to the frame's answer. */
  tell(
    session: Session,
    arm: AutoPipKind | null,
    seekOffset: number,
    artwork: string | null,
  ): Promise<ActionOutcome>;
}

/** The arming. */
export interface AutoPipArming {
  /** Sessions or settings changed: decide again in a microtask (once for a burst of changes). */
  schedule(): void;
  /** The decisions now, by session key (decided again first if anything changed). */
  decisions(): ReadonlyMap<string, AutoPipDecision>;
}

/** Decides for every session of `sessions` at once: O(n). */
export function decideAll(
  sessions: readonly Session[],
  tabAudible: (tabId: number) => boolean,
  settings: Settings,
): Map<string, AutoPipDecision> {
  let showing = 0;
  for (const s of sessions) if (s.state.media?.pictureInPicture === true) showing++;
  const decisions = new Map<string, AutoPipDecision>();
  for (const session of sessions) {
    const own = session.state.media?.pictureInPicture === true ? 1 : 0;
    decisions.set(
      session.key,
      decideAutoPip(
        {
          origin: session.origin,
          frameId: session.frameId,
          state: session.state,
          tabAudible: tabAudible(session.tabId),
          otherPictureInPicture: showing - own > 0,
        },
        settings,
      ),
    );
  }
  return decisions;
}

/** Creates the arming. */
export function createAutoPipArming(deps: AutoPipArmingDeps): AutoPipArming {
  /** What each session's frame was last told: what to arm (`null`: disarmed), and the artwork. */
  const told = new Map<string, string>();
  let current = new Map<string, AutoPipDecision>();
  let stale = true;
  let scheduled = false;

  function decide(): ReadonlyMap<string, AutoPipDecision> {
    if (stale) {
      current = decideAll(deps.sessions(), deps.tabAudible, deps.settings());
      stale = false;
    }
    return current;
  }

  function sync(): void {
    scheduled = false;
    const decisions = decide();
    const seekOffset = deps.settings().seekOffsetSeconds;
    for (const session of deps.sessions()) {
      const arm = decisions.get(session.key)?.arm ?? null;
      const artwork = arm === 'audio' ? deps.artwork(session) : null;
      const said = `${arm} ${artwork}`;
      if (told.get(session.key) === said) continue;
      told.set(session.key, said);
      const key = session.key;
      void deps.tell(session, arm, seekOffset, artwork).then((outcome) => {
        if (outcome === 'failed' && told.get(key) === said) told.delete(key); // next change retries
      });
    }
    for (const key of told.keys()) if (!decisions.has(key)) told.delete(key);
  }

  return {
    schedule() {
      stale = true;
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(sync);
    },
    decisions: decide,
  };
}
