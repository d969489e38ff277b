// @ts-check
/**
 * `npm run bench`: what Media Deck costs and how fast it answers, side by side with a browser
 * without it, in one run (issue #6). Builds nothing itself (the npm script builds first), drives
 * Debian's Chromium, and writes `bench-results/report.json` plus a table on stdout.
 *
 * Sections (medians and p95 over RUNS samples unless said):
 *  1. Page cost: DOMContentLoaded and load of a page without media and of a media page, with the
 *     extension and without (ratio); script time the content scripts add to one frame (DevTools
 *     `Performance.getMetrics` ScriptDuration, with minus without); shipped bytes.
 *  2. Idle cost: messages the service worker receives from a page without media (goal: 0), and per
 *     second while a page calls setPositionState every animation frame (goal: a handful).
 *  3. Control latency, each beside the same hops made by a bare "floor" extension in the same run:
 *     popup click → page handler; key press → page handler (warm, and with the worker stopped);
 *     metadata change in the page → popup showing it.
 *  4. Scale: 1, 10 and 50 media tabs: popup time until the whole list is painted, service-worker
 *     JS heap, and popup click → handler on the last tab.
 *  5. Automatic picture-in-picture: tab switch → video picture-in-picture, and → audio mini player
 *     (Chrome's site setting seeded to Allow).
 * Usage: node scripts/bench.mjs [--runs N] [--out DIR] [--sections page,latency,scale,pip]
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeFloorExtension } from './bench/floor-extension.mjs';
import { DIST, launchWithExtension, ROOT, stopServiceWorker } from './lib/chromium.mjs';
import { describe } from './lib/stats.mjs';
import { startDisplay } from './lib/xvfb.mjs';

const arg = (/** @type {string} */ name, /** @type {string} */ fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const RUNS = Number(arg('--runs', '20'));
const OUT = join(ROOT, arg('--out', 'bench-results'));
const PAGES = join(ROOT, 'tests/fixtures/pages');
const started = Date.now();
/** @type {Record<string, any>} */
const report = { date: new Date().toISOString(), runs: RUNS, chromium: '', sections: {} };
const log = (/** @type {string} */ text) =>
  console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${text}`);
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

// ---------------------------------------------------------------------------------------------
// 1. Page cost

/** @param {import('playwright-core').BrowserContext} context @param {string} url */
async function loadTimes(context, url) {
  const dcl = [];
  const load = [];
  const script = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load' });
    const nav = await page.evaluate(() => {
      const e = /** @type {PerformanceNavigationTiming} */ (
        performance.getEntriesByType('navigation')[0]
      );
      return { dcl: e.domContentLoadedEventEnd, load: e.loadEventEnd };
    });
    const { metrics } = await cdp.send('Performance.getMetrics');
    const scriptSeconds = metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
    if (i >= 2) {
      dcl.push(nav.dcl);
      load.push(nav.load);
      script.push(scriptSeconds * 1000);
    }
    await page.close();
  }
  return { dcl: describe(dcl), load: describe(load), scriptMs: describe(script) };
}

async function pageCost() {
  log('page cost: with and without the extension');
  /** @type {Record<string, any>} */
  const result = {};
  // 'floor': the bare extension's two empty-handed content scripts (Chrome's own cost of an
  // isolated world and a MAIN-world script), to tell it from Media Deck's.
  const floorDir = writeFloorExtension();
  for (const [label, extensions] of /** @type {const} */ ([
    ['with', [DIST]],
    ['floor', [floorDir]],
    ['without', []],
  ])) {
    const browser = await launchWithExtension({
      headless: true,
      pagesDir: PAGES,
      extensions: [...extensions],
      args: process.env.BENCH_NO_BFCACHE ? ['--disable-back-forward-cache'] : [],
    });
    report.chromium ||= browser.context.browser()?.version() ?? '';
    try {
      result[label] = {
        noMedia: await loadTimes(browser.context, 'https://quiet.test/blank.html'),
        media: await loadTimes(browser.context, 'https://player.test/music.html'),
      };
    } finally {
      await browser.close();
    }
  }
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
  const bytes = (/** @type {string} */ file) => {
    const buffer = readFileSync(join(DIST, file));
    return { raw: statSync(join(DIST, file)).size, gzip: gzipSync(buffer, { level: 9 }).length };
  };
  result.contentScripts = Object.fromEntries(
    manifest.content_scripts.flatMap((/** @type {any} */ cs) =>
      cs.js.map((/** @type {string} */ js) => [js, bytes(js)]),
    ),
  );
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
  result.popup = [...popupFiles].reduce(
    (sum, file) => {
      const b = bytes(file);
      return { raw: sum.raw + b.raw, gzip: sum.gzip + b.gzip, files: [...sum.files, file] };
    },
    { raw: 0, gzip: 0, files: /** @type {string[]} */ ([]) },
  );
  report.sections.pageCost = result;
}

// ---------------------------------------------------------------------------------------------
// 2. Idle cost, 3. latency (with the floor extension loaded beside Media Deck)

/** @param {import('playwright-core').Worker} worker */
const stats = (worker) =>
  worker.evaluate(() =>
    JSON.parse(JSON.stringify(/** @type {any} */ (globalThis).mediaDeck.stats)),
  );
/** @param {import('playwright-core').Worker} worker @param {string} host */
const tabIdOf = (worker, host) =>
  worker.evaluate(
    async (h) => (await chrome.tabs.query({ url: `https://${h}/*` }))[0]?.id ?? -1,
    host,
  );

async function idleAndLatency() {
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
    const floorWorker =
      context.serviceWorkers().find((w) => w.url().endsWith('/sw.js')) ??
      (await context.waitForEvent('serviceworker', {
        predicate: (w) => w.url().endsWith('/sw.js'),
      }));
    const floorId = new URL(floorWorker.url()).host;

    log('idle cost: a page without media');
    const quiet = await context.newPage();
    await quiet.goto('https://quiet.test/no-media.html');
    await sleep(3000);
    const quietTab = await tabIdOf(worker, 'quiet.test');
    /** @type {Record<string, any>} */
    const idle = { noMediaMessages: (await stats(worker)).frameMessagesByTab[quietTab] ?? 0 };
    await quiet.close();

    log('idle cost: setPositionState every animation frame for 10 s');
    const music = await context.newPage();
    await music.goto('https://player.test/music.html');
    await music.bringToFront();
    await music.evaluate(() => /** @type {any} */ (window).player.play());
    await sleep(1000);
    const musicTab = await tabIdOf(worker, 'player.test');
    const before = (await stats(worker)).frameMessagesByTab[musicTab] ?? 0;
    const calls = await music.evaluate(async () => {
      const audio = /** @type {any} */ (window).player.audio;
      let n = 0;
      const end = performance.now() + 10_000;
      await new Promise((resolve) => {
        const frame = () => {
          navigator.mediaSession.setPositionState({
            duration: audio.duration,
            playbackRate: 1,
            position: audio.currentTime,
          });
          n++;
          if (performance.now() < end) requestAnimationFrame(frame);
          else resolve(undefined);
        };
        requestAnimationFrame(frame);
      });
      return n;
    });
    const after = (await stats(worker)).frameMessagesByTab[musicTab] ?? 0;
    idle.steadyPlayback = {
      setPositionStateCalls: calls,
      seconds: 10,
      messages: after - before,
      messagesPerSecond: (after - before) / 10,
    };
    report.sections.idle = idle;

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
    for (let i = 0; i < RUNS + 3; i++) {
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
    const report_ = [];
    const reportFloor = [];
    for (let i = 0; i < RUNS; i++) {
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
      report_.push(/** @type {number} */ (await seenAt.jsonValue()) - t);
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
      reportFloor.push(/** @type {number} */ (await fAt.jsonValue()) - f);
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
    for (let i = 0; i < RUNS; i++) {
      keyWarm.push(await press(i % 2 ? 'XF86AudioPrev' : 'XF86AudioNext', handlerAt));
      keyFloor.push(await press('XF86AudioStop', 'window.__floorAt || 0'));
    }
    for (let i = 0; i < Math.min(RUNS, 10); i++) {
      // Paused first, so the page's bridge does not wake the worker again by itself.
      await music.evaluate(() => /** @type {any} */ (window).player.pause());
      await sleep(300);
      await stopServiceWorker(context, extensionId);
      keyAsleep.push(await press('XF86AudioPlay', handlerAt));
      await sleep(300);
    }
    const pair = (/** @type {number[]} */ ours, /** @type {number[]} */ floor) => {
      const o = describe(ours);
      const f = describe(floor);
      return { ours: o, floor: f, ratio: o.median / f.median };
    };
    report.sections.latency = {
      popupClickToHandler: pair(click, clickFloor),
      metadataToPopup: pair(report_, reportFloor),
      keyToHandlerWarm: pair(keyWarm, keyFloor),
      keyToHandlerAsleep: pair(keyAsleep, keyFloor),
    };
  } finally {
    await browser.close();
    display.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Scale

/** @param {import('playwright-core').BrowserContext} context @param {import('playwright-core').Worker} worker @param {string} extensionId */
async function heapOfWorker(context, worker, extensionId) {
  const browser = context.browser();
  if (!browser) return Number.NaN;
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find(
      (t) => t.type === 'service_worker' && t.url.includes(extensionId),
    );
    if (!target) return Number.NaN;
    const { sessionId } = await cdp.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    });
    /** @type {Promise<number>} */
    const answer = new Promise((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (event) => {
        const message = JSON.parse(event.message);
        if (message.id === 2) resolve(message.result.usedSize);
      });
    });
    /** @type {Promise<void>} */
    const collected = new Promise((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (event) => {
        if (JSON.parse(event.message).id === 1) resolve();
      });
    });
    await worker.evaluate(() => 0); // awake
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }),
    });
    await Promise.race([collected, sleep(5000)]);
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 2, method: 'Runtime.getHeapUsage' }),
    });
    return await Promise.race([answer, sleep(5000).then(() => Number.NaN)]);
  } finally {
    await cdp.detach();
  }
}

async function scale() {
  /** @type {Record<string, any>} */
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
      for (let i = 0; i < Math.min(RUNS, 10); i++) {
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
      for (let i = 0; i < RUNS + 3; i++) {
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
  report.sections.scale = result;
}

// ---------------------------------------------------------------------------------------------
// 5. Automatic picture-in-picture

async function autoPip() {
  log('automatic picture-in-picture: tab switch → window');
  const browser = await launchWithExtension({
    headless: true,
    pagesDir: PAGES,
    preferences: { profile: { default_content_setting_values: { auto_picture_in_picture: 1 } } },
  });
  try {
    await browser.worker.evaluate(() =>
      chrome.storage.sync.set({ settings: { autoPictureInPicture: 'video-and-audio' } }),
    );
    const other = await browser.context.newPage();
    await other.goto('https://quiet.test/no-media.html');
    /** @param {string} url @param {string} opened an expression, true once picture-in-picture is open */
    const measure = async (url, opened) => {
      const page = await browser.context.newPage();
      await page.goto(url);
      await page.evaluate(() => /** @type {any} */ (window).player.play());
      const delays = [];
      for (let i = 0; i < Math.min(RUNS, 10); i++) {
        await page.bringToFront();
        await page.waitForFunction(`!(${opened})`);
        await sleep(700); // armed, and audible for a moment (Chrome asks for the last 2 s)
        const before = now();
        await other.bringToFront();
        await page.waitForFunction(opened, null, { polling: 1, timeout: 5000 });
        delays.push(now() - before);
      }
      await page.close();
      return describe(delays);
    };
    report.sections.autoPip = {
      video: await measure(
        'https://video.test/video.html',
        'document.pictureInPictureElement !== null',
      ),
      audio: await measure(
        'https://player.test/music.html',
        'window.documentPictureInPicture.window !== null',
      ),
    };
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------

function table() {
  const { pageCost, idle, latency, scale: sc } = report.sections;
  const ms = (/** @type {number} */ v) => `${v.toFixed(1)} ms`;
  const kib = (/** @type {number} */ v) => `${(v / 1024).toFixed(1)} KiB`;
  const lines = [];
  lines.push(
    `Media Deck benchmark — ${report.date}, Chromium ${report.chromium}, ${RUNS} runs a figure (medians; p95 in report.json)`,
  );
  lines.push('');
  lines.push('| page cost | with Media Deck | without | ratio | floor: bare content scripts |');
  lines.push('| --- | --- | --- | --- | --- |');
  for (const [label, key] of /** @type {const} */ ([
    ['page without media', 'noMedia'],
    ['media page', 'media'],
  ])) {
    const w = pageCost.with[key];
    const wo = pageCost.without[key];
    const f = pageCost.floor[key];
    const ratio = (/** @type {string} */ m) => (w[m].median / wo[m].median).toFixed(2);
    lines.push(
      `| ${label}: DOMContentLoaded | ${ms(w.dcl.median)} | ${ms(wo.dcl.median)} | ${ratio('dcl')} | ${ms(f.dcl.median)} |`,
    );
    lines.push(
      `| ${label}: load | ${ms(w.load.median)} | ${ms(wo.load.median)} | ${ratio('load')} | ${ms(f.load.median)} |`,
    );
    lines.push(
      `| ${label}: script time in the frame | ${ms(w.scriptMs.median)} | ${ms(wo.scriptMs.median)} | +${ms(w.scriptMs.median - wo.scriptMs.median)} | ${ms(f.scriptMs.median)} |`,
    );
  }
  lines.push('');
  lines.push('| shipped bytes | raw | gzip |');
  lines.push('| --- | --- | --- |');
  for (const [file, b] of Object.entries(pageCost.contentScripts))
    lines.push(`| ${file} | ${kib(b.raw)} | ${kib(b.gzip)} |`);
  lines.push(
    `| popup (${pageCost.popup.files.length} files) | ${kib(pageCost.popup.raw)} | ${kib(pageCost.popup.gzip)} |`,
  );
  lines.push('');
  lines.push('| idle cost | measured | goal |');
  lines.push('| --- | --- | --- |');
  lines.push(`| messages from a page without media | ${idle.noMediaMessages} | 0 |`);
  lines.push(
    `| messages/s, setPositionState every frame (${idle.steadyPlayback.setPositionStateCalls} calls in 10 s) | ${idle.steadyPlayback.messagesPerSecond.toFixed(1)} | a handful |`,
  );
  lines.push('');
  lines.push('| control latency | Media Deck | floor (bare hops) | ratio |');
  lines.push('| --- | --- | --- | --- |');
  for (const [label, key] of /** @type {const} */ ([
    ['popup click → page handler', 'popupClickToHandler'],
    ['key press → page handler, worker running', 'keyToHandlerWarm'],
    ['key press → page handler, worker stopped', 'keyToHandlerAsleep'],
    ['metadata change → popup shows it', 'metadataToPopup'],
  ])) {
    const l = latency[key];
    lines.push(
      `| ${label} | ${ms(l.ours.median)} (p95 ${ms(l.ours.p95)}) | ${ms(l.floor.median)} | ${l.ratio.toFixed(2)} |`,
    );
  }
  lines.push('');
  lines.push('| scale | 1 tab | 10 tabs | 50 tabs |');
  lines.push('| --- | --- | --- | --- |');
  const row = (/** @type {string} */ label, /** @type {(r: any) => string} */ f) =>
    `| ${label} | ${f(sc[1])} | ${f(sc[10])} | ${f(sc[50])} |`;
  lines.push(row('sessions listed', (r) => String(r.sessions)));
  lines.push(row('popup: whole list painted', (r) => ms(r.popupListPaintedMs.median)));
  lines.push(row('service-worker JS heap', (r) => kib(r.workerHeapBytes)));
  lines.push(row('popup click → handler, last tab', (r) => ms(r.clickOnLastTabMs.median)));
  lines.push('');
  lines.push('| automatic picture-in-picture | median | p95 |');
  lines.push('| --- | --- | --- |');
  const pip = report.sections.autoPip;
  lines.push(
    `| tab switch → video picture-in-picture | ${ms(pip.video.median)} | ${ms(pip.video.p95)} |`,
  );
  lines.push(`| tab switch → audio mini player | ${ms(pip.audio.median)} | ${ms(pip.audio.p95)} |`);
  return lines.join('\n');
}

// `--sections page,latency,…` runs some sections only (the table needs them all).
const only = arg('--sections', 'page,latency,scale,pip').split(',');
if (only.includes('page')) await pageCost();
if (only.includes('latency')) await idleAndLatency();
if (only.includes('scale')) await scale();
if (only.includes('pip')) await autoPip();
report.seconds = (Date.now() - started) / 1000;
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
const text = only.length === 4 ? table() : JSON.stringify(report.sections, null, 1);
writeFileSync(join(OUT, 'report.md'), `${text}\n`);
console.log(text);
log(`done in ${report.seconds.toFixed(0)} s; report in ${join(OUT, 'report.json')}`);
