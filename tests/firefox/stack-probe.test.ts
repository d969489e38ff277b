/**
 * Issue #12 in real Firefox: a page function that a MAIN-world wrapper must call to convert an
 * argument sees our conversion's frames in its stack, as the README's known differences say, named
 * `<anonymous>` by the bundle's `//# sourceURL` (vite.config.ts), never an add-on's URL; its own
 * frame and its call site read as in a Firefox without the add-on.
 */
import { describe, it } from 'vitest';
import {
  expectOnlyAnonymousFramesBetween,
  probeConversionStacks,
} from '../support/conversion-stacks';
import { useFirefoxDeck } from '../support/firefox-harness';

const deck = useFirefoxDeck();
const baseline = useFirefoxDeck({ withDeck: false });

describe('stacks in Firefox', () => {
  it('a page function a wrapper calls sees frames named <anonymous>, never moz-extension://', async () => {
    const url = 'http://probe.test/blank.html';
    const [withDeck, without] = [await deck().open(url), await baseline().open(url)];
    try {
      expectOnlyAnonymousFramesBetween(
        await withDeck.evaluate(probeConversionStacks),
        await without.evaluate(probeConversionStacks),
      );
    } finally {
      await withDeck.close();
      await without.close();
    }
  });
});
