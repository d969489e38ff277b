/**
 * MAIN-world content script (DESIGN.md § Contexts): runs in every frame at document_start,
 * before the page's first script, wraps `MediaSession` and watches media elements, and talks only
 * to the bridge over a private `MessagePort`. Imports nothing that touches `chrome.*`.
 *
 * It may also arrive late, injected into an open tab after an install or update. Then it picks up
 * what the page already declared and plays; and if an earlier copy already wraps this frame, it
 * does nothing, and that copy adopts the new bridge's port (the latest handshake wins), so the page
 * is wrapped once.
 */

import { CHANNEL_HANDSHAKE_KEY, CHANNEL_VERSION } from '../shared/channel';
import type { BridgeToMain, MainToBridge } from '../shared/contract';
import { runAction } from './main-world/action-runner';
import { createAutoPip } from './main-world/auto-pip';
import {
  addListener,
  messageEventData,
  messageEventPorts,
  messageEventSource,
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

/** Wraps this frame and opens the channel. */
function start(): void {
  let port: MessagePort | null = null;

  function send(message: MainToBridge): void {
    if (port) portPostMessage(port, message);
  }

  maskToString();
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
    (details) => runAction(details, record, media),
  );

  function onBridgeMessage(event: MessageEvent): void {
    const data = messageEventData?.(event) as BridgeToMain | undefined;
    if (!data) return;
    const { id } = data;
    if (data.type === 'run-action') {
      send({ type: 'action-result', id, outcome: runAction(data.details, record, media) });
    } else if (data.type === 'auto-pip') {
      send({ type: 'action-result', id, outcome: autoPip.set(data.arm, data.seekOffset) });
    } else if (data.type === 'picture-in-picture') {
      togglePictureInPicture(data.target, record, media, (outcome) => {
        send({ type: 'action-result', id, outcome });
        reporter.schedule(); // `pictureInPicture` of the primary element may have changed
      });
    }
  }

  addListener(
    globalThis as unknown as EventTarget,
    'message',
    (event: Event) => {
      const e = event as MessageEvent;
      if (messageEventSource?.(e) !== globalThis) return;
      const data = messageEventData?.(e) as Record<string, unknown> | null;
      const ports = messageEventPorts?.(e);
      if (!data || typeof data !== 'object' || data[CHANNEL_HANDSHAKE_KEY] !== CHANNEL_VERSION)
        return;
      if (ports?.length !== 1) return;
      stopImmediatePropagation(e);
      // A newer bridge (injected after an update) takes over; the old one's port is closed.
      if (port) portClose(port);
      port = ports[0] as MessagePort;
      setPortOnMessage(port, onBridgeMessage);
      portStart(port);
      // Whatever the page declared before the channel opened (an inline <head> script) goes now.
      const last = reporter.last();
      if (last) send({ type: 'state', state: last });
    },
    true,
  );

  // Arrived late (injected after an install or update, when the document is past 'loading'):
  // report what the page already declared and plays. At document_start there is nothing yet.
  if (document.readyState !== 'loading') {
    media.adoptPlaying();
    reporter.schedule();
  }
}

if (!anotherInstanceRuns()) start();
