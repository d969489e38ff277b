/**
 * Requests to one frame's bridge, answered with the schema the contract pairs with each request
 * type (`FRAME_ANSWERS` in src/shared/contract.ts). `tabs.sendMessage` is called synchronously,
 * before any `await`, so the user gesture of a popup click or a keyboard command reaches the page
 * (docs/testing.md § User activation; needed for `play()` under the autoplay policy and for
 * picture-in-picture).
 */
import browser from 'webextension-polyfill';
import {
  FRAME_ANSWERS,
  type FrameAnswer,
  parseMessage,
  type WorkerToAgent,
} from '../shared/contract';

/** A frame to reach: a session's document, or (no document known) a tab's frame. */
export interface FrameTarget {
  tabId: number;
  frameId: number;
  documentId?: string;
}

/**
 * Sends `message` to `target` and resolves to its answer, validated against the answer schema of
 * its type; to `null` when the frame is gone (Chrome rejects: "Receiving end does not exist") or
 * the answer does not fit. Never rejects.
 */
export function requestFrame<M extends WorkerToAgent>(
  target: FrameTarget,
  message: M,
): Promise<FrameAnswer<M['type']> | null> {
  const options: { frameId: number; documentId?: string } = { frameId: target.frameId };
  if (target.documentId) options.documentId = target.documentId;
  let sent: Promise<unknown>;
  try {
    sent = browser.tabs.sendMessage(target.tabId, message, options);
  } catch {
    return Promise.resolve(null);
  }
  return sent.then(
    (answer) => {
      const parsed = parseMessage(FRAME_ANSWERS[message.type as M['type']], answer);
      return parsed.ok ? (parsed.value as FrameAnswer<M['type']>) : null;
    },
    () => null,
  );
}
