/**
 * Sends an action to the frame that owns a session. `tabs.sendMessage` is called synchronously,
 * before any `await`, so the user gesture of a popup click or keyboard command reaches the page
 * (TESTING.md § User activation; needed for `play()` under the autoplay policy and for
 * picture-in-picture).
 */
import browser from 'webextension-polyfill';
import type { ActionDetails, ActionOutcome, WorkerToBridge } from '../shared/contract';
import type { Session } from '../shared/session';

/**
 * Runs `details` in `session`'s frame. Resolves to how the page carried it out; to `'failed'`
 * when the frame is gone (the caller may then drop the session). Never rejects.
 */
export function sendAction(session: Session, details: ActionDetails): Promise<ActionOutcome> {
  const message: WorkerToBridge = { type: 'run-action', details };
  return browser.tabs
    .sendMessage(session.tabId, message, {
      frameId: session.frameId,
      documentId: session.documentId,
    })
    .then(
      (outcome) => (typeof outcome === 'string' ? (outcome as ActionOutcome) : 'failed'),
      () => 'failed' as const,
    );
}
