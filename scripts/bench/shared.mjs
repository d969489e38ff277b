// @ts-check
/**
 * Helpers the benchmark's sections share: sleeping, bounded waits, the service worker's counters
 * and tab ids, and its JS heap through the DevTools protocol.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chromePath, ROOT } from '../lib/chromium.mjs';

/** The fixture pages the benchmark serves under `https://<name>.test/` (read as data files). */
export const PAGES = join(ROOT, 'tests/fixtures/pages');

/**
 * What every section's function takes.
 * @typedef {object} SectionOptions
 * @property {number} runs samples per figure
 * @property {(text: string) => void} log progress on stderr
 * @property {number} floodSeconds how long the hostile-load section floods
 */

/** @param {number} ms */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Epoch milliseconds with sub-millisecond resolution (comparable with a page's `timeOrigin + now()`). */
export const now = () => performance.timeOrigin + performance.now();

/**
 * `promise`, or `fallback` once `ms` passed first (a later rejection of `promise` is swallowed).
 * @template T, F
 * @param {number} ms
 * @param {Promise<T>} promise
 * @param {F} fallback
 * @returns {Promise<T | F>}
 */
export function within(ms, promise, fallback) {
  promise.catch(() => {});
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** @type {Promise<F>} */
  const late = new Promise((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * A copy of Media Deck's counters (`globalThis.mediaDeck.stats`).
 * @param {import('playwright-core').Worker} worker
 * @returns {Promise<Record<string, any>>}
 */
export const readStats = (worker) =>
  worker.evaluate(() =>
    JSON.parse(JSON.stringify(/** @type {any} */ (globalThis).mediaDeck.stats)),
  );

/**
 * The id of the first tab on `https://<host>/`, or -1.
 * @param {import('playwright-core').Worker} worker
 * @param {string} host
 * @returns {Promise<number>}
 */
export const tabIdOf = (worker, host) =>
  worker.evaluate(
    async (h) => (await chrome.tabs.query({ url: `https://${h}/*` }))[0]?.id ?? -1,
    host,
  );

/**
 * The JS heap (bytes used) of the extension's service worker after a garbage collection, through
 * the DevTools protocol; `NaN` when the worker or an answer did not come in time.
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('playwright-core').Worker} worker
 * @param {string} extensionId
 * @param {{ timeoutMs?: number }} [options] the longest wait for each step (default 5 s)
 * @returns {Promise<number>}
 */
export async function heapOfWorker(context, worker, extensionId, options = {}) {
  const timeoutMs = options.timeoutMs ?? 5000;
  const browser = context.browser();
  if (!browser) return Number.NaN;
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find(
      (t) => t.type === 'service_worker' && t.url.includes(extensionId),
    );
    if (!target) return Number.NaN;
    const { sessionId } = await cdp.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    });
    /** @type {Promise<number>} */
    const answer = new Promise((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (event) => {
        const message = JSON.parse(event.message);
        if (message.id === 2) resolve(message.result.usedSize);
      });
    });
    /** @type {Promise<void>} */
    const collected = new Promise((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (event) => {
        if (JSON.parse(event.message).id === 1) resolve();
      });
    });
    // Awake first.
    await within(
      timeoutMs,
      worker.evaluate(() => 0),
      0,
    );
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }),
    });
    await within(timeoutMs, collected, undefined);
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 2, method: 'Runtime.getHeapUsage' }),
    });
    return await within(timeoutMs, answer, Number.NaN);
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * The Chromium version the benchmark drives, e.g. `138.0.7204.92` (as Playwright's
 * `browser.version()` gives it), or '' when `--version` does not answer.
 */
export function chromiumVersion() {
  try {
    const out = execFileSync(chromePath(), ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    });
    return /\d+(?:\.\d+)+/.exec(out)?.[0] ?? '';
  } catch {
    return '';
  }
}

/**
 * The service worker of the floor extension (floor-extension.mjs) loaded in `context`.
 * @param {import('playwright-core').BrowserContext} context
 * @returns {Promise<import('playwright-core').Worker>}
 */
export async function floorWorkerOf(context) {
  const isFloor = (/** @type {import('playwright-core').Worker} */ w) => w.url().endsWith('/sw.js');
  return (
    context.serviceWorkers().find(isFloor) ??
    (await context.waitForEvent('serviceworker', { predicate: isFloor }))
  );
}

/**
 * Run in the page (`page.evaluate(navigationTiming)`, Playwright or Puppeteer): its
 * DOMContentLoaded and load (ms from navigation start), once the load handlers have ended (a
 * driver's `load` can come while they still run).
 * @returns {Promise<{ dcl: number, load: number }>}
 */
export function navigationTiming() {
  return new Promise((resolve) => {
    const read = () => {
      const e = /** @type {PerformanceNavigationTiming | undefined} */ (
        performance.getEntriesByType('navigation')[0]
      );
      if (e && e.loadEventEnd > 0)
        resolve({ dcl: e.domContentLoadedEventEnd, load: e.loadEventEnd });
      else setTimeout(read, 5);
    };
    read();
  });
}
