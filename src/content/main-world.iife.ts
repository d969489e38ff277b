/**
 * MAIN-world content script (docs/architecture.md § Data path): runs in every frame at
 * document_start, before the page's first script, wraps `MediaSession` and watches media elements,
 * and talks only to the bridge over a private `MessagePort`. Imports nothing that touches
 * `chrome.*`.
 *
 * It may also arrive late, injected into an open tab after an install, update or enable. Then it picks up
 * what the page already declared and plays; and if an earlier copy already wraps this frame, it
 * does nothing, and that copy adopts the new bridge's port (the latest handshake wins), so the page
 * is wrapped once. A late copy leaves `Function.prototype.toString` alone (the page may have
 * replaced it; it stays the page's), so its wrappers print as `function () { [native code] }`.
 *
 * It runs in the page's realm, so an exception of ours would be the page's uncaught error: every
 * callback below catches, and the build wraps the whole script in `try` (vite.config.ts), so that
 * a page that broke a built-in we need gets a script that silently does nothing.
 */

import {
  CHANNEL_EVENT,
  type LateChannel,
  type LateResult,
  lateChannelEvent,
} from '../shared/channel';
import type { ActionOutcome, BridgeToMain, FrameRequest, MainToBridge } from '../shared/contract';
import { performAction } from './main-world/action-runner';
import { createAutoPip } from './main-world/auto-pip';
import {
  addListener,
  messageEventData,
  messageEventPorts,
  portClose,
  portPostMessage,
  portStart,
  setPortOnMessage,
  stopImmediatePropagation,
} from './main-world/intrinsics';
import { watchMediaElements } from './main-world/media-element-watcher';
import { wrapMediaSession } from './main-world/media-session-wrapper';
import { anotherInstanceRuns, maskToString } from './main-world/native-wrap';
import { togglePictureInPicture } from './main-world/picture-in-picture';
import { buildFrameState, createReporter } from './main-world/reporter';

/**
 * Set when the worker injected this script into a page that already ran: the script is then the
 * body of a function whose parameter has this name (vite.config.ts), given by
 * `scripting.executeScript` `args`. At document_start no such variable exists (no page script has
 * run yet to define one).
 */
declare const MEDIA_DECK_CHANNEL: LateChannel | undefined;
/** In that function, a local variable for what this script did (its `LateResult`). */
declare let MEDIA_DECK_RESULT: LateResult | undefined;

/** Wraps this frame and opens the channel, listening for `channelEvent`. */
function start(channelEvent: string): void {
  // Past 'loading', the page's scripts already ran: we were injected after an install, update or enable.
  const late = document.readyState !== 'loading';
  let port: MessagePort | null = null;

  function send(message: MainToBridge): void {
    // The page's `MessagePort.prototype.postMessage` when injected late: it may throw.
    try {
      if (port) portPostMessage(port, message);
    } catch {}
  }

  if (!late) maskToString();
  const schedule = () => reporter.schedule();
  const record = wrapMediaSession(schedule, (action) => autoPip.onPageSetHandler(action));
  const media = watchMediaElements(schedule);
  const reporter = createReporter(
    () => record,
    media,
    (state) => {
      send({ type: 'state', state });
      autoPip.onState(state);
    },
  );
  const autoPip = createAutoPip(
    record,
    media,
    () => buildFrameState(record, media),
    (details) => performAction(details, record, media),
  );

  /** What the service worker asks of this frame, by request type; `done` takes the outcome. */
  const requests: {
    [T in FrameRequest['type']]: (
      request: Extract<FrameRequest, { type: T }>,
      done: (outcome: ActionOutcome) => void,
    ) => void;
  } = {
    'run-action': ({ details }, done) => done(performAction(details, record, media)),
    'auto-pip': ({ arm, seekOffset, artwork }, done) => done(autoPip.set(arm, seekOffset, artwork)),
    'picture-in-picture': ({ target }, done) =>
      togglePictureInPicture(target, record, media, (outcome) => {
        done(outcome);
        reporter.schedule(); // `pictureInPicture` of the primary element may have changed
      }),
  };

  function onBridgeMessage(event: MessageEvent): void {
    try {
      const data = messageEventData?.(event) as BridgeToMain | undefined;
      if (data?.type !== 'request') return;
      const { id, request } = data;
      const run = requests[request.type] as (
        request: FrameRequest,
        done: (outcome: ActionOutcome) => void,
      ) => void;
      run(request, (outcome) => send({ type: 'answer', id, outcome }));
    } catch {}
  }

  // The bridge dispatches this event, carrying its port, synchronously from its own start.
  addListener(
    globalThis as unknown as EventTarget,
    channelEvent,
    (event: Event) => {
      try {
        const ports = messageEventPorts?.(event as MessageEvent);
        if (ports?.length !== 1) return;
        stopImmediatePropagation(event);
        // A newer bridge (injected after an update) takes over; the old one's port is closed.
        if (port) portClose(port);
        port = ports[0] as MessagePort;
        setPortOnMessage(port, onBridgeMessage);
        portStart(port);
        // Whatever the page declared before the channel opened (an inline <head> script) goes now.
        const last = reporter.last();
        if (last) send({ type: 'state', state: last });
      } catch {}
    },
    true,
  );

  // Arrived late: report what the page already declared and plays. At document_start there is
  // nothing yet.
  if (late) {
    try {
      media.adoptPlaying();
    } catch {} // the wrappers and listeners above still catch what happens from now on
    reporter.schedule();
  }
}

const injection: LateChannel | undefined =
  typeof MEDIA_DECK_CHANNEL === 'object' && MEDIA_DECK_CHANNEL !== null
    ? MEDIA_DECK_CHANNEL
    : undefined;
let result: LateResult = 'inert';
try {
  if (anotherInstanceRuns()) {
    result = 'existing';
  } else {
    start(injection ? lateChannelEvent(injection.secret) : CHANNEL_EVENT);
    result = 'started';
  }
} catch {
  // A built-in we need is broken (the page's doing, before we arrived): do nothing, silently.
}
if (injection && typeof MEDIA_DECK_RESULT === 'string') MEDIA_DECK_RESULT = result;
