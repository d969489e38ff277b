/**
 * Issue #15 in real Firefox: the popup's controls work there as in Chromium: dragging the seek bar
 * seeks with `fastSeek` while it moves and exactly on release, seek forward and backward reach the
 * page's handlers with `seekOffset`, next track changes the track and the popup
 * follows, mute tab mutes the tab through `tabs.update` and the button follows, go to tab brings
 * the tab to the front, pin makes a session the active one, and a seek step typed in the options
 * page reaches the popup's buttons and the page's handler (settings in Firefox's `storage.sync`),
 * the keys rule chosen in the popup's footer is stored and moves the Active badge, and the speed
 * list and the volume slider set a detached `new Audio()` (reached only through the
 * MAIN world) and the page sees its own `ratechange` and `volumechange`.
 * Tabs are read through the extension's own `tabs` API from an extension page.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import {
  play,
  pressControl,
  useFirefoxDeck,
  waitFor,
  waitForCard,
} from '../support/firefox-harness';
import { DRAG_END, dragSeekBar } from '../support/seek-drag';

const deck = useFirefoxDeck();

/** The handler calls the fixture recorded (tests/fixtures/pages/record.js). */
const calls = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { calls: { action: string; details: Record<string, unknown> }[] })
        .calls,
  );

/** What the `tabs` API says of the tab showing `urlPattern`, asked from an extension page. */
const tabInfo = (extensionPage: Page, urlPattern: string) =>
  extensionPage.evaluate(async (url) => {
    const api = (
      globalThis as unknown as {
        browser: {
          tabs: {
            query(q: object): Promise<{ active: boolean; mutedInfo?: { muted: boolean } }[]>;
          };
        };
      }
    ).browser;
    const [tab] = await api.tabs.query({ url });
    return tab ? { active: tab.active, muted: tab.mutedInfo?.muted === true } : null;
  }, urlPattern);

describe('popup actions in Firefox', () => {
  it('dragging the seek bar sends fastSeek while moving and an exact seek on release', async () => {
    await deck().withPopup('http://drag.test/music.html', async (page, popup) => {
      await play(page);
      await waitForCard(popup, 'First Light');
      const slider = await waitFor('the seek bar', () =>
        popup.$('li.session:has([aria-label="Controls for First Light"]) .seek [role="slider"]'),
      );
      const box = await slider.boundingBox();
      if (!box) throw new Error('no seek bar');
      await dragSeekBar(popup.mouse, box);
      const seeks = await waitFor('the exact seek on release', async () => {
        const seen = (await calls(page)).filter((c) => c.action === 'seekto');
        return seen.some((c) => c.details.fastSeek === false) ? seen : null;
      });
      expect(seeks.filter((c) => c.details.fastSeek === true).length).toBeGreaterThanOrEqual(2);
      const last = seeks[seeks.length - 1];
      expect(last?.details.fastSeek).toBe(false);
      expect(last?.details.seekTime as number).toBeCloseTo(60 * DRAG_END, 0);
    });
  });

  it('seek forward and backward pass seekOffset; next track changes the track', async () => {
    await deck().withPopup('http://seek.test/music.html', async (page, popup) => {
      await play(page);
      await waitForCard(popup, 'First Light');
      await pressControl(popup, 'First Light', 'Seek forward 10 seconds');
      await pressControl(popup, 'First Light', 'Seek backward 10 seconds');
      const seeks = await waitFor('both seeks', async () => {
        const seen = (await calls(page)).filter((c) => c.action.startsWith('seek'));
        return seen.length >= 2 ? seen : null;
      });
      expect(seeks.map((c) => [c.action, c.details.seekOffset])).toEqual([
        ['seekforward', 10],
        ['seekbackward', 10],
      ]);
      await pressControl(popup, 'First Light', 'Next track');
      await waitForCard(popup, 'Second Wind');
      expect(await page.evaluate(() => document.getElementById('now')?.textContent)).toBe(
        'Second Wind',
      );
    });
  });

  it('mute tab mutes the tab and the button follows; go to tab brings it to the front', async () => {
    await deck().withPopup('http://mute.test/music.html', async (page, popup) => {
      await play(page);
      await waitForCard(popup, 'First Light');
      await pressControl(popup, 'First Light', 'Mute tab');
      await waitFor(
        'the tab muted',
        async () => (await tabInfo(popup, 'http://mute.test/*'))?.muted,
      );
      await pressControl(popup, 'First Light', 'Unmute tab');
      await waitFor(
        'the tab unmuted',
        async () => (await tabInfo(popup, 'http://mute.test/*'))?.muted === false,
      );
      expect((await tabInfo(popup, 'http://mute.test/*'))?.active).toBe(false);
      await pressControl(popup, 'First Light', 'Go to tab');
      await waitFor(
        'the music tab active',
        async () => (await tabInfo(popup, 'http://mute.test/*'))?.active,
      );
    });
  });

  it('pin makes a session the active one', async () => {
    await deck().withPopup('http://pin.test/music.html', async (music, popup) => {
      const video = await deck().open('http://pin-video.test/video.html');
      try {
        await play(music);
        await waitForCard(popup, 'First Light');
        await play(video);
        await waitForCard(popup, 'Test Card Documentary');
        // The video started last: it is the active session, first in the list.
        const first = () =>
          popup.evaluate(() => document.querySelector('li.session .title')?.textContent);
        await waitFor('the video first', async () => (await first()) === 'Test Card Documentary');
        await pressControl(popup, 'First Light', 'Pin First Light as the active session');
        await waitFor('the pinned music first', async () => (await first()) === 'First Light');
        await pressControl(popup, 'First Light', 'Unpin First Light');
      } finally {
        await video.close();
      }
    });
  });

  it('a seek step set in the options page reaches the popup and the page handler', async () => {
    const options = await deck().openExtensionPage('src/options/index.html');
    try {
      const input = await waitFor('the seek step field', () => options.$('.seek-step input'));
      await input.click({ count: 3 });
      await input.type('30');
      await input.press('Enter');
      await waitFor('the setting saved', () =>
        options.evaluate(() => document.querySelector('.status')?.textContent === 'Saved'),
      );
      await deck().withPopup('http://step.test/music.html', async (page, popup) => {
        await play(page);
        await waitForCard(popup, 'First Light');
        await pressControl(popup, 'First Light', 'Seek forward 30 seconds');
        await waitFor('seekforward by 30 s', async () =>
          (await calls(page)).some(
            (c) => c.action === 'seekforward' && c.details.seekOffset === 30,
          ),
        );
      });
    } finally {
      // Back to the default, for the rest of the file.
      await options.evaluate(() =>
        (
          globalThis as unknown as { browser: { storage: { sync: { clear(): Promise<void> } } } }
        ).browser.storage.sync.clear(),
      );
      await options.close();
    }
  });

  it("the footer's keys rule is stored, and the Active badge follows it", async () => {
    await deck().withPopup('http://rule.test/music.html', async (page, popup) => {
      await play(page);
      await waitForCard(popup, 'First Light');
      const card = 'li.session:has([aria-label="Controls for First Light"])';
      const badge = await waitFor('the Active badge', () => popup.$(`${card} .badge`));
      expect(await badge.evaluate((b) => b.getAttribute('title'))).toBe(
        'Media keys control this: The most recent media',
      );
      try {
        // The footer's setting, a <select> inside the <label> that names it.
        const settings = await popup.$$('label.setting');
        const names = await Promise.all(settings.map((l) => l.evaluate((e) => e.textContent)));
        const keysRule = settings[names.findIndex((n) => n?.startsWith('Media keys control'))];
        const select = await keysRule?.$('select');
        if (!select) throw new Error('no "Media keys control" setting in the footer');
        await select.select('pinned-only');
        await waitFor('the setting stored', () =>
          popup.evaluate(async () => {
            const api = (
              globalThis as unknown as {
                browser: {
                  storage: { sync: { get(k: string): Promise<Record<string, unknown>> } };
                };
              }
            ).browser;
            const { settings } = await api.storage.sync.get('settings');
            return (settings as { keysRule?: string } | undefined)?.keysRule === 'pinned-only';
          }),
        );
        // Nothing is pinned: no session carries the badge any more.
        await waitFor('no badge', async () => (await popup.$(`${card} .badge`)) === null);
      } finally {
        // Back to the default, for the rest of the file.
        await popup.evaluate(() =>
          (
            globalThis as unknown as {
              browser: { storage: { sync: { clear(): Promise<void> } } };
            }
          ).browser.storage.sync.clear(),
        );
      }
    });
  });

  it('speed and volume set a detached new Audio(), and the page sees its own events', async () => {
    const title = 'Detached speed and volume';
    await deck().withPopup(
      'http://speed.test/element-settings.html?detached',
      async (page, popup) => {
        await play(page);
        await waitForCard(popup, title);
        const card = `li.session:has([aria-label="Controls for ${title}"])`;
        const speed = await waitFor('the speed list', () =>
          popup.$(`${card} select[aria-label="Playback speed"]`),
        );
        await speed.select('1.5');
        await waitFor('ratechange to 1.5', async () =>
          (await calls(page)).some(
            (c) => c.action === 'ratechange' && c.details.playbackRate === 1.5,
          ),
        );
        const slider = await waitFor('the volume slider', () =>
          popup.$(`${card} [role="slider"][aria-label="Volume"]`),
        );
        await slider.focus();
        await popup.keyboard.press('Home');
        await waitFor('volumechange to 0', async () =>
          (await calls(page)).some((c) => c.action === 'volumechange' && c.details.volume === 0),
        );
        expect(
          await page.evaluate(() => {
            const audio = (window as unknown as { player: { audio: HTMLAudioElement } }).player
              .audio;
            return [audio.playbackRate, audio.volume];
          }),
        ).toEqual([1.5, 0]);
      },
    );
  });
});
