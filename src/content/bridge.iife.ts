/**
 * ISOLATED-world bridge (docs/architecture.md § Data path): runs in every frame at document_start.
 * It opens the private channel to the MAIN world, validates everything that comes through it,
 * coalesces state reports, and opens its Port to the service worker only once the frame has media
 * to report, so a page without media costs the service worker nothing. It also carries actions the
 * service worker sends (by `tabs.sendMessage`, so a user gesture comes along) into the MAIN world.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { CHANNEL_EVENT, INJECTION_KEY, type LateResult, lateChannelEvent } from '../shared/channel';
import {
  type ActionOutcome,
  type BridgeToMain,
  type BridgeToWorker,
  FRAME_PORT,
  type FrameAnswer,
  type FrameState,
  type MainToBridge,
  MainToBridgeSchema,
  parseMessage,
  type WorkerToBridge,
  WorkerToBridgeSchema,
  WorkerToFrameSchema,
} from '../shared/contract';
import { isEmptyFrameState } from '../shared/frame-state';
import { effectivePlaybackState } from '../shared/session';
import { createCoalescer } from './bridge/coalescer';

/** Most milliseconds an action waits for the MAIN world's answer (picture-in-picture is async). */
const ACTION_TIMEOUT_MS = 3000;
/** Least milliseconds between two state messages to the service worker. */
const MIN_INTERVAL_MS = 100;

/**
 * A previous copy of the bridge in this frame's isolated world (the same extension instance
 * injected the content scripts again): it is retired, so it forwards nothing twice. After a real
 * reload or update Chrome runs the new copy in a new isolated world instead; the old copy's Port
 * is then disconnected and its extension context dead, and the MAIN world drops its channel as
 * soon as the new copy's arrives.
 */
interface BridgeInstance {
  retire(): void;
}
const INSTANCE_KEY = '__mediaDeckBridge';
const scope = globalThis as unknown as Record<string, BridgeInstance | undefined>;
scope[INSTANCE_KEY]?.retire();

const channel = new MessageChannel();
let dropped = 0;
let workerPort: Runtime.Port | null = null;
let extensionGone = false;
/**
 * How long after a back-off (`WorkerToFrame`: the service worker found this frame, or its tab, over
 * its message budget) the bridge keeps to the pace it was given: one message per `retryAfterMs`.
 */
const SLOW_MS = 30_000;
/** The pace asked for by the last back-off, and until when it holds (epoch ms). */
let slowIntervalMs = 0;
let slowUntil = 0;
/** Epoch ms of the last message sent, and whether a resend of the latest state is set. */
let lastPostAt = 0;
let resendSet = false;
/**
 * Epoch ms before which nothing is sent and no new Port is opened. A Port closed without a
 * back-off (the worker stopped) is opened again at once.
 */
function nextPostAt(): number {
  return slowUntil > Date.now() ? lastPostAt + slowIntervalMs : 0;
}
let nextActionId = 1;
const pendingActions = new Map<number, (outcome: ActionOutcome) => void>();

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
        coalescer.resend();
      }, wait);
    }
    return;
  }
  if (!workerPort) {
    if (isEmptyFrameState(state)) return; // Still nothing to report: stay silent.
    try {
      workerPort = browser.runtime.connect({ name: FRAME_PORT });
    } catch {
      // The extension was reloaded or updated: this copy of the bridge goes quiet.
      extensionGone = true;
      return;
    }
    const thisPort = workerPort;
    workerPort.onMessage.addListener((raw: unknown) => {
      const parsed = parseMessage(WorkerToFrameSchema, raw);
      if (!parsed.ok) return;
      // Nothing for `retryAfterMs`, then one message per `retryAfterMs` for a while.
      lastPostAt = Date.now();
      slowIntervalMs = parsed.value.retryAfterMs;
      slowUntil = lastPostAt + slowIntervalMs + SLOW_MS;
    });
    workerPort.onDisconnect.addListener(() => {
      if (workerPort !== thisPort) return; // an older Port, already replaced
      workerPort = null;
      // The service worker stopped (or restarted). While media plays, re-announce at once so
      // the registry is whole again; otherwise wait for the next change.
      const latest = coalescer.latest();
      if (latest && effectivePlaybackState(latest) === 'playing') post(latest);
    });
  }
  const message: BridgeToWorker = { type: 'state', state, dropped };
  lastPostAt = Date.now();
  try {
    workerPort.postMessage(message);
  } catch {
    // The Port died without telling us yet (the page was in the back/forward cache): reconnect once.
    workerPort = null;
    if (retry) post(state, false);
  }
}

const coalescer = createCoalescer({
  minIntervalMs: MIN_INTERVAL_MS,
  now: Date.now,
  later: (fn, ms) => setTimeout(fn, ms),
  send: post,
});

/** What the MAIN world sends, by type. */
const fromMain: {
  [T in MainToBridge['type']]: (message: Extract<MainToBridge, { type: T }>) => void;
} = {
  state: ({ state }) => coalescer.push(state),
  answer: ({ id, outcome }) => {
    pendingActions.get(id)?.(outcome);
    pendingActions.delete(id);
  },
};

channel.port1.onmessage = (event: MessageEvent) => {
  const parsed = parseMessage(MainToBridgeSchema, event.data);
  if (!parsed.ok) {
    dropped++;
    return;
  }
  (fromMain[parsed.value.type] as (message: MainToBridge) => void)(parsed.value);
};

/** Passes a request to the MAIN world and resolves to its answer (`'unsupported'` if none comes). */
function toMain(request: BridgeToMain['request']): Promise<ActionOutcome> {
  const id = nextActionId++;
  const message: BridgeToMain = { type: 'request', id, request };
  return new Promise<ActionOutcome>((resolve) => {
    pendingActions.set(id, resolve);
    channel.port1.postMessage(message);
    setTimeout(() => {
      if (pendingActions.delete(id)) resolve('unsupported');
    }, ACTION_TIMEOUT_MS);
  });
}

/** What the service worker asks, by type, each answered as `FRAME_ANSWERS` pairs it. */
const fromWorker: {
  [T in WorkerToBridge['type']]: (
    message: Extract<WorkerToBridge, { type: T }>,
  ) => Promise<FrameAnswer<T>>;
} = {
  // The service worker asks whether this document still has a session (after a restart,
  // revalidate-sessions.ts) or whether a bridge is alive here at all (before injecting,
  // inject-open-tabs.ts): answer, and re-post the state on a new Port so that the worker sees
  // this frame's later disconnect again.
  announce: () => {
    const latest = coalescer.latest();
    if (!latest || isEmptyFrameState(latest)) return Promise.resolve(false);
    slowUntil = 0; // asked by the worker itself: it takes this frame's Port now
    coalescer.resend();
    return Promise.resolve(true);
  },
  'run-action': toMain,
  'picture-in-picture': toMain,
  'auto-pip': toMain,
};

browser.runtime.onMessage.addListener((raw: unknown) => {
  if (extensionGone) return undefined;
  const parsed = parseMessage(WorkerToBridgeSchema, raw);
  if (!parsed.ok) return undefined;
  return (fromWorker[parsed.value.type] as (message: WorkerToBridge) => Promise<unknown>)(
    parsed.value,
  );
});

scope[INSTANCE_KEY] = {
  retire() {
    // Not disconnecting the worker Port: that would end the frame's session in the service worker
    // while the new copy re-announces it. (After a real update that Port is gone already.)
    extensionGone = true;
    channel.port1.close();
    workerPort = null;
  },
};

// Prerendered, then activated: report what it had (post() stayed silent until now).
document.addEventListener('prerenderingchange', () => coalescer.resend(), { once: true });

// Back from the back/forward cache: Chrome closed our Port when the page entered it, and the
// service worker ended the session then (docs/architecture.md § Lifecycle). Re-announce.
window.addEventListener('pageshow', (event) => {
  if (!event.persisted) return;
  // The Port object still looks open but is dead, and posting on it is silently lost: drop it.
  workerPort = null;
  coalescer.resend();
});

/**
 * Left in this isolated world by the worker just before it injected this script into a page that
 * already ran (src/background/inject-open-tabs.ts): the secret the MAIN world injected with it
 * listens for, and what that MAIN world did. Absent at document_start.
 */
const injection = (
  scope as unknown as Record<string, { secret: string; main: LateResult } | undefined>
)[INJECTION_KEY];
delete (scope as unknown as Record<string, unknown>)[INJECTION_KEY];
// Hand the MAIN world its end of the channel: its listener runs right now, inside this dispatch
// (the MAIN world's script ran first, at document_start or in the injection before ours). Only
// listeners of this event type see it, not the page's 'message' listeners. Injected late, the
// event is named by the secret when the MAIN world started with it; it keeps the fixed name when
// a copy from document_start wraps the frame (its listener came before any of the page's); and it
// is not sent at all when the MAIN world could do nothing.
const channelEvent = !injection
  ? CHANNEL_EVENT
  : injection.main === 'started'
    ? lateChannelEvent(injection.secret)
    : injection.main === 'existing'
      ? CHANNEL_EVENT
      : null;
if (channelEvent) window.dispatchEvent(new MessageEvent(channelEvent, { ports: [channel.port2] }));
