/**
 * Issue #15 in real Firefox: the MAIN-world wrappers (src/content/main-world/) are as invisible in
 * Firefox as in Chromium (docs/architecture.md § The page cannot tell). The same probe runs in a
 * page of a Firefox with Media Deck and of one without it, and must see the same: how the Media
 * Session functions print and describe themselves, and the exceptions they throw for bad
 * arguments (name, message, class). A probe of the wrapper's call, after media played, shows the
 * page's handler still called as the page registered it. Then the probes of
 * tests/browser/transparency.test.ts (issue #12): the whole MediaSession probe, and no string of
 * the Firefox MAIN-world bundle working as a marker on a wrapped function or as an event name.
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/chromium.mjs';
import { bundleStrings } from '../support/bundle-strings';
import { play, useFirefoxDeck, waitFor } from '../support/firefox-harness';
import {
  probeEventDelivery,
  probeMediaSession,
  probeWrapperMarkers,
} from '../support/media-session-probe';

const deck = useFirefoxDeck();
const baseline = useFirefoxDeck({ withDeck: false });

/** What the page sees of the Media Session API: printed functions, descriptors and exceptions. */
function probe(page: Page) {
  return page.evaluate(() => {
    const ms = navigator.mediaSession;
    const proto = MediaSession.prototype;
    const thrown = (run: () => unknown) => {
      try {
        run();
        return 'no exception';
      } catch (error) {
        const e = error as Error;
        return {
          name: e.name,
          message: e.message,
          isTypeError: e instanceof TypeError,
          proto: Object.getPrototypeOf(e) === TypeError.prototype,
        };
      }
    };
    const describe = (name: string) => {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      return d
        ? {
            keys: Object.keys(d),
            writable: d.writable,
            enumerable: d.enumerable,
            configurable: d.configurable,
          }
        : null;
    };
    const fnToString = Function.prototype.toString;
    return {
      setActionHandler: proto.setActionHandler.toString(),
      setActionHandlerViaCall: fnToString.call(ms.setActionHandler),
      setPositionState: proto.setPositionState.toString(),
      nameLength: [proto.setActionHandler.name, proto.setActionHandler.length],
      toStringOfToString: fnToString.call(fnToString),
      descriptors: ['setActionHandler', 'setPositionState', 'metadata', 'playbackState'].map(
        describe,
      ),
      metadataGetter: String(Object.getOwnPropertyDescriptor(proto, 'metadata')?.get),
      badAction: thrown(() => ms.setActionHandler('not-an-action' as MediaSessionAction, () => {})),
      badHandler: thrown(() =>
        ms.setActionHandler('play', 'not a function' as unknown as MediaSessionActionHandler),
      ),
      noArguments: thrown(() => (ms.setActionHandler as unknown as () => void).call(ms)),
      wrongThis: thrown(() => proto.setActionHandler.call({}, 'play', null)),
      badPosition: thrown(() => ms.setPositionState({ duration: -1 })),
      badMetadata: thrown(() => {
        ms.metadata = {} as MediaMetadata;
      }),
      badPlaybackState: (() => {
        ms.playbackState = 'bogus' as MediaSessionPlaybackState;
        return ms.playbackState;
      })(),
    };
  });
}

describe('transparency in Firefox', () => {
  it('a page sees the same Media Session API with Media Deck as without it', async () => {
    const url = 'http://probe.test/blank.html';
    const [withDeck, without] = [await deck().open(url), await baseline().open(url)];
    try {
      const seen = await probe(withDeck);
      expect(seen.setActionHandler).toBe('function setActionHandler() {\n    [native code]\n}');
      expect(seen).toEqual(await probe(without));
    } finally {
      await withDeck.close();
      await without.close();
    }
  });

  it('after media played (the session agent injected), the wrappers still look native', async () => {
    const url = 'http://probe.test/music.html';
    const [withDeck, without] = [await deck().open(url), await baseline().open(url)];
    try {
      await play(withDeck);
      await play(without);
      // The agent is in once Media Deck shows the session in its popup.
      const popup = await deck().openPopup();
      try {
        await waitFor('the session in the popup', () =>
          popup.evaluate(() => document.body.textContent?.includes('First Light')),
        );
      } finally {
        await popup.close();
      }
      expect(await probe(withDeck)).toEqual(await probe(without));
    } finally {
      await withDeck.close();
      await without.close();
    }
  });
});

describe('the Chromium probes, in Firefox', () => {
  /** Opens `url` in both Firefoxes, runs `probe` in each page, and returns both answers. */
  async function inBoth<T>(
    url: string,
    probe: (page: Page) => Promise<T>,
  ): Promise<{ ours: T; native: T }> {
    const [withDeck, without] = [await deck().open(url), await baseline().open(url)];
    try {
      return { ours: await probe(withDeck), native: await probe(without) };
    } finally {
      await withDeck.close();
      await without.close();
    }
  }

  it('the whole MediaSession probe of tests/browser/transparency.test.ts answers as without Media Deck', async () => {
    const { ours, native } = await inBoth('http://probe.test/blank.html', (page) =>
      page.evaluate(probeMediaSession),
    );
    // The probe really exercised the API (and so could differ).
    expect(native['setActionHandler unknown action']).toMatchObject({
      threw: expect.stringContaining('TypeError'),
    });
    expect(native.positionReads).toEqual(['duration', 'playbackRate', 'position']);
    // A sloppy page function a wrapper calls gets `null` as its `caller` (our code is strict),
    // natively the page's own calling function: one of the README's known differences.
    const { callersSeen, ...rest } = ours;
    const { callersSeen: nativeCallers, ...nativeRest } = native;
    expect(nativeCallers).toHaveLength(3);
    expect(callersSeen).toHaveLength(3);
    (callersSeen as string[]).forEach((caller, i) => {
      expect(caller === 'null' || caller === (nativeCallers as string[])[i]).toBe(true);
    });
    expect(rest).toEqual(nativeRest);
  });

  it('no string of the MAIN-world bundle marks a wrapped function, and each event named by one reaches the page', async () => {
    const keys = bundleStrings(join(ROOT, 'dist-firefox/src/content/main-world.iife.js'), 8);
    expect(keys).toEqual(expect.arrayContaining(['setActionHandler', 'enterpictureinpicture']));
    const markers = await inBoth('http://markers.test/blank.html', (page) =>
      page.evaluate(probeWrapperMarkers, keys),
    );
    expect(markers.ours).toEqual(markers.native);
    const events = await inBoth('http://channel.test/blank.html', (page) =>
      page.evaluate(probeEventDelivery, keys),
    );
    expect(events).toEqual({ ours: [], native: [] });
  });
});
