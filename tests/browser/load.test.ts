/**
 * Under load (docs/architecture.md § Under load): a hostile page whose 32 cross-origin iframes set
 * new metadata with 16 long artwork URLs every 25 ms (tests/fixtures/pages/flood.html). The
 * worker's message budget holds the tab to its share, its storage writes stay bounded and stop once
 * the tab closes, and another tab's session keeps its artwork and stays controllable throughout.
 * How fast things stay is measured by `npm run bench` (section "hostile"), not here.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Deck, launchDeck, type Stats, waitFor } from '../support/harness';

let deck: Deck;
beforeAll(async () => {
  deck = await launchDeck();
});
afterAll(async () => {
  await deck?.close();
});

/** The worker's budget per tab (src/background/message-budget.ts DEFAULT_BUDGET.perTab). */
const TAB_RATE = 60;
const TAB_BURST = 120;
/** The store's longest wait for a change that leaves the index alone (registry-store.ts). */
const WRITE_INTERVAL_MS = 250;

type Player = {
  player: { play(): Promise<void>; pause(): void };
  calls: { action: string; at: number }[];
};

const tabIdOf = (host: string) =>
  deck
    .serviceWorker()
    .evaluate(async (h) => (await chrome.tabs.query({ url: `https://${h}/*` }))[0]?.id ?? -1, host);
const count = (stats: Stats, field: 'frameMessagesByTab' | 'overBudgetByTab', tabId: number) =>
  stats[field][String(tabId)] ?? 0;
/** The flood's sessions in the worker, by title number: `Flood flood7.test #123` → 123. */
const floodProgress = async () =>
  (await deck.snapshot()).sessions
    .filter((s) => s.title.startsWith('Flood '))
    .map((s) => Number(s.title.split('#')[1]));

it('a flooding tab is held to its budget, writes stay bounded and stop, the other tab is untouched', async () => {
  const music = await deck.open('https://player.test/music.html');
  await music.evaluate(() => (window as unknown as Player).player.play());
  await music.evaluate(() => (window as unknown as Player).player.pause());
  const before = await waitFor('the music session with its artwork', async () =>
    (await deck.snapshot()).sessions.find(
      (s) => s.title === 'First Light' && s.playbackState === 'paused' && s.artwork.length === 1,
    ),
  );
  const popup = await deck.openPopup();
  let flood: Page | null = await deck.open('https://flood.test/flood.html');
  try {
    const floodTab = await tabIdOf('flood.test');
    await waitFor('the flood’s sessions', async () => (await floodProgress()).length >= 16, 20_000);

    // A steady window of the flood.
    const start = await deck.stats();
    const startedAt = Date.now();
    const progressBefore = Math.max(...(await floodProgress()));
    // During it, a click on the other tab's session reaches its page.
    await popup
      .getByRole('listitem', { name: 'First Light' })
      .getByRole('button', { name: 'Seek forward 10 seconds' })
      .click();
    await waitFor(
      'the music page’s handler',
      () =>
        music.evaluate(() =>
          (window as unknown as Player).calls.some((c) => c.action === 'seekforward'),
        ),
      20_000,
    );
    await new Promise((r) => setTimeout(r, 6000));
    const end = await deck.stats();
    const seconds = (Date.now() - startedAt) / 1000;

    // The budget engaged, and the tab got no more than its share.
    const taken =
      count(end, 'frameMessagesByTab', floodTab) - count(start, 'frameMessagesByTab', floodTab);
    expect(count(end, 'overBudgetByTab', floodTab)).toBeGreaterThan(0);
    expect(taken).toBeLessThanOrEqual(TAB_RATE * seconds + TAB_BURST);
    // The flood's sessions still follow what the frames declare (the latest state wins).
    expect(Math.max(...(await floodProgress()))).toBeGreaterThan(progressBefore);
    expect((await floodProgress()).length).toBeLessThanOrEqual(32);
    // Writes: one in flight, changes coalesced: a handful a second, whatever the flood.
    const writes = end.storageWrites - start.storageWrites;
    expect(writes).toBeLessThanOrEqual((seconds * 1000) / WRITE_INTERVAL_MS + 10);
    expect(end.storageWriteFailures).toBe(0);
    // The other tab kept its artwork and its session.
    const musicNow = (await deck.snapshot()).sessions.find((s) => s.key === before.key);
    expect(musicNow?.artwork).toEqual(before.artwork);

    // The flood tab closes: its sessions go, and writing stops.
    await flood.close();
    flood = null;
    await waitFor('the flood’s sessions gone', async () => (await floodProgress()).length === 0);
    // Writing stops: no write at all between two reads 2.5 s apart. (How soon it stops is measured
    // by the benchmark.)
    await new Promise((r) => setTimeout(r, 2500));
    const settled = await deck.stats();
    await new Promise((r) => setTimeout(r, 2500));
    const later = await deck.stats();
    expect(later.storageWrites).toBe(settled.storageWrites);
    // What storage holds is the registry as it is: the music tab, no flood frame.
    const stored = await deck
      .serviceWorker()
      .evaluate(async () => Object.keys(await chrome.storage.session.get(null)));
    expect(stored.filter((k) => k.startsWith('session:'))).toEqual([`session:${before.key}`]);
    const musicAfter = (await deck.snapshot()).sessions.find((s) => s.key === before.key);
    expect(musicAfter?.artwork).toEqual(before.artwork);
  } finally {
    await flood?.close();
    await popup.close();
    await music.close();
  }
});
