// Scratch: measures ScriptDuration of blank.html with content-script variants (not committed).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PAGES } from '../bench/shared.mjs';
import { DIST, launchWithExtension } from '../lib/chromium.mjs';

const main = readFileSync(join(DIST, 'src/content/main-world.iife.js'), 'utf8');
const bridge = readFileSync(join(DIST, 'src/content/bridge.iife.js'), 'utf8');
const variants = JSON.parse(process.argv[2]);
const dirs = {};
for (const [name, v] of Object.entries(variants)) {
  const dir = mkdtempSync(join(tmpdir(), 'var-'));
  const m = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ manifest_version: 3, name, version: '1', content_scripts: m.content_scripts }),
  );
  cpSync(join(DIST, 'src'), join(dir, 'src'), { recursive: true });
  const sub = (s) => (s === 'main' ? main : s === 'bridge' ? bridge : s);
  writeFileSync(join(dir, 'src/content/main-world.iife.js'), sub(v[0]));
  writeFileSync(join(dir, 'src/content/bridge.iife.js'), sub(v[1]));
  dirs[name] = dir;
}
const browsers = {};
for (const [name, dir] of Object.entries(dirs))
  browsers[name] = await launchWithExtension({
    headless: true,
    pagesDir: PAGES,
    extensions: [dir],
  });
const out = Object.fromEntries(Object.keys(dirs).map((k) => [k, []]));
for (let i = 0; i < 33; i++) {
  for (const [name, b] of Object.entries(browsers)) {
    const page = await b.context.newPage();
    const cdp = await b.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto('https://quiet.test/blank.html', { waitUntil: 'load' });
    const { metrics } = await cdp.send('Performance.getMetrics');
    if (i >= 3)
      out[name].push((metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000);
    await page.close();
  }
}
for (const b of Object.values(browsers)) await b.close();
const med = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)].toFixed(3);
};
for (const [k, v] of Object.entries(out)) console.log(k, med(v));
