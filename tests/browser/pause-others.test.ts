/**
 * Pause others, resume after (src/background/pause-others.ts), in real Chromium: with the setting
 * on, a player embedded in another tab's iframe starting to play pauses the music in the first
 * tab through the music page's own `pause` handler, and when the user pauses the embedded player
 * the music plays again. A call is never paused, and media the user paused themselves is never
 * resumed. With the setting off (the default), nothing is paused.
 */
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Deck, launchDeck, type Snapshot, waitFor } from '../support/harness';
import { takeActions } from '../support/page-calls';

let deck: Deck;
beforeAll(async () => {
  deck = await launchDeck();
});
afterAll(async () => {
  await deck?.close();
});

type Player = { player: { play(): Promise<void>; audio: HTMLMediaElement } };

const setSettings = (settings: object) =>
  deck.serviceWorker().evaluate((s) => chrome.storage.sync.set({ settings: s }), settings);
const paused = (page: Page | Frame) =>
  page.evaluate(() => (window as unknown as Player).player.audio.paused);
const state = async (host: string) =>
  (await deck.snapshot()).sessions.find((s) => s.host === host)?.playbackState;
const startedAudibly = (host: string) =>
  waitFor(`${host} playing audibly`, async () => {
    const snapshot: Snapshot = await deck.snapshot();
    return snapshot.sessions.some((s) => s.host === host && s.playbackState === 'playing');
  });

/** The music tab and the blog tab with the embedded player's frame, each fresh. */
async function openPages() {
  const music = await deck.open('https://music.test/music.html');
  await music.evaluate(() => (window as unknown as Player).player.play());
  await startedAudibly('music.test');
  const blog = await deck.open('https://blog.test/host.html');
  const embed = await waitFor('the embedded player', () =>
    blog.frames().find((f) => f.url().startsWith('https://embed.test/')),
  );
  await embed.waitForFunction(() => 'player' in window);
  await takeActions(music);
  return { music, blog, embed };
}

it('off by default: another start pauses nothing', async () => {
  const { music, blog, embed } = await openPages();
  await embed.evaluate(() => (window as unknown as Player).player.play());
  await startedAudibly('embed.test');
  await new Promise((r) => setTimeout(r, 1000));
  expect(await takeActions(music)).toEqual([]);
  expect(await paused(music)).toBe(false);
  await music.close();
  await blog.close();
});

it('a start in an iframe of another tab pauses the music; pausing it resumes the music', async () => {
  await setSettings({ pauseOthers: true, resumeAfter: true });
  const { music, blog, embed } = await openPages();
  await embed.evaluate(() => (window as unknown as Player).player.play());
  // Paused through the music page's own handler, not behind its back.
  await waitFor('the music paused', async () => (await takeActions(music)).includes('pause'));
  await waitFor('the music element paused', () => paused(music));
  expect(await state('music.test')).not.toBe('playing');
  expect(
    await deck
      .serviceWorker()
      .evaluate(() =>
        (
          globalThis as unknown as { mediaDeck: { pausedByMediaDeck(): unknown[] } }
        ).mediaDeck.pausedByMediaDeck(),
      ),
  ).toHaveLength(1);
  // The user pauses the embedded player: the music plays again.
  await embed.evaluate(() => (window as unknown as Player).player.audio.pause());
  await waitFor('the music resumed', async () => (await takeActions(music)).includes('play'));
  await waitFor('the music element playing', async () => !(await paused(music)));
  await music.close();
  await blog.close();
});

it('the music still resumes after the service worker restarted in between', async () => {
  await setSettings({ pauseOthers: true, resumeAfter: true });
  const { music, blog, embed } = await openPages();
  await embed.evaluate(() => (window as unknown as Player).player.play());
  await waitFor('the music paused', async () => (await takeActions(music)).includes('pause'));
  await deck.stopServiceWorker();
  await embed.evaluate(() => (window as unknown as Player).player.audio.pause());
  await waitFor(
    'the music resumed',
    async () => (await takeActions(music)).includes('play'),
    20_000,
  );
  await waitFor('the music element playing', async () => !(await paused(music)));
  await music.close();
  await blog.close();
});

it('media the user paused themselves is not resumed', async () => {
  await setSettings({ pauseOthers: true, resumeAfter: true });
  const { music, blog, embed } = await openPages();
  await music.evaluate(() => (window as unknown as { player: { pause(): void } }).player.pause());
  await waitFor(
    'the music paused by the user',
    async () => (await state('music.test')) === 'paused',
  );
  await embed.evaluate(() => (window as unknown as Player).player.play());
  await startedAudibly('embed.test');
  await embed.evaluate(() => (window as unknown as Player).player.audio.pause());
  await waitFor('the embed paused', async () => (await state('embed.test')) !== 'playing');
  await new Promise((r) => setTimeout(r, 1000));
  expect(await takeActions(music)).toEqual([]);
  expect(await paused(music)).toBe(true);
  await music.close();
  await blog.close();
});

it('a call is never paused by another start', async () => {
  await setSettings({ pauseOthers: true, resumeAfter: true });
  const call = await deck.open('https://meet.test/call.html');
  await call.evaluate(() => (window as unknown as { join(): Promise<void> }).join());
  await waitFor('the call playing', async () => (await state('meet.test')) === 'playing');
  const { music, blog, embed } = await openPages();
  // The music's start paused nothing of the call; the embed's start pauses the music only.
  await embed.evaluate(() => (window as unknown as Player).player.play());
  await waitFor('the music paused', async () => (await takeActions(music)).includes('pause'));
  await new Promise((r) => setTimeout(r, 500));
  expect(await state('meet.test')).toBe('playing');
  expect(await takeActions(call)).toEqual([]);
  expect(
    await call.evaluate(() => (document.getElementById('self') as HTMLVideoElement).paused),
  ).toBe(false);
  await music.close();
  await blog.close();
  await call.close();
});
