// @ts-check
/**
 * Page cost: DOMContentLoaded and load of a page without media and of a media page, with Media
 * Deck, with a bare "floor" extension and without any extension; script time the content scripts
 * add to one frame (DevTools `Performance.getMetrics` ScriptDuration); shipped bytes.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, launchWithExtension } from '../lib/chromium.mjs';
import { describe } from '../lib/stats.mjs';
import { writeFloorExtension } from './floor-extension.mjs';
import { PAGES } from './shared.mjs';

/**
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 * @param {number} runs
 */
async function loadTimes(context, url, runs) {
  const dcl = [];
  const load = [];
  const script = [];
  for (let i = 0; i < runs + 2; i++) {
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

/** Raw and gzip-9 size of a file of the build. @param {string} file */
function bytes(file) {
  const buffer = readFileSync(join(DIST, file));
  return { raw: statSync(join(DIST, file)).size, gzip: gzipSync(buffer, { level: 9 }).length };
}

/**
 * @param {import('./shared.mjs').SectionOptions} options
 * @returns {Promise<Record<string, any>>} `with`, `floor`, `without` (each `noMedia` and `media`:
 *   `dcl`, `load`, `scriptMs`), `contentScripts` (bytes by file) and `popup` (bytes and files).
 */
export async function pageCost({ runs, log }) {
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
    try {
      result[label] = {
        noMedia: await loadTimes(browser.context, 'https://quiet.test/blank.html', runs),
        media: await loadTimes(browser.context, 'https://player.test/music.html', runs),
      };
    } finally {
      await browser.close();
    }
  }
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
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
  return result;
}
