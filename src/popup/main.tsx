import { render } from 'preact';
import browser from 'webextension-polyfill';
import { parseSettings, SETTINGS_KEY } from '../shared/settings';
import { App, type PopupNavigation } from './app';
import { createDeckStore } from './deck-store';
import './popup.css';

const store = createDeckStore((name) => browser.runtime.connect({ name }));
const faviconFor = (pageUrl: string) =>
  `${browser.runtime.getURL('/_favicon/')}?pageUrl=${encodeURIComponent(pageUrl)}&size=32`;
const loadShortcuts = () => browser.commands.getAll();
const navigation: PopupNavigation = {
  openShortcutSettings: () => void browser.tabs.create({ url: 'chrome://extensions/shortcuts' }),
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

function mount(stored: unknown): void {
  render(
    <App
      store={store}
      faviconFor={faviconFor}
      seekOffset={parseSettings(stored).seekOffsetSeconds}
      loadShortcuts={loadShortcuts}
      navigation={navigation}
    />,
    root,
  );
}

mount(undefined);
void browser.storage.sync.get(SETTINGS_KEY).then((s) => mount(s[SETTINGS_KEY]));
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' && changes[SETTINGS_KEY]) mount(changes[SETTINGS_KEY].newValue);
});
