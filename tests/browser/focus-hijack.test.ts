/**
 * A hostile page or ad frame cannot take the media keys (docs/architecture.md § Focus policy). With
 * real key presses (xdotool into a headed Chromium under Xvfb): an ad frame in a background tab
 * that loops audio, at a volume no one hears or at full volume, and flips its playbackState every
 * 250 ms never becomes the active session, so the keys keep driving the music the user started;
 * pinned by hand, it gets the key but not the user's activation. A player embedded in a blog that
 * the user starts inside its frame does become active, and the keys drive it.
 */
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Display, startDisplay } from '../../scripts/lib/xvfb.mjs';
import { type Deck, launchDeck, type Snapshot, waitFor } from '../support/harness';
import { takeActions } from '../support/page-calls';

let display: Display;
let deck: Deck;
beforeAll(async () => {
  display = await startDisplay();
  deck = await launchDeck({ headless: false, display: display.name });
});
afterAll(async () => {
  await deck?.close();
  display?.stop();
});

type Calls = { calls: { action: string }[] };
type AdWindow = { adCalls: { action: string; active: boolean }[] };

const activeHost = (s: Snapshot) => s.sessions.find((x) => x.key === s.activeKey)?.host ?? null;
const adFrame = (page: Page) =>
  waitFor('the ad frame', () => page.frames().find((f) => f.url().startsWith('https://ads.test/')));
const adCalls = (frame: Frame) =>
  frame.evaluate(() => (window as unknown as AdWindow).adCalls.splice(0));

it.each(['0.001', '1'])(
  'an ad frame looping audio at volume %s in a background tab never takes the media keys',
  async (volume) => {
    const news = await deck.open(`https://news.test/ad-news.html?volume=${volume}`);
    const ad = await adFrame(news);
    const music = await deck.open('https://player.test/music.html');
    await music.bringToFront();
    // The user starts the music (evaluate gives the page a user gesture, as a click would).
    await music.evaluate(() =>
      (window as unknown as { player: { play(): Promise<void> } }).player.play(),
    );
    await waitFor('music active', async () => activeHost(await deck.snapshot()) === 'player.test');
    // Two seconds of the ad flipping its playbackState and replaying: it stays where it is.
    for (let i = 0; i < 8; i++) {
      await new Promise((r) => setTimeout(r, 250));
      expect(activeHost(await deck.snapshot())).toBe('player.test');
    }
    await takeActions(music);
    await display.key('XF86AudioPlay');
    await waitFor('the music paused by the key', async () =>
      (await takeActions(music)).includes('pause'),
    );
    expect(await adCalls(ad)).toEqual([]);
    expect(news.url()).toBe(`https://news.test/ad-news.html?volume=${volume}`);
    await music.close();
    await news.close();
  },
);

it('pinned by hand, an ad frame the user never touched gets the key without the user’s activation', async () => {
  const news = await deck.open('https://news.test/ad-news.html?volume=1');
  const ad = await adFrame(news);
  const session = await waitFor('the ad’s session', async () =>
    (await deck.snapshot()).sessions.find((s) => s.host === 'ads.test'),
  );
  await deck
    .serviceWorker()
    .evaluate(
      (key) =>
        (
          globalThis as unknown as { mediaDeck: { registry: { pin(k: string | null): void } } }
        ).mediaDeck.registry.pin(key),
      session.key,
    );
  await display.key('XF86AudioNext');
  const calls = await waitFor('the ad’s handler', async () => {
    const c = await adCalls(ad);
    return c.length ? c : null;
  });
  expect(calls).toEqual([{ action: 'nexttrack', active: false }]);
  expect(deck.context.pages().some((p) => p.url().includes('landing'))).toBe(false);
  expect(news.url()).toBe('https://news.test/ad-news.html?volume=1');
  await deck
    .serviceWorker()
    .evaluate(() =>
      (
        globalThis as unknown as { mediaDeck: { registry: { pin(k: string | null): void } } }
      ).mediaDeck.registry.pin(null),
    );
  await news.close();
});

it('a player embedded in a blog, started by the user in its frame, becomes active and takes the keys', async () => {
  const music = await deck.open('https://player.test/music.html');
  await music.evaluate(() =>
    (window as unknown as { player: { play(): Promise<void> } }).player.play(),
  );
  await waitFor('music active', async () => activeHost(await deck.snapshot()) === 'player.test');
  const blog = await deck.open('https://blog.test/host.html');
  await blog.bringToFront();
  const embed = await waitFor('the embed frame', () =>
    blog.frames().find((f) => f.url().startsWith('https://embed.test/')),
  );
  // The user clicks play inside the embedded player (evaluate in the frame gives it the gesture).
  await embed.evaluate(() =>
    (window as unknown as { player: { play(): Promise<void> } }).player.play(),
  );
  await waitFor('the embed active', async () => activeHost(await deck.snapshot()) === 'embed.test');
  await takeActions(embed);
  await display.key('XF86AudioPlay');
  await waitFor('the embed paused by the key', () =>
    embed.evaluate(() => (window as unknown as Calls).calls.some((c) => c.action === 'pause')),
  );
  await blog.close();
  await music.close();
});
