/**
 * Issue #2 ("the page sees exactly the native behaviour"): the same MediaSession observations in a
 * page with Media Deck and in a Chromium without it must be identical: values, exceptions,
 * descriptors, `toString`, getter reads. And no string of the MAIN-world bundle (which any page
 * can read from the extension's published files) works as a static marker: no wrapped function
 * answers `in`, `Reflect.has` or a descriptor for one differently, and no event named by one
 * disappears before the page's own listener sees it.
 */
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundleStrings, MAIN_WORLD_BUNDLE } from '../support/bundle-strings';
import {
  expectOnlyAnonymousFramesBetween,
  probeConversionStacks,
} from '../support/conversion-stacks';
import { chromePath, type Deck, launchDeck, serveFixture, waitFor } from '../support/harness';
import {
  probeEventDelivery,
  probeMediaSession,
  probeWrapperMarkers,
} from '../support/media-session-probe';

let deck: Deck;
beforeAll(async () => {
  deck = await launchDeck();
});
afterAll(async () => {
  await deck?.close();
});

/** Opens `url` in a Chromium without any extension, runs `run` on the page, and closes it. */
async function inPlainChromium<T>(url: string, run: (page: Page) => Promise<T>): Promise<T> {
  const plain = await chromium.launch({
    executablePath: chromePath(),
    args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--disable-gpu'],
  });
  try {
    const context = await plain.newContext();
    await context.route(/^https:\/\/[a-z0-9-]+\.test\//, serveFixture);
    const page = await context.newPage();
    await page.goto(url);
    return await run(page);
  } finally {
    await plain.close();
  }
}

/** Opens `url` with Media Deck, runs `run` on the page, and closes it. */
async function withMediaDeck<T>(url: string, run: (page: Page) => Promise<T>): Promise<T> {
  const page = await deck.open(url);
  try {
    return await run(page);
  } finally {
    await page.close();
  }
}

it('wrapped MediaSession APIs are indistinguishable from the native ones', async () => {
  const withDeck = await deck.open('https://player.test/blank.html');
  const observed = await withDeck.evaluate(probeMediaSession);

  const native = await inPlainChromium('https://player.test/blank.html', (page) =>
    page.evaluate(probeMediaSession),
  );
  // The probe really exercised the API (and so could differ).
  expect(native['setActionHandler unknown action']).toMatchObject({
    threw: expect.stringContaining('TypeError'),
  });
  expect(native.positionReads).toEqual(['duration', 'playbackRate', 'position']);
  // The stacks were really taken: each names the page function that made the call.
  expect(native['stack setActionHandler bogus']).toMatch(/^TypeError[\s\S]*at badAction /);
  expect(native['stack metadata title setter wrong receiver']).toMatch(/at badTitle /);
  const nativeCallers = native.callersSeen as string[];
  expect(nativeCallers).toHaveLength(3); // each page function ran once
  expect(nativeCallers.every((c) => c.startsWith('fn:'))).toBe(true);
  // A page function never gets one of our functions as its `caller` (the content scripts are
  // strict code, for which V8 answers `null`); natively it is the page's own calling function.
  const { callersSeen, ...rest } = observed;
  const { callersSeen: _native, ...nativeRest } = native;
  (callersSeen as string[]).forEach((caller, i) => {
    expect(caller === 'null' || caller === nativeCallers[i]).toBe(true);
  });
  expect(callersSeen).toHaveLength(3);
  expect(rest).toEqual(nativeRest);
});

/** The strings a page can lift from the MAIN-world bundle: every literal of 8 characters or more. */
function mainWorldKeys(): string[] {
  const keys = bundleStrings(MAIN_WORLD_BUNDLE, 8);
  // Really the bundle's strings: names it cannot work without.
  expect(keys).toEqual(expect.arrayContaining(['setActionHandler', 'enterpictureinpicture']));
  return keys;
}

it('a page function a wrapper calls to convert an argument sees frames named <anonymous>, never chrome-extension://', async () => {
  const url = 'https://player.test/blank.html';
  const ours = await withMediaDeck(url, (page) => page.evaluate(probeConversionStacks));
  const native = await inPlainChromium(url, (page) => page.evaluate(probeConversionStacks));
  expectOnlyAnonymousFramesBetween(ours, native);
});

it('no string of the MAIN-world bundle marks a wrapped function: `in`, `Reflect.has`, descriptors and own names answer natively', async () => {
  const keys = mainWorldKeys();
  const url = 'https://markers.test/blank.html';
  const native = await inPlainChromium(url, (page) => page.evaluate(probeWrapperMarkers, keys));
  // The functions are there to ask (all but `setScreenshareActive`, which Chromium 156 lacks).
  const absent = Object.keys(native).filter((label) => native[label] === 'absent');
  expect(absent.filter((label) => !label.endsWith('.setScreenshareActive'))).toEqual([]);
  const observed = await withMediaDeck(url, (page) => page.evaluate(probeWrapperMarkers, keys));
  // The short answer first: each "function, question, key" that differs; then everything.
  expect.soft(markerDifferences(native, observed)).toEqual([]);
  expect(observed).toEqual(native);
});

/**
 * The answers of `probeWrapperMarkers` that differ between two runs, one line each:
 * `"<function> <question> <key>: native <yes|no>"`.
 */
function markerDifferences(
  native: Record<string, unknown>,
  observed: Record<string, unknown>,
): string[] {
  const out: string[] = [];
  for (const label of Object.keys(native)) {
    const a = native[label] as Record<string, string[]> | 'absent';
    const b = observed[label] as Record<string, string[]> | 'absent' | undefined;
    if (a === 'absent' || b === 'absent' || b === undefined) {
      if (a !== b) out.push(`${label}: native ${String(a)}, with Media Deck ${String(b)}`);
      continue;
    }
    for (const question of Object.keys(a)) {
      const yes = new Set(a[question]);
      const yesObserved = new Set(b[question]);
      for (const key of new Set([...yes, ...yesObserved])) {
        if (yes.has(key) !== yesObserved.has(key))
          out.push(`${label} ${question} ${key}: native ${yes.has(key) ? 'yes' : 'no'}`);
      }
    }
  }
  return out;
}

it('an event named by any string of the MAIN-world bundle reaches the page’s own listener', async () => {
  const keys = mainWorldKeys();
  const url = 'https://channel.test/blank.html';
  expect(await inPlainChromium(url, (page) => page.evaluate(probeEventDelivery, keys))).toEqual([]);
  expect(await withMediaDeck(url, (page) => page.evaluate(probeEventDelivery, keys))).toEqual([]);
});

it('the session captured through the wrappers is what the page declared', async () => {
  const page = await deck.open('https://player.test/blank.html');
  await page.evaluate(() => {
    const ms = navigator.mediaSession;
    ms.metadata = new MediaMetadata({ title: 'Probe', artist: 'A' });
    ms.setActionHandler('nexttrack', () => {});
    ms.setActionHandler('previoustrack', () => {});
    ms.setActionHandler('previoustrack', null); // removed again: must not be reported
    try {
      ms.setActionHandler('bogus' as MediaSessionAction, () => {}); // refused natively: not reported
    } catch {}
    ms.setPositionState({ duration: 100, position: 40, playbackRate: 2 });
  });
  const session = await waitFor('probe session', async () =>
    (await deck.snapshot()).sessions.find((s) => s.title === 'Probe' && s.position !== null),
  );
  expect(session.actions).toEqual(['nexttrack']);
  expect(session.position).toMatchObject({ duration: 100, playbackRate: 2 });
  expect(session.position?.position).toBeGreaterThanOrEqual(40);
  await page.close();
});
