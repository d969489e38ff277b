/**
 * Issue #5: Chrome stops an idle service worker at any time, and pages go on changing while it is
 * stopped. After it wakes, the registry must match the pages again: sessions of documents that
 * went away while it slept are gone, every live session is still there and controllable, and a
 * click made in an open popup while the worker restarts is carried out exactly once.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Deck, launchDeck, type Snapshot, waitFor } from '../support/harness';

let deck: Deck;
beforeAll(async () => {
  deck = await launchDeck();
});
afterAll(async () => {
  await deck?.close();
});

type Player = { player: { play(): Promise<void>; pause(): void }; calls: { action: string }[] };

const byHost = (snapshot: Snapshot, host: string) =>
  snapshot.sessions.filter((s) => s.host === host);

it('pages that reload or navigate while the worker is stopped leave no ghost session; live ones all stay', async () => {
  // Paused pages do not reconnect by themselves when the worker stops: only its restart can
  // notice what happened to them.
  const reloaded = await deck.open('https://reloaded.test/music.html');
  const navigated = await deck.open('https://navigated.test/music.html');
  const stays = await deck.open('https://stays.test/music.html');
  const playing = await deck.open('https://playing.test/music.html');
  const pages: Page[] = [reloaded, navigated, stays, playing];
  try {
    await playing.evaluate(() => (window as unknown as Player).player.play());
    const before = await waitFor('four sessions, one playing', async () => {
      const snapshot = await deck.snapshot();
      const hosts = ['reloaded.test', 'navigated.test', 'stays.test', 'playing.test'];
      const ok =
        hosts.every((h) => byHost(snapshot, h).length === 1) &&
        byHost(snapshot, 'playing.test')[0]?.playbackState === 'playing';
      return ok ? snapshot : null;
    });
    const keyOf = (host: string) => byHost(before, host)[0]?.key as string;

    await deck.stopServiceWorker();
    // While it is stopped: one page reloads (a new document), one goes elsewhere (the old
    // document is unloaded or enters the back/forward cache).
    await reloaded.reload();
    await navigated.goto('https://quiet.test/blank.html');

    // The worker wakes (the tab events and the reloaded page's report wake it) and settles.
    const after = await waitFor(
      'the registry to match the pages again',
      async () => {
        const snapshot = await deck.snapshot();
        const reloadedNow = byHost(snapshot, 'reloaded.test');
        const settled =
          reloadedNow.length === 1 &&
          reloadedNow[0]?.key !== keyOf('reloaded.test') &&
          byHost(snapshot, 'navigated.test').length === 0;
        return settled ? snapshot : null;
      },
      15_000,
    );
    // Nothing live was lost: the untouched pages keep their very sessions.
    expect(byHost(after, 'stays.test').map((s) => s.key)).toEqual([keyOf('stays.test')]);
    expect(byHost(after, 'playing.test').map((s) => s.key)).toEqual([keyOf('playing.test')]);
    expect(after.sessions).toHaveLength(3);

    // The paused page that stayed is controllable, and its Port is live again (the worker asked
    // it to announce itself), so its navigation away is now noticed at once.
    const popup = await deck.openPopup();
    try {
      await popup
        .getByRole('listitem', { name: 'First Light' })
        .filter({ hasText: 'stays.test' })
        .getByRole('button', { name: 'Play', exact: true })
        .click();
      await waitFor('play reached the page', () =>
        stays.evaluate(() => (window as unknown as Player).calls.some((c) => c.action === 'play')),
      );
    } finally {
      await popup.close();
    }
    await stays.goto('https://quiet.test/blank.html');
    await waitFor(
      'the paused page’s session to leave with it',
      async () => byHost(await deck.snapshot(), 'stays.test').length === 0,
    );
  } finally {
    for (const page of pages) await page.close();
  }
});

it('a click in the open popup right after the worker stopped is carried out once', async () => {
  const music = await deck.open('https://player.test/music.html');
  const popup = await deck.openPopup();
  try {
    await music.evaluate(() => (window as unknown as Player).player.play());
    const next = popup
      .getByRole('listitem', { name: 'First Light' })
      .getByRole('button', { name: 'Next track' });
    await next.waitFor();
    for (let restart = 1; restart <= 3; restart++) {
      await music.evaluate(() => {
        (window as unknown as Player).calls.length = 0;
      });
      await deck.stopServiceWorker();
      // At once: the popup still shows the last snapshot while its Port reconnects.
      await popup.getByRole('listitem').first().getByRole('button', { name: 'Next track' }).click();
      await waitFor(`next track after restart ${restart}`, () =>
        music.evaluate(() => (window as unknown as Player).calls.length > 0),
      );
      await music.waitForTimeout(400);
      expect(
        await music.evaluate(() => (window as unknown as Player).calls.map((c) => c.action)),
      ).toEqual(['nexttrack']);
    }
    expect(
      await music.evaluate(() => (window as unknown as { player: { index: number } }).player.index),
    ).toBe(0);
  } finally {
    await popup.close();
    await music.close();
  }
});

/**
 * Follows the extension service worker's running status through the DevTools protocol for `ms`
 * milliseconds and returns every status it reported, in order.
 */
async function watchWorkerStatus(ms: number): Promise<string[]> {
  const page = deck.context.pages()[0] ?? (await deck.context.newPage());
  const cdp = await deck.context.newCDPSession(page);
  const statuses: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const version of event.versions) {
      if (version.scriptURL.includes(deck.extensionId)) statuses.push(version.runningStatus);
    }
  });
  await cdp.send('ServiceWorker.enable');
  await new Promise((r) => setTimeout(r, ms));
  await cdp.detach();
  return statuses;
}

it('no polling: with only paused media the stopped worker stays stopped; playing media wakes it', async () => {
  const music = await deck.open('https://paused.test/music.html');
  try {
    await waitFor('the paused session', async () =>
      (await deck.snapshot()).sessions.find((s) => s.host === 'paused.test'),
    );
    await deck.stopServiceWorker();
    const whilePaused = await watchWorkerStatus(4000);
    // Enabling the domain reports the current status once; nothing may start the worker again.
    expect(whilePaused.filter((s) => s === 'starting' || s === 'running')).toEqual([]);
    expect(whilePaused).toContain('stopped');

    // Playing media is worth waking for: its bridge re-announces as soon as the worker stops.
    await music.evaluate(() => (window as unknown as Player).player.play());
    await waitFor(
      'the playing session',
      async () =>
        (await deck.snapshot()).sessions.find((s) => s.host === 'paused.test')?.playbackState ===
        'playing',
    );
    await deck.stopServiceWorker();
    const whilePlaying = await watchWorkerStatus(2000);
    expect(whilePlaying).toContain('running');
  } finally {
    await music.close();
  }
});
