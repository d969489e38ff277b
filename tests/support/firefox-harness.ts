/**
 * Drives the Firefox build (`dist-firefox/`) in Debian's Firefox ESR through puppeteer-core over
 * WebDriver BiDi (scripts/lib/firefox.mjs, docs/testing.md § Real Firefox): the add-on installed
 * under a fixed moz-extension UUID, fixture pages at `http://<name>.test/…` through the fixture
 * server acting as Firefox's proxy, and the popup opened as a tab.
 */
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { ROOT } from '../../scripts/lib/chromium.mjs';
import { EXTENSION_BASE, launchFirefoxWithExtension, openTab } from '../../scripts/lib/firefox.mjs';

import { waitFor } from './harness';

export { waitFor };

/** A running Firefox with Media Deck installed. */
export interface FirefoxDeck {
  browser: Browser;
  /** Opens a fixture page, e.g. `open('http://player.test/music.html')`. */
  open(url: string): Promise<Page>;
  /** Opens an extension page (`src/popup/index.html`) as a tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** Opens the popup as a tab. */
  openPopup(): Promise<Page>;
  /** Opens the fixture `url` and the popup, runs `test` with both, then closes both. */
  withPopup(url: string, test: (page: Page, popup: Page) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** How to launch: without Media Deck (a baseline), or with more Firefox prefs. */
export interface LaunchFirefoxOptions {
  withDeck?: boolean;
  prefs?: Record<string, unknown>;
}

/**
 * Launches Firefox with Media Deck (`withDeck: false`: a baseline Firefox without it, whose
 * extension pages do not exist); `afterAll` must `close()` it.
 */
export async function launchFirefoxDeck({
  withDeck = true,
  prefs = {},
}: LaunchFirefoxOptions = {}): Promise<FirefoxDeck> {
  const run = await launchFirefoxWithExtension({
    pagesDir: join(ROOT, 'tests/fixtures/pages'),
    prefs,
    ...(withDeck ? {} : { deckDir: null }),
  });
  const openExtensionPage = (path: string) => openTab(run.browser, `${EXTENSION_BASE}/${path}`);
  const openPopup = () => openExtensionPage('src/popup/index.html');
  return {
    browser: run.browser,
    open: (url) => openTab(run.browser, url),
    openExtensionPage,
    openPopup,
    async withPopup(url, test) {
      const page = await openTab(run.browser, url);
      const popup = await openPopup();
      try {
        await test(page, popup);
      } finally {
        await popup.close();
        await page.close();
      }
    },
    close: run.close,
  };
}

/** Calls the fixture's `window.player.play()` (tests/fixtures/pages) in a page or a frame. */
export function play(target: Page | Frame): Promise<void> {
  return target.evaluate(() =>
    (window as unknown as { player: { play(): Promise<void> } }).player.play(),
  );
}

/** The accessible names of the buttons in the popup's "Controls for <title>" group. */
export function buttonsOf(popup: Page, title: string): Promise<string[]> {
  return popup.evaluate((title) => {
    const group = document.querySelector(`[role="group"][aria-label="Controls for ${title}"]`);
    return [...(group?.querySelectorAll('button') ?? [])].map(
      (b) => b.getAttribute('aria-label') ?? b.textContent ?? '',
    );
  }, title);
}

/** The popup's session cards, by the title that names each list item. */
export function cardTitles(popup: Page): Promise<string[]> {
  return popup.evaluate(() =>
    [...document.querySelectorAll('li[aria-labelledby]')].map((li) => {
      const id = li.getAttribute('aria-labelledby') ?? '';
      return document.getElementById(id)?.textContent ?? '';
    }),
  );
}

/** The text of the popup's card titled `title`, or '' while there is none. */
export function cardText(popup: Page, title: string): Promise<string> {
  return popup.evaluate((title) => {
    for (const li of document.querySelectorAll('li[aria-labelledby]')) {
      const id = li.getAttribute('aria-labelledby') ?? '';
      if (document.getElementById(id)?.textContent === title) return li.textContent ?? '';
    }
    return '';
  }, title);
}

/**
 * Waits until the popup's card titled `title` shows `state` (`Playing`, `Paused`), and returns the
 * card's text.
 */
export function waitForCard(popup: Page, title: string, state = 'Playing'): Promise<string> {
  return waitFor(`the card "${title}" ${state}`, async () => {
    const text = await cardText(popup, title);
    return text.includes(state) ? text : '';
  });
}

/**
 * One Firefox for the test file: launched in `beforeAll`, closed in `afterAll`. Returns a getter
 * (the deck exists only once `beforeAll` ran).
 */
export function useFirefoxDeck(options: LaunchFirefoxOptions = {}): () => FirefoxDeck {
  let deck: FirefoxDeck | undefined;
  beforeAll(async () => {
    deck = await launchFirefoxDeck(options);
  });
  afterAll(async () => {
    await deck?.close();
  });
  return () => {
    if (!deck) throw new Error('Firefox is not running: useFirefoxDeck() at the top of the file.');
    return deck;
  };
}

/** Whether Firefox's sidebar shows Media Deck, asked from an extension page. */
export function sidebarIsOpen(extensionPage: Page): Promise<boolean> {
  return extensionPage.evaluate(() =>
    (
      globalThis as unknown as {
        browser: { sidebarAction: { isOpen(details: object): Promise<boolean> } };
      }
    ).browser.sidebarAction.isOpen({}),
  );
}

/**
 * What Firefox's sidebar shows, read from another extension page through
 * `extension.getViews({ type: 'sidebar' })`: its root's `data-surface` and its text, or `null`
 * while no sidebar page of Media Deck is loaded.
 */
export function sidebarContent(
  extensionPage: Page,
): Promise<{ surface: string | undefined; text: string } | null> {
  return extensionPage.evaluate(() => {
    const views = (
      globalThis as unknown as {
        browser: { extension: { getViews(filter: object): Window[] } };
      }
    ).browser.extension.getViews({ type: 'sidebar' });
    const view = views[0];
    if (view?.document.readyState !== 'complete') return null;
    const root = view.document.getElementById('app');
    return { surface: root?.dataset.surface, text: view.document.body.textContent ?? '' };
  });
}

/**
 * The background page's `performance.timeOrigin`, read through `runtime.getBackgroundPage()` from
 * an extension page (which starts the event page if Firefox had suspended it): a new value means a
 * new background, i.e. a restart.
 */
export function backgroundTimeOrigin(extensionPage: Page): Promise<number> {
  return extensionPage.evaluate(async () => {
    const api = (
      globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window> } } }
    ).browser;
    return (await api.runtime.getBackgroundPage()).performance.timeOrigin;
  });
}

/** Clicks the button named `label` on the popup's card titled `title` (waits for it first). */
export async function pressControl(popup: Page, title: string, label: string): Promise<void> {
  const button = await waitFor(`"${label}" on "${title}"`, () =>
    popup.$(`li.session:has([aria-label="Controls for ${title}"]) button[aria-label="${label}"]`),
  );
  await button.click();
}

/**
 * Waits until a fixture player (tests/fixtures/pages/music.html) is paused and its own `pause`
 * handler was called (record.js logs the calls).
 */
export async function waitForPausedByHandler(page: Page): Promise<void> {
  await waitFor('the page paused by its own handler', () =>
    page.evaluate(() => {
      const w = window as unknown as {
        calls: { action: string }[];
        player: { audio: HTMLAudioElement };
      };
      return w.calls.some((c) => c.action === 'pause') && w.player.audio.paused;
    }),
  );
}
