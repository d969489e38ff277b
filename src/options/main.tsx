import { render } from 'preact';
import browser from 'webextension-polyfill';
import { currentBrowser } from '../shared/platform';
import { localizeDocument } from '../ui/document-locale';
import { createSettingsStore, type SettingsStorage } from '../ui/settings-store';
import { OptionsApp } from './options-app';
import './options.css';

localizeDocument(document, 'optionsTitle');
const storage: SettingsStorage = {
  get: (key) => browser.storage.sync.get(key),
  set: (items) => browser.storage.sync.set(items),
  onChanged: (listener) => browser.storage.onChanged.addListener(listener),
};
const store = createSettingsStore(storage);
const openChromeSettings = () => {
  void browser.tabs.create({ url: 'chrome://settings/content/autoPictureInPicture' });
};

render(
  <OptionsApp
    store={store}
    // Firefox has no automatic picture-in-picture (src/shared/platform.ts): its settings are left out.
    openChromeSettings={currentBrowser().autoPictureInPicture ? openChromeSettings : undefined}
  />,
  document.getElementById('app') as HTMLElement,
);
