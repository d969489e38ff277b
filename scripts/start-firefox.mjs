// @ts-check
/**
 * `npm start -- --firefox` (scripts/start.mjs hands over here): builds the Firefox add-on
 * (`dist-firefox/`) and opens Firefox ESR with it on the demo pages, a music player and a video
 * playing, the popup in a third tab. With `--headless` (or without a display) it instead prints
 * what the popup shows, presses "Next track" there, and exits 0 when the music's title changed,
 * 1 otherwise. Firefox is driven by puppeteer-core over WebDriver BiDi (scripts/lib/firefox.mjs).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './lib/chromium.mjs';
import {
  EXTENSION_BASE,
  firefoxVersion,
  launchFirefoxWithExtension,
  openTab,
} from './lib/firefox.mjs';

const wantHeadless = process.argv.includes('--headless');
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = wantHeadless || !hasDisplay;
if (!wantHeadless && !hasDisplay) {
  console.log('No display found (DISPLAY is not set): running the headless demo instead.\n');
}

execFileSync('npx', ['vite', 'build', '--mode', 'firefox', '--logLevel', 'warn'], {
  cwd: ROOT,
  stdio: 'inherit',
});

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The popup's cards: title and text, in order.
 * @param {import('puppeteer-core').Page} popup
 */
const cards = (popup) =>
  popup.evaluate(() =>
    [...document.querySelectorAll('li.session')].map((li) => ({
      title: li.querySelector('.title')?.textContent ?? '',
      playing: li.textContent?.includes('Playing') ?? false,
    })),
  );

const run = await launchFirefoxWithExtension({ pagesDir: join(ROOT, 'demo'), headless });
try {
  const music = await openTab(run.browser, 'http://music-demo.test/index.html');
  await music.evaluate(() => /** @type {any} */ (document.querySelector('button'))?.click());
  const video = await openTab(run.browser, 'http://video-demo.test/video.html');
  await video.evaluate(() => /** @type {any} */ (window).demo.play());
  const popup = await openTab(run.browser, `${EXTENSION_BASE}/src/popup/index.html`);

  if (!headless) {
    console.log(`${firefoxVersion()} is open with Media Deck and two playing demo tabs.`);
    console.log('Media Deck is in the toolbar (the puzzle piece → pin it); the popup is also open');
    console.log('in the last tab. Close the window to finish.');
    await new Promise((resolve) => run.browser.on('disconnected', resolve));
    await run.close();
    process.exit(0);
  }

  let seen = await cards(popup);
  for (let i = 0; i < 100 && seen.filter((c) => c.playing).length < 2; i++) {
    await sleep(100);
    seen = await cards(popup);
  }
  console.log(`${firefoxVersion()}: the popup shows ${seen.length} session(s):`);
  for (const card of seen) console.log(`  ${card.playing ? '▶' : ' '} ${card.title}`);
  /** The title of the first card with a "Next track" button (the music), and that button. */
  const musicTitle = () =>
    popup.evaluate(
      () =>
        document
          .querySelector('li.session:has([data-control="nexttrack"])')
          ?.querySelector('.title')?.textContent ?? '',
    );
  const before = await musicTitle();
  // By its control id, not its name: the name is in the browser's UI language.
  await popup.click('li.session [data-control="nexttrack"]');
  let after = before;
  for (let i = 0; i < 50 && after === before; i++) {
    await sleep(100);
    after = await musicTitle();
  }
  console.log(`Pressed "Next track" in the popup: "${before}" → "${after}".`);
  await run.close();
  process.exit(seen.length >= 2 && after !== before ? 0 : 1);
} catch (error) {
  console.error(error);
  await run.close();
  process.exit(1);
}
