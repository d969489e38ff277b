/**
 * ISOLATED-world content script (docs/architecture.md § Two stages): runs in every frame at
 * document_start and starts the isolated world's first stage (bridge/first-stage.ts), which hands
 * a new secret to the MAIN world under the fixed `CHANNEL_EVENT`, whose listener, registered before
 * any page script, takes it first. The same stage injected into a page that already ran is
 * src/content/bridge-late.ts.
 */
import { CHANNEL_EVENT } from '../shared/channel';
import { startFirstStage } from './bridge/first-stage';

// Only the two worlds learn it (`crypto` of this world, which the page cannot reach). The MAIN
// world says its first media activity under the secret itself (src/shared/channel.ts).
const secret = crypto.getRandomValues(new Uint32Array(3)).join('');
startFirstStage(secret, secret);
// The MAIN world's listener takes it right now, inside this dispatch (its script ran first). Only
// listeners of this event type see it, not the page's 'message' listeners.
window.dispatchEvent(new MessageEvent(CHANNEL_EVENT, { data: secret }));
