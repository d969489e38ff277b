/**
 * Drives the built extension (`dist/`) in Debian's Chromium through playwright-core, as
 * docs/testing.md § Real browsers describes: a persistent context with the unpacked extension,
 * fixture pages served under https origins by `context.route`, and the service worker reachable for
 * `evaluate`.
 */

import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import {
  chromePath,
  DIST,
  launchWithExtension,
  ROOT,
  staticRoute,
  stopServiceWorker,
} from '../../scripts/lib/chromium.mjs';
import type { DeckStats } from '../../src/background/diagnostics';

export { chromePath, DIST, ROOT };

/** Serves tests/fixtures/pages (and /media/) under any `https://<name>.test/` origin. */
export const serveFixture = staticRoute(join(ROOT, 'tests/fixtures/pages'));

export interface LaunchOptions {
  headless?: boolean;
  /** X display for a headed run (scripts/lib/xvfb.mjs). */
  display?: string;
  /** Chromium's UI language (`de`, `ar`): `LANGUAGE` in its environment (scripts/lib/chromium.mjs). */
  language?: string;
  /** Extra Chromium switches. */
  args?: string[];
  /** Profile `Preferences` to seed before launch. */
  preferences?: object;
  /** The extension build to load (default `dist/`); a test that rewrites it loads a copy. */
  deckDir?: string;
}

/**
 * `Preferences` with chrome://extensions' developer mode on. Without it Chromium 156 disables an
 * extension loaded with `--load-extension` as soon as it is reloaded (`chrome.runtime.reload()`
 * or the Reload button): `developerPrivate.getExtensionInfo` then shows the disable reason
 * `unsupportedDeveloperExtension`.
 */
export const DEVELOPER_MODE = { extensions: { ui: { developer_mode: true } } };

/** A running Chromium with Media Deck loaded. */
export interface Deck {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  userDataDir: string;
  /** Opens a fixture page, e.g. `open('https://player.test/music.html')`. */
  open(url: string): Promise<Page>;
  /** Opens the popup as a tab. */
  openPopup(): Promise<Page>;
  /** The service worker's current `DeckSnapshot`. */
  snapshot(): Promise<Snapshot>;
  /** The service worker's counters. */
  stats(): Promise<Stats>;
  /** The running service worker (a new one after a restart). */
  serviceWorker(): Worker;
  /**
   * Stops the extension's service worker through the DevTools protocol, as Chrome does to an idle
   * one, and waits until it is gone. The next event wakes a new instance.
   */
  stopServiceWorker(): Promise<void>;
  close(): Promise<void>;
}

export interface SessionViewLike {
  key: string;
  tabId: number;
  frameId: number;
  title: string;
  artist: string;
  album: string;
  host: string;
  kind: string | null;
  playbackState: string;
  actions: string[];
  active: boolean;
  microphoneActive: boolean | null;
  cameraActive: boolean | null;
  artwork: { src: string; sizes: string }[];
  position: { duration: number | null; position: number; playbackRate: number } | null;
  pictureInPicture: boolean;
  autoPip: { armed: boolean; reason: string | null };
}
/** A `Notice` (src/shared/contract.ts), loosely: a code and its parameters. */
export interface NoticeLike {
  code: string;
  outcome?: string;
  because?: string;
  title?: string;
  host?: string;
  command?: string;
}
export interface Snapshot {
  sessions: SessionViewLike[];
  activeKey: string | null;
  pinnedKey: string | null;
  notice: NoticeLike | null;
}
/**
 * `DeckStats` (src/background/diagnostics.ts) as the tests read it, through JSON: the maps keyed
 * by tab id have string keys.
 */
export type Stats = {
  [K in keyof DeckStats]: DeckStats[K] extends Record<number, number>
    ? Record<string, number>
    : DeckStats[K];
};

/** Launches Chromium with the built extension. Throws if Chromium or `dist/` is missing. */
export async function launchDeck(options: LaunchOptions = {}): Promise<Deck> {
  const { context, worker, extensionId, userDataDir, close } = await launchWithExtension({
    ...options,
    pagesDir: join(ROOT, 'tests/fixtures/pages'),
  });
  // The newest of the extension's workers: after a reload Chrome starts a new one (a stop and
  // wake keeps the handle).
  const currentWorker = () =>
    context
      .serviceWorkers()
      .filter((w) => w.url().includes(extensionId))
      .at(-1) ?? worker;
  const evaluateDeck = async <T>(fn: () => T): Promise<T> => {
    // Right after a restart the new instance may not have run its top level yet.
    for (let i = 0; ; i++) {
      try {
        return await currentWorker().evaluate(fn);
      } catch (error) {
        if (i > 40) throw error;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };

  return {
    context,
    worker,
    extensionId,
    userDataDir,
    async open(url) {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    async openPopup() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
      return page;
    },
    snapshot: () =>
      evaluateDeck(() =>
        (globalThis as unknown as { mediaDeck: { snapshot(): Snapshot } }).mediaDeck.snapshot(),
      ),
    stats: () =>
      evaluateDeck(() =>
        JSON.parse(
          JSON.stringify(
            (globalThis as unknown as { mediaDeck: { stats: Stats } }).mediaDeck.stats,
          ),
        ),
      ),
    serviceWorker: currentWorker,
    stopServiceWorker: () => stopServiceWorker(context, extensionId),
    close,
  };
}

/** Polls `probe` until it returns a truthy value, or throws after `timeoutMs` with `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T> | T,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the service worker holds a session titled `title`, and returns it. */
export async function waitForSession(
  deck: Deck,
  title: string,
  timeoutMs = 10_000,
): Promise<SessionViewLike> {
  return waitFor(
    `session "${title}"`,
    async () => (await deck.snapshot()).sessions.find((s) => s.title === title),
    timeoutMs,
  );
}

/**
 * Presses Pause on the popup's card titled `title` and waits until the worker reports session
 * `key` as paused: proof that the session is still controllable end to end.
 */
export async function pauseFromPopup(deck: Deck, title: string, key: string): Promise<void> {
  const popup = await deck.openPopup();
  try {
    await popup
      .getByRole('listitem', { name: title })
      .getByRole('button', { name: 'Pause', exact: true })
      .click();
    await waitFor(
      `${title} paused`,
      async () =>
        (await deck.snapshot()).sessions.find((s) => s.key === key)?.playbackState === 'paused',
    );
  } finally {
    await popup.close();
  }
}

/**
 * How `reloadExtension` reloads: `'button'` clicks Reload on the extension's card in
 * chrome://extensions (what a developer does, and what `developerPrivate.reload` runs);
 * `'runtime'` has the service worker call `chrome.runtime.reload()`.
 */
export type ReloadHow = 'button' | 'runtime';

/**
 * Really reloads the unpacked extension (Chrome unloads it, reads its directory again and starts
 * a new service worker, and `runtime.onInstalled` fires with reason `'update'`), and resolves
 * with the new worker once its top level ran. Needs `DEVELOPER_MODE` in the profile's
 * preferences. Throws when no new worker appears within 15 s.
 */
export async function reloadExtension(deck: Deck, how: ReloadHow): Promise<Worker> {
  const before = deck.serviceWorker();
  const startedBefore = await before.evaluate(
    () => (globalThis as unknown as { mediaDeck: { startedAt: number } }).mediaDeck.startedAt,
  );
  if (how === 'button') {
    const page = await deck.context.newPage();
    try {
      await page.goto('chrome://extensions');
      // Playwright's CSS locators pierce the page's shadow roots.
      await page.locator(`extensions-item#${deck.extensionId} #dev-reload-button`).click();
    } finally {
      await page.close();
    }
  } else {
    // Later, so that `evaluate` returns before the worker goes away.
    await before.evaluate(() => {
      setTimeout(() => chrome.runtime.reload(), 0);
    });
  }
  return waitFor(
    'the reloaded extension’s new service worker',
    async () => {
      const worker = deck.serviceWorker();
      if (worker === before) return null;
      const startedAt = await worker.evaluate(
        () => (globalThis as unknown as { mediaDeck?: { startedAt: number } }).mediaDeck?.startedAt,
      );
      return startedAt !== undefined && startedAt !== startedBefore ? worker : null;
    },
    15_000,
  );
}

/**
 * Disables or enables the extension as chrome://extensions does (`management.setEnabled` from that
 * page); enabling resolves once the new service worker ran its top level. Needs `DEVELOPER_MODE`.
 */
export async function setExtensionEnabled(deck: Deck, enabled: boolean): Promise<void> {
  const before = deck.serviceWorker();
  const page = await deck.context.newPage();
  try {
    await page.goto('chrome://extensions');
    await page.evaluate(
      ([id, on]) => chrome.management.setEnabled(id as string, on as boolean),
      [deck.extensionId, enabled],
    );
  } finally {
    await page.close();
  }
  if (enabled) {
    await waitFor('the enabled extension’s worker', async () => {
      const worker = deck.serviceWorker();
      return (
        worker !== before &&
        (await worker.evaluate(() => typeof (globalThis as { mediaDeck?: unknown }).mediaDeck)) ===
          'object'
      );
    });
  }
}

/**
 * Tabs the current worker's start injected the content scripts into (`mediaDeck.injected`), or
 * `null` when the activation had done it before this start.
 */
export function injectedAtStart(deck: Deck): Promise<number | null> {
  return deck
    .serviceWorker()
    .evaluate(
      () =>
        (globalThis as unknown as { mediaDeck: { injected: Promise<number | null> } }).mediaDeck
          .injected,
    );
}

/** What the worker recorded of its last `runtime.onInstalled` (`mediaDeck.installed`). */
export interface Installed {
  reason: string;
  previousVersion?: string;
  /** Tabs the content scripts were injected into; `null` while the injection runs. */
  injectedTabs: number | null;
}

/** Waits until `worker`'s `runtime.onInstalled` has injected into open tabs, and returns the record. */
export function waitForInstalled(worker: Worker): Promise<Installed> {
  return waitFor('runtime.onInstalled to inject into open tabs', () =>
    worker.evaluate(() => {
      const installed = (globalThis as unknown as { mediaDeck: { installed: Installed | null } })
        .mediaDeck.installed;
      return installed && installed.injectedTabs !== null ? installed : null;
    }),
  );
}

/**
 * Collects every error a page could see or log, from the moment it is called: uncaught exceptions
 * and unhandled rejections in any of the page's worlds (the page's own, and the extension's isolated
 * world, through the DevTools protocol), and `console.error` calls in any world. Returns the live
 * list.
 */
export async function collectErrors(deck: Deck, page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  const cdp = await deck.context.newCDPSession(page);
  cdp.on('Runtime.consoleAPICalled', ({ type, args, executionContextId }) => {
    if (type === 'error' || type === 'assert')
      errors.push(
        `console.${type} in context ${executionContextId}: ${args
          .map((a) => String(a.value ?? a.description))
          .join(' ')}`,
      );
  });
  cdp.on('Runtime.exceptionThrown', ({ exceptionDetails }) =>
    errors.push(
      `uncaught in context ${exceptionDetails.executionContextId}: ${
        exceptionDetails.exception?.description ?? exceptionDetails.text
      }`,
    ),
  );
  await cdp.send('Runtime.enable');
  return errors;
}
