/**
 * What an open popup shows (`DeckSnapshot`, src/shared/contract.ts): the registry's sessions in
 * display order as popup views, each with its automatic picture-in-picture decision, and the last
 * notice while it is recent. Of a session's artwork only the one image that best fills the popup's
 * largest slot goes: a page may declare 16 images of 2,000 characters, and the snapshot is sent
 * to every open popup up to ten times a second. Pure.
 */
import { chooseArtwork } from '../shared/artwork';
import type { DeckSnapshot, Notice } from '../shared/contract';
import { toSessionView } from '../shared/session';
import type { AutoPipDecision } from './auto-pip-policy';
import type { SessionRegistry } from './session-registry';

/** Device pixels of the popup's largest artwork slot: 72 CSS pixels at twice the density. */
export const POPUP_ARTWORK_PX = 144;

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
      const view = toSessionView(session, registry.tab(session.tabId), {
        active: session.key === activeKey,
        pinned: session.key === pinnedKey,
        autoPip: decision
          ? { armed: decision.arm !== null, reason: decision.reason }
          : { armed: false, reason: null },
      });
      const image = chooseArtwork(view.artwork, POPUP_ARTWORK_PX);
      return { ...view, artwork: image ? [image] : [] };
    }),
  };
}
