// @ts-check
/**
 * `npm run bench`: what Media Deck costs and how fast it answers, side by side with a browser
 * without it, in one run (issue #6). Builds nothing itself (the npm script builds first), drives
 * Debian's Chromium, and writes `bench-results/report.json` plus a table on stdout.
 *
 * Sections (medians and p95 over RUNS samples unless said), one module each in scripts/bench/:
 *  - page (page-cost.mjs): DOMContentLoaded and load of a page without media and of a media page,
 *    with the extension and without (ratio); script time the content scripts add to one frame
 *    (DevTools `Performance.getMetrics` ScriptDuration, with minus without); shipped bytes.
 *  - idle (idle-cost.mjs): messages the service worker receives from a page without media (goal:
 *    0), and per second while a page calls setPositionState every animation frame (goal: a handful).
 *  - latency (control-latency.mjs), each beside the same hops made by a bare "floor" extension in
 *    the same run: popup click → page handler; key press → page handler (warm, and with the worker
 *    stopped); metadata change in the page → popup showing it.
 *  - scale (scale.mjs): 1, 10 and 50 media tabs: popup time until the whole list is painted,
 *    service-worker JS heap, and popup click → handler on the last tab.
 *  - pip (auto-pip.mjs): automatic picture-in-picture: tab switch → video picture-in-picture, and →
 *    audio mini player (Chrome's site setting seeded to Allow).
 * Usage: node scripts/bench.mjs [--runs N] [--out DIR] [--sections page,idle,latency,scale,pip]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { autoPip } from './bench/auto-pip.mjs';
import { controlLatency } from './bench/control-latency.mjs';
import { idleCost } from './bench/idle-cost.mjs';
import { pageCost } from './bench/page-cost.mjs';
import { scale } from './bench/scale.mjs';
import { chromiumVersion } from './bench/shared.mjs';
import { table } from './bench/table.mjs';
import { ROOT } from './lib/chromium.mjs';

/**
 * Each `--sections` name: its key in report.json and the function that measures it.
 * @type {Record<string, { key: string, run: (options: import('./bench/shared.mjs').SectionOptions) => Promise<unknown> }>}
 */
const SECTIONS = {
  page: { key: 'pageCost', run: pageCost },
  idle: { key: 'idle', run: idleCost },
  latency: { key: 'latency', run: controlLatency },
  scale: { key: 'scale', run: scale },
  pip: { key: 'autoPip', run: autoPip },
};

const arg = (/** @type {string} */ name, /** @type {string} */ fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const RUNS = Number(arg('--runs', '20'));
const OUT = join(ROOT, arg('--out', 'bench-results'));
const only = arg('--sections', Object.keys(SECTIONS).join(',')).split(',');

const started = Date.now();
const log = (/** @type {string} */ text) =>
  console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${text}`);
/** @type {import('./bench/table.mjs').Report & { seconds?: number }} */
const report = {
  date: new Date().toISOString(),
  runs: RUNS,
  chromium: chromiumVersion(),
  sections: {},
};
for (const [name, section] of Object.entries(SECTIONS)) {
  if (only.includes(name)) report.sections[section.key] = await section.run({ runs: RUNS, log });
}
report.seconds = (Date.now() - started) / 1000;
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
const text = table(report);
writeFileSync(join(OUT, 'report.md'), `${text}\n`);
console.log(text);
log(`done in ${report.seconds.toFixed(0)} s; report in ${join(OUT, 'report.json')}`);
