// @ts-check
/**
 * Control latency, each beside the same hops made by the bare "floor" extension in the same run
 * (headed, under Xvfb, for real key presses): popup click → page handler; key press → page handler
 * (worker running, and stopped first); metadata change in the page → popup showing it.
 */
import { DIST, launchWithExtension, stopServiceWorker } from '../lib/chromium.mjs';
import { describe } from '../lib/stats.mjs';
import { startDisplay } from '../lib/xvfb.mjs';
import { writeFloorExtension } from './floor-extension.mjs';
import { floorWorkerOf, now, PAGES, sleep, tabIdOf } from './shared.mjs';

/**
 * Ours beside the floor, and the ratio of their medians.
 * @param {number[]} ours
 * @param {number[]} floor
 */
function pair(ours, floor) {
  const o = describe(ours);
  const f = describe(floor);
  return { ours: o, floor: f, ratio: o.median / f.median };
}

/**
 * @param {import('./shared.mjs').SectionOptions} options
 * @returns {Promise<Record<'popupClickToHandler' | 'metadataToPopup' | 'keyToHandlerWarm' | 'keyToHandlerAsleep', ReturnType<typeof pair>>>}
 */
export async function controlLatency({ runs, log }) {
  const display = await startDisplay();
  const floorDir = writeFloorExtension();
  const browser = await launchWithExtension({
    headless: false,
    display: display.name,
    pagesDir: PAGES,
    extensions: [DIST, floorDir],
  });
  const { context, worker, extensionId } = browser;
  try {
    const floorWorker = await floorWorkerOf(context);
    const floorId = new URL(floorWorker.url()).host;

    const music = await context.newPage();
    await music.goto('https://player.test/music.html');
    await music.bringToFront();
    await music.evaluate(() => /** @type {any} */ (window).player.play());
    await sleep(1000);
    const musicTab = await tabIdOf(worker, 'player.test');

    // Popup click → handler, and the floor: relay page → SW → tab → MAIN world.
    log('latency: popup click');
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
    const relay = await context.newPage();
    await relay.goto(`chrome-extension://${floorId}/relay.html`);
    const button = popup
      .getByRole('listitem', { name: 'First Light' })
      .getByRole('button', { name: 'Seek forward 10 seconds' });
    await button.waitFor();
    const click = [];
    const clickFloor = [];
    for (let i = 0; i < runs + 3; i++) {
      await music.evaluate(() => {
        const w = /** @type {any} */ (window);
        w.calls.length = 0;
        w.player.audio.currentTime = 0;
        w.__floorAt = 0;
      });
      const t = await button.evaluate((el) => {
        const at = performance.timeOrigin + performance.now();
        /** @type {HTMLElement} */ (el).click();
        return at;
      });
      const handled = await music.waitForFunction(
        () => /** @type {any} */ (window).calls[0]?.at,
        null,
        { polling: 1 },
      );
      const f = await relay.evaluate((tabId) => {
        const at = performance.timeOrigin + performance.now();
        /** @type {any} */ (window).__floorClick(tabId);
        return at;
      }, musicTab);
      const floorAt = await music.waitForFunction(
        () => /** @type {any} */ (window).__floorAt || 0,
        null,
        { polling: 1 },
      );
      if (i >= 3) {
        click.push(/** @type {number} */ (await handled.jsonValue()) - t);
        clickFloor.push(/** @type {number} */ (await floorAt.jsonValue()) - f);
      }
    }

    log('latency: metadata change → popup');
    await popup.bringToFront(); // as when the user looks at it; the media tab is in the background
    const shown = [];
    const shownFloor = [];
    for (let i = 0; i < runs; i++) {
      const title = `Bench title ${i}`;
      // A MutationObserver, not requestAnimationFrame: frames do not run in a tab in the background.
      await popup.evaluate((t) => {
        const w = /** @type {any} */ (window);
        w.__seenAt = 0;
        const observer = new MutationObserver(() => {
          if ([...document.querySelectorAll('.title')].some((e) => e.textContent === t)) {
            w.__seenAt = performance.timeOrigin + performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      }, title);
      const t = await music.evaluate((tt) => {
        const at = performance.timeOrigin + performance.now();
        navigator.mediaSession.metadata = new MediaMetadata({ title: tt, artist: 'Bench' });
        return at;
      }, title);
      const seenAt = await popup.waitForFunction(() => /** @type {any} */ (window).__seenAt, null, {
        polling: 1,
      });
      shown.push(/** @type {number} */ (await seenAt.jsonValue()) - t);
      await relay.evaluate(() => {
        /** @type {any} */ (window).__floorReportAt = 0;
      });
      const f = await music.evaluate((n) => {
        const at = performance.timeOrigin + performance.now();
        /** @type {any} */ (window).__floorReport(n);
        return at;
      }, i);
      const fAt = await relay.waitForFunction(
        () => /** @type {any} */ (window).__floorReportAt,
        null,
        { polling: 1 },
      );
      shownFloor.push(/** @type {number} */ (await fAt.jsonValue()) - f);
      await sleep(150); // past the bridge's 100 ms coalescing window: each change is news
    }

    log('latency: key presses (warm, and with the service worker stopped)');
    await music.bringToFront();
    const press = async (/** @type {string} */ key, /** @type {string} */ probe) => {
      await music.evaluate(() => {
        const w = /** @type {any} */ (window);
        w.calls.length = 0;
        w.__floorAt = 0;
      });
      const t = now();
      await display.key(key);
      const at = await music.waitForFunction(probe, null, { polling: 1, timeout: 10_000 });
      return /** @type {number} */ (await at.jsonValue()) - t;
    };
    const keyWarm = [];
    const keyFloor = [];
    const keyAsleep = [];
    const handlerAt = 'window.calls[0]?.at || 0';
    await floorWorker.evaluate((id) => /** @type {any} */ (self).setKeyTab(id), musicTab);
    await press('XF86AudioNext', handlerAt);
    for (let i = 0; i < runs; i++) {
      keyWarm.push(await press(i % 2 ? 'XF86AudioPrev' : 'XF86AudioNext', handlerAt));
      keyFloor.push(await press('XF86AudioStop', 'window.__floorAt || 0'));
    }
    for (let i = 0; i < Math.min(runs, 10); i++) {
      // Paused first, so the page's bridge does not wake the worker again by itself.
      await music.evaluate(() => /** @type {any} */ (window).player.pause());
      await sleep(300);
      await stopServiceWorker(context, extensionId);
      keyAsleep.push(await press('XF86AudioPlay', handlerAt));
      await sleep(300);
    }
    return {
      popupClickToHandler: pair(click, clickFloor),
      metadataToPopup: pair(shown, shownFloor),
      keyToHandlerWarm: pair(keyWarm, keyFloor),
      keyToHandlerAsleep: pair(keyAsleep, keyFloor),
    };
  } finally {
    await browser.close();
    display.stop();
  }
}
