/**
 * Keeps the registry's tab facts in step with `chrome.tabs` (DESIGN.md § The session model, "tab"):
 * closed and replaced tabs drop their sessions; audible, muted, title, URL and activation changes
 * update the tab. Events for tabs without sessions return at once.
 */
import browser, { type Tabs } from 'webextension-polyfill';
import type { Deck } from './deck';

/** The registry's view of a `tabs.Tab`. */
export function tabFacts(tab: Tabs.Tab) {
  return {
    windowId: tab.windowId ?? -1,
    title: tab.title ?? '',
    url: tab.url ?? '',
    audible: tab.audible ?? false,
    muted: tab.mutedInfo?.muted ?? false,
    active: tab.active,
  };
}

/** Fetches a tab's facts once its first session appears. */
export function learnTab(deck: Deck, tabId: number): void {
  if (deck.registry.knowsTab(tabId)) return;
  void browser.tabs.get(tabId).then(
    (tab) => {
      if (deck.registry.updateTab(tabId, tabFacts(tab))) deck.changed();
    },
    () => {
      if (deck.registry.removeTab(tabId)) deck.changed(); // The tab is already gone.
    },
  );
}

/** Registers the `chrome.tabs` listeners. Call synchronously at the service worker's top level. */
export function listenToTabs(deck: Deck): void {
  browser.tabs.onRemoved.addListener((tabId) => {
    void deck.ready.then(() => {
      if (deck.registry.removeTab(tabId)) deck.changed();
    });
  });
  browser.tabs.onReplaced.addListener((_addedTabId, removedTabId) => {
    void deck.ready.then(() => {
      if (deck.registry.removeTab(removedTabId)) deck.changed();
    });
  });
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (
      change.audible === undefined &&
      change.mutedInfo === undefined &&
      change.title === undefined &&
      change.url === undefined
    ) {
      return;
    }
    void deck.ready.then(() => {
      if (deck.registry.updateTab(tabId, tabFacts(tab))) deck.changed();
    });
  });
  browser.tabs.onActivated.addListener(({ tabId, windowId }) => {
    void deck.ready.then(() => {
      if (deck.registry.activateTab(tabId, windowId)) deck.changed();
    });
  });
}
