import { render } from 'preact';
import browser from 'webextension-polyfill';
import { createSettingsStore } from '../ui/settings-store';
import { App, type PopupNavigation } from './app';
import { createDeckStore } from './deck-store';
import './popup.css';

const store = createDeckStore((name) => browser.runtime.connect({ name }));
const settings = createSettingsStore({
  get: (key) => browser.storage.sync.get(key),
  set: (items) => browser.storage.sync.set(items),
  onChanged: (listener) => browser.storage.onChanged.addListener(listener),
});
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

function mount(): void {
  const { settings: current } = settings.get();
  render(
    <App
      store={store}
      faviconFor={faviconFor}
      seekOffset={current.seekOffsetSeconds}
      loadShortcuts={loadShortcuts}
      navigation={navigation}
      autoPip={{
        mode: current.autoPictureInPicture,
        set: (mode) => void settings.update({ autoPictureInPicture: mode }).catch(() => {}),
      }}
    />,
    root,
  );
}

mount();
settings.subscribe(mount);
