/**
 * The isolated world's first stage (docs/architecture.md § Two stages), started at document_start
 * by src/content/bridge.iife.ts or late by src/content/bridge-late.ts. It opens the private channel
 * to the MAIN world (src/shared/channel.ts), and waits for the frame's first media activity: a
 * `play`/`playing` event of an element in the document (seen here, in the capture phase on
 * `window`), or the MAIN world's one `activity` message (a `MediaSession` call, or an element
 * outside the document). Then it asks the service worker, once, to load the session agent into this
 * document (src/content/session-agent.ts, by `scripting.executeScript`), and leaves it what it saw
 * (`FirstStage`). A page without media costs the service worker nothing: no message, no Port.
 *
 * Small on purpose: no webextension-polyfill, no schema library (what it receives is one field
 * from the MAIN world's private port, and the worker validates the one message it sends).
 */
import { STAGE_KEY } from '../../shared/channel';
import type { AgentRequest } from '../../shared/contract';
import type { FirstStage, SeenPlay } from '../first-stage';

/**
 * The events that mean a frame has media activity at all (a `play()` call, or autoplay): the
 * first one in a frame loads the session agent.
 */
const ACTIVITY_EVENTS = ['play', 'playing'];

/** Play events kept for the agent. */
const MAX_SEEN = 16;

/**
 * Starts the first stage and hands the MAIN world its end of the channel by dispatching
 * `channelEvent` (none when `null`: the MAIN world could not start). Returns `requestAgent`, which
 * asks for the agent at once (a late injection into a page that already plays).
 */
export function startFirstStage(channelEvent: string | null): () => void {
  const scope = globalThis as unknown as Record<string, unknown>;
  (scope[STAGE_KEY] as FirstStage | undefined)?.retire?.();

  const channel = new MessageChannel();
  let requested = false;

  /** Asks the worker for the agent, once; a prerendered page only once the user goes to it. */
  function requestAgent(): void {
    if (requested) return;
    requested = true;
    if ((document as { prerendering?: boolean }).prerendering) {
      document.addEventListener('prerenderingchange', send, { once: true });
    } else {
      send();
    }
    function send() {
      const request: AgentRequest = { type: 'load-agent' };
      try {
        // `chrome` only now: touching it builds the extension API bindings of this world, which
        // costs a frame without media more than all the rest of this script.
        const api: typeof chrome = (globalThis as { browser?: typeof chrome }).browser ?? chrome;
        api.runtime.sendMessage(request).then(
          (answer: unknown) => {
            // Over the tab's budget for agents just now: ask again when the worker says.
            const wait = (answer as { retryAfterMs?: unknown } | null)?.retryAfterMs;
            if (typeof wait === 'number') setTimeout(send, wait);
          },
          () => {},
        );
      } catch {
        // The extension was reloaded or updated: this copy goes quiet.
      }
    }
  }

  const seen: SeenPlay[] = [];
  function onPlay(event: Event): void {
    const element = event.target;
    if (!(element instanceof HTMLMediaElement)) return;
    if (seen.length === MAX_SEEN) seen.shift();
    seen.push({
      element,
      type: event.type,
      at: Date.now(),
      byUser: navigator.userActivation?.isActive === true,
    });
    requestAgent();
  }
  for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onPlay, true);

  channel.port1.onmessage = (event: MessageEvent) => {
    if ((event.data as { type?: unknown } | null)?.type === 'activity') requestAgent();
  };

  const stage: FirstStage = {
    port: channel.port1,
    seen,
    detach() {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onPlay, true);
    },
  };
  scope[STAGE_KEY] = stage;

  // Its listener runs right now, inside this dispatch (the MAIN world's script ran first). Only
  // listeners of this event type see it, not the page's 'message' listeners.
  if (channelEvent) {
    window.dispatchEvent(new MessageEvent(channelEvent, { ports: [channel.port2] }));
  }
  return requestAgent;
}
