/**
 * Sends an action or a picture-in-picture request to one frame. `tabs.sendMessage` is called
 * synchronously, before any `await`, so the user gesture of a popup click or keyboard command
 * reaches the page (TESTING.md § User activation; needed for `play()` under the autoplay policy
 * and for picture-in-picture).
 */
import browser from 'webextension-polyfill';
import {
  type ActionDetails,
  type ActionOutcome,
  ActionOutcomeSchema,
  type PictureInPictureTarget,
  parseMessage,
  type WorkerToBridge,
} from '../shared/contract';
import type { Session } from '../shared/session';

/** A frame to reach: a session's, or (no document known) a tab's top frame. */
export interface FrameTarget {
  tabId: number;
  frameId: number;
  documentId?: string;
}

/**
 * Sends `message` to `target` and resolves to the outcome the page reported; to `'failed'` when
 * the frame is gone or the answer is not an `ActionOutcome`. Never rejects.
 */
export function sendToFrame(target: FrameTarget, message: WorkerToBridge): Promise<ActionOutcome> {
  const options: { frameId: number; documentId?: string } = { frameId: target.frameId };
  if (target.documentId) options.documentId = target.documentId;
  return browser.tabs.sendMessage(target.tabId, message, options).then(
    (answer) => {
      const parsed = parseMessage(ActionOutcomeSchema, answer);
      return parsed.ok ? parsed.value : 'failed';
    },
    () => 'failed' as const,
  );
}

/** Runs `details` in `session`'s frame (see `sendToFrame`). */
export function sendAction(session: Session, details: ActionDetails): Promise<ActionOutcome> {
  return sendToFrame(session, { type: 'run-action', details });
}

/** Toggles picture-in-picture in `target`'s frame (see `sendToFrame`). */
export function sendPictureInPicture(
  target: FrameTarget,
  which: PictureInPictureTarget,
): Promise<ActionOutcome> {
  return sendToFrame(target, { type: 'picture-in-picture', target: which });
}
