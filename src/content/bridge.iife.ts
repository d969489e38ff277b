/**
 * ISOLATED-world content script (docs/architecture.md § Two stages): runs in every frame at
 * document_start and starts the isolated world's first stage (bridge/first-stage.ts) on the fixed
 * `CHANNEL_EVENT`, which the MAIN world's listener, registered before any page script, takes
 * first. The same stage injected into a page that already ran is src/content/bridge-late.ts.
 */
import { CHANNEL_EVENT } from '../shared/channel';
import { startFirstStage } from './bridge/first-stage';

startFirstStage(CHANNEL_EVENT);
