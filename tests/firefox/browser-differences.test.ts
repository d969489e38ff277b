/**
 * Issue #15 in real Firefox: what Firefox lacks (automatic picture-in-picture and its mini player,
 * video picture-in-picture for extensions, Chrome's favicon cache, the side panel) is absent from
 * the popup and the options page or explained in one line, never a control that cannot work; the
 * side panel's button opens the same page in Firefox's sidebar (src/shared/platform.ts).
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import {
  buttonsOf,
  play,
  sidebarContent,
  sidebarIsOpen,
  useFirefoxDeck,
  waitFor,
  waitForCard,
} from '../support/firefox-harness';

const deck = useFirefoxDeck();

/** The visible text of an extension page. */
const textOf = (page: Page) => page.evaluate(() => document.body.textContent ?? '');

describe('what Firefox lacks', () => {
  it('a video card has no picture-in-picture button, automatic picture-in-picture line or broken favicon', async () => {
    await deck().withPopup('http://video.test/video.html', async (page, popup) => {
      await play(page);
      await waitForCard(popup, 'Test Card Documentary');
      const buttons = await buttonsOf(popup, 'Test Card Documentary');
      expect(buttons).toEqual(expect.arrayContaining(['Pause', 'Mute tab', 'Go to tab']));
      expect(buttons.filter((b) => /picture-in-picture/i.test(b))).toEqual([]);
      const card = await popup.evaluate(() => {
        const li = document.querySelector('li.session');
        return {
          autoPipLine: li?.querySelector('.autopip') !== null,
          images: [...(li?.querySelectorAll('img') ?? [])].map((img) => ({
            className: img.className,
            broken: img.complete && img.naturalWidth === 0,
          })),
        };
      });
      expect(card.autoPipLine).toBe(false);
      expect(card.images.filter((i) => i.className === 'favicon')).toEqual([]);
      expect(card.images.filter((i) => i.broken)).toEqual([]);
      // The popup's footer has no automatic picture-in-picture choice, and its shortcuts list
      // no picture-in-picture key.
      const text = await textOf(popup);
      expect(text).not.toContain('Picture-in-picture when I switch tabs');
      expect(text).not.toMatch(/automatic picture-in-picture/i);
      expect(text).toContain('Media keys control');
    });
  });

  it('the options page says in one line that automatic picture-in-picture is not there', async () => {
    const options = await deck().openExtensionPage('src/options/index.html');
    try {
      const text = await waitFor('the options page', async () => {
        const t = await textOf(options);
        return t.includes('Media keys') ? t : '';
      });
      expect(text).toContain(
        'This browser has no automatic picture-in-picture, so its settings are not shown here.',
      );
      expect(await options.$('section.sites')).toBeNull();
    } finally {
      await options.close();
    }
  });

  it("'Open in side panel' opens the deck in Firefox's sidebar", async () => {
    const popup = await deck().openPopup();
    try {
      expect(await sidebarIsOpen(popup)).toBe(false);
      const button = await waitFor('the side panel button', async () => {
        for (const b of await popup.$$('button.link')) {
          if ((await b.evaluate((e) => e.textContent)) === 'Open in side panel') return b;
        }
        return null;
      });
      await button.click();
      // The popup closes itself once the sidebar is open; ask another extension page.
      const options = await deck().openExtensionPage('src/options/index.html');
      try {
        await waitFor('the sidebar open', () => sidebarIsOpen(options));
        // The same deck as the popup, in its side-panel form (no button to open itself).
        const sidebar = await waitFor('the deck in the sidebar', async () => {
          const content = await sidebarContent(options);
          return content?.text.includes('Media keys control') ? content : null;
        });
        expect(sidebar.surface).toBe('side-panel');
        expect(sidebar.text).not.toContain('Open in side panel');
      } finally {
        await options.close();
      }
    } finally {
      if (!popup.isClosed()) await popup.close();
    }
  });
});
