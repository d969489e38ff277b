/**
 * The service worker (DESIGN.md § Contexts). Every listener is registered synchronously at the
 * top level, so Chrome can wake the worker for any of them; its memory is a cache of
 * `chrome.storage.session`, restored at start.
 */
import browser from 'webextension-polyfill';
import { FRAME_PORT, POPUP_PORT } from '../shared/contract';
import { listenToCommands } from './commands';
import { Deck } from './deck';
import { hasLivePort, serveFramePort } from './frame-port';
import { injectIntoOpenTabs, injectOnFirstStart } from './inject-open-tabs';
import { servePopupPort } from './popup-port';
import { revalidateSessions } from './revalidate-sessions';
import { watchSettings } from './settings';
import { learnTab, listenToTabs } from './tab-events';

const deck = new Deck();

browser.runtime.onConnect.addListener((port) => {
  if (port.name === FRAME_PORT) serveFramePort(port, deck, (tabId) => learnTab(deck, tabId));
  else if (port.name === POPUP_PORT) servePopupPort(port, deck);
  else {
    deck.reject('port-name');
    port.disconnect();
  }
});
listenToTabs(deck);
listenToCommands(deck);
// Tabs opened before this activation (install, update, reload, disable and enable) get the
// content scripts now, once; `runtime.onInstalled` does not fire on enable, so this is not tied to it.
const injection = injectOnFirstStart();
/** A `runtime.onInstalled` event this worker instance handled (diagnostics for the tests). */
interface InstallRecord {
  reason: string;
  previousVersion: string | null;
  /** Tabs the content scripts went into at this start; `null` while the injection runs. */
  injectedTabs: number | null;
}
let installed: InstallRecord | null = null;
browser.runtime.onInstalled.addListener(({ reason, previousVersion }) => {
  const record: InstallRecord = {
    reason,
    previousVersion: previousVersion ?? null,
    injectedTabs: null,
  };
  installed = record;
  void injection.then((count) => {
    record.injectedTabs = count ?? 0;
  });
});
watchSettings(() => deck.changed());
// Sessions restored from storage whose page went away while the worker was stopped are found once.
void deck.ready.then(() =>
  revalidateSessions(
    () => deck.registry,
    {
      hasLivePort,
      announce: (s) =>
        browser.tabs.sendMessage(
          s.tabId,
          { type: 'announce' },
          { frameId: s.frameId, documentId: s.documentId },
        ),
    },
    () => deck.changed(),
  ),
);

/**
 * Diagnostics for the headless `npm start`, the tests and the benchmark (read through
 * `serviceWorker.evaluate`); reachable only from the extension's own contexts.
 */
(globalThis as { mediaDeck?: unknown }).mediaDeck = {
  get registry() {
    return deck.registry;
  },
  stats: deck.stats,
  /** When this service-worker instance started (epoch ms): tells a restart apart. */
  startedAt: Date.now(),
  ready: deck.ready,
  snapshot: () => deck.snapshot(),
  /** The `runtime.onInstalled` event this instance handled, or `null` (a restart, not an update). */
  get installed() {
    return installed;
  },
  /**
   * Tabs this worker start injected the content scripts into (`injectOnFirstStart`), or `null` when
   * this activation of the extension had done it already.
   */
  injected: injection,
  /** What an activation's first start runs, without the check for live bridges (tests call it). */
  injectIntoOpenTabs,
};
