/**
 * Issue 13: the popup's playback controls and the side panel, in a real Chromium.
 *
 * - Speed and volume: the "Playback speed" list and the "Volume" slider of a session's card set
 *   the page's own media element (an `<audio>` in the document, and a detached `new Audio()` that
 *   only the MAIN world reaches), the page's own listeners see `ratechange` / `volumechange`, a
 *   volume above 0 unmutes an element in the document, and the card follows the element. A session
 *   without a media element has neither control.
 * - Chapters (`MediaMetadata.chapterInfo`): the card names the chapter playing now, marks where the
 *   later chapters start on the seek bar, and "Previous chapter" / "Next chapter" call the page's
 *   `seekto` handler with the right `seekTime`.
 * - The side panel page (src/sidepanel/index.html) lists and controls the sessions and has no
 *   "Open in side panel" button; the popup has one, and it opens the side panel; the built manifest
 *   declares the panel and its command.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deck, DIST, launchDeck, waitFor, waitForSession } from '../support/harness';
import { type Call, takeCalls } from '../support/page-calls';

type Player = { player: { audio: HTMLAudioElement; play(): Promise<void>; pause(): void } };

let deck: Deck;
beforeAll(async () => {
  deck = await launchDeck();
});
afterAll(async () => {
  await deck?.close();
});

const play = (page: Page) => page.evaluate(() => (window as unknown as Player).player.play());
const element = (page: Page) =>
  page.evaluate(() => {
    const { audio } = (window as unknown as Player).player;
    return { playbackRate: audio.playbackRate, volume: audio.volume, muted: audio.muted };
  });

/** Waits until the page logged a call `action` matching `test`, and returns (and clears) the log. */
async function waitForCall(
  page: Page,
  action: string,
  test: (details: Record<string, unknown>) => boolean = () => true,
): Promise<Call[]> {
  return waitFor(`the page to log ${action}`, async () => {
    const list = await page.evaluate(() => (window as unknown as { calls: Call[] }).calls.slice());
    return list.some((c) => c.action === action && test(c.details)) ? takeCalls(page) : null;
  });
}

/** Opens `url`, plays it, and waits until the worker has its session titled `title` playing. */
async function openPlaying(url: string, title: string): Promise<Page> {
  const page = await deck.open(url);
  await play(page);
  await waitFor(`"${title}" playing`, async () =>
    (await deck.snapshot()).sessions.find(
      (s) => s.title === title && s.playbackState === 'playing',
    ),
  );
  return page;
}

/** The last action the worker carried out (`mediaDeck.stats.actions`). */
const lastAction = async () => (await deck.stats()).actions.at(-1);

describe('speed and volume of a session’s media element', () => {
  for (const where of ['document', 'detached'] as const) {
    const url =
      where === 'document'
        ? 'https://speed.test/element-settings.html'
        : 'https://speed-detached.test/element-settings.html?detached';
    const title = where === 'document' ? 'Document speed and volume' : 'Detached speed and volume';
    const which = where === 'document' ? 'an <audio> in the document' : 'a detached new Audio()';

    it(`the speed list sets playbackRate of ${which}, and the page sees ratechange`, async () => {
      const page = await openPlaying(url, title);
      const popup = await deck.openPopup();
      try {
        const card = popup.getByRole('listitem', { name: title });
        const speed = card.getByRole('combobox', { name: 'Playback speed', exact: true });
        await speed.waitFor();
        expect(await speed.inputValue()).toBe('1');
        expect(
          await speed.locator('option').evaluateAll((o) => o.map((x) => x.getAttribute('value'))),
        ).toEqual(['0.5', '0.75', '1', '1.25', '1.5', '1.75', '2']);
        await takeCalls(page);

        await speed.selectOption('1.5');
        const logged = await waitForCall(page, 'ratechange', (d) => d.playbackRate === 1.5);
        expect(logged.filter((c) => c.action === 'ratechange')).toHaveLength(1);
        expect((await element(page)).playbackRate).toBe(1.5);
        expect(await lastAction()).toMatchObject({
          action: 'set-playback-rate',
          outcome: 'element',
        });
        await waitFor('the worker to see rate 1.5', async () => {
          const s = (await deck.snapshot()).sessions.find((x) => x.title === title);
          return (
            (s as unknown as { element?: { playbackRate: number } })?.element?.playbackRate === 1.5
          );
        });
        expect(await speed.inputValue()).toBe('1.5');

        // The card follows the element when the page changes the speed itself.
        await page.evaluate(() => {
          (window as unknown as Player).player.audio.playbackRate = 0.75;
        });
        await waitFor('the list to show 0.75', async () => (await speed.inputValue()) === '0.75');
      } finally {
        await popup.close();
        await page.close();
      }
    });

    it(`the volume slider's keys set volume of ${which}, and the page sees volumechange`, async () => {
      const page = await openPlaying(url, title);
      const popup = await deck.openPopup();
      try {
        const slider = popup
          .getByRole('listitem', { name: title })
          .getByRole('slider', { name: 'Volume', exact: true });
        await waitFor(
          'the volume at 100',
          async () => (await slider.getAttribute('aria-valuenow')) === '100',
        );
        // A muted element shows 0; a volume above 0 unmutes it, as a volume slider does (an
        // element outside the document through the MAIN world's `muted` setter).
        await page.evaluate(() => {
          (window as unknown as Player).player.audio.muted = true;
        });
        await waitFor(
          'muted shown as 0',
          async () => (await slider.getAttribute('aria-valuenow')) === '0',
        );
        await takeCalls(page);
        await slider.focus();

        /** Presses `key`, then waits for the page's element and the slider to reach `percent`. */
        const step = async (key: string, percent: number) => {
          await slider.press(key);
          const logged = await waitForCall(
            page,
            'volumechange',
            (d) => Math.abs((d.volume as number) - percent / 100) < 1e-9,
          );
          expect(logged.every((c) => c.action === 'volumechange')).toBe(true);
          expect((await element(page)).volume).toBeCloseTo(percent / 100, 9);
          await waitFor(
            `the slider at ${percent} after ${key}`,
            async () => (await slider.getAttribute('aria-valuenow')) === String(percent),
          );
          expect(await lastAction()).toMatchObject({ action: 'set-volume', outcome: 'element' });
        };

        await step('End', 100);
        await waitFor('unmuted', async () => !(await element(page)).muted);
        await step('Home', 0);
        await step('ArrowUp', 5);
        await step('ArrowRight', 10);
        await step('PageUp', 30);
        await step('ArrowDown', 25);
        await step('ArrowLeft', 20);
        await step('PageDown', 0);
        expect(await slider.getAttribute('aria-valuetext')).toBe('0%');
      } finally {
        await popup.close();
        await page.close();
      }
    });
  }

  it('a session without a media element shows no speed list and no volume slider', async () => {
    const page = await deck.open('https://webaudio.test/session-only.html');
    const withElement = await openPlaying(
      'https://speed.test/element-settings.html',
      'Document speed and volume',
    );
    const popup = await deck.openPopup();
    try {
      const session = await waitForSession(deck, 'Elementless Session');
      expect(session.playbackState).toBe('playing');
      const card = popup.getByRole('listitem', { name: 'Elementless Session' });
      await card.getByRole('button', { name: 'Pause', exact: true }).waitFor();
      expect(
        await card.getByRole('combobox', { name: 'Playback speed', exact: true }).count(),
      ).toBe(0);
      expect(await card.getByRole('slider', { name: 'Volume', exact: true }).count()).toBe(0);
      // The same popup draws both on the card of a session with an element.
      const other = popup.getByRole('listitem', { name: 'Document speed and volume' });
      expect(
        await other.getByRole('combobox', { name: 'Playback speed', exact: true }).count(),
      ).toBe(1);
      expect(await other.getByRole('slider', { name: 'Volume', exact: true }).count()).toBe(1);
    } finally {
      await popup.close();
      await withElement.close();
      await page.close();
    }
  });
});

describe('chapters', () => {
  it('the card names the current chapter, marks the chapters and steps between them through seekto', async () => {
    const page = await openPlaying('https://chapters.test/chapters.html', 'Chaptered Episode');
    const popup = await deck.openPopup();
    try {
      const session = await waitForSession(deck, 'Chaptered Episode');
      expect((session as unknown as { chapters: unknown }).chapters).toEqual([
        { title: 'Intro', startTime: 0 },
        { title: 'Verse', startTime: 30 },
        { title: 'Chorus', startTime: 90 },
      ]);
      const card = popup.getByRole('listitem', { name: 'Chaptered Episode' });
      const seekBar = card.locator('.seek').getByRole('slider');
      const chapterLine = (name: string) => card.getByText(`Chapter: ${name}`, { exact: true });
      const previous = card.getByRole('button', { name: 'Previous chapter', exact: true });
      const next = card.getByRole('button', { name: 'Next chapter', exact: true });
      await chapterLine('Verse').waitFor();

      // Marks where the later chapters start (not the first, at 0), on the page's 120 s timeline.
      expect(await seekBar.getAttribute('aria-valuemax')).toBe('120');
      const marks = seekBar.locator('.chapter-mark');
      expect(await marks.evaluateAll((m) => m.map((x) => (x as HTMLElement).style.left))).toEqual([
        '25%',
        '75%',
      ]);
      await takeCalls(page);

      // At about 40 s, in "Verse": the next chapter starts at 90.
      await next.click();
      let logged = await waitForCall(page, 'seekto');
      expect(logged).toEqual([
        { action: 'seekto', details: expect.objectContaining({ action: 'seekto', seekTime: 90 }) },
      ]);
      await chapterLine('Chorus').waitFor();
      expect(await next.getAttribute('aria-disabled')).toBe('true');

      // Paused at 45 s (the page's own seek): "Previous chapter" restarts "Verse", at 30 s.
      await page.evaluate(() => {
        const p = (window as unknown as Player & { player: { seek(at: number): void } }).player;
        p.pause();
        p.seek(45);
      });
      await waitFor(
        'the card paused at 45 s, in Verse',
        async () =>
          (await chapterLine('Verse').count()) === 1 &&
          (await card.getByRole('button', { name: 'Play', exact: true }).count()) === 1 &&
          (await seekBar.getAttribute('aria-valuenow')) === '45',
      );
      await takeCalls(page);
      await previous.click();
      logged = await waitForCall(page, 'seekto');
      expect(logged).toEqual([
        { action: 'seekto', details: expect.objectContaining({ action: 'seekto', seekTime: 30 }) },
      ]);
      // At the start of "Verse" (the page's handler moved its timeline there, and the card
      // follows): the previous chapter is "Intro", at 0.
      await waitFor(
        'the card at 30 s',
        async () => (await seekBar.getAttribute('aria-valuenow')) === '30',
      );
      await previous.click();
      logged = await waitForCall(page, 'seekto');
      expect(logged).toEqual([
        { action: 'seekto', details: expect.objectContaining({ action: 'seekto', seekTime: 0 }) },
      ]);
      await chapterLine('Intro').waitFor();
      await waitFor(
        '"Previous chapter" disabled at 0',
        async () => (await previous.getAttribute('aria-disabled')) === 'true',
      );
      expect(await next.getAttribute('aria-disabled')).toBeNull();

      // A disabled button sends nothing.
      await previous.click({ force: true });
      await next.click();
      logged = await waitForCall(page, 'seekto');
      expect(logged).toEqual([
        { action: 'seekto', details: expect.objectContaining({ action: 'seekto', seekTime: 30 }) },
      ]);
    } finally {
      await popup.close();
      await page.close();
    }
  });
});

describe('side panel', () => {
  it('the built manifest declares the side panel and its command', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as {
      side_panel?: { default_path?: string };
      commands?: Record<string, { suggested_key?: unknown }>;
      permissions?: string[];
    };
    expect(manifest.side_panel?.default_path).toBe('src/sidepanel/index.html');
    expect(manifest.commands).toHaveProperty('open-side-panel');
    expect(manifest.permissions).toContain('sidePanel');
  });

  it('the side panel page lists the playing session and controls it, without an "Open in side panel" button', async () => {
    const page = await openPlaying(
      'https://panel.test/element-settings.html',
      'Document speed and volume',
    );
    const panel = await deck.context.newPage();
    try {
      await panel.goto(`chrome-extension://${deck.extensionId}/src/sidepanel/index.html`);
      await panel.locator('[data-surface="side-panel"]').waitFor({ state: 'attached' });
      const card = panel.getByRole('listitem', { name: 'Document speed and volume' });
      await card.getByRole('button', { name: 'Pause', exact: true }).click();
      await waitFor('the page paused from the side panel', () =>
        page.evaluate(() => (window as unknown as Player).player.audio.paused),
      );
      await card.getByRole('button', { name: 'Play', exact: true }).waitFor();
      // The panel's card has the element's controls too.
      await card.getByRole('combobox', { name: 'Playback speed', exact: true }).selectOption('2');
      await waitFor(
        'rate 2 from the side panel',
        async () => (await element(page)).playbackRate === 2,
      );
      // The settings footer is there; the button that opens the panel is not.
      await panel.getByRole('button', { name: 'All settings' }).waitFor();
      expect(
        await panel.getByRole('button', { name: 'Open in side panel', exact: true }).count(),
      ).toBe(0);
    } finally {
      await panel.close();
      await page.close();
    }
  });

  it('the popup has an "Open in side panel" button, which opens the side panel', async () => {
    const sidePanels = () =>
      deck.serviceWorker().evaluate(async () =>
        (
          await chrome.runtime.getContexts({
            contextTypes: ['SIDE_PANEL' as chrome.runtime.ContextType],
          })
        ).map((c) => c.documentUrl),
      );
    expect(await sidePanels()).toEqual([]);
    const popup = await deck.openPopup();
    try {
      const button = popup.getByRole('button', { name: 'Open in side panel', exact: true });
      await button.waitFor();
      expect(await button.count()).toBe(1);
      await button.click();
      await waitFor('the side panel open with the deck', async () =>
        (await sidePanels()).includes(
          `chrome-extension://${deck.extensionId}/src/sidepanel/index.html`,
        ),
      );
      expect(await sidePanels()).toHaveLength(1);
    } finally {
      if (!popup.isClosed()) await popup.close();
      // Close the panel again (`sidePanel.close`, Chrome 141+), so that a retry starts without one.
      await deck.serviceWorker().evaluate(async () => {
        const panel = chrome.sidePanel as unknown as {
          close?(options: { windowId: number }): Promise<void>;
        };
        for (const w of await chrome.windows.getAll()) {
          if (w.id !== undefined) await panel.close?.({ windowId: w.id }).catch(() => {});
        }
      });
      await waitFor('the side panel closed', async () => (await sidePanels()).length === 0);
    }
  });
});
