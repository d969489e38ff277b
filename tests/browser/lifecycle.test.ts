/**
 * Issue #5 (part): the extension is updated while media plays in open tabs. The
 * content scripts are injected into those tabs, the session comes back with working controls, and
 * a frame that already holds the MAIN-world wrapper is not wrapped twice.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Deck, launchDeck, waitFor } from '../support/harness';

let deck: Deck;
beforeAll(async () => {
  deck = await launchDeck();
});
afterAll(async () => {
  await deck?.close();
});

type Page = { player: { play(): Promise<void> }; calls: { action: string }[] };

it('after an update injects the content scripts again, the open tab’s session stays, controllable and wrapped once', async () => {
  const page = await deck.open('https://player.test/music.html');
  await page.evaluate(() => (window as unknown as Page).player.play());
  await waitFor('session', async () =>
    (await deck.snapshot()).sessions.some((s) => s.title === 'First Light'),
  );
  const wrapperBefore = await page.evaluate(() => {
    (window as unknown as { __wrapper: unknown }).__wrapper = Object.getOwnPropertyDescriptor(
      MediaSession.prototype,
      'setActionHandler',
    )?.value;
    return Function.prototype.toString.call(navigator.mediaSession.setActionHandler);
  });

  // What runtime.onInstalled runs on an update: inject the content scripts into open tabs, here
  // from the same extension instance (extension-reload.test.ts reloads the extension for real).
  const injected = await deck
    .serviceWorker()
    .evaluate(() =>
      (
        globalThis as unknown as { mediaDeck: { injectIntoOpenTabs(): Promise<number> } }
      ).mediaDeck.injectIntoOpenTabs(),
    );
  expect(injected).toBeGreaterThan(0);
  const session = await waitFor(
    'the session, re-announced by the new bridge',
    async () =>
      (await deck.snapshot()).sessions.find(
        (s) => s.title === 'First Light' && s.playbackState === 'playing',
      ),
    20_000,
  );
  expect(session.actions).toContain('nexttrack');

  // Wrapped once: the page's MediaSession methods are still the very same objects, still native-looking.
  const after = await page.evaluate(() => ({
    same:
      (window as unknown as { __wrapper: unknown }).__wrapper ===
      Object.getOwnPropertyDescriptor(MediaSession.prototype, 'setActionHandler')?.value,
    source: Function.prototype.toString.call(navigator.mediaSession.setActionHandler),
  }));
  expect(after).toEqual({ same: true, source: wrapperBefore });

  // Controls work through the new extension instance, reaching the handler exactly once.
  await page.evaluate(() => {
    (window as unknown as Page).calls.length = 0;
  });
  const popup = await deck.openPopup();
  await popup
    .getByRole('listitem', { name: 'First Light' })
    .getByRole('button', { name: 'Pause', exact: true })
    .click();
  await waitFor('pause handled', () =>
    page.evaluate(() => (window as unknown as Page).calls.length > 0),
  );
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as Page).calls.map((c) => c.action))).toEqual(
    ['pause'],
  );
  await popup.close();
  await page.close();
});

it('back/forward cache: the session leaves when the page is cached and returns with it', async () => {
  const page = await deck.open('https://player.test/music.html');
  await page.evaluate(() => {
    (window as unknown as Page).player.play();
    addEventListener('pageshow', (e) => {
      (window as unknown as { __restored: boolean }).__restored = e.persisted;
    });
  });
  const first = await waitFor('session', async () =>
    (await deck.snapshot()).sessions.find(
      (s) => s.title === 'First Light' && s.playbackState === 'playing',
    ),
  );
  await page.goto('https://quiet.test/blank.html');
  await waitFor(
    'session left with the page',
    async () => !(await deck.snapshot()).sessions.some((s) => s.key === first.key),
  );
  await page.goBack({ waitUntil: 'commit' }); // restored from the cache: no new load event
  await waitFor('restored from the back/forward cache', () =>
    page.evaluate(() => (window as unknown as { __restored?: boolean }).__restored === true),
  );
  const back = await waitFor('session back', async () =>
    (await deck.snapshot()).sessions.find((s) => s.key === first.key),
  );
  expect(back.title).toBe('First Light');
  // And it is controllable again.
  await page.evaluate(() => {
    (window as unknown as Page).calls.length = 0;
  });
  const popup = await deck.openPopup();
  await popup
    .getByRole('listitem', { name: 'First Light' })
    .getByRole('button', { name: 'Next track' })
    .click();
  await waitFor('next track handled', () =>
    page.evaluate(() => (window as unknown as Page).calls.some((c) => c.action === 'nexttrack')),
  );
  await popup.close();
  await page.close();
});

it('the service worker stopped mid-playback with the popup open: sessions, focus and pin survive, controls work', async () => {
  const music = await deck.open('https://player.test/music.html');
  const video = await deck.open('https://video.test/video.html');
  const popup = await deck.openPopup();
  // Closed whatever happens, so that a retry starts from a clean browser.
  try {
    await music.evaluate(() => (window as unknown as Page).player.play());
    await video.evaluate(() => (window as unknown as Page).player.play());
    await waitFor('both sessions', async () => {
      const hosts = (await deck.snapshot()).sessions.map((s) => s.host);
      return hosts.includes('player.test') && hosts.includes('video.test');
    });
    // Pin the music (not the most recent) so the restart must restore the pin, not just the stack.
    await popup.getByRole('button', { name: 'Pin First Light as the active session' }).click();
    await waitFor('music pinned', async () => (await deck.snapshot()).pinnedKey !== null);
    const before = await deck.snapshot();

    for (let restart = 0; restart < 3; restart++) {
      await deck.stopServiceWorker();
      // The same popup, without a reload, controls the media again (its Port reconnects).
      await music.evaluate(() => {
        (window as unknown as Page).calls.length = 0;
      });
      const label = restart % 2 === 0 ? 'Next track' : 'Previous track';
      const button = popup
        .getByRole('listitem', { name: /First Light|Second Wind|Third Time Lucky/ })
        .getByRole('button', { name: label });
      await button.waitFor({ timeout: 15_000 });
      // One click, at once: if it lands while the popup's Port reconnects, it is queued, not lost.
      await button.click();
      await waitFor(`popup control after restart ${restart + 1}`, () =>
        music.evaluate(() => (window as unknown as Page).calls.length > 0),
      );
      await music.waitForTimeout(300);
      expect(await music.evaluate(() => (window as unknown as Page).calls.length)).toBe(1);
    }
    const after = await deck.snapshot();
    expect(after.sessions.map((s) => s.key).sort()).toEqual(
      before.sessions.map((s) => s.key).sort(),
    );
    expect(after.pinnedKey).toBe(before.pinnedKey);
    expect(after.activeKey).toBe(before.activeKey);
  } finally {
    await popup.close();
    await music.close();
    await video.close();
  }
});
