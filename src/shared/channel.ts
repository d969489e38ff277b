/**
 * The private MAIN world ↔ ISOLATED world channel: the bridge creates a `MessageChannel` and hands
 * one port to the MAIN world with a single `window.postMessage` at document_start, before any
 * page script can listen. The MAIN world keeps the first such port it sees and hides that event
 * from the page. After that, nothing crosses `window` again.
 */
export const CHANNEL_HANDSHAKE_KEY = '__mediaDeckChannel';
/** Bumped when the message contract changes, so an old bridge and a new wrapper ignore each other. */
export const CHANNEL_VERSION = 1;
