/**
 * ISOLATED-world content script (docs/architecture.md § Two stages): runs in every frame at
 * document_start and starts the isolated world's first stage (bridge/first-stage.ts) on the fixed
 * `CHANNEL_EVENT`, which the MAIN world's listener, registered before any page script, takes
 * first. The same stage injected into a page that already ran is src/content/bridge-late.ts.
 */
import { CHANNEL_EVENT } from '../shared/channel';
import { startFirstStage } from './bridge/first-stage';
import { FIREFOX_STARTUP_INJECTION } from './startup-injection';

// Firefox's own injection into a page open before the add-on started: no first stage here, so the
// worker finds none and injects the late one (startup-injection.ts).
if (!FIREFOX_STARTUP_INJECTION) startFirstStage(CHANNEL_EVENT);
