import { render } from 'preact';
import browser from 'webextension-polyfill';
import { App } from './app';
import { createDeckStore } from './deck-store';
import './popup.css';

const store = createDeckStore((name) => browser.runtime.connect({ name }));
const faviconFor = (pageUrl: string) =>
  `${browser.runtime.getURL('/_favicon/')}?pageUrl=${encodeURIComponent(pageUrl)}&size=32`;

render(
  <App store={store} faviconFor={faviconFor} />,
  document.getElementById('app') as HTMLElement,
);
