/**
 * Chapters from a `<track kind="chapters">` (src/content/agent/page-metadata.ts `readTrackChapters`),
 * for a page that declares none in `MediaMetadata.chapterInfo`: the popup shows the chapter
 * playing now, and "Next chapter" seeks the element to the next cue's start; and cues that load
 * while the media is paused reach the open popup without waiting for a media event.
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

type Player = {
  player: { play(): Promise<void>; pause(): void; addChapters(): void; audio: HTMLAudioElement };
};

it('a page with only a chapters track gets its chapters in the popup, and Next chapter seeks', async () => {
  const page = await deck.open('https://tracks.test/track-chapters.html');
  await page.evaluate(() => (window as unknown as Player).player.play());
  await waitFor('the session', async () =>
    (await deck.snapshot()).sessions.some((s) => s.host === 'tracks.test'),
  );
  const popup = await deck.openPopup();
  const card = popup.locator('li.session', { hasText: 'Chapter: Opening' });
  await card.waitFor();
  expect(await card.locator('.chapter-mark').count()).toBe(2);
  await card.getByRole('button', { name: 'Next chapter' }).click();
  await waitFor('the element at the next chapter', async () => {
    const t = await page.evaluate(() => (window as unknown as Player).player.audio.currentTime);
    return t >= 20 && t < 25;
  });
  await popup.locator('li.session', { hasText: 'Chapter: Middle part' }).waitFor();
  await popup.close();
  await page.close();
});

it('chapters whose cues load while the media is paused reach the open popup', async () => {
  const page = await deck.open('https://tracks.test/track-chapters-late.html');
  await page.evaluate(() => (window as unknown as Player).player.play());
  const session = async () =>
    (await deck.snapshot()).sessions.find((s) => s.host === 'tracks.test');
  await waitFor('the session', async () => (await session()) !== undefined);
  await page.evaluate(() => (window as unknown as Player).player.pause());
  await waitFor('paused', async () => (await session())?.playbackState === 'paused');
  const popup = await deck.openPopup();
  const card = popup.locator('li.session', { hasText: 'tracks.test' });
  await card.waitFor();
  expect(await card.locator('.chapter-mark').count()).toBe(0);
  await page.evaluate(() => (window as unknown as Player).player.addChapters());
  await popup.locator('li.session', { hasText: 'Chapter: Late prologue' }).waitFor();
  // One mark where the second chapter starts (the first starts at 0).
  expect(await card.locator('.chapter-mark').count()).toBe(1);
  await popup.close();
  await page.close();
});
