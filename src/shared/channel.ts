/**
 * The private channel between Media Deck's worlds in one frame (docs/architecture.md § Two
 * stages). At `document_start` the isolated world's first stage (src/content/bridge.iife.ts)
 * creates a `MessageChannel` and hands one port to the MAIN world in a `MessageEvent` of type
 * `CHANNEL_EVENT`, dispatched synchronously on `window`. The MAIN world keeps the port and hides
 * that event from the page. After that, nothing crosses `window` again. The second stage, the
 * session agent (src/content/session-agent.ts), runs later in the same isolated world and takes
 * the other port over from the first stage (`STAGE_KEY`).
 *
 * Not `window.postMessage`: every 'message' listener on `window` sees such a message, and when the
 * content scripts arrive late (injected after an install or update) the page's own listeners were
 * registered first, so they would all receive the port. An event of our own type reaches only
 * listeners of that type.
 */

/**
 * Bumped when the MAIN world ↔ agent contract changes, so that an old MAIN world and a new
 * isolated world ignore each other (no version with a different contract has shipped).
 */
export const CHANNEL_VERSION = 3;
/**
 * The event type that carries the port to the MAIN world at `document_start`: the MAIN world's
 * capture listener on `window` is registered before any page script and takes the first such
 * event, which the isolated world dispatches before any page script runs. Then the listener is
 * removed: a page that dispatches this event later, or listens for it, sees a browser without us.
 */
export const CHANNEL_EVENT = `media-deck:${CHANNEL_VERSION}`;

/**
 * What the worker gives both worlds when it injects them into a page that already ran
 * (src/background/inject-open-tabs.ts), through `scripting.executeScript` `args`, which the page
 * cannot see. There the page's own listeners came first, and one registered for `CHANNEL_EVENT`
 * could take the port; so a MAIN world injected late listens for `lateChannelEvent(secret)`
 * instead. `copyKeys` are the keys an earlier copy of the MAIN world may answer to (`CopyKeys`).
 * The MAIN world returns what it did: `'started'` (it wraps this frame and listens),
 * `existing:<key>` (an earlier copy wraps it already, answers to `<key>` and so listens for
 * `lateChannelEvent(key)`), or `'inert'` (a built-in it needs is broken).
 */
export interface LateChannel {
  secret: string;
  copyKeys: string[];
}
export type LateResult = 'started' | `existing:${string}` | 'inert';

/**
 * The event type that carries a port to a MAIN world named by `secret`: the secret of a late
 * injection (`LateChannel`), or a copy key an earlier copy answers to (`CopyKeys`), under which it
 * adopts the port of a newer isolated world. A page cannot listen for a type it cannot guess.
 */
export function lateChannelEvent(secret: string): string {
  return `${CHANNEL_EVENT}:${secret}`;
}

/**
 * How a second copy of the MAIN world (injected after an extension update into a page that an
 * earlier copy wraps) finds the first without a marker a page could test for: every function a
 * copy replaced is a `Proxy` whose `has` trap answers `true` for the keys that copy was given
 * (`key in fn`), and natively for any other key. The keys are random, made by the service worker
 * once per activation of the extension (src/background/copy-keys.ts) and kept in
 * `chrome.storage.local` under `COPY_KEYS_STORAGE_KEY`. The worker leaves the current one in a
 * frame's isolated world (`AGENT_KEY`) just before it injects the session agent, which hands it to
 * the MAIN world first thing; so a frame that never had media never learns one (a late copy then
 * wraps it again, inside the first: both keep working). `previous` is the key of the activation
 * before.
 */
export interface CopyKeys {
  current: string;
  previous: string | null;
}
export const COPY_KEYS_STORAGE_KEY = 'copyKeys';

/**
 * The property of the bridge's isolated world where the worker leaves `{ secret, main }` for a
 * late injection: the secret, and the `LateResult` of the MAIN world injected with it. The page
 * cannot see an isolated world's globals.
 */
export const INJECTION_KEY = '__mediaDeckInjection';

/** The property of the isolated world where the worker leaves the copy key for the agent. */
export const AGENT_KEY = '__mediaDeckCopyKey';

/**
 * The property of the isolated world where the first stage leaves what the session agent takes
 * over (`FirstStage`, src/content/bridge.iife.ts).
 */
export const STAGE_KEY = '__mediaDeckStage';

/** The session agent's file in the built extension (vite.config.ts builds it there). */
export const AGENT_SCRIPT = 'src/content/session-agent.js';
/** The isolated world's first stage for a late injection (vite.config.ts builds it there). */
export const BRIDGE_LATE_SCRIPT = 'src/content/bridge-late.js';
