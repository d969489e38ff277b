/**
 * What an open popup shows (`DeckSnapshot`, src/shared/contract.ts): the registry's sessions in
 * display order as popup views, each with its automatic picture-in-picture decision, and the last
 * notice while it is recent. Of a session's artwork only the one image that best fills the popup's
 * largest slot goes, and only as the extension loaded it (a small `data:` image,
 * src/background/artwork-cache.ts): the popup loads nothing a page named. Pure.
 */
import { chooseArtwork } from '../shared/artwork';
import type { DeckSnapshot, MediaImage, Notice } from '../shared/contract';
import { type Session, toSessionView } from '../shared/session';
import type { ShownImage } from './artwork-cache';
import type { AutoPipDecision } from './auto-pip-policy';
import type { SessionRegistry } from './session-registry';

/** The image to show for a session's chosen artwork, or `null` (none yet, or none to show). */
export type ArtworkFor = (session: Session, image: MediaImage) => ShownImage | null;

/** Device pixels of the popup's largest artwork slot: 72 CSS pixels at twice the density. */
export const POPUP_ARTWORK_PX = 144;

/**
 * Builds the snapshot from `registry`, the auto-PiP `decisions` by key, `notice`, and the images
 * `artworkFor` has ready.
 */
export function buildSnapshot(
  registry: Pick<SessionRegistry, 'displayOrder' | 'tab'>,
  decisions: ReadonlyMap<string, AutoPipDecision>,
  notice: Notice | null,
  artworkFor: ArtworkFor,
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
      const chosen = chooseArtwork(view.artwork, POPUP_ARTWORK_PX);
      const shown = chosen ? artworkFor(session, chosen) : null;
      const artwork = shown
        ? [
            {
              src: shown.src,
              sizes: shown.width ? `${shown.width}x${shown.height}` : (chosen?.sizes ?? ''),
              type: shown.src.slice(5, shown.src.search(/[;,]/)),
            },
          ]
        : [];
      return { ...view, artwork };
    }),
  };
}
