// @ts-check
/**
 * `npm run store:screenshots [-- --language de]`: the Chrome Web Store's screenshots, 1280×800
 * (https://developer.chrome.com/docs/webstore/images#screenshots), made from the real extension
 * (`dist/`, build first) on the demo pages (`demo/`), in light and dark, into
 * `store/screenshots/<language>/`:
 *
 * - `popup-light.png`, `popup-dark.png`: the popup with the demo music and video playing, shown
 *   under the toolbar's corner over the music tab, as a user sees it;
 * - `side-panel-light.png`, `side-panel-dark.png`: the same deck in Chrome's side panel, at the
 *   right of the music tab;
 * - `options-light.png`, `options-dark.png`: the settings page.
 *
 * The language is Chromium's UI language (default `en-US`); Debian's Chromium needs
 * `chromium-l10n` for the others (scripts/ensure-system.sh).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { launchWithExtension, ROOT } from './lib/chromium.mjs';

const WIDTH = 1280;
const HEIGHT = 800;
/** Chrome's side panel at its default width (CSS pixels). */
const SIDE_PANEL_WIDTH = 360;
const MUSIC = 'https://music-demo.test/index.html';
const VIDEO = 'https://video-demo.test/video.html';

const at = process.argv.indexOf('--language');
const language = at > 0 ? (process.argv[at + 1] ?? 'en-US') : 'en-US';
const folder = language.split('-')[0] === 'en' ? 'en' : language.replace('-', '_');
const out = join(ROOT, 'store', 'screenshots', folder);
mkdirSync(out, { recursive: true });

/**
 * Polls `probe` every 100 ms until it is truthy; throws after `ms` naming `what`.
 * @template T
 * @param {string} what
 * @param {() => Promise<T>} probe
 * @returns {Promise<T>}
 */
async function until(what, probe, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The width and height a PNG declares (its IHDR chunk).
 * @param {Buffer} png
 */
function pngSize(png) {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Writes `png` to `<out>/<name>` after checking it is the store's size.
 * @param {string} name
 * @param {Buffer} png
 */
function save(name, png) {
  const { width, height } = pngSize(png);
  if (width !== WIDTH || height !== HEIGHT) {
    throw new Error(`${name} is ${width}×${height}, not ${WIDTH}×${HEIGHT}`);
  }
  const file = join(out, name);
  writeFileSync(file, png);
  console.log(`${relative(ROOT, file)}  ${WIDTH}×${HEIGHT}`);
}

const deck = await launchWithExtension({ headless: true, language, pagesDir: join(ROOT, 'demo') });
const { context, worker, extensionId } = deck;
try {
  const music = await context.newPage();
  await music.setViewportSize({ width: WIDTH, height: HEIGHT });
  await music.goto(MUSIC);
  await music.getByRole('button', { name: 'Play' }).click();
  const video = await context.newPage();
  await video.goto(VIDEO);
  await video.evaluate(() => /** @type {any} */ (window).demo.play());
  await until('both demo sessions playing', () =>
    worker.evaluate(
      () =>
        /** @type {any} */ (globalThis).mediaDeck
          .snapshot()
          .sessions.filter((/** @type {any} */ s) => s.playbackState === 'playing').length >= 2,
    ),
  );

  const popup = await context.newPage();
  // Wider than the popup's 400 px body: the page keeps a scrollbar gutter beside it
  // (src/popup/popup.css), which the shot leaves out.
  await popup.setViewportSize({ width: 480, height: 700 });
  await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
  await until('two cards with their artwork', async () => {
    const cards = await popup.locator('li.session:not(.pending)').count();
    const art = await popup
      .locator('li.session img.artwork')
      .evaluateAll((imgs) => imgs.every((img) => /** @type {HTMLImageElement} */ (img).complete));
    return cards >= 2 && art;
  });

  const sidePanel = await context.newPage();
  await sidePanel.setViewportSize({ width: SIDE_PANEL_WIDTH, height: HEIGHT });
  await sidePanel.goto(`chrome-extension://${extensionId}/src/sidepanel/index.html`);
  await until(
    'the side panel with two cards',
    async () => (await sidePanel.locator('li.session:not(.pending)').count()) >= 2,
  );

  const options = await context.newPage();
  await options.setViewportSize({ width: WIDTH, height: HEIGHT });
  await options.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  await options.locator('input[type="radio"]').first().waitFor();

  const canvas = await context.newPage();
  await canvas.setViewportSize({ width: WIDTH, height: HEIGHT });
  const css = readFileSync(join(import.meta.dirname, 'store', 'popup-frame.css'), 'utf8');

  for (const scheme of /** @type {const} */ (['light', 'dark'])) {
    for (const page of [music, popup, sidePanel, options, canvas])
      await page.emulateMedia({ colorScheme: scheme });
    await music.bringToFront();
    const backdrop = await music.screenshot();
    await popup.bringToFront();
    const box = await popup.locator('body').boundingBox();
    if (!box) throw new Error('the popup has no body box');
    const panel = await popup.screenshot({ clip: box });
    const { width, height } = pngSize(panel);
    // The popup where Chrome opens it, under the toolbar's right end, over the tab it is about.
    await canvas.setContent(
      `<!doctype html><html><head><style>${css}</style></head><body class="${scheme}">` +
        `<img class="backdrop" alt="" src="data:image/png;base64,${backdrop.toString('base64')}">` +
        `<img class="popup" alt="" width="${width}" height="${Math.min(height, HEIGHT - 40)}" ` +
        `src="data:image/png;base64,${panel.toString('base64')}">` +
        '</body></html>',
    );
    await canvas
      .locator('img.popup')
      .evaluate((img) => /** @type {HTMLImageElement} */ (img).decode());
    save(`popup-${scheme}.png`, await canvas.screenshot());
    // The side panel at the window's right, the page narrower beside it, as Chrome lays them out.
    await sidePanel.bringToFront();
    const side = await sidePanel.screenshot();
    await canvas.setContent(
      `<!doctype html><html><head><style>${css}</style></head><body class="${scheme}">` +
        `<img class="page-beside-panel" alt="" src="data:image/png;base64,${backdrop.toString('base64')}">` +
        `<img class="side-panel" alt="" src="data:image/png;base64,${side.toString('base64')}">` +
        '</body></html>',
    );
    await canvas
      .locator('img.side-panel')
      .evaluate((img) => /** @type {HTMLImageElement} */ (img).decode());
    save(`side-panel-${scheme}.png`, await canvas.screenshot());
    await options.bringToFront();
    save(`options-${scheme}.png`, await options.screenshot());
  }
  await deck.close();
} catch (error) {
  await deck.close();
  throw error;
}
