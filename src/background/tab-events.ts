/**
 * Keeps the registry's tab facts in step with `chrome.tabs` (docs/architecture.md § The session
 * model): closed and replaced tabs drop their sessions; audible, muted, title, URL, activation and
 * window changes update the tab. Events for tabs without sessions change nothing.
 */
import type { Tabs } from 'webextension-polyfill';
import type { TabInfo } from '../shared/session';
import type { SessionRegistry } from './session-registry';

/** The registry's view of a `tabs.Tab`. */
export function tabFacts(tab: Tabs.Tab): Omit<TabInfo, 'tabId'> {
  return {
    windowId: tab.windowId ?? -1,
    title: tab.title ?? '',
    url: tab.url ?? '',
    audible: tab.audible ?? false,
    muted: tab.mutedInfo?.muted ?? false,
    active: tab.active,
  };
}

/** What following tabs needs from its surroundings. */
export interface TabEventDeps {
  registry: Pick<SessionRegistry, 'knowsTab' | 'updateTab' | 'removeTab' | 'activateTab'>;
  /** Resolves once the registry was restored (events wait for it). */
  ready: Promise<void>;
  /** `tabs.get`. */
  getTab(tabId: number): Promise<Tabs.Tab>;
}

/** The `browser.tabs` events followed. */
export interface TabEvents {
  onRemoved: { addListener(fn: (tabId: number) => void): void };
  onReplaced: { addListener(fn: (addedTabId: number, removedTabId: number) => void): void };
  onUpdated: {
    addListener(
      fn: (tabId: number, change: Tabs.OnUpdatedChangeInfoType, tab: Tabs.Tab) => void,
    ): void;
  };
  onActivated: {
    addListener(fn: (info: { tabId: number; windowId: number }) => void): void;
  };
  onAttached: {
    addListener(fn: (tabId: number, info: { newWindowId: number }) => void): void;
  };
}

/** Tab facts for the registry. */
export interface TabFacts {
  /** Fetches a tab's facts once its first session appears. */
  learnTab(tabId: number): void;
  /** Registers the listeners. Call synchronously at the service worker's top level. */
  listen(events: TabEvents): void;
}

/** Creates the tab facts follower. */
export function createTabFacts(deps: TabEventDeps): TabFacts {
  const { registry, ready } = deps;
  return {
    learnTab(tabId) {
      if (registry.knowsTab(tabId)) return;
      deps.getTab(tabId).then(
        (tab) => registry.updateTab(tabId, tabFacts(tab)),
        () => registry.removeTab(tabId), // the tab is already gone
      );
    },
    listen(events) {
      events.onRemoved.addListener((tabId) => {
        void ready.then(() => registry.removeTab(tabId));
      });
      events.onReplaced.addListener((_added, removedTabId) => {
        void ready.then(() => registry.removeTab(removedTabId));
      });
      events.onUpdated.addListener((tabId, change, tab) => {
        if (
          change.audible === undefined &&
          change.mutedInfo === undefined &&
          change.title === undefined &&
          change.url === undefined
        ) {
          return;
        }
        void ready.then(() => registry.updateTab(tabId, tabFacts(tab)));
      });
      events.onActivated.addListener(({ tabId, windowId }) => {
        void ready.then(() => registry.activateTab(tabId, windowId));
      });
      // A tab dragged to another window: its window, for "the tab I am on" (the keys rule).
      events.onAttached.addListener((tabId, { newWindowId }) => {
        void ready.then(() => registry.updateTab(tabId, { windowId: newWindowId }));
      });
    },
  };
}
