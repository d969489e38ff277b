// @ts-check
/**
 * Launches Debian's Firefox ESR with the Firefox build of Media Deck (`dist-firefox/`) through
 * puppeteer-core over WebDriver BiDi, and serves the fixture pages to it. Shared by the real-Firefox
 * tests (tests/firefox/) and `npm start -- --firefox`; docs/testing.md § Real Firefox.
 *
 * - The add-on is installed unpacked with `browser.installExtension(dir)` (a temporary add-on, as
 *   `about:debugging` loads it), under a fixed moz-extension UUID (the
 *   `extensions.webextensions.uuids` pref), so its pages are `moz-extension://<FIREFOX_UUID>/…`.
 * - Pages: a node:http server on 127.0.0.1 is also Firefox's HTTP proxy (`network.proxy.*`
 *   prefs), so `http://<name>.test/…` reaches it whatever the host, as the Chromium tests'
 *   `https://<name>.test/` do through playwright's route (scripts/lib/chromium.mjs). A fixture's
 *   `https://<name>.test/` links are served as `http://` (no certificates to make), and each
 *   `<name>.test` is its own origin, so an iframe of another name is cross-origin.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import puppeteer from 'puppeteer-core';
import { MEDIA, ROOT } from './chromium.mjs';
import { CONTENT_TYPES } from './content-types.mjs';

export const DIST_FIREFOX = join(ROOT, 'dist-firefox');

/** The add-on's id: `browser_specific_settings.gecko.id` (src/shared/firefox-manifest.ts). */
export const GECKO_ID = 'media-deck@example.org';

/** The moz-extension UUID the add-on gets in these runs (any fixed UUID would do). */
export const FIREFOX_UUID = '6b0f3a52-3a5e-4c63-9d1e-6d2b8f2e4a11';

/** The add-on's own base URL in these runs. */
export const EXTENSION_BASE = `moz-extension://${FIREFOX_UUID}`;

const DEBIAN_FIREFOX = '/usr/bin/firefox-esr';

/** The Firefox binary: `FIREFOX_PATH`, else Debian's `/usr/bin/firefox-esr`. */
export function firefoxPath() {
  return process.env.FIREFOX_PATH ?? DEBIAN_FIREFOX;
}

/** Firefox's version line (`Mozilla Firefox 153.8.0esr`), for reports and errors. */
export function firefoxVersion() {
  return execFileSync(firefoxPath(), ['--version'], { encoding: 'utf8' }).trim();
}

/**
 * Starts the fixture server on 127.0.0.1 (a free port): `/media/*` from tests/fixtures/media,
 * every other path from `pagesDir`, whatever the host (the request line holds the absolute URL
 * when Firefox uses it as its proxy). HTML has its `https://<name>.test/` URLs served as
 * `http://`. Honours `Range` (206), as media elements expect.
 * @param {string} pagesDir
 * @returns {Promise<{ port: number, close(): Promise<void> }>}
 */
export async function startPageServer(pagesDir) {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const media = url.pathname.startsWith('/media/');
    const base = media ? MEDIA : pagesDir;
    const file = normalize(
      join(base, decodeURIComponent(media ? url.pathname.slice('/media'.length) : url.pathname)),
    );
    if (!file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    let body = readFileSync(file);
    if (extname(file) === '.html') {
      body = Buffer.from(
        body.toString('utf8').replace(/https:\/\/([a-z0-9-]+\.test)\//g, 'http://$1/'),
      );
    }
    const range = /bytes=(\d+)-(\d*)/.exec(request.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      const end = range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
      response.writeHead(206, {
        'content-type': type,
        'accept-ranges': 'bytes',
        'content-range': `bytes ${start}-${end}/${body.length}`,
      });
      response.end(body.subarray(start, end + 1));
      return;
    }
    response.writeHead(200, { 'content-type': type, 'accept-ranges': 'bytes' });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

/**
 * The prefs of these runs: the fixed UUID, the page server as proxy for every host, autoplay
 * allowed (media plays without a click), HTTP left as HTTP.
 * @param {number} proxyPort
 */
function prefs(proxyPort) {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'media.autoplay.default': 0,
    'media.autoplay.blocking_policy': 0,
    'dom.security.https_first': false,
    'dom.security.https_only_mode': false,
    'browser.shell.checkDefaultBrowser': false,
  };
}

/**
 * Launches Firefox with Media Deck installed from `deckDir` (default `dist-firefox/`; `null`: a
 * baseline Firefox without it, `addonId` then `''`) and a page server for `pagesDir`.
 * `prefs`: more Firefox prefs (e.g. `extensions.background.idle.timeout`, to have the event page
 * suspended sooner than its 30 s).
 * `display`: the X display a headed Firefox opens on (scripts/lib/xvfb.mjs), for real key presses.
 * @param {{ pagesDir: string, deckDir?: string | null, headless?: boolean, display?: string, prefs?: Record<string, unknown> }} options
 * @returns {Promise<{ browser: import('puppeteer-core').Browser, addonId: string, port: number, close(): Promise<void> }>}
 * @throws {Error} when the build or the Firefox binary is missing (never a silent skip).
 */
export async function launchFirefoxWithExtension(options) {
  const deckDir = options.deckDir === undefined ? DIST_FIREFOX : options.deckDir;
  if (deckDir !== null && !existsSync(join(deckDir, 'manifest.json'))) {
    throw new Error(
      `${deckDir}/manifest.json is missing: run \`npm run build:firefox\` first (npm test does).`,
    );
  }
  if (!existsSync(firefoxPath())) {
    throw new Error(
      `No Firefox at ${firefoxPath()}: run \`bash scripts/ensure-system.sh\` as root (it installs firefox-esr), or set FIREFOX_PATH.`,
    );
  }
  const server = await startPageServer(options.pagesDir);
  /** @type {import('puppeteer-core').Browser} */
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(),
      headless: options.headless ?? true,
      ...(options.display ? { env: { ...process.env, DISPLAY: options.display } } : {}),
      // Firefox 153 opens moz-extension:// pages for the remote protocol only with this.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: { ...prefs(server.port), ...options.prefs },
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  let addonId = '';
  try {
    if (deckDir !== null) addonId = await browser.installExtension(deckDir);
  } catch (error) {
    await browser.close().catch(() => {});
    await server.close();
    throw error;
  }
  return {
    browser,
    addonId,
    port: server.port,
    async close() {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

/**
 * Opens `url` (a moz-extension:// page or a web page) in a new tab. For moz-extension:// pages
 * Firefox 153's BiDi never reports the load (`page.goto` would time out although the page is
 * there): wait briefly, then wait for the document itself.
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} url
 * @returns {Promise<import('puppeteer-core').Page>}
 */
export async function openTab(browser, url) {
  const page = await browser.newPage();
  if (url.startsWith('moz-extension:')) {
    await page.goto(url, { timeout: 3_000 }).catch(() => {});
    await page.waitForFunction(
      (expected) => location.href === expected && document.readyState === 'complete',
      { timeout: 15_000, polling: 50 },
      url,
    );
  } else {
    await page.goto(url);
  }
  return page;
}
