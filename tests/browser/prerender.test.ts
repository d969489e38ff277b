/**
 * Issue #5, page lifecycle: a prerendered page is not a session until the user goes to it
 * (https://wicg.github.io/nav-speculation/prerendering.html). Chrome disables prerendering while a
 * DevTools client is attached (`PrerenderingDisabledByDevTools`; Playwright attaches to every
 * page), so this test starts Chromium itself, serves the fixtures from a local HTTP server on
 * `localhost` (a secure context), lets the page prerender with nobody attached, and only then
 * attaches playwright-core over the DevTools protocol to read the service worker.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromePath, DIST, ROOT, type Snapshot, waitFor } from '../support/harness';

const PAGES = join(ROOT, 'tests/fixtures/pages');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
};

let server: Server;
let origin = '';
const events: string[] = [];
let go = false;
let chrome: ChildProcess | null = null;
let browser: Browser | null = null;
const userDataDir = mkdtempSync(join(tmpdir(), 'media-deck-prerender-'));

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/control/go') {
      res.end(go ? 'yes' : 'no');
      return;
    }
    if (url.pathname === '/control/log') {
      events.push(url.searchParams.get('event') ?? '');
      res.end();
      return;
    }
    const file = normalize(join(PAGES, url.pathname));
    if (!file.startsWith(PAGES) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (chrome && chrome.exitCode === null) {
    const exited = new Promise((resolve) => chrome?.once('exit', resolve));
    // A clean shutdown, so no Chromium process still writes to the profile while it is removed.
    const closed = browser
      ?.newBrowserCDPSession()
      .then((session) => session.send('Browser.close'))
      .catch(() => undefined);
    if (!closed || (await Promise.race([closed.then(() => exited), delay(10_000)])) === 'late') {
      if (chrome.pid) process.kill(-chrome.pid, 'SIGKILL'); // the whole process group
    }
    await Promise.race([exited, delay(5000)]);
  }
  server?.close();
  rmSync(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
});

function delay(ms: number): Promise<'late'> {
  return new Promise((resolve) => setTimeout(() => resolve('late'), ms));
}

it('a prerendered page declaring a media session is no session until it is activated', async () => {
  chrome = spawn(
    chromePath(),
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      `--user-data-dir=${userDataDir}`,
      '--remote-debugging-port=0',
      `--disable-extensions-except=${DIST}`,
      `--load-extension=${DIST}`,
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `${origin}/prerender-host.html`,
    ],
    { stdio: 'ignore', detached: true }, // its own process group, so cleanup can end all of it
  );
  // Chrome prerendered the page, and the page's own script ran there, declaring its session.
  await waitFor('the page to be prerendered', () => events.includes('prerendering'), 20_000);
  const portFile = join(userDataDir, 'DevToolsActivePort');
  const port = await waitFor('the DevTools port', () =>
    existsSync(portFile) ? readFileSync(portFile, 'utf8').split('\n')[0] : null,
  );
  // Give the bridge time to report, were it going to (it must not).
  await new Promise((r) => setTimeout(r, 1000));
  browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0];
  if (!context) throw new Error('no browser context');
  const worker = await waitFor('the extension service worker', () =>
    context.serviceWorkers().find((w) => w.url().endsWith('/service-worker-loader.js')),
  );
  const snapshot = () =>
    worker.evaluate(() =>
      (globalThis as unknown as { mediaDeck: { snapshot(): Snapshot } }).mediaDeck.snapshot(),
    );
  const stats = () =>
    worker.evaluate(() =>
      JSON.parse(
        JSON.stringify((globalThis as unknown as { mediaDeck: { stats: object } }).mediaDeck.stats),
      ),
    );
  expect(events).not.toContain('activated');
  expect((await snapshot()).sessions).toEqual([]);
  // Silent, not refused: the bridge never even opened a Port for the prerendered document.
  expect(await stats()).toMatchObject({ framePorts: 0, rejectedByReason: {} });

  // The user goes to the page: Chrome activates the prerendered document, and it becomes a session.
  go = true;
  await waitFor('activation', () => events.includes('activated'), 10_000);
  const session = await waitFor('the activated page’s session', async () =>
    (await snapshot()).sessions.find((s) => s.title === 'Prerendered Track'),
  );
  expect(session).toMatchObject({ artist: 'Speculation', actions: ['play'], frameId: 0 });
  expect(events).not.toContain('not-prerendered'); // it really was the prerendered document
});
