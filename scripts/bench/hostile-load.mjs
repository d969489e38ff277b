// @ts-check
/**
 * Hostile load (issue: "32 frames × 40 reports/s with new 16 × 2,000-character artwork for 60 s in
 * one tab: worker heap after GC under 32 MB, a popup click on another tab's session reaches its
 * handler in under 100 ms p95 during the flood, and writes stop within 2 s after the flood tab
 * closes; every other tab keeps its artwork").
 *
 * A paused music tab (two https artwork images) and the popup (as a tab) are open; then
 * tests/fixtures/pages/flood.html floods for `floodSeconds`. About once a second during the flood
 * the popup's "Seek forward 10 seconds" on the music session is clicked (`click()` on the button,
 * run in the popup) and timed to the music page's handler: from the popup's own click, as the
 * control-latency section times it (`popupClickToHandlerMs`, the goal's figure; a click that never
 * reaches the handler fails the goal), and from the moment the benchmark asks the popup to click
 * (`clickToHandlerMs`, which adds the DevTools round trip into a loaded popup). Before the flood tab closes: the worker's JS heap after a garbage collection;
 * after it closes: `mediaDeck.stats` polled for 5 s (when storage writes stop), the heap again, and
 * whether the music session still has its artwork.
 *
 * The counters `storageWrites`, `lastStorageWriteAt`, `overBudgetByTab` and `portsDisconnected`
 * are read defensively: a worker without them reports `null` (the table prints "n/a"). Every wait
 * is bounded, so an extension that drowns under the flood still lets the section finish.
 */
import { DIST, launchWithExtension } from '../lib/chromium.mjs';
import { describe } from '../lib/stats.mjs';
import { writeFloorExtension } from './floor-extension.mjs';
import { floorWorkerOf, heapOfWorker, now, PAGES, sleep, tabIdOf, within } from './shared.mjs';

/** The flood's parameters: flood.html's defaults (32 frames × 40 reports/s, 16 × 2,000 chars). */
export const FLOOD = { frames: 32, intervalMs: 25, images: 16, chars: 2000 };
/** A click with no handler call within this long counts as this long, and is flagged. */
export const CLICK_TIMEOUT_MS = 15_000;
/** How long the counters are polled after the flood tab closed. */
const AFTER_CLOSE_MS = 5000;
/** The goals. */
export const HOSTILE_GOALS = {
  workerHeapBytes: 32 * 1024 * 1024,
  clickP95Ms: 100,
  writesStopMs: 2000,
};

/**
 * A copy of `mediaDeck.stats`, or `null` when the worker does not answer within `ms`.
 * @param {number} ms
 * @param {import('playwright-core').Worker} worker
 * @returns {Promise<Record<string, any> | null>}
 */
const statsWithin = (ms, worker) =>
  within(
    ms,
    worker.evaluate(() => {
      const s = /** @type {any} */ (globalThis).mediaDeck?.stats;
      return s ? JSON.parse(JSON.stringify(s)) : null;
    }),
    null,
  ).catch(() => null);

/**
 * A number field of the counters, or `null` when the worker has no such field.
 * @param {Record<string, any> | null} stats
 * @param {string} name
 * @returns {number | null}
 */
function field(stats, name) {
  const v = stats?.[name];
  return typeof v === 'number' ? v : null;
}

/**
 * `after − before` of a number field, or of one tab's entry (0 when absent) in a by-tab map;
 * `null` when the worker lacks the field.
 * @param {Record<string, any> | null} before
 * @param {Record<string, any> | null} after
 * @param {string} name
 * @param {(tabId: number) => boolean} [tabs] for a by-tab map: which tabs to sum
 * @returns {number | null}
 */
function delta(before, after, name, tabs) {
  if (!tabs) {
    const a = field(after, name);
    const b = field(before, name);
    return a === null || b === null ? null : a - b;
  }
  const a = after?.[name];
  const b = before?.[name];
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return null;
  let sum = 0;
  for (const id of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (tabs(Number(id))) sum += (Number(a[id]) || 0) - (Number(b[id]) || 0);
  }
  return sum;
}

/**
 * The artwork srcs of the tab's session in `mediaDeck.snapshot()`, or `null` (no answer, no
 * session).
 * @param {import('playwright-core').Worker} worker
 * @param {number} tabId
 * @returns {Promise<string[] | null>}
 */
const artworkOf = (worker, tabId) =>
  within(
    15_000,
    worker.evaluate((id) => {
      const sessions = /** @type {any} */ (globalThis).mediaDeck.snapshot().sessions;
      const session = sessions.find((/** @type {any} */ s) => s.tabId === id);
      return session ? session.artwork.map((/** @type {any} */ a) => String(a.src)) : null;
    }, tabId),
    null,
  ).catch(() => null);

/** @param {string[] | null} a @param {string[] | null} b */
const sameList = (a, b) =>
  a !== null && b !== null && a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * @param {import('./shared.mjs').SectionOptions} options
 * @returns {Promise<Record<string, any>>} the report's `hostile` key: `flood`, `tabs`, `clicks`,
 *   `clickToHandlerMs`, `popupClickToHandlerMs`, `clickDispatchMs`, `floorClickMs`, `workerHeapBytes`,
 *   `duringFlood`, `afterClose`, `artworkBefore`, `artworkKeptDuringFlood`, `artworkKept`, `goals`.
 */
export async function hostileLoad({ log, floodSeconds }) {
  // The floor extension beside: its bare hops (page → its worker → the tab's MAIN world), timed
  // in the same flood, show what the machine itself allows.
  const browser = await launchWithExtension({
    headless: true,
    pagesDir: PAGES,
    extensions: [DIST, writeFloorExtension()],
  });
  const { context, worker, extensionId } = browser;
  try {
    const floorId = new URL((await floorWorkerOf(context)).url()).host;
    log('hostile load: a paused music tab and the popup');
    const music = await context.newPage();
    await music.goto('https://player.test/music.html');
    await music.evaluate(() => /** @type {any} */ (window).player.play());
    await sleep(1000);
    await music.evaluate(() => /** @type {any} */ (window).player.pause());
    const musicTab = await tabIdOf(worker, 'player.test');
    const relay = await context.newPage();
    await relay.goto(`chrome-extension://${floorId}/relay.html`);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
    const seekButton = `li.session[data-key^="${musicTab}:"] button[data-control="seekforward"]`;
    await popup.waitForSelector(seekButton);
    // The flood's tab, on a quiet page of its host first, so its id is known before the flood.
    const flood = await context.newPage();
    await flood.goto('https://flood.test/blank.html');
    const floodTab = await tabIdOf(worker, 'flood.test');
    await sleep(1000);
    const artworkBefore = await artworkOf(worker, musicTab);
    const heapBefore = await heapOfWorker(context, worker, extensionId);
    const statsBefore = await statsWithin(10_000, worker);

    log(`hostile load: flood.html for ${floodSeconds} s, a popup click about once a second`);
    const query = new URLSearchParams({
      frames: String(FLOOD.frames),
      interval: String(FLOOD.intervalMs),
      images: String(FLOOD.images),
      chars: String(FLOOD.chars),
    });
    const floodStart = now();
    await flood.goto(`https://flood.test/flood.html?${query}`).catch((/** @type {Error} */ e) => {
      log(`hostile load: flood page load: ${e.message.split('\n')[0]}`);
    });
    log(`hostile load: flood page loaded in ${((now() - floodStart) / 1000).toFixed(1)} s`);
    // As when the user looks at the popup.
    await within(5000, popup.bringToFront(), undefined).catch(() => {});
    const floodEnd = floodStart + floodSeconds * 1000;
    /** @type {number[]} asked → handler: what the user waits, the popup's own delay included */
    const clicks = [];
    /** @type {number[]} the popup's click → handler, as the control-latency section times it */
    const popupClicks = [];
    /** @type {number[]} asked → the popup runs the click (its main thread's delay) */
    const dispatch = [];
    /** @type {number[]} the floor's relay click → its MAIN world, in the same flood */
    const floorClicks = [];
    let timedOut = 0;
    let buttonMissing = 0;
    /** @type {{ k: number, asked: number }[]} clicks with no handler call in time */
    const unanswered = [];
    // Click k is answered by the music page's handler call `calls[k]`: clicks go out one at a
    // time, in order, so a click answered late is not taken for the next one's answer.
    let expected = /** @type {number} */ (
      await within(
        10_000,
        music.evaluate(() => /** @type {any} */ (window).calls.length),
        0,
      )
    );
    while (now() < floodEnd) {
      const asked = now();
      const clickedAt = await within(
        CLICK_TIMEOUT_MS,
        popup.evaluate((selector) => {
          const button = /** @type {HTMLElement | null} */ (document.querySelector(selector));
          if (!button) return 0;
          const at = performance.timeOrigin + performance.now();
          button.click();
          return at;
        }, seekButton),
        null,
      ).catch(() => null);
      if (clickedAt === 0) {
        buttonMissing++;
      } else if (clickedAt === null) {
        // The popup did not even run the click in time: it may still run it later.
        unanswered.push({ k: expected++, asked });
        timedOut++;
        clicks.push(CLICK_TIMEOUT_MS);
      } else {
        dispatch.push(clickedAt - asked);
        const k = expected++;
        const handledAt = await music
          .waitForFunction((i) => /** @type {any} */ (window).calls[i]?.at ?? 0, k, {
            polling: 10,
            timeout: Math.max(1, asked + CLICK_TIMEOUT_MS - now()),
          })
          .then(async (handle) => /** @type {number} */ (await handle.jsonValue()))
          .catch(() => null);
        if (handledAt === null) {
          timedOut++;
          clicks.push(CLICK_TIMEOUT_MS);
          unanswered.push({ k, asked });
        } else {
          clicks.push(handledAt - asked);
          popupClicks.push(handledAt - clickedAt);
        }
      }
      // The floor's bare hops, right after.
      await within(
        2000,
        music.evaluate(() => {
          /** @type {any} */ (window).__floorAt = 0;
        }),
        undefined,
      ).catch(() => {});
      const floorAsked = await within(
        5000,
        relay.evaluate((tabId) => {
          const at = performance.timeOrigin + performance.now();
          /** @type {any} */ (window).__floorClick(tabId);
          return at;
        }, musicTab),
        null,
      ).catch(() => null);
      if (floorAsked !== null) {
        const floorAt = await music
          .waitForFunction(() => /** @type {any} */ (window).__floorAt || 0, null, {
            polling: 10,
            timeout: CLICK_TIMEOUT_MS,
          })
          .then(async (handle) => /** @type {number} */ (await handle.jsonValue()))
          .catch(() => null);
        floorClicks.push(floorAt === null ? CLICK_TIMEOUT_MS : floorAt - floorAsked);
      }
      await sleep(Math.max(0, asked + 1000 - now()));
    }

    log('hostile load: end of the flood: heap, counters, artwork');
    const reportsSent = await within(
      15_000,
      Promise.all(
        flood
          .frames()
          .filter((f) => f !== flood.mainFrame())
          .map((f) =>
            within(
              5000,
              f.evaluate(() => Number(/** @type {any} */ (window).reports) || 0),
              0,
            ).catch(() => 0),
          ),
      ).then((counts) => counts.reduce((a, b) => a + b, 0)),
      null,
    );
    const floodMs = now() - floodStart;
    const heapEndOfFlood = await heapOfWorker(context, worker, extensionId, {
      timeoutMs: 30_000,
    });
    const artworkDuring = await artworkOf(worker, musicTab);
    const statsEnd = await statsWithin(15_000, worker);

    log('hostile load: the flood tab closes; counters for 5 s');
    await within(30_000, flood.close(), undefined).catch(() => {});
    const closedAt = Date.now();
    // Writes counted from the last read before closing; samples: [ms since closed, writes since].
    const writesAtClose = field(statsEnd, 'storageWrites');
    /** @type {[number, number][]} */
    const samples = [];
    let statsAfter = null;
    while (Date.now() < closedAt + AFTER_CLOSE_MS) {
      const sample = await statsWithin(2000, worker);
      if (sample) statsAfter = sample;
      const writes = field(sample, 'storageWrites');
      if (writes !== null && writesAtClose !== null)
        samples.push([Date.now() - closedAt, writes - writesAtClose]);
      await sleep(250);
    }
    const lastWriteAt = field(statsAfter, 'lastStorageWriteAt');
    const writesStopMs = lastWriteAt === null ? null : lastWriteAt - closedAt;
    const heapAfterClose = await heapOfWorker(context, worker, extensionId, { timeoutMs: 30_000 });
    const artworkAfter = await artworkOf(worker, musicTab);
    // Clicks that timed out: answered later after all, or never (by the end of the section)?
    const callsAt = /** @type {number[] | null} */ (
      await within(
        10_000,
        music.evaluate(() =>
          /** @type {any} */ (window).calls.map((/** @type {any} */ c) => Number(c.at)),
        ),
        null,
      ).catch(() => null)
    );
    const lateMs = unanswered.flatMap(({ k, asked }) => {
      const at = callsAt?.[k];
      return at === undefined ? [] : [at - asked];
    });
    const seconds = floodMs / 1000;
    const other = (/** @type {number} */ id) => id !== floodTab;
    return {
      flood: {
        ...FLOOD,
        plannedSeconds: floodSeconds,
        seconds,
        reportsSent,
        reportsPerSecond: reportsSent === null ? null : reportsSent / seconds,
      },
      tabs: { music: musicTab, flood: floodTab },
      clicks: {
        n: clicks.length,
        timedOut,
        buttonMissing,
        timeoutMs: CLICK_TIMEOUT_MS,
        // Of the timed-out clicks the popup ran: asked → handler of those answered by the end.
        answeredLateMs: callsAt === null ? null : lateMs,
        neverAnswered: callsAt === null ? null : unanswered.length - lateMs.length,
      },
      clickToHandlerMs: describe(clicks),
      popupClickToHandlerMs: describe(popupClicks),
      clickDispatchMs: describe(dispatch),
      floorClickMs: describe(floorClicks),
      workerHeapBytes: {
        beforeFlood: heapBefore,
        endOfFlood: heapEndOfFlood,
        afterClose: heapAfterClose,
      },
      duringFlood: {
        frameMessagesFloodTab: delta(
          statsBefore,
          statsEnd,
          'frameMessagesByTab',
          (id) => !other(id),
        ),
        overBudgetFloodTab: delta(statsBefore, statsEnd, 'overBudgetByTab', (id) => !other(id)),
        overBudgetOtherTabs: delta(statsBefore, statsEnd, 'overBudgetByTab', other),
        portsDisconnected: delta(statsBefore, statsEnd, 'portsDisconnected'),
        storageWrites: delta(statsBefore, statsEnd, 'storageWrites'),
        framePorts: delta(statsBefore, statsEnd, 'framePorts'),
      },
      afterClose: {
        seconds: AFTER_CLOSE_MS / 1000,
        writesStopMs,
        storageWrites: delta(statsEnd, statsAfter, 'storageWrites'),
        stillWriting: writesStopMs === null ? null : writesStopMs > AFTER_CLOSE_MS - 1000,
        samples,
      },
      artworkBefore,
      artworkKeptDuringFlood:
        artworkBefore === null ? null : sameList(artworkBefore, artworkDuring),
      artworkKept: artworkBefore === null ? null : sameList(artworkBefore, artworkAfter),
      goals: HOSTILE_GOALS,
    };
  } finally {
    await within(30_000, browser.close(), undefined).catch(() => {});
  }
}
