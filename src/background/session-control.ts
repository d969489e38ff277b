/**
 * The one action path (DESIGN.md § Running an action) shared by the popup, keyboard commands and
 * media keys: every function here reaches the browser synchronously, so the caller's user gesture
 * survives, and records the outcome in `deck.stats.actions` for diagnostics and the benchmark.
 */
import browser from 'webextension-polyfill';
import type { ActionDetails, ActionOutcome, PictureInPictureTarget } from '../shared/contract';
import type { Session } from '../shared/session';
import type { Deck } from './deck';
import { type FrameTarget, sendAction, sendPictureInPicture } from './send-to-frame';

/** Where a control came from, for the diagnostics. */
export type ControlSource = 'popup' | 'command';

function record(
  deck: Deck,
  key: string,
  action: string,
  source: ControlSource,
  started: number,
  outcome: ActionOutcome,
) {
  const actions = deck.stats.actions;
  actions.push({ key, action, outcome, source, ms: performance.now() - started });
  if (actions.length > 20) actions.shift();
}

/** Runs `details` on `session`; a frame that turns out to be gone loses its session. */
export function runAction(
  deck: Deck,
  session: Session,
  details: ActionDetails,
  source: ControlSource,
): Promise<ActionOutcome> {
  const started = performance.now();
  return sendAction(session, details).then((outcome) => {
    record(deck, session.key, details.action, source, started, outcome);
    if (outcome === 'failed' && deck.registry.removeSession(session.key)) deck.changed();
    return outcome;
  });
}

/** Toggles picture-in-picture in `target`'s frame. */
export function togglePictureInPicture(
  deck: Deck,
  target: FrameTarget & { key?: string },
  which: PictureInPictureTarget,
  source: ControlSource,
): Promise<ActionOutcome> {
  const started = performance.now();
  return sendPictureInPicture(target, which).then((outcome) => {
    record(
      deck,
      target.key ?? `${target.tabId}:${target.frameId}`,
      'picture-in-picture',
      source,
      started,
      outcome,
    );
    return outcome;
  });
}

/** Mutes or unmutes `session`'s tab (`chrome.tabs.update`). */
export function muteTab(session: Session, muted: boolean): void {
  void browser.tabs.update(session.tabId, { muted }).catch(() => {});
}

/** Brings `session`'s tab and its window to the front. */
export function focusTab(session: Session): void {
  void browser.tabs
    .update(session.tabId, { active: true })
    .then((tab) => tab && browser.windows.update(tab.windowId as number, { focused: true }))
    .catch(() => {});
}
