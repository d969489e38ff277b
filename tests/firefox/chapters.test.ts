/**
 * Chapters in real Firefox: Firefox's `MediaMetadata` has no `chapterInfo`, so a page's chapters
 * come from its `<track kind="chapters">` (src/content/agent/page-metadata.ts `readTrackChapters`).
 * The popup shows the chapter playing now, and "Next chapter" seeks the element to the next cue.
 */
import { expect, it } from 'vitest';
import { play, useFirefoxDeck, waitFor } from '../support/firefox-harness';

const deck = useFirefoxDeck();

it('a chapters track gives the popup the current chapter, and Next chapter seeks the element', async () => {
  await deck().withPopup('http://tracks.test/track-chapters.html', async (page, popup) => {
    await play(page);
    const cardText = () =>
      popup.evaluate(() =>
        [...document.querySelectorAll('li.session')].map((li) => li.textContent ?? '').join('\n'),
      );
    await waitFor('the chapter in the popup', async () =>
      (await cardText()).includes('Chapter: Opening'),
    );
    expect(await popup.evaluate(() => document.querySelectorAll('.chapter-mark').length)).toBe(2);
    await popup.evaluate(() =>
      (document.querySelector('button[aria-label="Next chapter"]') as HTMLButtonElement).click(),
    );
    await waitFor('the element at the next chapter', async () => {
      const t = await page.evaluate(
        () =>
          (window as unknown as { player: { audio: HTMLAudioElement } }).player.audio.currentTime,
      );
      return t >= 20 && t < 25;
    });
    await waitFor('the popup on the next chapter', async () =>
      (await cardText()).includes('Chapter: Middle part'),
    );
  });
});
