/**
 * The keys rule: which session the media keys, the keyboard commands and the popup's key mark
 * point at, as the user chose (`KeysRule`, src/shared/settings.ts). Pure; the registry feeds it
 * (src/background/session-registry.ts). Built on the focus policy's `pickActive`
 * (src/background/focus-policy.ts), which is the rule `most-recent`.
 */
import type { KeysRule } from '../shared/settings';
import { type FocusCandidate, pickActive } from './focus-policy';

/** A focus candidate and the tab it plays in. */
export interface KeysCandidate extends FocusCandidate {
  tabId: number;
}

/** What the rule decides on. */
export interface KeysFacts {
  /** The focus stack, most recent audible start first (`raiseInStack`). */
  stack: readonly string[];
  candidates: readonly KeysCandidate[];
  /** The pinned session's key, or `null`. */
  pinned: string | null;
  /** The tab the user is on (the active tab of the focused window), or `null` if unknown. */
  currentTabId: number | null;
}

/**
 * The key of the session `rule` points at, or `null` (nothing to control):
 * - `most-recent`: `pickActive` (the pinned session, else the top of the stack, else the newest);
 * - `current-tab`: the same choice among the controllable sessions of the current tab (the pinned
 *   one only if it plays there), and when that tab has none, `most-recent`;
 * - `pinned-only`: the pinned session while it is controllable, else `null`.
 */
export function keysTarget(rule: KeysRule, facts: KeysFacts): string | null {
  const { stack, candidates, pinned, currentTabId } = facts;
  switch (rule) {
    case 'most-recent':
      return pickActive(stack, candidates, pinned);
    case 'current-tab': {
      const here = candidates.filter((c) => c.tabId === currentTabId);
      return pickActive(stack, here, pinned) ?? pickActive(stack, candidates, pinned);
    }
    case 'pinned-only':
      return pinned !== null && candidates.some((c) => c.key === pinned && c.controllable)
        ? pinned
        : null;
  }
}
