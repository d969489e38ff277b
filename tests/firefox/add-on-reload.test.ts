/**
 * A real reload of the add-on in Firefox while a tab plays (docs/architecture.md § Chromium and
 * Firefox): `runtime.reload()` from an extension page, as about:debugging's Reload button does for
 * a temporary add-on. Firefox unloads it (its content scripts' isolated worlds go dead, the MAIN
 * world's wrappers stay in the page), starts a new background page, and injects the manifest's
 * content scripts into the open tab itself, which Chromium never does. The session must come back
 * in the popup, playing, and be controllable through the page's own handler; and the page must
 * still see `setActionHandler` and `Function.prototype.toString` print as native functions with
 * their names: a second copy of the wrappers over the first would print as an anonymous one.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import {
  backgroundTimeOrigin,
  play,
  pressControl,
  useFirefoxDeck,
  waitFor,
  waitForCard,
  waitForPausedByHandler,
} from '../support/firefox-harness';

const deck = useFirefoxDeck();

/** What the page sees of the wrapped functions, and the handler calls its record.js logged. */
function pageView(page: Page) {
  return page.evaluate(() => ({
    setActionHandler: MediaSession.prototype.setActionHandler.toString(),
    toString: Function.prototype.toString.toString(),
    calls: (window as unknown as { calls: { action: string }[] }).calls.map((c) => c.action),
  }));
}

describe('reloading the add-on in Firefox', () => {
  it('a playing session comes back after runtime.reload(), controllable through its own handler, with the wrappers still native-looking', async () => {
    const page = await deck().open('http://reload.test/music.html');
    try {
      await play(page);
      const first = await deck().openPopup();
      const before = await backgroundTimeOrigin(first);
      await waitForCard(first, 'First Light');
      // The popup page goes away with the add-on it belongs to.
      await first.evaluate(() => {
        setTimeout(
          () => (globalThis as unknown as { browser: typeof chrome }).browser.runtime.reload(),
          0,
        );
      });
      await waitFor(
        'the popup closed by the reload',
        async () => first.isClosed() || null,
        10_000,
      ).catch(() => first.close());

      const popup = await waitFor(
        'the reloaded add-on',
        async () => {
          let opened: Page | null = null;
          try {
            opened = await deck().openPopup();
            if ((await backgroundTimeOrigin(opened)) !== before) return opened;
          } catch {}
          await opened?.close().catch(() => {});
          return null;
        },
        20_000,
      );
      try {
        await waitForCard(popup, 'First Light');
        const callsBefore = (await pageView(page)).calls.length;
        await pressControl(popup, 'First Light', 'Pause');
        await waitForPausedByHandler(page);
        const view = await pageView(page);
        expect(view.setActionHandler).toBe('function setActionHandler() {\n    [native code]\n}');
        expect(view.toString).toBe('function toString() {\n    [native code]\n}');
        // One press, one call of the page's handler.
        expect(view.calls.slice(callsBefore)).toEqual(['pause']);
        await waitForCard(popup, 'First Light', 'Paused');
      } finally {
        await popup.close();
      }
    } finally {
      await page.close();
    }
  });
});
