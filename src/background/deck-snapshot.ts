/**
 * What an open popup shows (`DeckSnapshot`, src/shared/contract.ts): the registry's sessions in
 * display order as popup views, each with its automatic picture-in-picture decision, and the last
 * notice while it is recent. Pure.
 */
import type { DeckSnapshot, Notice } from '../shared/contract';
import { toSessionView } from '../shared/session';
import type { AutoPipDecision } from './auto-pip-policy';
import type { SessionRegistry } from './session-registry';

/** Builds the snapshot from `registry`, the auto-PiP `decisions` by key, and `notice`. */
export function buildSnapshot(
  registry: Pick<SessionRegistry, 'displayOrder' | 'tab'>,
  decisions: ReadonlyMap<string, AutoPipDecision>,
  notice: Notice | null,
): DeckSnapshot {
  const { activeKey, pinnedKey, sessions } = registry.displayOrder();
  return {
    activeKey,
    pinnedKey,
    notice,
    sessions: sessions.map((session) => {
      const decision = decisions.get(session.key);
      return toSessionView(session, registry.tab(session.tabId), {
        active: session.key === activeKey,
        pinned: session.key === pinnedKey,
        autoPip: decision
          ? { armed: decision.arm !== null, reason: decision.reason }
          : { armed: false, reason: null },
      });
    }),
  };
}
