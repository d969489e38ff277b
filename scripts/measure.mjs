// @ts-check
/**
 * `npm run measure`: prints the figures issue #2 asks for, measured on the built extension:
 * the shipped size of each content script and of the popup (raw and gzip), and the time from a
 * click in the popup to the page's own action handler running (median and p95 over N clicks,
 * high-resolution epoch timestamps taken in the popup and in the page), and the time from a real
 * key press (xdotool into a headed Chromium under Xvfb) to the page's handler, with the service
 * worker running and after it was stopped. The key figures include starting the xdotool process;
 * the same spawn with a key bound to nothing is printed beside them as the floor.
 * Last, the delay from bringing another tab to the front to the picture-in-picture window
 * (video: the video's `enterpictureinpicture` event; audio: the mini player's window existing).
 * Usage: node scripts/measure.mjs [--clicks N] [--keys N] [--switches N]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, launchWithExtension, ROOT, stopServiceWorker } from './lib/chromium.mjs';
import { startDisplay } from './lib/xvfb.mjs';

const clicksArg = process.argv.indexOf('--clicks');
const CLICKS = clicksArg > 0 ? Number(process.argv[clicksArg + 1]) : 50;
const keysArg = process.argv.indexOf('--keys');
const KEYS = keysArg > 0 ? Number(process.argv[keysArg + 1]) : 15;
const switchesArg = process.argv.indexOf('--switches');
const SWITCHES = switchesArg > 0 ? Number(process.argv[switchesArg + 1]) : 10;

/** @param {number[]} values */
function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (/** @type {number} */ p) =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, min ${q(0).toFixed(1)} ms, max ${q(1).toFixed(1)} ms (n=${sorted.length})`;
}

/** @param {string} dir @returns {string[]} */
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

/** @param {string[]} files */
function sizeRow(files) {
  const raw = files.reduce((n, f) => n + statSync(f).size, 0);
  const gz = files.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  return { raw, gz };
}
const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KiB`;

const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
console.log('Shipped sizes (dist/):');
for (const cs of manifest.content_scripts) {
  for (const js of cs.js) {
    const { raw, gz } = sizeRow([join(DIST, js)]);
    console.log(
      `  content script ${js} (${cs.world ?? 'ISOLATED'} world): ${kb(raw)} raw, ${kb(gz)} gzip`,
    );
  }
}
const popupHtml = readFileSync(join(DIST, manifest.action.default_popup), 'utf8');
const popupFiles = [...popupHtml.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) =>
  join(DIST, m[1] ?? ''),
);
const popupImports = new Set(popupFiles);
for (const f of [...popupImports]) {
  for (const m of readFileSync(f, 'utf8').matchAll(
    /from"\.\/([^"]+\.js)"|import"\.\/([^"]+\.js)"/g,
  )) {
    popupImports.add(join(f, '..', m[1] ?? m[2] ?? ''));
  }
}
const popup = sizeRow([...popupImports]);
console.log(
  `  popup (${[...popupImports].map((f) => relative(DIST, f)).join(', ')}): ${kb(popup.raw)} raw, ${kb(popup.gz)} gzip`,
);
const all = sizeRow(walk(DIST).filter((f) => f.endsWith('.js')));
console.log(`  all JavaScript in dist/: ${kb(all.raw)} raw, ${kb(all.gz)} gzip\n`);

const deck = await launchWithExtension({
  headless: true,
  pagesDir: join(ROOT, 'tests/fixtures/pages'),
});
try {
  const page = await deck.context.newPage();
  await page.goto('https://player.test/music.html');
  await page.evaluate(() => /** @type {any} */ (window).player.play());
  const popupPage = await deck.context.newPage();
  await popupPage.goto(`chrome-extension://${deck.extensionId}/src/popup/index.html`);
  const button = popupPage
    .getByRole('listitem', { name: 'First Light' })
    .getByRole('button', { name: 'Seek forward 10 seconds' });
  await button.waitFor();
  /** @type {number[]} */
  const samples = [];
  for (let i = 0; i < CLICKS + 5; i++) {
    await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      w.calls.length = 0;
      w.player.audio.currentTime = 0;
    });
    const clickedAt = await button.evaluate((el) => {
      const t = performance.timeOrigin + performance.now();
      /** @type {HTMLElement} */ (el).click();
      return t;
    });
    const handledAt = await page.waitForFunction(
      () => /** @type {any} */ (window).calls[0]?.at,
      null,
      { polling: 1 },
    );
    if (i >= 5) samples.push((await handledAt.jsonValue()) - clickedAt); // the first 5 warm up
    await popupPage.waitForTimeout(20);
  }
  console.log(`Popup click → page handler (seekforward): ${summary(samples)}`);
} finally {
  await deck.close();
}

// Keyboard: a real key press into headed Chromium under Xvfb.
const display = await startDisplay();
const headed = await launchWithExtension({
  headless: false,
  display: display.name,
  pagesDir: join(ROOT, 'tests/fixtures/pages'),
});
try {
  const page = await headed.context.newPage();
  await page.goto('https://player.test/music.html');
  await page.evaluate(() => /** @type {any} */ (window).player.play());
  await page.waitForFunction(() => !(/** @type {any} */ (window).player.audio.paused));
  await page.waitForTimeout(500);
  /** Presses `key` and returns ms from just before the press to the page's handler. */
  const press = async (/** @type {string} */ key) => {
    await page.evaluate(() => {
      /** @type {any} */ (window).calls.length = 0;
    });
    const pressedAt = performance.timeOrigin + performance.now();
    await display.key(key);
    const at = await page.waitForFunction(() => /** @type {any} */ (window).calls[0]?.at, null, {
      polling: 1,
      timeout: 10_000,
    });
    return /** @type {number} */ (await at.jsonValue()) - pressedAt;
  };
  /** @type {number[]} */ const floor = [];
  for (let i = 0; i < KEYS; i++) {
    const t = performance.now();
    await display.key('F13'); // bound to nothing: the cost of xdotool itself
    floor.push(performance.now() - t);
  }
  /** @type {number[]} */ const warm = [];
  await press('XF86AudioNext'); // warm-up
  for (let i = 0; i < KEYS; i++) warm.push(await press(i % 2 ? 'XF86AudioPrev' : 'XF86AudioNext'));
  /** @type {number[]} */ const asleep = [];
  for (let i = 0; i < KEYS; i++) {
    // Pause first: a playing page's bridge would wake the worker again at once.
    await press('XF86AudioPlay');
    await page.waitForTimeout(300);
    await stopServiceWorker(headed.context, headed.extensionId);
    asleep.push(await press('XF86AudioPlay'));
    await page.waitForTimeout(300);
  }
  console.log(`Key press → page handler, service worker running (media keys): ${summary(warm)}`);
  console.log(
    `Key press → page handler, service worker stopped first (play/pause key): ${summary(asleep)}`,
  );
  console.log(`  floor: one xdotool key press bound to nothing: ${summary(floor)}`);
} finally {
  await headed.close();
  display.stop();
}

// Automatic picture-in-picture: tab switch → window, with the site setting seeded to Allow.
const pip = await launchWithExtension({
  headless: true,
  pagesDir: join(ROOT, 'tests/fixtures/pages'),
  preferences: { profile: { default_content_setting_values: { auto_picture_in_picture: 1 } } },
});
try {
  await pip.worker.evaluate(() =>
    chrome.storage.sync.set({ settings: { autoPictureInPicture: 'video-and-audio' } }),
  );
  const other = await pip.context.newPage();
  await other.goto('https://quiet.test/no-media.html');
  /**
   * @param {string} url
   * @param {string} opened an expression true once picture-in-picture is open
   */
  const measure = async (url, opened) => {
    const page = await pip.context.newPage();
    await page.goto(url);
    await page.evaluate(() => /** @type {any} */ (window).player.play());
    /** @type {number[]} */ const delays = [];
    for (let i = 0; i < SWITCHES; i++) {
      await page.bringToFront();
      await page.waitForFunction(`!(${opened})`);
      await page.waitForTimeout(700); // armed, and audible for a moment (Chrome asks for the last 2 s)
      const before = performance.timeOrigin + performance.now();
      await other.bringToFront();
      await page.waitForFunction(opened, null, { polling: 1, timeout: 5000 });
      delays.push(performance.timeOrigin + performance.now() - before);
    }
    await page.close();
    return delays;
  };
  const video = await measure(
    'https://video.test/video.html',
    'document.pictureInPictureElement !== null',
  );
  const audio = await measure(
    'https://player.test/music.html',
    'window.documentPictureInPicture.window !== null',
  );
  console.log(`Tab switch → video picture-in-picture open: ${summary(video)}`);
  console.log(`Tab switch → audio mini player open: ${summary(audio)}`);
  console.log(
    '  (both include playwright-core polling the page every 1 ms over the DevTools protocol)',
  );
} finally {
  await pip.close();
}
