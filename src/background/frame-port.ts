/**
 * Frame Ports: each frame's bridge opens one when it has media to report. The session's identity
 * (tab, frame, document, origin) comes from the Port's `sender`, never from the payload, so a page
 * can only ever change its own session (docs/architecture.md § Trust). Every message is weighed
 * against the message budget (src/background/message-budget.ts) before it is even validated:
 * over budget it is dropped and counted, the Port's bridge is asked to hold back for a while
 * (`WorkerToFrame`: our own bridge obeys, so a flooding page is slowed where it sends), and the
 * Port's latest state is applied once the budget allows, so the registry still ends up with what
 * the frame last said. A Port that stays over budget anyway (a tampered bridge) is disconnected,
 * its session removed, and its document refused for `BAN_MS`.
 */
import type { Runtime } from 'webextension-polyfill';
import {
  AgentToWorkerSchema,
  type FrameState,
  parseMessage,
  type WorkerToFrame,
} from '../shared/contract';
import { type SessionIdentity, sessionKey } from '../shared/session';
import type { Diagnostics } from './diagnostics';
import type { MessageBudget } from './message-budget';
import type { ReportResult } from './session-registry';

/** Milliseconds a document disconnected for staying over budget is refused a new Port. */
export const BAN_MS = 30_000;
/**
 * Least milliseconds a frame over budget is asked to wait between messages (`WorkerToFrame`); more
 * when its tab has many frames, so that together they keep within half the tab's rate.
 */
export const BACK_OFF_MS = 1000;
/** Milliseconds a frame refused for its tab's session limit is asked to send nothing. */
export const SESSION_LIMIT_BACK_OFF_MS = 10_000;
/** Most banned documents remembered (the oldest is forgotten first). */
const BANS_KEPT = 256;

/** What serving frame Ports needs from its surroundings. */
export interface FramePortDeps {
  /** Records a frame's state (`SessionRegistry.report`). */
  report(identity: SessionIdentity, origin: string, state: FrameState, now: number): ReportResult;
  /** Removes a session (`SessionRegistry.removeSession`). */
  removeSession(key: string): void;
  /** A tab got its first session: fetch its `chrome.tabs` facts. */
  learnTab(tabId: number): void;
  diagnostics: Pick<
    Diagnostics,
    'reject' | 'frameMessage' | 'overBudget' | 'portDisconnected' | 'stats'
  >;
  budget: MessageBudget;
  /** Epoch ms. */
  now(): number;
  /** Runs `fn` after `ms` milliseconds (`setTimeout`). */
  later(fn: () => void, ms: number): void;
  /** Whether the registry was restored after a worker start, and a promise for when it is. */
  isRestored(): boolean;
  ready: Promise<void>;
}

/** Serves frame Ports. */
export interface FramePorts {
  /** Serves one Port named `FRAME_PORT` until it disconnects. */
  serve(port: Runtime.Port): void;
  /** Whether a Port has reported for session `key` in this worker's lifetime and is still open. */
  hasLivePort(key: string): boolean;
}

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

/** Creates the frame Port server. */
export function createFramePorts(deps: FramePortDeps): FramePorts {
  /**
   * The Port that last reported for each session key. A frame may reconnect (back from the
   * back/forward cache, a new bridge after an update) while its old Port's disconnect is still on
   * its way; only the current Port's disconnect ends the session.
   */
  const currentPort = new Map<string, Runtime.Port>();
  /** Documents refused until the given epoch ms, oldest ban first. */
  const banned = new Map<string, number>();
  let nextPortId = 1;

  function isBanned(documentId: string): boolean {
    const until = banned.get(documentId);
    if (until === undefined) return false;
    if (until > deps.now()) return true;
    banned.delete(documentId);
    return false;
  }

  function ban(documentId: string): void {
    banned.delete(documentId);
    banned.set(documentId, deps.now() + BAN_MS);
    if (banned.size > BANS_KEPT) banned.delete(banned.keys().next().value as string);
  }

  /** Asks `port`'s bridge to send nothing for `ms` milliseconds. */
  function backOff(port: Runtime.Port, ms: number): void {
    const message: WorkerToFrame = { type: 'back-off', retryAfterMs: Math.max(0, Math.ceil(ms)) };
    try {
      port.postMessage(message);
    } catch {}
  }

  /** Closes `port`, telling its bridge how long its document is refused a new one. */
  function refuse(port: Runtime.Port, documentId: string): void {
    backOff(port, (banned.get(documentId) ?? deps.now()) - deps.now());
    port.disconnect();
  }

  function serve(port: Runtime.Port): void {
    const identity = frameIdentity(port.sender);
    if (!identity || !port.sender) {
      deps.diagnostics.reject('frame-sender');
      port.disconnect();
      return;
    }
    // A prerendered document is not a session until activated (its bridge reconnects then).
    if ((port.sender as { documentLifecycle?: string }).documentLifecycle === 'prerender') {
      deps.diagnostics.reject('prerender');
      port.disconnect();
      return;
    }
    if (isBanned(identity.documentId)) {
      deps.diagnostics.reject('banned');
      refuse(port, identity.documentId);
      return;
    }
    deps.diagnostics.stats.framePorts++;
    const origin = originOf(port.sender);
    const key = sessionKey(identity);
    const { tabId } = identity;
    const portId = nextPortId++;
    let open = true;
    /** The latest message refused for the budget, offered again once the budget allows. */
    let pending: unknown = null;
    let retrying = false;
    /** Epoch ms until which this Port's bridge was asked to hold back. */
    let heldUntil = 0;

    function hold(ms: number): void {
      const now = deps.now();
      if (heldUntil > now) return; // asked already; it is still holding back
      heldUntil = now + ms;
      backOff(port, ms);
    }

    function accept(raw: unknown): void {
      // Right after a worker start the stored registry is still being read: reports wait for it,
      // in order, so that the restore comes first and the per-tab limits count what it brings.
      if (!deps.isRestored()) {
        void deps.ready.then(() => {
          if (open) accept(raw);
        });
        return;
      }
      const parsed = parseMessage(AgentToWorkerSchema, raw);
      if (!parsed.ok) {
        deps.diagnostics.reject('frame-message');
        return;
      }
      currentPort.set(key, port);
      deps.diagnostics.frameMessage(tabId, parsed.value.dropped);
      const result = deps.report(
        identity as SessionIdentity,
        origin,
        parsed.value.state,
        deps.now(),
      );
      if (result === 'refused') deps.diagnostics.reject('tab-session-limit');
      else if (result === 'added') deps.learnTab(tabId);
    }

    function end(): void {
      open = false;
      pending = null;
      deps.budget.forget(portId, tabId);
      if (currentPort.get(key) !== port) return; // replaced by a newer Port of the same frame
      currentPort.delete(key);
      deps.removeSession(key);
    }

    function retry(): void {
      retrying = false;
      if (!open || pending === null) return;
      const wait = deps.budget.waitMs(portId, tabId, deps.now());
      if (wait > 0 || deps.budget.take(portId, tabId, deps.now()) !== 'ok') {
        retrying = true;
        deps.later(retry, Math.max(wait, 10));
        return;
      }
      const raw = pending;
      pending = null;
      accept(raw);
    }

    port.onMessage.addListener((raw: unknown) => {
      if (!open) return;
      const verdict = deps.budget.take(portId, tabId, deps.now());
      if (verdict === 'ok') {
        pending = null; // this message is newer than any refused one
        accept(raw);
        return;
      }
      deps.diagnostics.overBudget(tabId);
      if (verdict === 'disconnect') {
        deps.diagnostics.portDisconnected();
        ban(identity.documentId);
        end();
        refuse(port, identity.documentId); // fires no onDisconnect on this side: `end` cleaned up
        return;
      }
      pending = raw;
      const wait = deps.budget.waitMs(portId, tabId, deps.now());
      const share = (deps.budget.portsIn(tabId) * 2000) / deps.budget.tabRate;
      hold(Math.max(wait, BACK_OFF_MS, share));
      if (!retrying) {
        retrying = true;
        deps.later(retry, wait);
      }
    });
    port.onDisconnect.addListener(() => {
      if (open) end();
    });
  }

  return { serve, hasLivePort: (key) => currentPort.has(key) };
}
