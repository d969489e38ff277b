// @ts-check
/**
 * `npm run bench`: what Media Deck costs and how fast it answers, side by side with a browser
 * without it, in one run (issue #6). Builds nothing itself (the npm script builds first), drives
 * Debian's Chromium, and writes `bench-results/report.json` plus a table on stdout.
 *
 * Sections (medians and p95 over RUNS samples unless said), one module each in scripts/bench/:
 *  - page (page-cost.mjs, issue #12): a page without media and a media page loaded in turn in
 *    four browsers (Media Deck, an empty floor with its two content-script slots, the least
 *    two-stage design in those slots, no extension; 2 × RUNS loads each): script time in the
 *    frame (DevTools `Performance.getMetrics` ScriptDuration), DOMContentLoaded and load, each
 *    beside the floor; messages the content
 *    scripts sent the worker from the page without media (goal: 0); bytes at document_start and
 *    later; metadata set in a fresh frame → shown in the open popup.
 *  - firefox-page (firefox-page-cost.mjs, issue #15): the same two pages in Firefox ESR, with Media
 *    Deck, a floor add-on and no add-on: DOMContentLoaded and load (Firefox has no script time).
 *  - idle (idle-cost.mjs): messages the service worker receives from a page without media (goal:
 *    0), and per second while a page calls setPositionState every animation frame (goal: a handful).
 *  - latency (control-latency.mjs), each beside the same hops made by a bare "floor" extension in
 *    the same run: popup click → page handler; key press → page handler (warm, and with the worker
 *    stopped); metadata change in the page → popup showing it.
 *  - scale (scale.mjs): 1, 10 and 50 media tabs: popup time until the whole list is painted,
 *    interleaved with the floor extension's static one-item page in the same browser (goal: floor +
 *    10 ms for 1 session, + 30 ms for 50), service-worker JS heap, and popup click → handler on the
 *    last tab.
 *  - pip (auto-pip.mjs): automatic picture-in-picture: tab switch → video picture-in-picture, and →
 *    audio mini player (Chrome's site setting seeded to Allow).
 *  - hostile (hostile-load.mjs): flood.html's 32 frames × 40 reports/s of new 16 × 2,000-character
 *    artwork for --flood-seconds: worker heap after GC, popup click → handler on another tab during
 *    the flood, when storage writes stop after the flood tab closes, whether the other tab keeps
 *    its artwork.
 * Usage: node scripts/bench.mjs [--runs N] [--out DIR] [--sections page,firefox-page,idle,latency,scale,pip,hostile]
 *   [--flood-seconds S]
 *   --runs: samples per figure (default 20); --out: the report's folder, relative to the repository
 *   (default bench-results); --sections: which to run, comma-separated (default all);
 *   --flood-seconds: how long the hostile section floods (default 60). Anything else is an error.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { autoPip } from './bench/auto-pip.mjs';
import { parseOptions, UsageError, usage } from './bench/cli.mjs';
import { controlLatency } from './bench/control-latency.mjs';
import { firefoxPageCost } from './bench/firefox-page-cost.mjs';
import { hostileLoad } from './bench/hostile-load.mjs';
import { idleCost } from './bench/idle-cost.mjs';
import { pageCost } from './bench/page-cost.mjs';
import { scale } from './bench/scale.mjs';
import { chromiumVersion } from './bench/shared.mjs';
import { table } from './bench/table.mjs';

/**
 * Each `--sections` name: its key in report.json and the function that measures it.
 * @type {Record<string, { key: string, run: (options: import('./bench/shared.mjs').SectionOptions) => Promise<unknown> }>}
 */
const SECTIONS = {
  page: { key: 'pageCost', run: pageCost },
  'firefox-page': { key: 'firefoxPageCost', run: firefoxPageCost },
  idle: { key: 'idle', run: idleCost },
  latency: { key: 'latency', run: controlLatency },
  scale: { key: 'scale', run: scale },
  pip: { key: 'autoPip', run: autoPip },
  hostile: { key: 'hostile', run: hostileLoad },
};

/** @type {import('./bench/cli.mjs').BenchOptions} */
let options;
try {
  const parsed = parseOptions(process.argv.slice(2), Object.keys(SECTIONS));
  if (!parsed) {
    console.log(usage(Object.keys(SECTIONS)));
    process.exit(0);
  }
  options = parsed;
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`bench: ${error.message}\n${usage(Object.keys(SECTIONS))}`);
  process.exit(2);
}
const { runs, out, floodSeconds } = options;

const started = Date.now();
const log = (/** @type {string} */ text) =>
  console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${text}`);
/** @type {import('./bench/table.mjs').Report & { seconds?: number }} */
const report = {
  date: new Date().toISOString(),
  runs,
  chromium: chromiumVersion(),
  sections: {},
};
/** @type {string[]} */
const failed = [];
for (const name of options.sections) {
  const section = /** @type {(typeof SECTIONS)[string]} */ (SECTIONS[name]);
  try {
    report.sections[section.key] = await section.run({ runs, log, floodSeconds });
  } catch (error) {
    // The other sections still run and the report is still written; the exit status says it.
    const e = /** @type {Error} */ (error);
    log(`${name} failed: ${e.stack ?? e}`);
    report.sections[section.key] = { error: String(e.message ?? e).split('\n')[0] };
    failed.push(name);
  }
}
report.seconds = (Date.now() - started) / 1000;
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
const text = table(report);
writeFileSync(join(out, 'report.md'), `${text}\n`);
console.log(text);
log(`done in ${report.seconds.toFixed(0)} s; report in ${join(out, 'report.json')}`);
if (failed.length) {
  log(`failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
