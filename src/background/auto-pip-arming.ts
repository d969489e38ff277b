/**
 * The service worker decides which sessions are armed for automatic picture-in-picture (issue #4)
 * and tells their frames when that changes. Decisions follow `decideAutoPip` (pure) with the
 * user's settings; a session the worker has not told anything yet (new, or after a restart) is
 * always told, so a frame is never left armed by a decision the worker forgot.
 */
import { type AutoPipDecision, decideAutoPip } from '../shared/auto-pip';
import type { Session } from '../shared/session';
import { sendToFrame } from './send-to-frame';
import type { SessionRegistry } from './session-registry';
import { settings } from './settings';

/** What each session's frame was last told: `'video'`, `'audio'` or `null` (disarmed). */
const told = new Map<string, 'video' | 'audio' | null>();

/** The decision for `session` now. */
export function autoPipDecision(
  deck: { registry: SessionRegistry },
  session: Session,
): AutoPipDecision {
  const otherPictureInPicture = deck.registry
    .all()
    .some((s) => s.key !== session.key && s.state.media?.pictureInPicture === true);
  return decideAutoPip(
    {
      origin: session.origin,
      frameId: session.frameId,
      state: session.state,
      tabAudible: deck.registry.tab(session.tabId)?.audible ?? false,
      otherPictureInPicture,
    },
    settings(),
  );
}

/** Arms and disarms frames after a change of sessions or settings. */
export function syncAutoPip(deck: { registry: SessionRegistry }): void {
  const live = new Set<string>();
  const seekOffset = settings().seekOffsetSeconds;
  for (const session of deck.registry.all()) {
    live.add(session.key);
    const { arm } = autoPipDecision(deck, session);
    if (told.has(session.key) && told.get(session.key) === arm) continue;
    told.set(session.key, arm);
    void sendToFrame(session, { type: 'auto-pip', arm, seekOffset }).then((outcome) => {
      if (outcome === 'failed') told.delete(session.key); // try again on the next change
    });
  }
  for (const key of told.keys()) if (!live.has(key)) told.delete(key);
}
