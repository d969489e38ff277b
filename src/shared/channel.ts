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
/** The event type that carries the bridge's port to the MAIN world. */
export const CHANNEL_EVENT = `media-deck-channel:${CHANNEL_VERSION}`;

/**
 * How a second copy of the MAIN-world wrapper (injected again after an extension update) finds
 * the first: every function the first copy replaced is a `Proxy` whose `has` trap answers `true`
 * for this key (`INSTANCE_MARK in fn`), and natively for any other key. Asking runs no page code
 * and throws nothing (unless the page itself put a hostile `Proxy` there), and a page cannot tell
 * without guessing the key.
 */
export const INSTANCE_MARK = `media-deck:${CHANNEL_VERSION}:7c1e9a40-5b2d-4f8e-a3c6-0d9f1b2e4a57`;
