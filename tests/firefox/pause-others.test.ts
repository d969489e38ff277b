/**
 * Pause others, resume after (src/background/pause-others.ts) in real Firefox: with the setting on,
 * a player embedded in another tab's cross-origin iframe starting to play pauses the music in the
 * first tab through the music page's own `pause` handler; when the embedded player is paused, the
 * music plays again. The same policy and runner as in Chromium (tests/browser/pause-others.test.ts),
 * with Firefox's background page and its element audibility (no `webkitAudioDecodedByteCount`).
 */
import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { play, useFirefoxDeck, waitFor } from '../support/firefox-harness';
import { takeActions } from '../support/page-calls';

const deck = useFirefoxDeck();

const paused = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { player: { audio: HTMLAudioElement } }).player.audio.paused,
  );

it('a start in another tab’s iframe pauses the music, and pausing it resumes the music', async () => {
  const settings = await deck().openExtensionPage('src/options/index.html');
  await settings.evaluate(() =>
    (globalThis as unknown as { browser: typeof chrome }).browser.storage.sync.set({
      settings: { pauseOthers: true, resumeAfter: true },
    }),
  );
  await settings.close();
  const music = await deck().open('http://music.test/music.html');
  await play(music);
  await waitFor('the music playing', async () => !(await paused(music)));
  const blog = await deck().open('http://blog.test/host.html');
  const embed = await waitFor('the embedded player', async () => {
    const frame = blog.frames().find((f) => f.url().startsWith('http://embed.test/'));
    return frame && (await frame.evaluate(() => 'player' in window)) ? frame : undefined;
  });
  await takeActions(music);
  await play(embed);
  await waitFor('the music paused through its own handler', async () =>
    (await takeActions(music)).includes('pause'),
  );
  expect(await paused(music)).toBe(true);
  await embed.evaluate(() =>
    (window as unknown as { player: { audio: HTMLAudioElement } }).player.audio.pause(),
  );
  await waitFor(
    'the music resumed',
    async () => (await takeActions(music)).includes('play'),
    15_000,
  );
  await waitFor('the music playing again', async () => !(await paused(music)));
  await blog.close();
  await music.close();
});
