/**
 * The popup's Port to the service worker, opened before the rest of the popup is evaluated
 * (src/popup/main.tsx imports this module first): the worker builds and sends its snapshot while
 * the components and stores are still being evaluated, instead of after. A page's module scripts
 * are all evaluated in one task, so the deck store (src/popup/deck-store.ts) has its listener on
 * this Port before the snapshot can be delivered.
 */
import browser, { type Runtime } from 'webextension-polyfill';

import { POPUP_PORT } from '../shared/port-names';

let early: Runtime.Port | null = browser.runtime.connect({ name: POPUP_PORT });

/**
 * `runtime.connect` for the deck store: the Port opened early the first time, a new Port after
 * (when the service worker restarted and the store reconnects).
 * @throws what `runtime.connect` throws (the extension was reloaded or removed).
 */
export function connectPopupPort(name: string): Runtime.Port {
  const port = early;
  early = null;
  return port && name === POPUP_PORT ? port : browser.runtime.connect({ name });
}
