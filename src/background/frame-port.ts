/**
 * Frame Ports: each frame's bridge opens one when it has media to report. The session's identity
 * (tab, frame, document, origin) comes from the Port's `sender`, never from the payload, so a page
 * can only ever change its own session (DESIGN.md § Trust).
 */
import type { Runtime } from 'webextension-polyfill';
import { BridgeToWorkerSchema, parseMessage } from '../shared/contract';
import { type SessionIdentity, sessionKey } from '../shared/session';
import type { Deck } from './deck';

/** Reads the identity of a frame Port's sender; `null` for anything but a tab's frame. */
export function frameIdentity(sender: Runtime.MessageSender | undefined): SessionIdentity | null {
  const tabId = sender?.tab?.id;
  const frameId = sender?.frameId;
  const documentId = (sender as { documentId?: string } | undefined)?.documentId;
  if (typeof tabId !== 'number' || tabId < 0 || typeof frameId !== 'number') return null;
  if (typeof documentId !== 'string' || documentId === '') return null;
  return { tabId, frameId, documentId };
}

function originOf(sender: Runtime.MessageSender): string {
  const origin = (sender as { origin?: string }).origin;
  if (origin && origin !== 'null') return origin;
  try {
    return new URL(sender.url ?? '').origin;
  } catch {
    return 'null';
  }
}

/**
 * The Port that last reported for each session key. A frame may reconnect (back from the
 * back/forward cache, a new bridge after an update) while its old Port's disconnect is still on
 * its way; only the current Port's disconnect ends the session.
 */
const currentPort = new Map<string, Runtime.Port>();

/** Whether a frame Port has reported for session `key` in this worker's lifetime and is still open. */
export function hasLivePort(key: string): boolean {
  return currentPort.has(key);
}

/**
 * Serves one frame Port until it disconnects; then the frame's session ends (the document
 * unloaded, navigated, or entered the back/forward cache).
 */
export function serveFramePort(
  port: Runtime.Port,
  deck: Deck,
  onTabSeen: (tabId: number) => void,
): void {
  const identity = frameIdentity(port.sender);
  if (!identity || !port.sender) {
    deck.reject('frame-sender');
    port.disconnect();
    return;
  }
  // A prerendered document is not a session until activated (its bridge reconnects then).
  if ((port.sender as { documentLifecycle?: string }).documentLifecycle === 'prerender') {
    deck.reject('prerender');
    port.disconnect();
    return;
  }
  deck.stats.framePorts++;
  const origin = originOf(port.sender);
  const key = sessionKey(identity);

  port.onMessage.addListener((raw: unknown) => {
    const parsed = parseMessage(BridgeToWorkerSchema, raw);
    if (!parsed.ok) {
      deck.reject('frame-message');
      return;
    }
    currentPort.set(key, port);
    const tabs = deck.stats.frameMessagesByTab;
    tabs[identity.tabId] = (tabs[identity.tabId] ?? 0) + 1;
    const dropped = deck.stats.bridgeDroppedByTab;
    dropped[identity.tabId] = Math.max(dropped[identity.tabId] ?? 0, parsed.value.dropped);
    const result = deck.registry.report(identity, origin, parsed.value.state, Date.now());
    if (result === 'refused') {
      deck.reject('tab-session-limit');
      return;
    }
    if (result === 'added') onTabSeen(identity.tabId);
    if (result !== 'unchanged') deck.changed();
  });
  port.onDisconnect.addListener(() => {
    if (currentPort.get(key) !== port) return; // replaced by a newer Port of the same frame
    currentPort.delete(key);
    if (deck.registry.removeSession(key)) deck.changed();
  });
}
