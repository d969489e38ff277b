/**
 * The private MAIN world ↔ ISOLATED world channel: the bridge creates a `MessageChannel` and hands
 * one port to the MAIN world in a `MessageEvent` of type `CHANNEL_EVENT`, dispatched (synchronously)
 * on `window`. The MAIN world keeps the port and hides that event from the page. After that,
 * nothing crosses `window` again.
 *
 * Not `window.postMessage`: every 'message' listener on `window` sees such a message, and when the
 * content scripts arrive late (injected after an install or update) the page's own listeners were
 * registered first, so they would all receive the bridge's port. An event of our own type reaches
 * only listeners of that type.
 */
/**
 * Bumped when the message contract changes, so an old bridge and a new wrapper ignore each other.
 * It is part of `INSTANCE_MARK` too: copies of different versions do not find each other, and an
 * update across a bump would wrap open pages a second time (no version has shipped yet; one that
 * does needs a handover before the next bump).
 */
export const CHANNEL_VERSION = 2;
/**
 * The event type that carries the bridge's port to the MAIN world at `document_start`: the MAIN
 * world's capture listener on `window` is registered before any page script, so it runs first and
 * hides the event from every listener the page adds later.
 */
export const CHANNEL_EVENT = `media-deck-channel:${CHANNEL_VERSION}`;

/**
 * What the worker gives both worlds when it injects them into a page that already ran
 * (src/background/inject-open-tabs.ts), through `scripting.executeScript` `args`, which the page
 * cannot see. There the page's own listeners came first, and one registered for `CHANNEL_EVENT`
 * could take the port; so a MAIN world injected late listens for `lateChannelEvent(secret)`
 * instead, and returns what it did: `'started'` (it wraps this frame and listens),
 * `'existing'` (a copy from document_start wraps it already, and listens for `CHANNEL_EVENT` ahead
 * of the page), or `'inert'` (a built-in it needs is broken).
 */
export interface LateChannel {
  secret: string;
}
export type LateResult = 'started' | 'existing' | 'inert';

/** The event type for a MAIN world injected late with `secret` (see `LateChannel`). */
export function lateChannelEvent(secret: string): string {
  return `${CHANNEL_EVENT}:${secret}`;
}

/**
 * How a second copy of the MAIN-world wrapper (injected again after an extension update) finds
 * the first: every function the first copy replaced is a `Proxy` whose `has` trap answers `true`
 * for this key (`INSTANCE_MARK in fn`), and natively for any other key. Asking runs no page code
 * and throws nothing (unless the page itself put a hostile `Proxy` there), and a page cannot tell
 * without guessing the key.
 */
export const INSTANCE_MARK = `media-deck:${CHANNEL_VERSION}:7c1e9a40-5b2d-4f8e-a3c6-0d9f1b2e4a57`;

/**
 * The property of the bridge's isolated world where the worker leaves `{ secret, main }` for a
 * late injection: the secret, and the `LateResult` of the MAIN world injected with it. The page
 * cannot see an isolated world's globals.
 */
export const INJECTION_KEY = '__mediaDeckInjection';
