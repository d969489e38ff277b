/**
 * Issue #2 ("the page sees exactly the native behaviour"): the same MediaSession observations in a
 * page with Media Deck and in a Chromium without it must be identical: values, exceptions,
 * descriptors, `toString`, getter reads.
 */
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromePath, type Deck, launchDeck, serveFixture, waitFor } from '../support/harness';
import { probeMediaSession } from '../support/media-session-probe';

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
