/**
 * MAIN-world content script (docs/architecture.md § Two stages): runs in every frame at
 * document_start, before the page's first script, and starts the MAIN world's first stage
 * (main-world/start.ts), listening for the isolated world's port on `CHANNEL_EVENT`. The same
 * stage injected into a page that already ran is src/content/main-world-late.ts.
 */
import { CHANNEL_EVENT } from '../shared/channel';
import { startMainWorld } from './main-world/start';
import { FIREFOX_STARTUP_INJECTION } from './startup-injection';

// Firefox's own injection into a page open before the add-on started: the worker's late
// injection does the work (startup-injection.ts). Otherwise past 'loading' only in a document a
// script could reach before us (an `about:blank` frame its parent writes into at once): then
// `Function.prototype.toString` may be the page's already. What throws here (a built-in such a
// page broke) is caught by the build's guard (vite.config.ts).
if (!FIREFOX_STARTUP_INJECTION) {
  startMainWorld(CHANNEL_EVENT, document.readyState !== 'loading');
}
