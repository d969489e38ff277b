// @ts-check
/**
 * Launches Debian's Chromium with the built Media Deck extension through playwright-core, as
 * docs/testing.md § Real browsers describes, and serves local files under https origins
 * (`https://<name>.test/...`) with `context.route`, so pages get a secure context without
 * certificates. Shared by
 * `npm start`, the real-browser tests and the benchmark.
 */

import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CONTENT_TYPES } from './content-types.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'dist');
export const MEDIA = join(ROOT, 'tests/fixtures/media');

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** The Chromium binary: `CHROME_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromePath() {
  return process.env.CHROME_PATH ?? DEBIAN_CHROMIUM;
}

/**
 * Whether Debian's Chromium has UI strings for `language` (`de`, `pt-BR`): its `chromium-l10n`
 * package puts them in /usr/lib/chromium/locales.
 * @param {string} language
 */
function hasDebianLocale(language) {
  const dir = '/usr/lib/chromium/locales';
  return [language, language.split('-')[0]].some((l) => existsSync(join(dir, `${l}.pak`)));
}

/**
 * A `context.route` handler serving `/media/*` from tests/fixtures/media and every other path
 * from `pagesDir`, whatever the host. Honours `Range` (206), as media elements expect.
 * @param {string} pagesDir
 * @returns {(route: import('playwright-core').Route) => Promise<void>}
 */
export function staticRoute(pagesDir) {
  return async (route) => {
    const url = new URL(route.request().url());
    const media = url.pathname.startsWith('/media/');
    const base = media ? MEDIA : pagesDir;
    const file = normalize(
      join(base, decodeURIComponent(media ? url.pathname.slice('/media'.length) : url.pathname)),
    );
    if (!file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      await route.fulfill({ status: 404, body: 'not found' });
      return;
    }
    const body = readFileSync(file);
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    const range = /bytes=(\d+)-(\d*)/.exec(route.request().headers().range ?? '');
    if (range) {
      const start = Number(range[1]);
      const end = range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
      await route.fulfill({
        status: 206,
        headers: {
          'content-type': type,
          'accept-ranges': 'bytes',
          'content-range': `bytes ${start}-${end}/${body.length}`,
        },
        body: body.subarray(start, end + 1),
      });
      return;
    }
    await route.fulfill({
      status: 200,
      headers: { 'content-type': type, 'accept-ranges': 'bytes' },
      body,
    });
  };
}

/** Matches every `https://<name>.test/` URL (and `http://`, for the insecure-page cases). */
export const TEST_ORIGINS = /^https?:\/\/[a-z0-9-]+\.test\//;

/**
 * Launches Chromium with the unpacked extension from `dist/`.
 * @param {{ headless?: boolean, display?: string, language?: string, args?: string[], preferences?: object, pagesDir: string, extensions?: string[] | null, deckDir?: string }} options
 *   `deckDir`: the Media Deck build to load (default `dist/`; a test that rewrites the build, as
 *   a reload test does, loads a copy).
 *   `extensions`: unpacked extensions to load (default: `[deckDir]`); `[]` for a baseline
 *   browser with none (then `worker` and `extensionId` are of no extension: `null` and `''`).
 *   `display`: the X display for a headed run (default: `DISPLAY`).
 *   `language`: Chromium's UI language, e.g. `de` or `ar` (default: the environment's). On Linux
 *   Chromium reads it from `LANGUAGE`, not from `--lang` alone, and Debian's build has only
 *   `en-US` without its `chromium-l10n` package (scripts/ensure-system.sh installs it).
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, worker: import('playwright-core').Worker, extensionId: string, userDataDir: string, close(): Promise<void> }>}
 * @throws {Error} when `dist/manifest.json` or the Chromium binary is missing.
 */
export async function launchWithExtension(options) {
  const deckDir = options.deckDir ?? DIST;
  const extensions = options.extensions ?? [deckDir];
  if (extensions.includes(deckDir) && !existsSync(join(deckDir, 'manifest.json'))) {
    throw new Error(
      `${deckDir}/manifest.json is missing: run \`npm run build\` first (npm test and npm start do).`,
    );
  }
  if (!existsSync(chromePath())) {
    throw new Error(
      `No Chromium at ${chromePath()}: run \`bash scripts/ensure-system.sh\` as root, or set CHROME_PATH.`,
    );
  }
  if (options.language && chromePath() === DEBIAN_CHROMIUM && !hasDebianLocale(options.language)) {
    throw new Error(
      `Debian's Chromium has no ${options.language} UI: run \`bash scripts/ensure-system.sh\` as root (it installs chromium-l10n).`,
    );
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'media-deck-'));
  if (options.preferences) {
    mkdirSync(join(userDataDir, 'Default'), { recursive: true });
    writeFileSync(join(userDataDir, 'Default', 'Preferences'), JSON.stringify(options.preferences));
  }
  const headless = options.headless ?? true;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromePath(),
    headless: false, // '--headless=new' is passed below: the old headless mode has no extensions
    // Muted, Chrome never marks a tab audible; and Media Deck must work with the back/forward cache.
    ignoreDefaultArgs: ['--mute-audio', '--disable-back-forward-cache'],
    ...(options.display || options.language
      ? {
          env: {
            ...process.env,
            ...(options.display ? { DISPLAY: options.display } : {}),
            ...(options.language ? { LANGUAGE: options.language } : {}),
          },
        }
      : {}),
    viewport: headless ? { width: 1000, height: 700 } : null,
    args: [
      ...(headless ? ['--headless=new'] : []),
      '--no-sandbox',
      ...(extensions.length
        ? [
            `--disable-extensions-except=${extensions.join(',')}`,
            `--load-extension=${extensions.join(',')}`,
          ]
        : ['--disable-extensions']),
      '--autoplay-policy=no-user-gesture-required',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      ...(headless ? ['--disable-gpu'] : []),
      ...(options.language ? [`--lang=${options.language}`] : []),
      ...(options.args ?? []),
    ],
  });
  await context.route(TEST_ORIGINS, staticRoute(options.pagesDir));
  /** @type {import('playwright-core').Worker} */
  let worker = /** @type {any} */ (null);
  let extensionId = '';
  if (extensions.includes(deckDir)) {
    // Media Deck's worker (other extensions loaded beside it have their own).
    const isDeck = (/** @type {import('playwright-core').Worker} */ w) =>
      w.url().endsWith('/service-worker-loader.js');
    worker =
      context.serviceWorkers().find(isDeck) ??
      (await context.waitForEvent('serviceworker', { predicate: isDeck }));
    extensionId = new URL(worker.url()).host;
  }
  return {
    context,
    worker,
    extensionId,
    userDataDir,
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Stops the extension's service worker through the DevTools protocol, as Chrome stops an idle
 * one, and resolves once it reached `stopped` (a playing page may wake a new instance right after).
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} extensionId
 * @throws {Error} if the worker did not stop within 10 s.
 */
export async function stopServiceWorker(context, extensionId) {
  // Playwright emits no `close` for a stopped extension worker (and reuses the handle once it
  // wakes), so follow the protocol's own running status, remembering a brief 'stopped'.
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  let stopped = false;
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const version of event.versions) {
      if (version.scriptURL.includes(extensionId) && version.runningStatus === 'stopped')
        stopped = true;
    }
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  for (let i = 0; i < 200 && !stopped; i++) await new Promise((r) => setTimeout(r, 50));
  await cdp.detach();
  if (!stopped) throw new Error('the service worker did not stop');
}
