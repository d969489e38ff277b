/**
 * Drives the built extension (`dist/`) in Debian's Chromium through playwright-core, as
 * TESTING.md describes: a persistent context with the unpacked extension, fixture pages served
 * under https origins by `context.route`, and the service worker reachable for `evaluate`.
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

export { chromePath, DIST, ROOT };

/** Serves tests/fixtures/pages (and /media/) under any `https://<name>.test/` origin. */
export const serveFixture = staticRoute(join(ROOT, 'tests/fixtures/pages'));

export interface LaunchOptions {
  headless?: boolean;
  /** X display for a headed run (see xvfb.ts). */
  display?: string;
  /** Extra Chromium switches. */
  args?: string[];
  /** Profile `Preferences` to seed before launch. */
  preferences?: object;
}

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
export interface Snapshot {
  sessions: SessionViewLike[];
  activeKey: string | null;
  pinnedKey: string | null;
  notice: string | null;
}
export interface Stats {
  framePorts: number;
  frameMessagesByTab: Record<string, number>;
  bridgeDroppedByTab: Record<string, number>;
  rejectedByReason: Record<string, number>;
  actions: { key: string; action: string; outcome: string; source: string; ms: number }[];
}

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
