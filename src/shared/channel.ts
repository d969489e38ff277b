/**
 * The private MAIN world ↔ ISOLATED world channel: the bridge creates a `MessageChannel` and hands
 * one port to the MAIN world with a single `window.postMessage` at document_start, before any
 * page script can listen. The MAIN world keeps the first such port it sees and hides that event
 * from the page. After that, nothing crosses `window` again.
 */
export const CHANNEL_HANDSHAKE_KEY = '__mediaDeckChannel';
/** Bumped when the message contract changes, so an old bridge and a new wrapper ignore each other. */
export const CHANNEL_VERSION = 1;

/**
 * How a second copy of the MAIN-world wrapper (injected again after an extension update) finds
 * the first: it calls `Function.prototype.toString` on a function with this extra argument.
 * Natively the argument is ignored; the first copy's masked `toString` answers `INSTANCE_ANSWER`
 * instead. A page cannot tell: any other call behaves natively, and it cannot guess the argument.
 */
export const INSTANCE_QUERY = `media-deck:${CHANNEL_VERSION}:7c1e9a40-5b2d-4f8e-a3c6-0d9f1b2e4a57`;
export const INSTANCE_ANSWER = `media-deck:${CHANNEL_VERSION}:here`;
