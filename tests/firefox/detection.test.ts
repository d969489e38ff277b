/**
 * The trap page of tests/browser/detection.test.ts in real Firefox (docs/architecture.md § The
 * page cannot tell): a hostile page replaces built-ins that an extension's MAIN-world script might
 * call after the page started (`tests/fixtures/pages/detection.html`, one group of traps per page
 * load), then uses media the way sites do. With Media Deck, while an extension page asks the page's
 * session agent for actions (its handlers, the element's own seek and stop, picture-in-picture),
 * the page's log of trap calls must be the log of the same page in a Firefox without the add-on,
 * no trap may see `moz-extension://` in its stack, and every handler gets the details the
 * browser would give, with no stack of ours.
 *
 * The requests go from an extension page by `tabs.sendMessage`, as the background's dispatcher
 * sends them; the agent answers any extension context alike. The page is read by evaluating
 * expression strings, the same ones in the same order in both Firefoxes, so that whatever the
 * protocol itself runs in the page shows in both logs alike.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { expectUntold, GROUPS, lines, REQUESTS, SELF_TEST } from '../support/detection-traps';
import { cardTitles, useFirefoxDeck, waitFor } from '../support/firefox-harness';

const deck = useFirefoxDeck();
const baseline = useFirefoxDeck({ withDeck: false });

/** Evaluates `expression` in the page (a string: no helper of ours runs there). */
const inPage = <T>(page: Page, expression: string) => page.evaluate(expression) as Promise<T>;
/**
 * The page's log of trap calls, without those of Firefox's own video widget (tests/fixtures/pages/
 * detection.html names them): it iterates its localized strings in the page's realm as often as its
 * timing makes it, with the add-on or without.
 */
const readLog = async (page: Page) =>
  lines(await inPage<string>(page, 'detection.log()')).filter(
    (line) => !line.includes("(the browser's localized strings)"),
  );
const readHandlers = async (page: Page) =>
  lines(await inPage<string>(page, 'detection.handlers()'));
const selfTest = async (page: Page) => lines(await inPage<string>(page, 'detection.selfTest()'));
/**
 * Waits in the page, in one evaluation, until its media plays: the protocol may itself run page
 * built-ins for each evaluation (a trapped `Array.prototype[Symbol.iterator]` logged calls with no
 * page frame below them), so both Firefoxes must see the same evaluations, not as many polls as
 * each one's media took.
 */
const started = (page: Page) =>
  inPage<boolean>(
    page,
    'new Promise((done) => { const check = () => (detection.started() ? done(true) : setTimeout(check, 20)); check(); })',
  );

describe('page traps on built-ins, in Firefox', () => {
  it.each(GROUPS)(
    '%s: the page sees the same trap calls as without Media Deck, and no stack of ours',
    async (group) => {
      const url = `http://${group}.test/detection.html?traps=${group}`;
      const native = await baseline().open(url);
      let nativeLog: string[];
      try {
        await started(native);
        await inPage(native, 'detection.finish()');
        nativeLog = await readLog(native);
        // The traps are in place and work: each logs once when the page itself calls it.
        expect(await selfTest(native)).toEqual(SELF_TEST[group]);
      } finally {
        await native.close();
      }

      const page = await deck().open(url);
      const popup = await deck().openPopup();
      try {
        await started(page);
        await waitFor('the detection session', async () =>
          (await cardTitles(popup)).includes('Detection'),
        );
        // Until the worker knows the page's media, an element action has no element to act on
        // (the popup offers a volume slider only then). Not an assertion: a trap that breaks Media
        // Deck's bookkeeping may keep it from ever knowing, and the log below is what tells.
        await waitFor(
          'the media reported',
          () => popup.evaluate(() => document.querySelector('[aria-label="Volume"]') !== null),
          5000,
        ).catch(() => undefined);
        const outcomes = await popup.evaluate(
          async (url, requests) => {
            const { browser } = globalThis as unknown as { browser: typeof chrome };
            const [tab] = await browser.tabs.query({ url });
            const answers: string[] = [];
            for (const message of requests) {
              answers.push(
                (await browser.tabs.sendMessage(tab?.id ?? -1, message, { frameId: 0 })) as string,
              );
            }
            return answers;
          },
          url,
          REQUESTS.map((r) => r.message),
        );
        // Everything Media Deck reported after the actions was built before the popup shows this.
        await inPage(page, 'detection.finish()');
        await waitFor('the last report', async () =>
          (await cardTitles(popup)).includes('Detection done'),
        );
        const log = await readLog(page);
        expect(await selfTest(page), 'the traps in place to the end').toEqual(SELF_TEST[group]);

        const handlers = await readHandlers(page);
        expectUntold({ native: nativeLog, log, handlers, outcomes });
      } finally {
        await popup.close();
        await page.close();
      }
    },
  );
});
