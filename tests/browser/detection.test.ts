/**
 * A hostile page that sets traps to tell whether Media Deck is installed, and to learn its
 * extension id: it replaces built-ins that an extension's MAIN-world script might call after the
 * page started (`tests/fixtures/pages/detection.html`, one group of traps per page load), then
 * uses media the way sites do (a detached `new Audio()`, a `<video>` in a closed shadow root, an
 * in-document `<audio>`, metadata with artwork, action handlers, position, playback and
 * microphone / camera state). Natively nothing but the page's own code calls those built-ins, so
 * each trap that runs while the page is idle is Media Deck showing itself, and a trap whose
 * `new Error().stack` names `chrome-extension://` also gives away the extension's id.
 *
 * - Each group of traps, with Media Deck, while the service worker runs actions on the page (its
 *   handlers, and the element's own seek and stop, and picture-in-picture): the page's log of
 *   trap calls (names, and whether the stack named an extension) is the log of the same page in a
 *   Chromium without the extension; every handler the worker ran saw no `chrome-extension://` in
 *   its stack and got the details Chrome gives (`action`, `seekOffset`, `seekTime`, `fastSeek`).
 * - The audio mini player (automatic picture-in-picture), which the page can read through
 *   `documentPictureInPicture.window`: its document title is the media's title, not a name of
 *   Media Deck; and opening it, drawing it and pressing its buttons runs none of the page's traps
 *   (the mini player is the only place where Media Deck's code iterates arrays, so the only one
 *   where `Array.prototype[Symbol.iterator]` could show it), and the handler a button runs has no
 *   `chrome-extension://` in its stack.
 *
 * Each run also has the page call every trapped built-in itself afterwards (`detection.selfTest()`):
 * the traps were in place and working, so a clean log means something.
 *
 * The page is read through the DevTools protocol (`Runtime.evaluate`), not `page.evaluate`, whose
 * helpers in the page would run the page's traps themselves.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../../scripts/lib/chromium.mjs';
import {
  expectUntold,
  GROUPS,
  type Group,
  lines,
  REQUESTS,
  SELF_TEST,
} from '../support/detection-traps';
import {
  collectErrors,
  type Deck,
  launchDeck,
  ROOT,
  type SessionViewLike,
  waitFor,
} from '../support/harness';

/**
 * Evaluates `expression` in the page's main world through the DevTools protocol and returns its
 * value (not `page.evaluate`: its helpers would run the page's traps).
 */
async function inPage<T>(cdp: CDPSession, expression: string): Promise<T> {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression,
    returnByValue: true,
    awaitPromise: true,
  });
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description);
  return result.value as T;
}

const readLog = async (cdp: CDPSession) => lines(await inPage<string>(cdp, 'detection.log()'));
const readHandlers = async (cdp: CDPSession) =>
  lines(await inPage<string>(cdp, 'detection.handlers()'));
/** Runs the page's self-test (each trapped built-in called once by the page) and returns its log. */
const selfTest = async (cdp: CDPSession) =>
  lines(await inPage<string>(cdp, 'detection.selfTest()'));

/**
 * Opens `url` in a new page of `context`, with a DevTools session on it; `beforeGoto` runs on the
 * blank page first.
 */
async function openWithCdp(
  context: BrowserContext,
  url: string,
  beforeGoto: (page: Page) => Promise<unknown> = async () => {},
): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await context.newPage();
  await beforeGoto(page);
  await page.goto(url);
  return { page, cdp: await context.newCDPSession(page) };
}

describe('page traps on built-ins', () => {
  let deck: Deck;
  /** The Chromium without the extension, launched by the first `nativeRun`. */
  let nativeBrowser: ReturnType<typeof launchWithExtension> | null = null;
  beforeAll(async () => {
    deck = await launchDeck();
  });
  afterAll(async () => {
    await deck?.close();
    await (await nativeBrowser)?.close();
  });
  /**
   * The trap page's log in a Chromium without any extension (the same switches otherwise), and
   * what its self-test logged afterwards.
   */
  async function nativeRun(group: Group): Promise<{ log: string[]; selfTest: string[] }> {
    nativeBrowser ??= launchWithExtension({
      pagesDir: `${ROOT}/tests/fixtures/pages`,
      extensions: [],
    });
    const { context } = await nativeBrowser;
    const { page, cdp } = await openWithCdp(
      context,
      `https://${group}.test/detection.html?traps=${group}`,
    );
    try {
      await waitFor('the page’s media playing', () => inPage(cdp, 'detection.started()'));
      await inPage(cdp, 'detection.finish()');
      const log = await readLog(cdp);
      return { log, selfTest: await selfTest(cdp) };
    } finally {
      await page.close();
    }
  }

  const sessionOf = async (host: string, title: string): Promise<SessionViewLike | undefined> =>
    (await deck.snapshot()).sessions.find((s) => s.host === host && s.title === title);

  it.each(GROUPS)(
    '%s: the page sees the same trap calls as without Media Deck, and no stack of ours',
    async (group) => {
      const host = `${group}.test`;
      const { log: native, selfTest: nativeSelfTest } = await nativeRun(group);
      // The traps are in place and work: each logs once when the page itself calls it.
      expect(nativeSelfTest).toEqual(SELF_TEST[group]);

      let errors: string[] = [];
      const { page, cdp } = await openWithCdp(
        deck.context,
        `https://${host}/detection.html?traps=${group}`,
        async (blank) => {
          errors = await collectErrors(deck, blank);
        },
      );
      try {
        await waitFor('the page’s media playing', () => inPage(cdp, 'detection.started()'));
        const session = await waitFor('the detection session', () => sessionOf(host, 'Detection'));
        // Until the worker knows the page's media, an element action has no element to act on.
        // Not an assertion: a trap that breaks Media Deck's bookkeeping may keep it from ever
        // knowing, and the log below is what tells.
        await waitFor(
          'the media reported',
          async () => (await sessionOf(host, 'Detection'))?.kind,
          5000,
        ).catch(() => undefined);
        const outcomes: string[] = [];
        for (const { message } of REQUESTS) {
          outcomes.push(
            await deck
              .serviceWorker()
              .evaluate(
                ({ tabId, frameId, message }) =>
                  chrome.tabs.sendMessage(tabId, message, { frameId }) as Promise<string>,
                { tabId: session.tabId, frameId: session.frameId, message },
              ),
          );
        }
        // Everything Media Deck reported after the actions was built before the worker shows this.
        await inPage(cdp, 'detection.finish()');
        await waitFor('the last report', () => sessionOf(host, 'Detection done'));
        const log = await readLog(cdp);
        const handlers = await readHandlers(cdp);
        expect(await selfTest(cdp), 'the traps in place to the end').toEqual(SELF_TEST[group]);

        expectUntold({ native, log, handlers, outcomes });
        expect.soft(errors, 'errors in any world of the page').toEqual([]);
      } finally {
        await page.close();
      }
    },
  );
});

describe('the audio mini player', () => {
  let deck: Deck;
  let elsewhere: Page;
  beforeAll(async () => {
    deck = await launchDeck({
      preferences: { profile: { default_content_setting_values: { auto_picture_in_picture: 1 } } },
    });
    elsewhere = await deck.open('https://quiet.test/no-media.html');
  });
  afterAll(async () => {
    await deck?.close();
  });

  const MINI = 'documentPictureInPicture.window';
  /**
   * Opens `url` (an audio page), waits until Media Deck armed it and Chrome marks it audible
   * (automatic picture-in-picture wants sound in the last 2 s), switches to another tab and waits
   * for the mini player to show the session's title; runs `check` while it is open, then brings
   * the page back and waits for the mini player to close.
   */
  async function withMiniPlayer(
    host: string,
    query: string,
    check: (cdp: CDPSession, logBefore: string[]) => Promise<void>,
  ): Promise<void> {
    // Set by each test, as auto-pip.test.ts does: written right after the launch, the change can
    // race the worker's first read of the settings and be lost.
    await deck
      .serviceWorker()
      .evaluate(() =>
        chrome.storage.sync.set({ settings: { autoPictureInPicture: 'video-and-audio' } }),
      );
    const url = `https://${host}/detection.html?media=audio${query}`;
    const { page, cdp } = await openWithCdp(deck.context, url);
    try {
      await waitFor('the page’s media playing', () => inPage(cdp, 'detection.started()'));
      let autoPip: SessionViewLike['autoPip'] | undefined;
      await waitFor('armed', async () => {
        autoPip = (await deck.snapshot()).sessions.find((s) => s.host === host)?.autoPip;
        return autoPip?.armed;
      }).catch((error) => {
        throw new Error(`${error.message}; autoPip: ${JSON.stringify(autoPip)}`);
      });
      await waitFor('Chrome marks the tab audible', () =>
        deck
          .serviceWorker()
          .evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.audible === true, url),
      );
      const logBefore = await readLog(cdp);
      await elsewhere.bringToFront();
      await waitFor('the mini player showing the title', () =>
        inPage(cdp, `${MINI}?.document.body?.textContent.includes('Detection') === true`),
      );
      await check(cdp, logBefore);
    } finally {
      await page.bringToFront();
      await waitFor('the mini player closed', () => inPage(cdp, `${MINI} === null`)).catch(
        () => undefined,
      );
      await page.close();
    }
  }

  it('its document title, which the page can read, is the media’s title, not a name of Media Deck', async () => {
    await withMiniPlayer('mini-title.test', '', async (cdp) => {
      expect(await inPage(cdp, `${MINI}.document.title`)).toBe('Detection');
    });
  });

  it('opening it, drawing it and pressing its buttons runs none of the page’s traps, and the handler sees no stack of ours', async () => {
    // Every group but array-index, whose setters keep Media Deck from tracking the element it
    // would show (the page-traps test above covers that group).
    const traps = 'has-instance,numbers,getters,iterator';
    await withMiniPlayer('mini-traps.test', `&traps=${traps}`, async (cdp, before) => {
      // Two more frames of its progress bar (it draws one every animation frame, the first at once).
      await inPage(
        cdp,
        `new Promise((done) => ${MINI}.requestAnimationFrame(() => ${MINI}.requestAnimationFrame(() => done(true))))`,
      );
      await inPage(
        cdp,
        `${MINI}.document.querySelector('button[aria-label="Pause"]').click(), true`,
      );
      await waitFor('the page’s pause handler', async () =>
        (await readHandlers(cdp)).some((line) => line.startsWith('handler pause')),
      );
      const during = (await readLog(cdp)).slice(before.length);
      expect.soft([...new Set(during)], 'trap calls while the mini player was open').toEqual([]);
      expect
        .soft(await readHandlers(cdp), 'the handler a mini player button ran')
        .toEqual(['handler pause keys=action']);
    });
  });
});
