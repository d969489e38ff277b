import { PAGES } from '../bench/shared.mjs';
import { DIST, launchWithExtension } from '../lib/chromium.mjs';

const b = await launchWithExtension({ headless: true, pagesDir: PAGES, extensions: [DIST] });
const self = new Map();
for (let i = 0; i < 25; i++) {
  const page = await b.context.newPage();
  const cdp = await b.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 20 });
  await cdp.send('Profiler.start');
  await page.goto(process.argv[2] ?? 'https://quiet.test/blank.html', { waitUntil: 'load' });
  const { profile } = await cdp.send('Profiler.stop');
  const dt = new Map();
  const ids = profile.samples;
  const deltas = profile.timeDeltas;
  for (let k = 0; k < ids.length; k++) dt.set(ids[k], (dt.get(ids[k]) ?? 0) + deltas[k]);
  for (const n of profile.nodes) {
    const t = dt.get(n.id) ?? 0;
    if (!t) continue;
    const cf = n.callFrame;
    const key = `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber}:${cf.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + t);
  }
  await page.close();
}
await b.close();
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30);
for (const [k, v] of rows) console.log((v / 25 / 1000).toFixed(3), 'ms', k);
