// @ts-check
/**
 * Scale: 1, 10 and 50 media tabs: popup time until the whole list is painted, service-worker JS
 * heap after a garbage collection, and popup click → handler on the last tab.
 */
import { launchWithExtension } from '../lib/chromium.mjs';
import { describe } from '../lib/stats.mjs';
import { heapOfWorker, PAGES, sleep, tabIdOf } from './shared.mjs';

/**
 * @param {import('./shared.mjs').SectionOptions} options
 * @returns {Promise<Record<number, { sessions: number, popupListPaintedMs: ReturnType<typeof describe>, workerHeapBytes: number, clickOnLastTabMs: ReturnType<typeof describe> }>>}
 *   by number of tabs
 */
export async function scale({ runs, log }) {
  /** @type {Record<number, any>} */
  const result = {};
  for (const count of [1, 10, 50]) {
    log(`scale: ${count} media tabs`);
    const browser = await launchWithExtension({ headless: true, pagesDir: PAGES });
    const { context, worker, extensionId } = browser;
    try {
      await context.addInitScript(() => {
        // In the popup: the time (ms since its navigation) at which the whole list was painted.
        if (!location.href.includes('/src/popup/')) return;
        const want = Number(new URL(location.href).hash.slice(1));
        const check = () => {
          if (document.querySelectorAll('li.session').length >= want) {
            requestAnimationFrame(() => {
              /** @type {any} */ (window).__listPaintedAt = performance.now();
            });
          } else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      const pages = [];
      for (let i = 0; i < count; i++) {
        const page = await context.newPage();
        await page.goto(`https://tab${i}.test/music.html`);
        await page.evaluate(() => /** @type {any} */ (window).player.play());
        pages.push(page);
      }
      await sleep(1500);
      for (const page of pages.slice(0, -1))
        await page.evaluate(() => /** @type {any} */ (window).player.pause());
      await sleep(500);
      const sessions = await worker.evaluate(
        () => /** @type {any} */ (globalThis).mediaDeck.snapshot().sessions.length,
      );
      const paint = [];
      for (let i = 0; i < Math.min(runs, 10); i++) {
        const popup = await context.newPage();
        await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html#${count}`);
        const at = await popup.waitForFunction(
          () => /** @type {any} */ (window).__listPaintedAt,
          null,
          { polling: 5, timeout: 20_000 },
        );
        paint.push(/** @type {number} */ (await at.jsonValue()));
        await popup.close();
      }
      // Popup click → handler on the last tab opened.
      const last = /** @type {import('playwright-core').Page} */ (pages[pages.length - 1]);
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html#${count}`);
      const button = popup
        .locator(`li.session[data-key^="${await tabIdOf(worker, `tab${count - 1}.test`)}:"]`)
        .getByRole('button', { name: 'Seek forward 10 seconds' });
      await button.waitFor();
      const click = [];
      for (let i = 0; i < runs + 3; i++) {
        await last.evaluate(() => {
          const w = /** @type {any} */ (window);
          w.calls.length = 0;
          w.player.audio.currentTime = 0;
        });
        const t = await button.evaluate((el) => {
          const at = performance.timeOrigin + performance.now();
          /** @type {HTMLElement} */ (el).click();
          return at;
        });
        const handled = await last.waitForFunction(
          () => /** @type {any} */ (window).calls[0]?.at,
          null,
          { polling: 1 },
        );
        if (i >= 3) click.push(/** @type {number} */ (await handled.jsonValue()) - t);
      }
      result[count] = {
        sessions,
        popupListPaintedMs: describe(paint),
        workerHeapBytes: await heapOfWorker(context, worker, extensionId),
        clickOnLastTabMs: describe(click),
      };
    } finally {
      await browser.close();
    }
  }
  return result;
}
