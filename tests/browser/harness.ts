/**
 * Drives the built extension (`dist/`) in Debian's Chromium through playwright-core, as
 * TESTING.md describes: a persistent context with the unpacked extension, fixture pages served
 * under https origins by `context.route`, and the service worker reachable for `evaluate`.
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
import { type BrowserContext, chromium, type Page, type Route, type Worker } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'dist');
const FIXTURES = join(ROOT, 'tests/fixtures');

/** The Chromium binary: `CHROME_PATH`, else Debian's. */
export function chromePath(): string {
  return process.env.CHROME_PATH ?? '/usr/bin/chromium';
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.png': 'image/png',
  '.webm': 'video/webm',
  '.svg': 'image/svg+xml',
};

/**
 * Serves `https://<host>.test/<path>`: `/media/*` from tests/fixtures/media, everything else from
 * tests/fixtures/pages. Honours `Range`, so media elements can seek as on a real server.
 */
export async function serveFixture(route: Route): Promise<void> {
  const url = new URL(route.request().url());
  const base = url.pathname.startsWith('/media/') ? FIXTURES : join(FIXTURES, 'pages');
  const file = normalize(join(base, decodeURIComponent(url.pathname)));
  if (!file.startsWith(FIXTURES) || !existsSync(file) || !statSync(file).isFile()) {
    await route.fulfill({ status: 404, body: 'not found' });
    return;
  }
  const body = readFileSync(file);
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
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
}

export interface LaunchOptions {
  headless?: boolean;
  /** Extra Chromium switches. */
  args?: string[];
  /** Profile `Preferences` to seed before launch. */
  preferences?: object;
}

/** A running Chromium with Media Deck loaded. */
export interface Deck {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  userDataDir: string;
  /** Opens a fixture page, e.g. `open('https://player.test/music.html')`. */
  open(url: string): Promise<Page>;
  /** Opens the popup as a tab. */
  openPopup(): Promise<Page>;
  /** The service worker's current `DeckSnapshot`. */
  snapshot(): Promise<Snapshot>;
  /** The service worker's counters. */
  stats(): Promise<Stats>;
  close(): Promise<void>;
}

export interface SessionViewLike {
  key: string;
  tabId: number;
  frameId: number;
  title: string;
  artist: string;
  album: string;
  host: string;
  kind: string | null;
  playbackState: string;
  actions: string[];
  active: boolean;
  microphoneActive: boolean | null;
  cameraActive: boolean | null;
  artwork: { src: string; sizes: string }[];
  position: { duration: number | null; position: number; playbackRate: number } | null;
}
export interface Snapshot {
  sessions: SessionViewLike[];
  activeKey: string | null;
  pinnedKey: string | null;
}
export interface Stats {
  framePorts: number;
  frameMessagesByTab: Record<string, number>;
  rejectedByReason: Record<string, number>;
  actions: { key: string; action: string; outcome: string; ms: number }[];
}

/** Launches Chromium with the built extension. Throws if Chromium or `dist/` is missing. */
export async function launchDeck(options: LaunchOptions = {}): Promise<Deck> {
  if (!existsSync(join(DIST, 'manifest.json'))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  }
  if (!existsSync(chromePath())) {
    throw new Error(
      `No Chromium at ${chromePath()}: run \`bash scripts/ensure-system.sh\` as root.`,
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
    headless: false,
    ignoreDefaultArgs: ['--mute-audio'],
    viewport: { width: 1000, height: 700 },
    args: [
      ...(headless ? ['--headless=new'] : []),
      '--no-sandbox',
      `--disable-extensions-except=${DIST}`,
      `--load-extension=${DIST}`,
      '--autoplay-policy=no-user-gesture-required',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-gpu',
      '--disable-quic',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      ...(options.args ?? []),
    ],
  });
  await context.route(/^https:\/\/[a-z0-9-]+\.test\//, serveFixture);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const currentWorker = () =>
    context.serviceWorkers().find((w) => w.url().includes(extensionId)) ?? worker;

  return {
    context,
    worker,
    extensionId,
    userDataDir,
    async open(url) {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    async openPopup() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
      return page;
    },
    snapshot: () =>
      currentWorker().evaluate(() =>
        (globalThis as unknown as { mediaDeck: { snapshot(): Snapshot } }).mediaDeck.snapshot(),
      ),
    stats: () =>
      currentWorker().evaluate(() =>
        JSON.parse(
          JSON.stringify(
            (globalThis as unknown as { mediaDeck: { stats: Stats } }).mediaDeck.stats,
          ),
        ),
      ),
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns a truthy value, or throws after `timeoutMs` with `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T> | T,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the service worker holds a session titled `title`, and returns it. */
export async function waitForSession(
  deck: Deck,
  title: string,
  timeoutMs = 10_000,
): Promise<SessionViewLike> {
  return waitFor(
    `session "${title}"`,
    async () => (await deck.snapshot()).sessions.find((s) => s.title === title),
    timeoutMs,
  );
}
