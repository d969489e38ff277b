// @ts-check
/**
 * Scale: 1, 10 and 50 media tabs: popup time until the whole list is painted, beside the bare
 * floor extension's static one-item page and its one-script page (a Port, one message, one item)
 * painted in the same browser with the same tabs open (interleaved: ours, floor, script floor, …); service-worker JS heap after a garbage collection;
 * popup click → handler on the last tab.
 */
import { DIST, launchWithExtension } from '../lib/chromium.mjs';
import { describe } from '../lib/stats.mjs';
import { writeFloorExtension } from './floor-extension.mjs';
import { floorWorkerOf, heapOfWorker, PAGES, sleep, tabIdOf } from './shared.mjs';

/**
 * The goal for the popup's paint, in ms over the floor's, by number of sessions (issue: "50
 * sessions within floor + 30 ms, 1 session within floor + 10 ms"); none for 10.
 * @type {Record<number, number>}
 */
export const PAINT_GOAL_OVER_FLOOR_MS = { 1: 10, 50: 30 };

/**
 * Opens `url` in a new tab and returns the time (ms since its navigation started) at which the
 * init script saw its whole list painted.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url ending in `#<number of list items to wait for>`
 */
async function listPaintedAt(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url);
    const at = await page.waitForFunction(() => /** @type {any} */ (window).__listPaintedAt, null, {
      polling: 5,
      timeout: 20_000,
    });
    return /** @type {number} */ (await at.jsonValue());
  } finally {
    await page.close();
  }
}

/**
 * @typedef {ReturnType<typeof describe>} Figure
 * @typedef {object} PaintBesideFloor
 * @property {Figure} ours the popup, from navigation start to its whole list painted (ms)
 * @property {Figure} floor the floor's static page, the same way (ms)
 * @property {Figure} oursMinusFloor each pair's difference (ms)
 * @property {Figure} scriptFloor the floor's one-script page: a Port, one message, one item (ms)
 * @property {Figure} scriptFloorMinusFloor what that least script costs over the static page (ms)
 * @property {Figure} oursMinusScriptFloor ours over the one-script page (ms)
 * @property {number | null} goalOverFloorMs the goal's margin over the floor, if there is one
 * @property {boolean | null} goalMet whether the median difference is within the goal
 */

/**
 * @param {import('./shared.mjs').SectionOptions} options
 * @returns {Promise<Record<number, { sessions: number, popupListPainted: PaintBesideFloor, workerHeapBytes: number, clickOnLastTabMs: Figure }>>}
 *   by number of tabs
 */
export async function scale({ runs, log }) {
  /** @type {Record<number, any>} */
  const result = {};
  const floorDir = writeFloorExtension();
  for (const count of [1, 10, 50]) {
    log(`scale: ${count} media tabs`);
    const browser = await launchWithExtension({
      headless: true,
      pagesDir: PAGES,
      extensions: [DIST, floorDir],
    });
    const { context, worker, extensionId } = browser;
    try {
      const floorId = new URL((await floorWorkerOf(context)).url()).host;
      await context.addInitScript(() => {
        // In the popup and the floor's static page, opened at `#<items>`: the time (ms since its
        // navigation) at which the whole list was painted.
        if (location.protocol !== 'chrome-extension:' || !/^#\d+$/.test(location.hash)) return;
        const want = Number(location.hash.slice(1));
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
      log(`scale: ${count} media tabs: popup paint beside the floor, ${runs} pairs`);
      /** @type {number[]} */
      const paint = [];
      /** @type {number[]} */
      const paintFloor = [];
      /** @type {number[]} */
      const paintScriptFloor = [];
      for (let i = 0; i < runs; i++) {
        paint.push(
          await listPaintedAt(
            context,
            `chrome-extension://${extensionId}/src/popup/index.html#${count}`,
          ),
        );
        paintFloor.push(
          await listPaintedAt(context, `chrome-extension://${floorId}/static.html#1`),
        );
        paintScriptFloor.push(
          await listPaintedAt(context, `chrome-extension://${floorId}/port.html#1`),
        );
      }
      const pairs = (/** @type {number[]} */ a, /** @type {number[]} */ b) =>
        describe(a.map((x, i) => x - (b[i] ?? Number.NaN)));
      const difference = pairs(paint, paintFloor);
      const goal = PAINT_GOAL_OVER_FLOOR_MS[count] ?? null;
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
        popupListPainted: {
          ours: describe(paint),
          floor: describe(paintFloor),
          oursMinusFloor: difference,
          scriptFloor: describe(paintScriptFloor),
          scriptFloorMinusFloor: pairs(paintScriptFloor, paintFloor),
          oursMinusScriptFloor: pairs(paint, paintScriptFloor),
          goalOverFloorMs: goal,
          goalMet: goal === null ? null : difference.median <= goal,
        },
        workerHeapBytes: await heapOfWorker(context, worker, extensionId),
        clickOnLastTabMs: describe(click),
      };
    } finally {
      await browser.close();
    }
  }
  return result;
}
