/**
 * Issue #4: automatic picture-in-picture when the user switches tabs, with Chrome's "Automatic
 * picture-in-picture" site setting seeded to Allow (docs/testing.md § Automatic
 * picture-in-picture).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deck, launchDeck, type SessionViewLike, waitFor } from '../support/harness';

let deck: Deck;
let elsewhere: Page;
beforeAll(async () => {
  deck = await launchDeck({
    preferences: { profile: { default_content_setting_values: { auto_picture_in_picture: 1 } } },
  });
  elsewhere = await deck.open('https://quiet.test/no-media.html');
});
afterAll(async () => {
  await deck?.close();
});

type Player = {
  player: { play(): Promise<void>; pause(): void; video?: HTMLVideoElement };
  calls: { action: string; details: Record<string, unknown> }[];
};
const play = (page: Page) => page.evaluate(() => (window as unknown as Player).player.play());
const setSettings = (settings: object) =>
  deck.serviceWorker().evaluate((s) => chrome.storage.sync.set({ settings: s }), settings);
const sessionOf = async (host: string) =>
  (await deck.snapshot()).sessions.find((s) => s.host === host);
const autoPipOf = async (host: string): Promise<SessionViewLike['autoPip'] | undefined> =>
  (await sessionOf(host))?.autoPip;
const videoInPiP = (page: Page) => page.evaluate(() => document.pictureInPictureElement !== null);
const miniPlayerOpen = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { documentPictureInPicture?: { window: Window | null } })
        .documentPictureInPicture?.window != null,
  );

/**
 * Brings another tab to the front and waits up to `ms` for `opened(page)`. When the page is meant
 * to qualify (`expectAudible`), first waits until Chrome itself marks its tab audible: automatic
 * picture-in-picture asks for sound in the last 2 s, and Chrome's audibility lags the start of
 * playback by a few hundred milliseconds.
 */
async function switchAway(
  page: Page,
  opened: (p: Page) => Promise<boolean>,
  ms = 4000,
  expectAudible = ms > 2000,
): Promise<boolean> {
  if (expectAudible) {
    const url = page.url();
    await waitFor('Chrome marks the tab audible', () =>
      deck
        .serviceWorker()
        .evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.audible === true, url),
    );
  }
  await elsewhere.bringToFront();
  try {
    await waitFor('picture-in-picture', () => opened(page), ms);
    return true;
  } catch {
    return false;
  }
}

describe('automatic picture-in-picture', () => {
  it('switching away from a playing video enters picture-in-picture, and coming back closes it', async () => {
    await setSettings({ autoPictureInPicture: 'video' });
    const page = await deck.open('https://video.test/video.html');
    await play(page);
    await waitFor('armed', async () => (await autoPipOf('video.test'))?.armed);
    expect(await switchAway(page, videoInPiP)).toBe(true);
    expect(await page.evaluate(() => document.pictureInPictureElement?.id)).toBe('v');
    await page.bringToFront();
    await waitFor('closed on return', async () => !(await videoInPiP(page)));
    await page.close();
  });

  it("a page's own enterpictureinpicture handler is the one called", async () => {
    const page = await deck.open('https://own.test/pip-own.html');
    await play(page);
    await waitFor('armed', async () => (await autoPipOf('own.test'))?.armed);
    expect(await switchAway(page, videoInPiP)).toBe(true);
    const calls = await page.evaluate(() =>
      (window as unknown as Player).calls.map((c) => ({ action: c.action, details: c.details })),
    );
    expect(calls).toEqual([
      {
        action: 'enterpictureinpicture',
        details: {
          action: 'enterpictureinpicture',
          enterPictureInPictureReason: 'contentoccluded',
        },
      },
    ]);
    await page.bringToFront();
    await waitFor('closed on return', async () => !(await videoInPiP(page)));
    await page.close();
  });

  it('an audio page gets the mini player, and its buttons drive the page', async () => {
    await setSettings({ autoPictureInPicture: 'video-and-audio' });
    const page = await deck.open('https://player.test/music.html');
    await play(page);
    await waitFor('armed', async () => (await autoPipOf('player.test'))?.armed);
    expect(await switchAway(page, miniPlayerOpen)).toBe(true);
    const mini = () =>
      page.evaluate(() => {
        const doc = (window as unknown as { documentPictureInPicture: { window: Window } })
          .documentPictureInPicture.window.document;
        return {
          text: doc.body.textContent,
          buttons: [...doc.querySelectorAll('button')].map((b) => b.getAttribute('aria-label')),
        };
      });
    expect(await mini()).toMatchObject({
      text: expect.stringContaining('First Light') as string,
      buttons: [
        'Previous track',
        'Seek backward 10 seconds',
        'Pause',
        'Seek forward 10 seconds',
        'Next track',
      ],
    });
    await page.evaluate(() => {
      (window as unknown as Player).calls.length = 0;
      const doc = (window as unknown as { documentPictureInPicture: { window: Window } })
        .documentPictureInPicture.window.document;
      (doc.querySelector('button[aria-label="Next track"]') as HTMLButtonElement).click();
    });
    await waitFor('next track in the page', () =>
      page.evaluate(() =>
        (window as unknown as Player).calls.some((c) => c.action === 'nexttrack'),
      ),
    );
    await waitFor('mini player shows the new track', async () =>
      (await mini()).text?.includes('Second Wind'),
    );
    await page.bringToFront();
    await waitFor('mini player closed on return', async () => !(await miniPlayerOpen(page)));
    await page.close();
  });

  it('paused, muted, blocked-site and setting-off tabs do not enter picture-in-picture, and say why', async () => {
    await setSettings({ autoPictureInPicture: 'video' });
    const page = await deck.open('https://video.test/video.html');
    await play(page);
    await waitFor('armed', async () => (await autoPipOf('video.test'))?.armed);

    // Paused.
    await page.evaluate(() => (window as unknown as Player).player.pause());
    await waitFor(
      'disarmed: paused',
      async () => (await autoPipOf('video.test'))?.reason === 'not-playing',
    );
    expect(await switchAway(page, videoInPiP, 1500)).toBe(false);
    await page.bringToFront();

    // Muted.
    await page.evaluate(() => {
      const v = (window as unknown as Player).player.video as HTMLVideoElement;
      v.muted = true;
      return v.play();
    });
    await waitFor(
      'disarmed: muted',
      async () => (await autoPipOf('video.test'))?.reason === 'not-audible',
    );
    expect(await switchAway(page, videoInPiP, 1500)).toBe(false);
    await page.bringToFront();
    await page.evaluate(() => {
      ((window as unknown as Player).player.video as HTMLVideoElement).muted = false;
    });
    await waitFor('armed again', async () => (await autoPipOf('video.test'))?.armed);

    // Blocked site: the change applies without reloading the page.
    await setSettings({ autoPictureInPicture: 'video', autoPipBlockHosts: ['video.test'] });
    await waitFor(
      'disarmed: blocked',
      async () => (await autoPipOf('video.test'))?.reason === 'blocked-host',
    );
    expect(await switchAway(page, videoInPiP, 1500)).toBe(false);
    await page.bringToFront();

    // Setting off.
    await setSettings({ autoPictureInPicture: 'off' });
    await waitFor(
      'disarmed: off',
      async () => (await autoPipOf('video.test'))?.reason === 'setting-off',
    );
    expect(await switchAway(page, videoInPiP, 1500)).toBe(false);
    await page.bringToFront();

    // And back on: armed again with no reload.
    await setSettings({ autoPictureInPicture: 'video' });
    await waitFor(
      'armed after the setting came back',
      async () => (await autoPipOf('video.test'))?.armed,
    );
    expect(await switchAway(page, videoInPiP)).toBe(true);
    await page.bringToFront();
    await waitFor('closed on return', async () => !(await videoInPiP(page)));
    await page.close();
  });

  it('the popup explains an ineligible tab (http page) and an armed one', async () => {
    const insecure = await deck.open('http://plain.test/bare-video.html');
    await play(insecure);
    const secure = await deck.open('https://video.test/video.html');
    await play(secure);
    await waitFor(
      'both sessions',
      async () => (await sessionOf('plain.test')) && (await autoPipOf('video.test'))?.armed,
    );
    const popup = await deck.openPopup();
    const insecureItem = popup.getByRole('listitem', { name: 'Bare video fixture' });
    await insecureItem
      .getByText(
        'No automatic picture-in-picture: Chrome opens automatic picture-in-picture only on secure (https) pages.',
      )
      .waitFor();
    const secureItem = popup.getByRole('listitem', { name: 'Test Card Documentary' });
    await secureItem
      .getByText('Opens in picture-in-picture when you switch tabs.', { exact: false })
      .waitFor();
    expect(await secureItem.getByRole('button', { name: 'Allow it for video.test' }).count()).toBe(
      1,
    );
    await popup.close();
    await insecure.close();
    await secure.close();
  });

  it('the popup’s picture-in-picture button opens the video with the click’s gesture', async () => {
    const page = await deck.open('https://video.test/video.html');
    await play(page);
    // Opening the popup as a tab hides the video's tab, which would trigger automatic
    // picture-in-picture first (a real popup is an overlay and switches no tab): turn it off here.
    await setSettings({ autoPictureInPicture: 'off' });
    // The button is for video sessions: wait until the element made sound and was reported.
    await waitFor('a playing video session', async () => {
      const s = await sessionOf('video.test');
      return s?.kind === 'video' && s.playbackState === 'playing';
    });
    const popup = await deck.openPopup();
    await popup
      .getByRole('listitem', { name: 'Test Card Documentary' })
      .getByRole('button', { name: 'Enter picture-in-picture' })
      .click();
    await waitFor('in picture-in-picture', () => videoInPiP(page));
    await popup
      .getByRole('listitem', { name: 'Test Card Documentary' })
      .getByRole('button', { name: 'Exit picture-in-picture' })
      .click();
    await waitFor('left picture-in-picture', async () => !(await videoInPiP(page)));
    await popup.close();
    await page.close();
  });

  it('the popup setting and the options page both change the mode for open tabs', async () => {
    await setSettings({ autoPictureInPicture: 'video' });
    const page = await deck.open('https://video.test/video.html');
    await play(page);
    await waitFor('armed', async () => (await autoPipOf('video.test'))?.armed);

    const popup = await deck.openPopup();
    await popup.getByLabel('Picture-in-picture when I switch tabs').selectOption('off');
    await waitFor(
      'disarmed from the popup',
      async () => (await autoPipOf('video.test'))?.reason === 'setting-off',
    );
    await popup.close();

    const options = await deck.context.newPage();
    await options.goto(`chrome-extension://${deck.extensionId}/src/options/index.html`);
    await options.getByRole('radio', { name: /Videos only/ }).check();
    await waitFor(
      'armed from the options page',
      async () => (await autoPipOf('video.test'))?.armed,
    );
    const stored = await deck.serviceWorker().evaluate(() => chrome.storage.sync.get('settings'));
    expect(stored.settings).toMatchObject({ autoPictureInPicture: 'video' });
    await options.close();
    await page.close();
  });
});
