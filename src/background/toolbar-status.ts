/**
 * What the toolbar icon shows at rest (`RestingStatus`, src/background/toolbar.ts), from the
 * registry: how many listed sessions are playing, and the active session's title and host as the
 * popup names them. Pure.
 */
import { effectivePlaybackState, toSessionView } from '../shared/session';
import type { SessionRegistry } from './session-registry';
import type { RestingStatus } from './toolbar';

/** The resting status; `count` only when the user turned the badge count on (`showCount`). */
export function restingStatus(
  registry: Pick<SessionRegistry, 'displayOrder' | 'tab'>,
  showCount: boolean,
): RestingStatus {
  const { activeKey, sessions } = registry.displayOrder();
  const session = sessions.find((s) => s.key === activeKey);
  const view = session
    ? toSessionView(session, registry.tab(session.tabId), { active: true, pinned: false })
    : null;
  return {
    count: showCount
      ? sessions.filter((s) => effectivePlaybackState(s.state) === 'playing').length
      : null,
    active: view ? { title: view.title, host: view.host } : null,
  };
}
