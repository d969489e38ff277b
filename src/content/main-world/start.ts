/**
 * The MAIN world's first stage (docs/architecture.md § Two stages), started at document_start by
 * src/content/main-world.iife.ts, or late by src/content/main-world-late.ts. It holds only what
 * must run before the page's first script: the `MediaSession` wrappers that record what the
 * native API accepted (session-recorder.ts), the `play()` hook for media elements outside the
 * document (remote-media.ts), and the private port to the isolated world. A page that never uses
 * media pays for those wrappers and nothing else: no message leaves this script until the page's
 * first media activity, and then only one (`activity`), after which the isolated world loads the
 * session agent, which says `hello` and from then on gets the page's record on every change.
 * Imports nothing that touches `chrome.*`.
 *
 * It runs in the page's realm, so an exception of ours would be the page's uncaught error: every
 * callback below catches, and the build wraps each entry in `try` (vite.config.ts). And it calls
 * nothing the page can replace after document_start (intrinsics.ts).
 */

import { lateChannelEvent } from '../../shared/channel';
import type {
  ActionOutcome,
  MainToAgent,
  RemoteMedia,
  RemoteOperation,
} from '../../shared/contract';
import {
  addListener,
  callPageCallback,
  dateNow,
  eventType,
  messageEventData,
  messageEventPorts,
  ownValue,
  portClose,
  portPostMessage,
  portStart,
  preventDefault,
  queueMicrotaskNative,
  removeListener,
  setOwn,
  setPortOnMessage,
  setTimeoutNative,
} from './intrinsics';
import { maskToString } from './native-wrap';
import { type RemoteMediaRegistry, watchRemoteMedia } from './remote-media';
import { recordMediaSession } from './session-recorder';

/**
 * Most records sent to the agent in a second: a page that floods its `MediaSession` calls makes
 * us post no more than this (its changes join the next record).
 */
const RECORDS_PER_SECOND = 10;

/**
 * The `MediaSessionActionDetails` dictionary the page's handler receives, as Chrome builds it (a
 * plain object with the members that apply, in the dictionary's order), from the agent's
 * `PageActionDetails` pairs; and its `action`. `null` for anything malformed.
 */
function pageDetails(pairs: unknown): { details: object; action: string } | null {
  const details = {};
  let action: unknown = null;
  for (let i = 0; i < 4; i++) {
    const pair = ownValue(pairs, `${i}`);
    if (pair === undefined) break;
    const name = ownValue(pair, '0');
    if (typeof name !== 'string') return null;
    const value = ownValue(pair, '1');
    if (i === 0) action = value;
    setOwn(details, name, value);
  }
  return typeof action === 'string' ? { details, action } : null;
}

/**
 * Wraps this frame and listens for `channelEvent`, which brings the port to the isolated world.
 * `late`: the page's scripts may already have run, so `Function.prototype.toString` is left as it
 * is. Throws where the page broke a built-in it needs before it came (injected late).
 */
export function startMainWorld(channelEvent: string, late: boolean): void {
  let port: MessagePort | null = null;
  /** The page has used its MediaSession or played a remote element: there is something to report. */
  let active = false;
  /** The session agent said `hello` on the current port. */
  let agentHere = false;
  let activitySent = false;
  let flushScheduled = false;
  /** Records sent in the second that began at `windowAt` (epoch ms). */
  let sent = 0;
  let windowAt = 0;

  function post(message: MainToAgent): void {
    // The page's `MessagePort.prototype.postMessage` when injected late: it may throw.
    try {
      if (port) portPostMessage(port, message);
    } catch {}
  }

  /** Tells the isolated world, once per port, that this frame has media activity. */
  function announceActivity(): void {
    active = true;
    if (agentHere || activitySent || !port) return;
    activitySent = true;
    post({ type: 'activity' });
  }

  // A microtask or timer of ours: whatever throws in it is skipped, never the page's error.
  function flush(): void {
    try {
      const now = dateNow();
      if (now - windowAt >= 1000) {
        windowAt = now;
        sent = 0;
      }
      if (sent >= RECORDS_PER_SECOND) {
        setTimeoutNative(flush, windowAt + 1000 - now); // later changes join it
        return;
      }
      sent++;
      flushScheduled = false;
      post({ type: 'record', record: session.state });
    } catch {
      flushScheduled = false;
    }
  }

  /** Something the page declared may have changed (called inside the page's own calls). */
  function changed(): void {
    remote.hook(); // a media page: its elements outside the document are worth watching now
    if (!agentHere) {
      announceActivity();
      return;
    }
    if (flushScheduled) return;
    flushScheduled = true;
    queueMicrotaskNative(flush);
  }

  function sendRemote(make: () => RemoteMedia): void {
    if (agentHere) post({ type: 'remote', media: make() });
    else announceActivity(); // no snapshot: nobody would read it
  }

  if (!late) maskToString();
  const session = recordMediaSession(changed);
  const remote: RemoteMediaRegistry = watchRemoteMedia(sendRemote);

  /**
   * Runs `call` of the agent; returns its outcome, or `null` when `done` will get it (a remote
   * operation: picture-in-picture settles later).
   */
  function runCall(call: unknown, done: (outcome: ActionOutcome) => void): ActionOutcome | null {
    const kind = ownValue(call, 'kind');
    if (kind === 'remote') {
      const target = ownValue(call, 'id');
      const value = ownValue(call, 'value');
      if (typeof target !== 'number' || typeof value !== 'number') return 'unsupported';
      remote.operate(target, ownValue(call, 'operation') as RemoteOperation, value, done);
      return null;
    }
    const page = kind === 'handler' ? pageDetails(ownValue(call, 'details')) : null;
    const handler = page ? session.handlers[page.action] : undefined;
    if (!page || !handler) return 'unsupported';
    // From a promise job, so the handler sees no frame of ours (intrinsics.ts).
    callPageCallback(handler, page.details);
    return 'handler';
  }

  function onAgentMessage(event: MessageEvent): void {
    try {
      const data = messageEventData(event);
      const type = ownValue(data, 'type');
      if (type === 'hello') {
        agentHere = true;
        remote.hook(); // the agent came: the frame has media, or its tab plays sound unexplained
        post({ type: 'record', record: session.state });
        remote.resend();
      } else if (type === 'copy-key') {
        const key = ownValue(data, 'key');
        // Where a copy injected after an update, and its isolated world, find this copy.
        if (typeof key === 'string' && key.length >= 16) listen(lateChannelEvent(key));
      } else if (type === 'call') {
        const id = ownValue(data, 'id');
        if (typeof id !== 'number') return;
        const done = (outcome: ActionOutcome) => post({ type: 'answer', id, outcome });
        const outcome = runCall(ownValue(data, 'call'), done);
        if (outcome) done(outcome);
      }
    } catch {}
  }

  /**
   * Takes the port an isolated world dispatched under a channel event (src/shared/channel.ts): at
   * document_start, before any page script; later only under a name the page cannot guess (a copy
   * key). Each name brings one port, then its listener is gone, so the page sees no listener of
   * ours either. A port-less event under a copy key is a later copy asking whether this one is
   * here: it is told so by `preventDefault` (`dispatchEvent` returns `false`).
   */
  function onChannel(event: Event): void {
    try {
      const ports = messageEventPorts(event as MessageEvent);
      if (!ports) return;
      // No page listener can be ahead of ours or know the name (see above): nothing to stop.
      // A copy injected late asks, with a port-less event, whether this copy is here.
      if (ports.length !== 1) {
        preventDefault(event);
        return;
      }
      removeListener(globalThis as unknown as EventTarget, eventType(event), onChannel, true);
      // A newer isolated world (injected after an update) takes over; the old port is closed.
      if (port) portClose(port);
      port = ports[0] as MessagePort;
      agentHere = false;
      activitySent = false;
      setPortOnMessage(port, onAgentMessage);
      portStart(port);
      // Media activity before this port (an inline <head> script, or an earlier isolated world).
      if (active) announceActivity();
    } catch {}
  }

  function listen(type: string): void {
    addListener(globalThis as unknown as EventTarget, type, onChannel, true);
  }

  // The isolated world dispatches this event, carrying its port, synchronously from its start.
  listen(channelEvent);
}
