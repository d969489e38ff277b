/**
 * Issue #15 in real Firefox: the Firefox build captures media sessions in the top frame and in a
 * cross-origin iframe, the popup lists them with their metadata, site and buttons, and the popup's
 * Pause reaches the page's own handler. Asserts what the popup shows (docs/testing.md § Real
 * Firefox), since that is what Firefox users see.
 */
import { describe, expect, it } from 'vitest';
import {
  buttonsOf,
  cardTitles,
  play,
  pressControl,
  useFirefoxDeck,
  waitFor,
  waitForCard,
  waitForPausedByHandler,
} from '../support/firefox-harness';

const deck = useFirefoxDeck();

describe('capture in Firefox', () => {
  it('a music player in the top frame shows its metadata, site and track buttons', async () => {
    await deck().withPopup('http://player.test/music.html', async (page, popup) => {
      await play(page);
      const text = await waitForCard(popup, 'First Light');
      expect(text).toContain('The Fixtures — Test Pressing');
      expect(text).toContain('player.test');
      expect(await buttonsOf(popup, 'First Light')).toEqual(
        expect.arrayContaining([
          'Previous track',
          'Seek backward 10 seconds',
          'Pause',
          'Seek forward 10 seconds',
          'Next track',
        ]),
      );
    });
  });

  it('a player in a cross-origin iframe is its own session, named with its site and tab', async () => {
    await deck().withPopup('http://blog.test/host.html', async (page, popup) => {
      const frame = await waitFor('the embedded frame', () =>
        page.frames().find((f) => f.url() === 'http://embed.test/embedded-player.html'),
      );
      await play(frame);
      const text = await waitForCard(popup, 'Embedded Episode 7');
      expect(text).toContain('Iframe Radio');
      expect(text).toContain('embed.test in blog.test');
      expect(await cardTitles(popup)).toContain('Embedded Episode 7');
    });
  });

  it("the popup's Pause calls the page's own pause handler", async () => {
    await deck().withPopup('http://pause.test/music.html', async (page, popup) => {
      await play(page);
      await waitForCard(popup, 'First Light');
      await pressControl(popup, 'First Light', 'Pause');
      await waitForPausedByHandler(page);
      await waitForCard(popup, 'First Light', 'Paused');
    });
  });
});
