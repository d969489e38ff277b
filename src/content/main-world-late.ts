/**
 * The MAIN world's first stage injected late (src/background/inject-open-tabs.ts): into a page
 * that already ran, after an install, update or enable. The build makes this script the body of
 * `function (MEDIA_DECK_CHANNEL) { … return MEDIA_DECK_RESULT; }` (vite.config.ts), which the worker
 * passes to `scripting.executeScript` with the `LateChannel` in `args`, out of the page's reach.
 *
 * If an earlier copy already wraps this frame and answers to one of the worker's keys
 * (`CopyKeys`, src/shared/channel.ts), it does nothing but say which: that copy adopts the new
 * port on the event that key names (the latest handshake wins), so the page is wrapped once. Otherwise it wraps the frame and listens on the
 * secret channel event; it leaves `Function.prototype.toString` alone (the page may have replaced
 * it; it stays the page's), so its wrappers print as `function () { [native code] }`.
 */
import { type LateChannel, type LateResult, lateChannelEvent } from '../shared/channel';
import { startMainWorld } from './main-world/start';

/** The function's parameter: the late channel the worker gave. */
declare const MEDIA_DECK_CHANNEL: LateChannel;
/** The function's local variable for what this script did. */
declare let MEDIA_DECK_RESULT: LateResult;

/**
 * The key among `keys` (`CopyKeys`) that an earlier copy wrapping this frame listens under, or
 * `null`: a port-less, cancelable event of that name is cancelled by it (main-world/start.ts).
 */
function earlierCopyKey(keys: readonly string[]): string | null {
  for (const key of keys) {
    const asked = new MessageEvent(lateChannelEvent(key), { cancelable: true });
    if (!window.dispatchEvent(asked)) return key;
  }
  return null;
}

try {
  const key = earlierCopyKey(MEDIA_DECK_CHANNEL.copyKeys);
  if (key !== null) {
    MEDIA_DECK_RESULT = `existing:${key}`;
  } else {
    startMainWorld(lateChannelEvent(MEDIA_DECK_CHANNEL.secret), true);
    MEDIA_DECK_RESULT = 'started';
  }
} catch {
  // A built-in we need is broken (the page's doing, before we arrived): do nothing, silently.
}
