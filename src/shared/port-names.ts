/**
 * Names of the `runtime.connect` Ports (docs/architecture.md § Message contract). A module of their
 * own, with no imports, so that the popup can open its Port before the contract's schemas and the
 * rest of its code are evaluated (src/popup/early-port.ts).
 */

/** Name of the `runtime.connect` Port a frame's session agent opens. */
export const FRAME_PORT = 'media-deck/frame';
/** Name of the `runtime.connect` Port the popup opens. */
export const POPUP_PORT = 'media-deck/popup';
