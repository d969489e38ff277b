/**
 * Issue #15 in real Firefox: Firefox runs the background as an event page and suspends it when
 * idle (here after 2 s, `extensions.background.idle.timeout`, instead of 30 s). A session captured
 * before a restart is still in the popup after it (restored from `storage.session`, as after a
 * Chromium service-worker restart, docs/architecture.md § Lifecycle), once, and still controllable:
 * the popup's Pause reaches the page's own handler.
 */
import { describe, expect, it } from 'vitest';
import {
  backgroundTimeOrigin,
  cardTitles,
  play,
  pressControl,
  useFirefoxDeck,
  waitFor,
  waitForCard,
  waitForPausedByHandler,
} from '../support/firefox-harness';

const deck = useFirefoxDeck({ prefs: { 'extensions.background.idle.timeout': 2000 } });

describe('background restarts in Firefox', () => {
  it('a session survives the event page being suspended and started again', async () => {
    const page = await deck().open('http://restart.test/music.html');
    try {
      await play(page);
      const popup = await deck().openPopup();
      await waitForCard(popup, 'First Light');
      const before = await backgroundTimeOrigin(popup);
      await popup.close();
      // No extension page open: the idle event page is suspended; asking for it starts a new one.
      const probe = await deck().openExtensionPage('src/options/index.html');
      try {
        await waitFor(
          'a new background page',
          async () => (await backgroundTimeOrigin(probe)) !== before,
          20_000,
        );
      } finally {
        await probe.close();
      }
      const after = await deck().openPopup();
      try {
        await waitForCard(after, 'First Light');
        expect((await cardTitles(after)).filter((t) => t === 'First Light')).toHaveLength(1);
        await pressControl(after, 'First Light', 'Pause');
        await waitForPausedByHandler(page);
        await waitForCard(after, 'First Light', 'Paused');
      } finally {
        await after.close();
      }
    } finally {
      await page.close();
    }
  });
});
