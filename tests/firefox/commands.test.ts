/**
 * Keyboard commands in real Firefox: a headed Firefox ESR under Xvfb, real key presses through
 * xdotool (scripts/lib/xvfb.mjs), as tests/browser/focus-hijack.test.ts does for Chromium. The
 * add-on's `commands` (manifest.json, carried into the Firefox manifest) reach the page's own
 * handlers through the same dispatcher as in Chromium. Two commands are bound to ordinary keys:
 * xdotool's media-key presses did not reach Firefox's commands here (on Linux Firefox takes the
 * hardware media keys through MPRIS, over D-Bus), so the media keys themselves are not pressed.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/chromium.mjs';
import { EXTENSION_BASE, launchFirefoxWithExtension, openTab } from '../../scripts/lib/firefox.mjs';
import { type Display, startDisplay } from '../../scripts/lib/xvfb.mjs';
import { waitFor } from '../support/harness';
import { takeActions } from '../support/page-calls';

let display: Display;
let run: Awaited<ReturnType<typeof launchFirefoxWithExtension>>;
beforeAll(async () => {
  display = await startDisplay();
  run = await launchFirefoxWithExtension({
    pagesDir: join(ROOT, 'tests/fixtures/pages'),
    headless: false,
    display: display.name,
  });
});
afterAll(async () => {
  await run?.close();
  display?.stop();
});

it('keyboard commands reach the playing page’s own handlers', async () => {
  // Bind two of the add-on's commands to ordinary keys, as the user would in Firefox's
  // "Manage Extension Shortcuts" page (from one of the add-on's own pages).
  const settings = await openTab(run.browser, `${EXTENSION_BASE}/src/options/index.html`);
  await settings.evaluate(async () => {
    const api = (globalThis as unknown as { browser: typeof chrome }).browser;
    const commands = api.commands as unknown as {
      update(detail: { name: string; shortcut: string }): Promise<void>;
    };
    await commands.update({ name: 'next-track', shortcut: 'Ctrl+Shift+8' });
    await commands.update({ name: 'play-pause', shortcut: 'Ctrl+Shift+9' });
  });
  await settings.close();
  const page = await openTab(run.browser, 'http://player.test/music.html');
  await page.bringToFront();
  await page.evaluate(() =>
    (window as unknown as { player: { play(): Promise<void> } }).player.play(),
  );
  const calls = () => takeActions(page);
  // The session reaches the background before a key can act on it.
  await waitFor('the page playing', () =>
    page.evaluate(
      () => !(window as unknown as { player: { audio: HTMLAudioElement } }).player.audio.paused,
    ),
  );
  await new Promise((r) => setTimeout(r, 1000));
  await calls();
  await display.key('ctrl+shift+8');
  await waitFor('next track by the key', async () => (await calls()).includes('nexttrack'));
  await display.key('ctrl+shift+9');
  await waitFor('paused by the key', async () => (await calls()).includes('pause'));
  expect(
    await page.evaluate(
      () => (window as unknown as { player: { audio: HTMLAudioElement } }).player.audio.paused,
    ),
  ).toBe(true);
  await page.close();
});
