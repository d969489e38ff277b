/**
 * The service worker's composition root (docs/architecture.md § The service worker): it creates
 * each module with only what that module needs, connects the registry's changes to persistence,
 * the popup feed and automatic picture-in-picture, and registers every listener synchronously at
 * the top level, so Chrome can wake the worker for any of them. Its memory is a cache of
 * `chrome.storage.session`, restored at start.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { chooseArtwork } from '../shared/artwork';
import { AGENT_KEY, AGENT_SCRIPT } from '../shared/channel';
import { FRAME_PORT, OPEN_SIDE_PANEL_COMMAND, POPUP_PORT } from '../shared/contract';
import { currentBrowser, openSidePanel } from '../shared/platform';
import { isDataImageUrl } from '../shared/safe-url';
import { createAgentLoader } from './agent-loader';
import { createArtworkCache } from './artwork-cache';
import { loadArtwork } from './artwork-loader';
import { isFetchableArtworkUrl } from './artwork-policy';
import { createAutoPipArming } from './auto-pip-arming';
import { createCommandHandler } from './commands';
import { copyKeysForThisStart } from './copy-keys';
import { type ArtworkFor, buildSnapshot, POPUP_ARTWORK_PX } from './deck-snapshot';
import { createDiagnostics } from './diagnostics';
import { requestFrame } from './frame-messenger';
import { createFramePorts } from './frame-port';
import { injectIntoOpenTabs, injectOnFirstStart } from './inject-open-tabs';
import { createIntentDispatcher } from './intent-dispatcher';
import { createMessageBudget } from './message-budget';
import { createPauseOthers } from './pause-others-runner';
import { createPopupFeed } from './popup-feed';
import { createPopupPorts } from './popup-port';
import { createRegistryStore } from './registry-store';
import { revalidateSessions } from './revalidate-sessions';
import { SessionRegistry } from './session-registry';
import { loadSettings, settings, watchSettings } from './settings-cache';
import { createTabFacts } from './tab-events';
import { createToolbar } from './toolbar';
import { restingStatus } from './toolbar-status';

const later = (fn: () => void, ms: number) => {
  setTimeout(fn, ms);
};
const ignore = () => {};

const diagnostics = createDiagnostics(new URL(browser.runtime.getURL('/')).origin);
const registry = new SessionRegistry((change) => {
  store.changed(change);
  arming.schedule();
  feed.schedule();
  pauseOthers.changed(change);
  scheduleToolbar();
});
const store = createRegistryStore(registry, {
  storage: browser.storage.session,
  later,
  now: Date.now,
  onWrite: diagnostics.storageWrite,
});
let restored = false;
// Ready once the sessions and the settings are both back: a key that woke the worker must act by
// the user's keys rule, and pause others by the user's choice, not by the defaults.
const ready = Promise.all([store.restore(), loadSettings()]).then(() => {
  registry.setKeysRule(settings().keysRule);
  restored = true;
});
const isRestored = () => restored;

/** Chromium or Firefox: what this browser offers (src/shared/platform.ts). */
const features = currentBrowser();
const arming = createAutoPipArming({
  sessions: () => registry.all(),
  tabAudible: (tabId) => registry.tab(tabId)?.audible ?? false,
  // Without automatic picture-in-picture (Firefox) nothing is ever armed: its frames would register
  // a Media Session action the browser does not know.
  settings: features.autoPictureInPicture
    ? settings
    : () => ({ ...settings(), autoPictureInPicture: 'off' }),
  artwork: (session) => {
    const chosen = chooseArtwork(session.state.metadata?.artwork ?? [], POPUP_ARTWORK_PX);
    return chosen ? (artworkFor(session, chosen)?.src ?? null) : null;
  },
  tell: (session, arm, seekOffset, artwork) =>
    requestFrame(session, { type: 'auto-pip', arm, seekOffset, artwork }).then(
      (a) => a ?? 'failed',
    ),
});
const toolbar = createToolbar({
  setBadgeText: (text) => void browser.action.setBadgeText({ text }).catch(ignore),
  setTitle: (title) => void browser.action.setTitle({ title }).catch(ignore),
  later: (fn, ms) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
  now: Date.now,
  onNotice: () => feed.schedule(),
});
/** Most milliseconds the toolbar's resting status lags the registry (one update per interval). */
const TOOLBAR_INTERVAL_MS = 100;
let toolbarScheduled = false;
/** Shows the registry's state on the toolbar icon soon, once however many changes come first. */
function scheduleToolbar(): void {
  if (toolbarScheduled) return;
  toolbarScheduled = true;
  later(() => {
    toolbarScheduled = false;
    toolbar.rest(restingStatus(registry, settings().toolbarCount));
  }, TOOLBAR_INTERVAL_MS);
}
const artwork = createArtworkCache({
  load: loadArtwork,
  fetchable: isFetchableArtworkUrl,
  isDataImage: isDataImageUrl,
  onReady: () => {
    feed.schedule();
    arming.schedule(); // a mini player may show it
  },
  now: Date.now,
});
const artworkFor: ArtworkFor = (session, image) => artwork.shown(session.key, image.src);
const snapshot = () => buildSnapshot(registry, arming.decisions(), toolbar.notice(), artworkFor);
const feed = createPopupFeed({
  message: () => ({ type: 'snapshot', snapshot: snapshot() }),
  now: Date.now,
  later,
  onPush: diagnostics.popupPush,
});
const dispatcher = createIntentDispatcher({
  request: requestFrame,
  pin: (key) => registry.pin(key),
  raise: (key) => registry.raise(key),
  later: (fn) => {
    setTimeout(fn, 0);
  },
  removeSession: (key) => registry.removeSession(key),
  muteTab: (tabId, muted) => void browser.tabs.update(tabId, { muted }).catch(ignore),
  focusTab: (tabId) =>
    void browser.tabs
      .update(tabId, { active: true })
      .then((tab) => tab && browser.windows.update(tab.windowId as number, { focused: true }))
      .catch(ignore),
  record: diagnostics.action,
  clock: () => performance.now(),
  now: Date.now,
});
const pauseOthers = createPauseOthers({
  sessions: () => registry.all(),
  get: (key) => registry.get(key),
  tab: (tabId) => registry.tab(tabId),
  settings,
  dispatcher,
  storage: browser.storage.session,
  later,
});
void ready.then(() => pauseOthers.restore());

const tabs = createTabFacts({ registry, ready, getTab: (tabId) => browser.tabs.get(tabId) });
const framePorts = createFramePorts({
  report: (identity, origin, state, now) => registry.report(identity, origin, state, now),
  removeSession: (key) => registry.removeSession(key),
  learnTab: tabs.learnTab,
  diagnostics,
  budget: createMessageBudget(),
  now: Date.now,
  later,
  isRestored,
  ready,
});
const popupPorts = createPopupPorts({
  feed,
  dispatcher,
  session: (key) => registry.get(key),
  isRestored,
  ready,
  diagnostics,
});

/** The keys this activation's MAIN worlds answer to (src/background/copy-keys.ts). */
const copyKeys = copyKeysForThisStart();
/** Injects the session agent into `target`, the copy key first (`AGENT_KEY`, read synchronously). */
async function injectAgent(target: chrome.scripting.InjectionTarget): Promise<void> {
  const key = (await copyKeys)?.current;
  if (key) {
    await chrome.scripting.executeScript({
      target,
      func: (property: string, value: string) => {
        (globalThis as unknown as Record<string, unknown>)[property] = value;
      },
      args: [AGENT_KEY, key],
      injectImmediately: true,
    });
  }
  await chrome.scripting.executeScript({ target, files: [AGENT_SCRIPT], injectImmediately: true });
}
const agents = createAgentLoader({
  inject: (tabId, documentId) => injectAgent({ tabId, documentIds: [documentId] }),
  injectAll: (tabId) => injectAgent({ tabId, allFrames: true }),
  hasSession: (tabId) => registry.all().some((session) => session.tabId === tabId),
  later,
  now: Date.now,
  diagnostics,
});
// The one message that comes by `runtime.sendMessage`: a first stage asking for its agent (counted
// first, whatever it is, so that a page's cost in messages is whole).
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  diagnostics.fromSender('message', sender);
  return agents.handle(message, sender);
});
browser.tabs.onRemoved.addListener((tabId) => agents.forgetTab(tabId));
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.audible === true) agents.onAudible(tabId);
});

browser.runtime.onConnect.addListener((port) => {
  diagnostics.fromSender('port', port.sender);
  if (port.name === FRAME_PORT) framePorts.serve(port);
  else if (port.name === POPUP_PORT) popupPorts.serve(port);
  else {
    diagnostics.reject('port-name');
    port.disconnect();
  }
});
tabs.listen(browser.tabs);
// The side panel's command opens Media Deck in the window the key was pressed in (Chrome's side
// panel, Firefox's sidebar; the key's gesture is what both need: nothing is awaited before it).
chrome.commands.onCommand.addListener((command, tab) => {
  if (command === OPEN_SIDE_PANEL_COMMAND && tab?.windowId !== undefined) {
    openSidePanel(features, tab.windowId).catch(ignore);
  }
});
browser.commands.onCommand.addListener(
  createCommandHandler({
    isRestored,
    ready,
    activeSession: (currentTabId) => {
      const key = registry.activeKey(currentTabId);
      return key ? (registry.get(key) ?? null) : null;
    },
    tab: (tabId) => registry.tab(tabId),
    seekOffset: () => settings().seekOffsetSeconds,
    pinnedOnly: () => settings().keysRule === 'pinned-only',
    dispatcher,
    notify: (notice) => toolbar.notify(notice),
  }),
);
watchSettings(() => {
  registry.setKeysRule(settings().keysRule);
  arming.schedule();
  feed.schedule();
  scheduleToolbar();
});
// "The tab I am on" for the keys rule: the active tab of the window the user was last in (kept
// while the browser itself is not focused, since media keys reach it from any application).
browser.windows.onFocusChanged.addListener((windowId) => {
  if (windowId !== browser.windows.WINDOW_ID_NONE) registry.focusWindow(windowId);
});
browser.windows.getLastFocused().then(
  (window) => {
    if (window.id !== undefined) registry.focusWindow(window.id);
  },
  () => {},
);
// Tabs opened before this activation (install, update, reload, disable and enable) get the
// content scripts now, once; `runtime.onInstalled` does not fire on enable, so this is not tied to it.
const injection = injectOnFirstStart(copyKeys);
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
// Sessions restored from storage whose page went away while the worker was stopped are found once.
const revalidation = ready.then(() =>
  revalidateSessions(registry, {
    hasLivePort: framePorts.hasLivePort,
    announce: (s) =>
      browser.tabs.sendMessage(
        s.tabId,
        { type: 'announce' },
        { frameId: s.frameId, documentId: s.documentId },
      ),
  }),
);

/**
 * Diagnostics for the headless `npm start`, the tests and the benchmark (read through
 * `serviceWorker.evaluate`); reachable only from the extension's own contexts.
 */
(globalThis as { mediaDeck?: unknown }).mediaDeck = {
  registry,
  stats: diagnostics.stats,
  /** When this service-worker instance started (epoch ms): tells a restart apart. */
  startedAt: Date.now(),
  ready,
  snapshot,
  /** Sessions Media Deck paused, and by whom (src/background/pause-others.ts). */
  pausedByMediaDeck: () => pauseOthers.stack(),
  /** The artwork loader's queue: `{ loading, queued, entries }`. */
  artwork: () => artwork.busy(),
  /** The keys of restored sessions found gone, once the check after the restore is done. */
  revalidation,
  /** Resolves once every registry change so far is in `chrome.storage.session`. */
  stored: () => store.idle(),
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
