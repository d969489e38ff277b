/**
 * The session agent's Port to the service worker (docs/architecture.md § Data path): opened only
 * once the frame has something to report, re-opened after the worker restarts or the page comes
 * back from the back/forward cache, and slowed down when the worker asks (`WorkerToFrame`
 * `back-off`: the frame, or its tab, is over its message budget). Uses `chrome.*` (or Firefox's
 * `browser.*`) directly: the Port API is the same in both, and the agent loads faster without
 * webextension-polyfill.
 */
import {
  type AgentToWorker,
  FRAME_PORT,
  type FrameState,
  parseMessage,
  WorkerToFrameSchema,
} from '../../shared/contract';
import { isEmptyFrameState } from '../../shared/frame-state';
import { effectivePlaybackState } from '../../shared/session';
import type { Coalescer } from './coalescer';

/**
 * How long after a back-off the agent keeps to the pace it was given: one message per
 * `retryAfterMs`.
 */
const SLOW_MS = 30_000;

type Api = typeof chrome;
/** `browser` in Firefox, `chrome` in Chromium. */
export const extensionApi: Api = (globalThis as { browser?: Api }).browser ?? chrome;

/** The agent's link to the worker. */
export interface WorkerLink {
  /** Sends `state` (the coalescer's `send`). */
  post(state: FrameState): void;
  /** The worker asked whether this frame still has a session: re-announce on a new Port. */
  announce(): boolean;
  /** Stops for good (a newer agent took over, or the extension went away). */
  retire(): void;
  /** Whether the extension is gone (reloaded or updated) for this copy. */
  gone(): boolean;
}

/** Creates the link; `coalescer()` is the frame's coalescer, `dropped()` its refused count. */
export function linkToWorker(coalescer: () => Coalescer, dropped: () => number): WorkerLink {
  let port: chrome.runtime.Port | null = null;
  let extensionGone = false;
  /** The pace asked for by the last back-off, and until when it holds (epoch ms). */
  let slowIntervalMs = 0;
  let slowUntil = 0;
  /** Epoch ms of the last message sent, and whether a resend of the latest state is set. */
  let lastPostAt = 0;
  let resendSet = false;

  /** Epoch ms before which nothing is sent and no new Port is opened. */
  const nextPostAt = () => (slowUntil > Date.now() ? lastPostAt + slowIntervalMs : 0);

  function connect(): chrome.runtime.Port | null {
    let opened: chrome.runtime.Port;
    try {
      opened = extensionApi.runtime.connect({ name: FRAME_PORT });
    } catch {
      extensionGone = true; // The extension was reloaded or updated: this copy goes quiet.
      return null;
    }
    opened.onMessage.addListener((raw: unknown) => {
      const parsed = parseMessage(WorkerToFrameSchema, raw);
      if (!parsed.ok) return;
      // Nothing for `retryAfterMs`, then one message per `retryAfterMs` for a while.
      lastPostAt = Date.now();
      slowIntervalMs = parsed.value.retryAfterMs;
      slowUntil = lastPostAt + slowIntervalMs + SLOW_MS;
    });
    opened.onDisconnect.addListener(() => {
      if (port !== opened) return; // an older Port, already replaced
      port = null;
      // The service worker stopped (or restarted). While media plays, re-announce at once so
      // the registry is whole again; otherwise wait for the next change.
      const latest = coalescer().latest();
      if (latest && effectivePlaybackState(latest) === 'playing') post(latest);
    });
    return opened;
  }

  function post(state: FrameState, retry = true): void {
    if (extensionGone) return;
    // A prerendered page is not a session until the user actually goes to it.
    if ((document as { prerendering?: boolean }).prerendering) return;
    const wait = nextPostAt() - Date.now();
    if (wait > 0) {
      // Asked to back off: the latest state goes once the wait is over.
      if (!resendSet) {
        resendSet = true;
        setTimeout(() => {
          resendSet = false;
          coalescer().resend();
        }, wait);
      }
      return;
    }
    if (!port) {
      if (isEmptyFrameState(state)) return; // Still nothing to report: stay silent.
      port = connect();
      if (!port) return;
    }
    const message: AgentToWorker = { type: 'state', state, dropped: dropped() };
    lastPostAt = Date.now();
    try {
      port.postMessage(message);
    } catch {
      // The Port died without telling us yet (the page was in the back/forward cache): reconnect once.
      port = null;
      if (retry) post(state, false);
    }
  }

  // Prerendered, then activated: report what it had (post() stayed silent until now).
  document.addEventListener('prerenderingchange', () => coalescer().resend(), { once: true });
  // Back from the back/forward cache: Chrome closed our Port when the page entered it, and the
  // service worker ended the session then (docs/architecture.md § Lifecycle). Re-announce.
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted || extensionGone) return;
    port = null; // The Port object still looks open but is dead, and posting on it is lost.
    coalescer().resend();
  });

  return {
    post,
    announce() {
      const latest = coalescer().latest();
      if (!latest || isEmptyFrameState(latest)) return false;
      slowUntil = 0; // asked by the worker itself: it takes this frame's Port now
      coalescer().resend();
      return true;
    },
    retire() {
      // Not disconnecting the Port: that would end the frame's session in the service worker
      // while the new copy re-announces it. (After a real update that Port is gone already.)
      extensionGone = true;
      port = null;
    },
    gone: () => extensionGone,
  };
}
