// First, on its own, so that the Port opens before anything else is evaluated (see early-port.ts).
import './early-port';
import { render } from 'preact';
import browser from 'webextension-polyfill';
import {
  currentBrowser,
  faviconUrl,
  openSidePanel as openPanel,
  openShortcutSettings,
} from '../shared/platform';
import type { AutoPipMode, KeysRule } from '../shared/settings';
import { localizeDocument } from '../ui/document-locale';
import { createSettingsStore } from '../ui/settings-store';
import { useStore } from '../ui/use-store';
import { App, type PopupNavigation } from './app';
import { createDeckStore } from './deck-store';
import { connectPopupPort } from './early-port';
import './popup.css';

const store = createDeckStore(connectPopupPort);
localizeDocument(document, 'extName'); // after the Port: it must not delay it (early-port.ts)
const settings = createSettingsStore({
  get: (key) => browser.storage.sync.get(key),
  set: (items) => browser.storage.sync.set(items),
  onChanged: (listener) => browser.storage.onChanged.addListener(listener),
});
/** Chromium or Firefox: what this browser offers (src/shared/platform.ts). */
const features = currentBrowser();
const faviconFor = (pageUrl: string) => faviconUrl(features, pageUrl);
const loadShortcuts = () => browser.commands.getAll();
const navigation: PopupNavigation = {
  openShortcutSettings: () => void openShortcutSettings(features).catch(() => {}),
  openSiteSettings: (pageUrl) => {
    let origin = pageUrl;
    try {
      origin = new URL(pageUrl).origin;
    } catch {}
    void browser.tabs.create({
      url: `chrome://settings/content/siteDetails?site=${encodeURIComponent(origin)}`,
    });
  },
  openOptions: () => void browser.runtime.openOptionsPage(),
};
const root = document.getElementById('app') as HTMLElement;

const setAutoPip = (mode: AutoPipMode) =>
  void settings.update({ autoPictureInPicture: mode }).catch(() => {});
const setKeysRule = (rule: KeysRule) => void settings.update({ keysRule: rule }).catch(() => {});

/**
 * This page is the side panel (src/sidepanel/index.html loads this same script, with
 * `data-surface="side-panel"` on its root): the same deck, without the button that opens it.
 */
const inSidePanel = root.dataset.surface === 'side-panel';
/** The browser window this popup belongs to, asked at once: a click should not wait for it. */
let windowId: number | undefined;
const currentWindow = inSidePanel
  ? null
  : browser.windows.getCurrent().then(
      (window) => {
        windowId = window.id;
        return window.id;
      },
      () => undefined,
    );
/**
 * Opens the deck in this window's side panel (Chrome's `sidePanel.open`, Firefox's sidebar; both
 * need the click's user activation: called at once when the window is known, else as soon as it
 * is, well within Chrome's activation's few seconds; Firefox's sidebar opens only from the click
 * itself), then closes the popup.
 */
const openSidePanel = () => {
  const open = (id: number | undefined) => {
    if (id === undefined) return;
    openPanel(features, id).then(
      () => globalThis.close(),
      () => {},
    );
  };
  // Firefox's sidebar needs no window, and opens only from the click itself: at once.
  if (windowId !== undefined || features.sidePanel === 'sidebar') open(windowId ?? -1);
  else void currentWindow?.then(open);
};

/** The popup with the user's settings, drawn again (only where they matter) when they change. */
function Popup() {
  const { settings: current } = useStore(settings);
  return (
    <App
      store={store}
      faviconFor={faviconFor}
      seekOffset={current.seekOffsetSeconds}
      loadShortcuts={loadShortcuts}
      navigation={navigation}
      autoPip={
        features.autoPictureInPicture
          ? { mode: current.autoPictureInPicture, set: setAutoPip }
          : undefined
      }
      keys={{ rule: current.keysRule, set: setKeysRule }}
      openSidePanel={inSidePanel ? undefined : openSidePanel}
      features={features}
    />
  );
}

render(<Popup />, root);
