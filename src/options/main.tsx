import { render } from 'preact';
import browser from 'webextension-polyfill';
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
  <OptionsApp store={store} openChromeSettings={openChromeSettings} />,
  document.getElementById('app') as HTMLElement,
);
