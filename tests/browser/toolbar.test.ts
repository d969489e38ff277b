/**
 * The toolbar icon at rest (src/background/toolbar.ts): its tooltip names the session the keys
 * control; its badge counts the playing sessions only once the user turns that on in the options
 * page, and follows play and pause.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deck, launchDeck, waitFor } from '../support/harness';

let deck: Deck;
beforeAll(async () => {
  deck = await launchDeck();
});
afterAll(async () => {
  await deck?.close();
});

const badge = () => deck.serviceWorker().evaluate(() => chrome.action.getBadgeText({}));
const title = () => deck.serviceWorker().evaluate(() => chrome.action.getTitle({}));
const player = (page: Page, what: 'play' | 'pause') =>
  page.evaluate(
    (call) =>
      (window as unknown as { player: Record<string, () => Promise<void> | void> }).player[
        call
      ]?.(),
    what,
  );

describe('the toolbar icon', () => {
  it('names the active session in its tooltip; counts playing media once the option is on', async () => {
    const music = await deck.open('https://badge.test/music.html');
    const options = await deck.context.newPage();
    try {
      await player(music, 'play');
      await waitFor('the tooltip naming the music', async () =>
        (await title()) === 'Media Deck: the keys control “First Light” (badge.test)' ? true : null,
      );
      expect(await badge()).toBe(''); // the count is off by default

      await options.goto(`chrome-extension://${deck.extensionId}/src/options/index.html`);
      await options.getByRole('checkbox', { name: 'Count the playing media on the icon' }).check();
      await waitFor('the badge counting 1', async () => ((await badge()) === '1' ? true : null));

      await player(music, 'pause');
      await waitFor('the badge cleared on pause', async () =>
        (await badge()) === '' ? true : null,
      );
      await player(music, 'play');
      await waitFor('the badge back to 1', async () => ((await badge()) === '1' ? true : null));

      await options
        .getByRole('checkbox', { name: 'Count the playing media on the icon' })
        .uncheck();
      await waitFor('the count off again', async () => ((await badge()) === '' ? true : null));
    } finally {
      await options.close();
      await music.close();
    }
  });
});
