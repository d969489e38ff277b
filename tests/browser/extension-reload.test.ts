/**
 * Issue "Survive restarts, updates and hostile pages without losing a session" (part): the
 * extension is really reloaded, twice, while two tabs play. Chrome unloads it, reads its
 * directory again (with a new version each time, so it is an update), starts a new service worker
 * and fires `runtime.onInstalled` there; the old content scripts stay in the pages with a dead
 * extension context. The first reload is chrome://extensions' Reload button, the second
 * `chrome.runtime.reload()`. A copy of `dist/` is loaded, so that its manifest can be rewritten.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  collectErrors,
  DEVELOPER_MODE,
  type Deck,
  DIST,
  injectedAtStart,
  launchDeck,
  type ReloadHow,
  reloadExtension,
  setExtensionEnabled,
  waitFor,
  waitForInstalled,
} from '../support/harness';

let deck: Deck;
let build: string;
beforeAll(async () => {
  build = mkdtempSync(join(tmpdir(), 'media-deck-build-'));
  cpSync(DIST, build, { recursive: true });
  deck = await launchDeck({ deckDir: build, preferences: DEVELOPER_MODE });
});
afterAll(async () => {
  await deck?.close();
  if (build) rmSync(build, { recursive: true, force: true });
});

/** Rewrites the loaded build's manifest version; the next reload is then an update to it. */
function setVersion(version: string): void {
  const file = join(build, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  manifest.version = version;
  writeFileSync(file, JSON.stringify(manifest, null, 2));
}

type Fixture = {
  player: { play(): Promise<void> };
  calls: { action: string }[];
  __seen: string[];
};

/**
 * Runs in the page: for each function the MAIN world replaces, its name, whether it is the very
 * object it was at this function's first call in the page, and what `toString` prints for it.
 */
function wrappersInPage(): [string, boolean, string][] {
  const ms = MediaSession.prototype;
  const now: [string, unknown][] = [
    ['setActionHandler', Object.getOwnPropertyDescriptor(ms, 'setActionHandler')?.value],
    ['setPositionState', Object.getOwnPropertyDescriptor(ms, 'setPositionState')?.value],
    ['metadata setter', Object.getOwnPropertyDescriptor(ms, 'metadata')?.set],
    ['playbackState setter', Object.getOwnPropertyDescriptor(ms, 'playbackState')?.set],
    ['play', Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'play')?.value],
    ['toString', Object.getOwnPropertyDescriptor(Function.prototype, 'toString')?.value],
  ];
  const w = window as unknown as { __wrappers?: Record<string, unknown> };
  w.__wrappers ??= Object.fromEntries(now);
  const first = w.__wrappers;
  return now.map(([name, fn]) => [
    name,
    fn === first[name],
    Reflect.apply(Function.prototype.toString, fn, []) as string,
  ]);
}

it('two real reloads with two tabs playing: onInstalled updates and re-injects, both sessions come back controllable, wrapped once, and the pages see no error', async () => {
  const music = await deck.open('https://player.test/music.html');
  const video = await deck.open('https://video.test/video.html');
  const tabs: { page: Page; title: string; button: string | RegExp; action: string }[] = [
    { page: music, title: 'First Light', button: 'Seek forward 10 seconds', action: 'seekforward' },
    { page: video, title: 'Test Card Documentary', button: 'Skip ad', action: 'skipad' },
  ];
  const errors = new Map<Page, string[]>();
  for (const { page } of tabs) {
    errors.set(page, await collectErrors(deck, page));
    await page.evaluate(() => {
      const w = window as unknown as Fixture;
      w.__seen = [];
      addEventListener('error', (e) => w.__seen.push(`error: ${e.message}`));
      addEventListener('unhandledrejection', (e) =>
        w.__seen.push(`unhandledrejection: ${String(e.reason)}`),
      );
      return w.player.play();
    });
  }
  await waitFor('both sessions playing', async () => {
    const sessions = (await deck.snapshot()).sessions;
    return tabs.every((t) =>
      sessions.some((s) => s.title === t.title && s.playbackState === 'playing'),
    );
  });
  const wrappersBefore = new Map<Page, [string, boolean, string][]>();
  for (const { page } of tabs) wrappersBefore.set(page, await page.evaluate(wrappersInPage));
  expect(wrappersBefore.get(music)).toContainEqual([
    'setActionHandler',
    true,
    'function setActionHandler() { [native code] }',
  ]);
  const keysBefore = (await deck.snapshot()).sessions.map((s) => s.key).sort();

  const reloads: { how: ReloadHow; version: string; previous: string }[] = [
    { how: 'button', version: '0.1.0.1', previous: '0.1.0' },
    { how: 'runtime', version: '0.1.0.2', previous: '0.1.0.1' },
  ];
  for (const { how, version, previous } of reloads) {
    setVersion(version);
    const worker = await reloadExtension(deck, how);
    expect(await worker.evaluate(() => chrome.runtime.getManifest().version)).toBe(version);

    // runtime.onInstalled ran in the new worker, as an update, and injected into both tabs.
    const installed = await waitForInstalled(worker);
    expect(installed).toEqual({ reason: 'update', previousVersion: previous, injectedTabs: 2 });

    // Both sessions back, reported to the new worker by the new bridges (not only restored).
    await waitFor(
      `both sessions reported to the new worker after the ${how} reload`,
      async () => {
        const [snapshot, stats] = await Promise.all([deck.snapshot(), deck.stats()]);
        return tabs.every((t) =>
          snapshot.sessions.some(
            (s) =>
              s.title === t.title &&
              s.playbackState === 'playing' &&
              (stats.frameMessagesByTab[String(s.tabId)] ?? 0) > 0,
          ),
        );
      },
      20_000,
    );
    expect((await deck.snapshot()).sessions.map((s) => s.key).sort()).toEqual(keysBefore);

    for (const { page, title, button, action } of tabs) {
      // Wrapped once: the very same functions as before any reload, still printing native source.
      expect(await page.evaluate(wrappersInPage)).toEqual(wrappersBefore.get(page));

      // A popup button reaches the page's handler exactly once, through the new worker.
      await page.evaluate(() => {
        (window as unknown as Fixture).calls.length = 0;
      });
      const actionsBefore = (await deck.stats()).actions.length;
      const popup = await deck.openPopup();
      try {
        await popup
          .getByRole('listitem', { name: title })
          .getByRole('button', { name: button, exact: true })
          .click();
        await waitFor(`${action} answered by the page after the ${how} reload`, async () =>
          (await deck.stats()).actions
            .slice(actionsBefore)
            .some((a) => a.action === action && a.outcome === 'handler'),
        );
      } finally {
        await popup.close();
      }
      await page.waitForTimeout(300); // a second delivery, if any, would have arrived by now
      expect(
        await page.evaluate(() => (window as unknown as Fixture).calls.map((c) => c.action)),
      ).toEqual([action]);
    }
  }

  // The bridges the reloads left behind stay quiet. Move the music on a track, then stop the
  // worker: each frame reconnects exactly once, saying what plays now (a left-over bridge would
  // reconnect too, with the track of before).
  const popup = await deck.openPopup();
  try {
    await popup
      .getByRole('listitem', { name: 'First Light' })
      .getByRole('button', { name: 'Next track' })
      .click();
    await waitFor('the next track', async () =>
      (await deck.snapshot()).sessions.some((s) => s.title === 'Second Wind'),
    );
  } finally {
    await popup.close();
  }
  await deck.stopServiceWorker();
  await waitFor(
    'both sessions after a restart of the worker',
    async () => {
      const titles = (await deck.snapshot()).sessions.map((s) => s.title).sort();
      return titles.join() === 'Second Wind,Test Card Documentary';
    },
    20_000,
  );
  await music.waitForTimeout(300); // a second reconnection, if any, would have arrived by now
  expect((await deck.stats()).framePorts).toBe(2);
  expect((await deck.snapshot()).sessions.map((s) => s.title).sort()).toEqual([
    'Second Wind',
    'Test Card Documentary',
  ]);

  for (const { page } of tabs) {
    expect(await page.evaluate(() => (window as unknown as Fixture).__seen)).toEqual([]);
    expect(errors.get(page)).toEqual([]);
  }
  await music.close();
  await video.close();
});

it('disabled and enabled again with a tab playing: its session comes back without a reload; a later start injects nothing', async () => {
  const music = await deck.open('https://toggled.test/music.html');
  let disabled = false;
  try {
    await music.evaluate(() => (window as unknown as Fixture).player.play());
    const first = await waitFor('the playing session', async () =>
      (await deck.snapshot()).sessions.find(
        (s) => s.host === 'toggled.test' && s.playbackState === 'playing',
      ),
    );
    const wrappers = await music.evaluate(wrappersInPage);

    await setExtensionEnabled(deck, false);
    disabled = true;
    await setExtensionEnabled(deck, true);
    disabled = false;
    // No runtime.onInstalled on enable: the first start of the activation injected by itself.
    expect(await injectedAtStart(deck)).toBe(1);
    const back = await waitFor('the session, reported to the enabled extension', async () => {
      const [snapshot, stats] = await Promise.all([deck.snapshot(), deck.stats()]);
      const session = snapshot.sessions.find((s) => s.host === 'toggled.test');
      return session && (stats.frameMessagesByTab[String(session.tabId)] ?? 0) > 0 ? session : null;
    });
    expect(back).toMatchObject({ key: first.key, title: 'First Light', playbackState: 'playing' });
    expect(await music.evaluate(wrappersInPage)).toEqual(wrappers); // still wrapped once

    // A later start in the same activation, even one that lost the record of the injection (as at
    // a browser start), finds the live bridge and injects nothing twice.
    await deck
      .serviceWorker()
      .evaluate(() => chrome.storage.session.remove('contentScriptsInjected'));
    await deck.stopServiceWorker();
    await waitFor('a new worker', async () => (await deck.snapshot()).sessions.length > 0);
    expect(await injectedAtStart(deck)).toBe(0);

    // And the session is controllable through it, exactly once.
    await music.evaluate(() => {
      (window as unknown as Fixture).calls.length = 0;
    });
    const popup = await deck.openPopup();
    try {
      await popup
        .getByRole('listitem', { name: 'First Light' })
        .getByRole('button', { name: 'Pause', exact: true })
        .click();
      await waitFor('pause handled', () =>
        music.evaluate(() => (window as unknown as Fixture).calls.length > 0),
      );
    } finally {
      await popup.close();
    }
    await music.waitForTimeout(300);
    expect(
      await music.evaluate(() => (window as unknown as Fixture).calls.map((c) => c.action)),
    ).toEqual(['pause']);
  } finally {
    if (disabled) await setExtensionEnabled(deck, true);
    await music.close();
  }
});
