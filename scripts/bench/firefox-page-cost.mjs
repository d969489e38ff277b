// @ts-check
/**
 * Page cost in Firefox (issue #15: "the bench's page-cost figures are also printed for Firefox"):
 * the page without media and the media page, loaded in turn in three Firefox ESR instances
 * launched once (Media Deck from `dist-firefox/`, a floor add-on with Media Deck's two
 * content-script slots holding empty files, and no add-on), interleaved like the Chromium section
 * (scripts/bench/page-cost.mjs) so that drift falls on all three alike. Firefox's remote protocol
 * has no per-frame script time (Chromium's DevTools `ScriptDuration`), so the figures are the
 * navigation timing's DOMContentLoaded and load, and the differences from the floor are the median
 * of each round's own difference. Needs `npm run build:firefox` (`npm run bench` runs it).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  DIST_FIREFOX,
  firefoxVersion,
  launchFirefoxWithExtension,
  openTab,
} from '../lib/firefox.mjs';
import { describe } from '../lib/stats.mjs';
import { writeEmptyFloorExtension } from './floor-extension.mjs';
import { navigationTiming, PAGES } from './shared.mjs';

/** Rounds made first and dropped: first processes, caches, JIT. */
const WARM_UP_ROUNDS = 3;
/** The two pages, served by the Firefox page server (scripts/lib/firefox.mjs). */
const PAGE_URLS = {
  noMedia: 'http://quiet.test/blank.html',
  media: 'http://player.test/music.html',
};
const LABELS = /** @type {const} */ (['with', 'floor', 'without']);

/**
 * Writes the Firefox floor add-on: the content-script slots of `dist-firefox/manifest.json`, each
 * with one empty file (`writeEmptyFloorExtension`), with the id and data declaration Firefox wants.
 */
function writeFirefoxFloor() {
  const built = JSON.parse(readFileSync(join(DIST_FIREFOX, 'manifest.json'), 'utf8'));
  return writeEmptyFloorExtension(built.content_scripts, {
    browser_specific_settings: {
      gecko: { id: 'bench-floor@example.org', data_collection_permissions: { required: ['none'] } },
    },
  });
}

/**
 * One load of `url` in a new tab: its DOMContentLoaded and load (ms from navigation start).
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} url
 */
async function loadOnce(browser, url) {
  const page = await openTab(browser, url);
  try {
    return await page.evaluate(navigationTiming);
  } finally {
    await page.close();
  }
}

/**
 * @param {import('./shared.mjs').SectionOptions} options
 */
export async function firefoxPageCost({ runs, log }) {
  if (!existsSync(join(DIST_FIREFOX, 'manifest.json'))) {
    throw new Error('dist-firefox/ is missing: run `npm run build:firefox` first');
  }
  const floorDir = writeFirefoxFloor();
  /** @type {Record<(typeof LABELS)[number], Awaited<ReturnType<typeof launchFirefoxWithExtension>>>} */
  const browsers = /** @type {any} */ ({});
  try {
    browsers.with = await launchFirefoxWithExtension({ pagesDir: PAGES });
    browsers.floor = await launchFirefoxWithExtension({ pagesDir: PAGES, deckDir: floorDir });
    browsers.without = await launchFirefoxWithExtension({ pagesDir: PAGES, deckDir: null });
    /** @type {Record<string, unknown>} */
    const result = { firefox: firefoxVersion(), rounds: runs * 2, warmUp: WARM_UP_ROUNDS };
    for (const [name, url] of Object.entries(PAGE_URLS)) {
      log(`firefox page cost: ${url}, ${runs * 2} rounds`);
      /** @type {Record<string, { dcl: number, load: number }[]>} */
      const loads = { with: [], floor: [], without: [] };
      for (let round = 0; round < WARM_UP_ROUNDS + runs * 2; round++) {
        for (const label of LABELS) {
          const load = await loadOnce(browsers[label].browser, url);
          if (round >= WARM_UP_ROUNDS) loads[label]?.push(load);
        }
      }
      const of = (/** @type {string} */ label, /** @type {'dcl' | 'load'} */ key) =>
        describe((loads[label] ?? []).map((l) => l[key]));
      const minusFloor = (/** @type {'dcl' | 'load'} */ key) =>
        describe(
          (loads.with ?? []).map((l, i) => l[key] - (loads.floor?.[i]?.[key] ?? Number.NaN)),
        );
      const percent = describe(
        (loads.with ?? []).map((l, i) => {
          const floor = loads.floor?.[i]?.dcl ?? Number.NaN;
          return (100 * (l.dcl - floor)) / floor;
        }),
      );
      result[name] = {
        dcl: { with: of('with', 'dcl'), floor: of('floor', 'dcl'), without: of('without', 'dcl') },
        load: {
          with: of('with', 'load'),
          floor: of('floor', 'load'),
          without: of('without', 'load'),
        },
        withMinusFloor: { dcl: minusFloor('dcl'), dclPercent: percent, load: minusFloor('load') },
      };
    }
    return result;
  } finally {
    for (const label of LABELS) await browsers[label]?.close();
    rmSync(floorDir, { recursive: true, force: true });
  }
}
