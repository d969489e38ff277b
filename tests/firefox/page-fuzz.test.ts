/**
 * Issue #15 in real Firefox: the seeded fuzz of the MediaSession API as a page calls it
 * (tests/support/media-session-fuzz.ts), run in a Firefox with Media Deck and in one without it.
 * The page must not notice us there either: both runs log exactly the same returns, exceptions
 * (Firefox's own: it knows fewer actions than Chromium, and its messages differ), page callbacks
 * (how often and in which order a page's getters, `toString`, `valueOf` and Proxy traps ran) and
 * getter reads. The Chromium test (tests/browser/page-fuzz.test.ts) also checks what the worker
 * captured; here the comparison with the browser alone is the point.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { MEDIA_SESSION_ACTIONS } from '../../src/shared/media-session-actions';
import { useFirefoxDeck } from '../support/firefox-harness';
import { firstDifference } from '../support/log-diff';
import { type FuzzResult, fuzzMediaSession } from '../support/media-session-fuzz';

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_2024);
const STEPS = 3600;
const URL = 'http://fuzz.test/blank.html';

const deck = useFirefoxDeck();
const baseline = useFirefoxDeck({ withDeck: false });

async function runFuzz(page: Page): Promise<FuzzResult> {
  return (await page.evaluate(fuzzMediaSession, {
    seed: SEED,
    steps: STEPS,
    checkpointEvery: STEPS,
    actions: MEDIA_SESSION_ACTIONS,
  })) as FuzzResult;
}

/**
 * A log line with the value's description in SpiderMonkey's conversion errors left out ("can't
 * convert ({…}) to number: its [Symbol.toPrimitive] method returned an object"): Firefox prints
 * the value, even its functions' source, and Media Deck must hand the native method a stand-in
 * rather than run the page's conversion twice (README: known differences). Everything else of the
 * line, the error's kind and the rest of its message included, must match.
 */
const withoutValueDescription = (line: string) =>
  line.replace(/can't convert .*? to (string|number): /s, "can't convert … to $1: ");

describe('page fuzz in Firefox', () => {
  it('a seeded fuzz of the Media Session API logs the same with Media Deck as without it', async () => {
    const [withDeck, without] = [await deck().open(URL), await baseline().open(URL)];
    try {
      const native = await runFuzz(without);
      const ours = await runFuzz(withDeck);
      expect(native.calls).toBeGreaterThan(STEPS / 2); // (some steps only read)
      expect(Object.keys(native.threw).length).toBeGreaterThan(0); // the fuzz did reach errors
      expect(
        firstDifference(
          native.log.map(withoutValueDescription),
          ours.log.map(withoutValueDescription),
        ),
      ).toBeNull();
      expect(ours.tally).toEqual(native.tally);
    } finally {
      await withDeck.close();
      await without.close();
    }
  });
});
