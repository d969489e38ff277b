/**
 * The isolated world's first stage (docs/architecture.md § Two stages), started at document_start
 * by src/content/bridge.iife.ts or late by src/content/bridge-late.ts. It sets up the private
 * channel to the MAIN world (src/shared/channel.ts), and waits for the frame's first media activity:
 * a `play`/`playing` event of an element in the document (seen here, in the capture phase on
 * `window`), or the MAIN world's word (a `MediaSession` call, or an element outside the
 * document). Then it asks the service worker, once, to load the session agent into this document
 * (src/content/session-agent.ts, by `scripting.executeScript`), and leaves it what it saw
 * (`FirstStage`). A page without media costs the service worker nothing: no message, no Port.
 *
 * Small on purpose: no webextension-polyfill, no schema library (what it receives is one event
 * from the MAIN world, and the worker validates the one message it sends).
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
 * Starts the first stage, and leaves it (`FirstStage`) for the agent. Its port reaches the MAIN
 * world under the event `portKey` names when it is made (`connectMain`; `null`: the MAIN world
 * could not start, so never); `activity` is the event type the MAIN world says its first media
 * activity under before there is a port (`null` for none: a late MAIN world says it over the port,
 * src/content/bridge-late.ts). Returns `requestAgent`, which asks for the agent at once (a late
 * injection into a page that already plays).
 */
export function startFirstStage(portKey: string | null, activity: string | null): () => void {
  const scope = globalThis as unknown as Record<string, unknown>;
  (scope[STAGE_KEY] as FirstStage | undefined)?.retire?.();

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
      try {
        // `chrome` only now: touching it builds the extension API bindings of this world, which
        // costs a frame without media more than all the rest of this script.
        const api: typeof chrome = (globalThis as { browser?: typeof chrome }).browser ?? chrome;
        api.runtime.sendMessage({ type: 'load-agent' } satisfies AgentRequest).then(
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
    const count = seen.push({
      element,
      type: event.type,
      at: Date.now(),
      // Chrome 72 and Firefox 120 have it (manifest.json asks for later versions).
      byUser: navigator.userActivation.isActive,
    });
    if (count > MAX_SEEN) seen.shift();
    requestAgent();
  }
  for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onPlay, true);

  const stage: FirstStage = {
    portKey,
    seen,
    detach() {
      // The MAIN world says its activity once before the port, and never again: that listener
      // stays (asking again would do nothing).
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onPlay, true);
    },
  };
  scope[STAGE_KEY] = stage;
  // It comes inside the page's call (a `MediaSession` setter): ask from a task of our own.
  if (activity) window.addEventListener(activity, () => setTimeout(requestAgent));
  return requestAgent;
}
