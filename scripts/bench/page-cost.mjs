// @ts-check
/**
 * Page cost (issue #12): what Media Deck costs a page, beside a floor and beside no extension.
 *
 * Four browsers are launched once: with Media Deck, with the empty floor (Media Deck's two
 * content-script slots, MAIN world and isolated, each an empty file: writeEmptyFloorExtension),
 * with the least two-stage design (the same slots doing the least the design of issue #12 can: one
 * wrapper and the port handoff, then one message, one injected script and one Port message on the
 * first activity: writeLeastTwoStageExtension), and with no extension. Loads are interleaved, one
 * in each browser in turn (with, floor, least, without, with, …), so that drift on a shared
 * machine (another process, a thermal step) falls on all of them alike; `WARM_UP_ROUNDS` rounds first are dropped. Each load is a new tab: DevTools
 * `Performance.getMetrics` ScriptDuration of the page's frame (every world's script, the content
 * scripts' included), then DOMContentLoaded and load from its navigation timing entry. Differences
 * from the floor are the median of each round's own difference. For the page without media it also
 * counts what Media Deck's content scripts sent the worker over all its loads (Ports of any name,
 * one-off messages, frame messages; goal 0).
 *
 * Then, in the Media Deck browser: metadata set in a frame with no earlier media activity → the
 * title in the open popup (metadataToPopup below). And the bytes a page gets at document_start (the
 * built manifest's `content_scripts`), apart from what is injected only later, and the popup's.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, launchWithExtension } from '../lib/chromium.mjs';
import { describe } from '../lib/stats.mjs';
import { writeEmptyFloorExtension, writeLeastTwoStageExtension } from './floor-extension.mjs';
import { navigationTiming, PAGES, readStats, sleep, within } from './shared.mjs';

/** The issue's goals. Printed beside each figure and judged there; never asserted. */
export const PAGE_GOALS = {
  /** Page without media: script time, Media Deck − floor, at most this (ms). */
  noMediaScriptOverFloorMs: 0.3,
  /** Page without media: DOMContentLoaded at most this much later than the floor's (%). */
  noMediaDclOverFloorPercent: 3,
  /** Page without media: messages the content scripts send the worker. */
  noMediaMessages: 0,
  /** Both worlds' files at document_start together, gzip -9, at most this (bytes: 4 KiB). */
  documentStartGzipBytes: 4096,
  /** Media page: script time, Media Deck − floor, at most this (ms). */
  mediaScriptOverFloorMs: 3,
  /** Metadata set in a fresh frame → shown in the open popup, median at most this (ms). */
  metadataToPopupMedianMs: 50,
};

/** Rounds (one load in each browser) made first and dropped: first processes, caches, JIT. */
export const WARM_UP_ROUNDS = 3;
/** Metadata → popup trials made first and dropped. */
const METADATA_WARM_UP = 2;
/** A popup that has not shown a title after this long counts as a miss. */
const METADATA_TIMEOUT_MS = 10_000;

/** The two pages, served from the fixtures (shared.mjs PAGES). */
const PAGE_URLS = {
  noMedia: 'https://quiet.test/blank.html',
  media: 'https://player.test/music.html',
};

/** The browsers, in the order each round loads them. */
const LABELS = /** @type {const} */ (['with', 'floor', 'least', 'without']);

/**
 * @typedef {ReturnType<typeof describe>} Figure
 * @typedef {{ scriptMs: number, dcl: number, load: number }} Load
 * @typedef {Awaited<ReturnType<typeof launchWithExtension>>} Browser
 */

/**
 * Loads `url` in a new tab of `context`; its frame's script time and its navigation timing (ms).
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 * @returns {Promise<Load>}
 */
async function loadOnce(context, url) {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load' });
    // The metrics before anything of ours runs in the page (evaluate is script time too).
    const { metrics } = await cdp.send('Performance.getMetrics');
    const scriptSeconds = metrics.find((m) => m.name === 'ScriptDuration')?.value ?? Number.NaN;
    const nav = await page.evaluate(navigationTiming);
    return {
      scriptMs: scriptSeconds * 1000,
      ...nav,
    };
  } finally {
    await page.close();
  }
}

/**
 * `rounds` measured rounds (after `WARM_UP_ROUNDS`), each one load of `url` in every browser, in
 * `LABELS` order.
 * @param {Record<(typeof LABELS)[number], Browser>} browsers
 * @param {string} url
 * @param {number} rounds
 * @param {(text: string) => void} log
 * @returns {Promise<Record<(typeof LABELS)[number], Load[]>>}
 */
async function interleaved(browsers, url, rounds, log) {
  /** @type {Record<(typeof LABELS)[number], Load[]>} */
  const loads = { with: [], floor: [], least: [], without: [] };
  for (let round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
    for (const label of LABELS) {
      const load = await loadOnce(browsers[label].context, url);
      if (round >= WARM_UP_ROUNDS) loads[label].push(load);
    }
    const done = round + 1 - WARM_UP_ROUNDS;
    if (done > 0 && done % 10 === 0) log(`page cost: ${url}: ${done} of ${rounds} rounds`);
  }
  return loads;
}

/**
 * Each browser's figures, and Media Deck's distance from the floor and from no extension, paired by
 * round (the median of the rounds' differences, not the difference of the medians).
 * @param {Record<(typeof LABELS)[number], Load[]>} loads
 */
function figures(loads) {
  /** @param {(typeof LABELS)[number]} label */
  const of = (label) => ({
    scriptMs: describe(loads[label].map((l) => l.scriptMs)),
    dcl: describe(loads[label].map((l) => l.dcl)),
    load: describe(loads[label].map((l) => l.load)),
  });
  /**
   * @param {(typeof LABELS)[number]} other
   * @param {keyof Load} key
   * @param {(ours: number, theirs: number) => number} f
   */
  const paired = (other, key, f) => pairedWith('with', other, key, f);
  /**
   * @param {(typeof LABELS)[number]} one
   * @param {(typeof LABELS)[number]} other
   * @param {keyof Load} key
   * @param {(ours: number, theirs: number) => number} f
   */
  const pairedWith = (one, other, key, f) =>
    describe(loads[one].map((l, i) => f(l[key], loads[other][i]?.[key] ?? Number.NaN)));
  const minus = (/** @type {number} */ a, /** @type {number} */ b) => a - b;
  const percent = (/** @type {number} */ a, /** @type {number} */ b) => (100 * (a - b)) / b;
  return {
    with: of('with'),
    floor: of('floor'),
    least: of('least'),
    without: of('without'),
    withMinusFloor: {
      scriptMs: paired('floor', 'scriptMs', minus),
      dcl: paired('floor', 'dcl', minus),
      dclPercent: paired('floor', 'dcl', percent),
      load: paired('floor', 'load', minus),
    },
    leastMinusFloor: {
      scriptMs: pairedWith('least', 'floor', 'scriptMs', minus),
      dcl: pairedWith('least', 'floor', 'dcl', minus),
      dclPercent: pairedWith('least', 'floor', 'dcl', percent),
    },
    withMinusWithout: {
      scriptMs: paired('without', 'scriptMs', minus),
      dcl: paired('without', 'dcl', minus),
      dclPercent: paired('without', 'dcl', percent),
      load: paired('without', 'load', minus),
    },
  };
}

/** The sum of a by-tab map of the worker's counters (0 for a field it lacks). @param {unknown} map */
const total = (map) =>
  typeof map === 'object' && map !== null
    ? Object.values(map).reduce((sum, v) => sum + (Number(v) || 0), 0)
    : 0;

/**
 * What the content scripts sent the worker between two reads of its counters, over all tabs.
 * @param {Record<string, any>} before
 * @param {Record<string, any>} after
 */
function sent(before, after) {
  /** @param {string} name */
  const delta = (name) => total(after[name]) - total(before[name]);
  const portsOpened = delta('contentScriptPortsByTab');
  const oneOffMessages = delta('contentScriptMessagesByTab');
  const frameMessages = delta('frameMessagesByTab');
  return {
    total: portsOpened + oneOffMessages + frameMessages,
    portsOpened,
    oneOffMessages,
    frameMessages,
  };
}

/**
 * Metadata set in a frame with no earlier media activity → its title shown in the open popup.
 *
 * The popup is opened in a window of its own, so that it and the tab are both visible, as the real
 * popup is over its tab: a popup in a background tab gets no animation frames, so it would answer
 * the feed's `shown` late and the next snapshot would wait for it (up to a second). Each trial embeds a fresh frame from a new origin in metadata-host.html, which
 * sets a unique title once loaded (metadata-frame.html) and reports the instant; the popup
 * resolves a promise from a MutationObserver when that title appears in a `.title` (no polling in
 * the popup to slow it). Latency = appeared − set, both `timeOrigin + now()`. The frame is then
 * removed and the popup seen to drop it, and the next trial waits past the popup feed's 100 ms
 * throttle, so each trial starts from an empty popup and a feed ready to push.
 * @param {Browser} browser Media Deck's
 * @param {number} trials
 * @param {(text: string) => void} log
 * @returns {Promise<{ ms: Figure, missed: number }>}
 */
async function metadataToPopup({ context, worker, extensionId }, trials, log) {
  log(`page cost: metadata in a fresh frame → popup, ${trials} trials`);
  const host = await context.newPage();
  await host.goto('https://frames-host.test/metadata-host.html');
  const popupUrl = `chrome-extension://${extensionId}/src/popup/index.html`;
  const opened = context.waitForEvent('page', { predicate: (p) => p.url() === popupUrl });
  await worker.evaluate(
    (url) => chrome.windows.create({ url, type: 'popup', width: 420, height: 640 }),
    popupUrl,
  );
  const popup = await opened;
  await popup.waitForLoadState();
  /** Resolves (in the popup) once no `.title`, or once a `.title`, reads `title`: the epoch ms. */
  const titleShown = (/** @type {{ title: string, shown: boolean }} */ arg) => {
    const has = () =>
      [...document.querySelectorAll('.title')].some((e) => e.textContent === arg.title);
    /** @type {any} */ (window).__titleSeen = new Promise((resolve) => {
      const check = () => {
        if (has() !== arg.shown) return false;
        resolve(performance.timeOrigin + performance.now());
        return true;
      };
      if (check()) return;
      const observer = new MutationObserver(() => {
        if (check()) observer.disconnect();
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  };
  const seen = () =>
    within(
      METADATA_TIMEOUT_MS,
      popup.evaluate(
        () => /** @type {Promise<number>} */ (/** @type {any} */ (window).__titleSeen),
      ),
      null,
    );
  /** @type {number[]} */
  const latencies = [];
  let missed = 0;
  try {
    for (let i = 0; i < METADATA_WARM_UP + trials; i++) {
      const title = `Footprint ${i} ${Date.now().toString(36)}`;
      await popup.evaluate(titleShown, { title, shown: true });
      const setAt = await within(
        METADATA_TIMEOUT_MS,
        host.evaluate(({ n, t }) => /** @type {any} */ (window).addMetadataFrame(n, t), {
          n: i,
          t: title,
        }),
        null,
      );
      const shownAt = await seen();
      if (i >= METADATA_WARM_UP) {
        if (typeof setAt === 'number' && typeof shownAt === 'number')
          latencies.push(shownAt - setAt);
        else missed++;
      }
      await popup.evaluate(titleShown, { title, shown: false });
      await host.evaluate(() => /** @type {any} */ (window).removeMetadataFrame());
      await seen();
      await sleep(200); // past the feed's 100 ms throttle and the popup's `shown`
    }
  } finally {
    await popup.close();
    await host.close();
  }
  return { ms: describe(latencies), missed };
}

/** Raw and gzip -9 size of a file of the build. @param {string} file relative to dist/ */
function bytes(file) {
  const buffer = readFileSync(join(DIST, file));
  return { raw: buffer.length, gzip: gzipSync(buffer, { level: 9 }).length };
}

/** Every file under `dir` (relative to dist/), recursively. @param {string} dir @returns {string[]} */
const filesUnder = (dir) =>
  readdirSync(join(DIST, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(DIST, join(e.parentPath, e.name)));

/**
 * What a page gets from the build: the manifest's `content_scripts` files (every page and frame,
 * at their `run_at`), with the gzip total of those at document_start, both worlds together; the
 * scripts under dist/src/content/ that are not among them (where the build puts every content
 * script entry: a script injected only on a frame's first media activity would be one); and the
 * popup's files.
 * @param {Record<string, any>} manifest dist/manifest.json
 */
function shippedBytes(manifest) {
  /** @type {{ file: string, world: string, runAt: string, raw: number, gzip: number }[]} */
  const contentScripts = manifest.content_scripts.flatMap((/** @type {any} */ cs) =>
    [...(cs.js ?? []), ...(cs.css ?? [])].map((/** @type {string} */ file) => ({
      file,
      world: cs.world ?? 'ISOLATED',
      runAt: cs.run_at ?? 'document_idle',
      ...bytes(file),
    })),
  );
  const atStart = contentScripts.filter((f) => f.runAt === 'document_start');
  const listed = new Set(contentScripts.map((f) => f.file));
  const later = filesUnder('src/content')
    .filter((file) => /\.(?:js|css)$/.test(file) && !listed.has(file))
    .map((file) => ({ file, ...bytes(file) }));
  const popupHtml = readFileSync(join(DIST, manifest.action.default_popup), 'utf8');
  const popupFiles = new Set(
    [...popupHtml.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? ''),
  );
  for (const file of [...popupFiles]) {
    for (const m of readFileSync(join(DIST, file), 'utf8').matchAll(
      /(?:from|import)\s*"\.\/([^"]+\.js)"/g,
    )) {
      popupFiles.add(join(file, '..', m[1] ?? ''));
    }
  }
  const popup = [...popupFiles].reduce(
    (sum, file) => {
      const b = bytes(file);
      return { raw: sum.raw + b.raw, gzip: sum.gzip + b.gzip, files: [...sum.files, file] };
    },
    { raw: 0, gzip: 0, files: /** @type {string[]} */ ([]) },
  );
  return {
    contentScripts,
    documentStart: {
      raw: atStart.reduce((sum, f) => sum + f.raw, 0),
      gzip: atStart.reduce((sum, f) => sum + f.gzip, 0),
    },
    later,
    popup,
  };
}

/**
 * @param {import('./shared.mjs').SectionOptions} options `runs`: the metadata trials; each page
 *   is loaded 2 × `runs` times in each browser (40 by default), the differences being small.
 * @returns {Promise<Record<string, any>>} `rounds`, `noMedia` and `media` (`figures`, plus what the
 *   content scripts sent: `messages`), `metadataToPopup`, `bytes`, `goals` and `met`.
 */
export async function pageCost({ runs, log }) {
  const rounds = 2 * runs;
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
  const args = process.env.BENCH_NO_BFCACHE ? ['--disable-back-forward-cache'] : [];
  const floorDir = writeEmptyFloorExtension(manifest.content_scripts);
  const leastDir = writeLeastTwoStageExtension(manifest.content_scripts);
  /** @type {Partial<Record<(typeof LABELS)[number], Browser>>} */
  const launched = {};
  try {
    log(
      'page cost: launching four browsers: Media Deck, the empty floor, the least two-stage design, no extension',
    );
    for (const [label, extensions] of /** @type {const} */ ([
      ['with', [DIST]],
      ['floor', [floorDir]],
      ['least', [leastDir]],
      ['without', []],
    ])) {
      launched[label] = await launchWithExtension({
        headless: true,
        pagesDir: PAGES,
        extensions: [...extensions],
        args,
      });
    }
    const browsers = /** @type {Record<(typeof LABELS)[number], Browser>} */ (launched);
    const deck = browsers.with.worker;
    /** @type {Record<string, any>} */
    const pages = {};
    for (const [key, url] of Object.entries(PAGE_URLS)) {
      log(`page cost: ${url}: ${WARM_UP_ROUNDS} warm-up rounds, then ${rounds} interleaved`);
      const before = await readStats(deck);
      const loads = await interleaved(browsers, url, rounds, log);
      const after = await readStats(deck);
      // Over the warm-up loads too: a page without media should send nothing, ever.
      pages[key] = {
        url,
        ...figures(loads),
        messages: sent(before, after),
        loads: rounds + WARM_UP_ROUNDS,
      };
    }
    const metadata = await metadataToPopup(browsers.with, runs, log);
    const shipped = shippedBytes(manifest);
    const g = PAGE_GOALS;
    /** Whether `v` is a number that passes `test`; `null` when there is no figure to judge. */
    const judge = (/** @type {number} */ v, /** @type {(v: number) => boolean} */ test) =>
      Number.isFinite(v) ? test(v) : null;
    return {
      rounds: { warmUp: WARM_UP_ROUNDS, measured: rounds, order: LABELS },
      noMedia: pages.noMedia,
      media: pages.media,
      metadataToPopup: { ...metadata, trials: runs, warmUp: METADATA_WARM_UP },
      bytes: shipped,
      goals: g,
      met: {
        noMediaScript: judge(
          pages.noMedia.withMinusFloor.scriptMs.median,
          (v) => v <= g.noMediaScriptOverFloorMs,
        ),
        noMediaDcl: judge(
          pages.noMedia.withMinusFloor.dclPercent.median,
          (v) => v <= g.noMediaDclOverFloorPercent,
        ),
        noMediaMessages: pages.noMedia.messages.total <= g.noMediaMessages,
        documentStart: shipped.documentStart.gzip <= g.documentStartGzipBytes,
        mediaScript: judge(
          pages.media.withMinusFloor.scriptMs.median,
          (v) => v <= g.mediaScriptOverFloorMs,
        ),
        // A title the popup never showed fails it, whatever the others did.
        metadataToPopup: metadata.missed
          ? false
          : judge(metadata.ms.median, (v) => v <= g.metadataToPopupMedianMs),
      },
    };
  } finally {
    for (const browser of Object.values(launched)) await browser.close();
    rmSync(floorDir, { recursive: true, force: true });
    rmSync(leastDir, { recursive: true, force: true });
  }
}
