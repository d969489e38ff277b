/**
 * What a fixture page's handlers logged (tests/fixtures/pages/record.js keeps `window.calls`),
 * taken and cleared, from a Playwright page or frame or a Puppeteer page.
 */

/** One handler call as the page logged it, without its timestamp. */
export interface Call {
  action: string;
  details: Record<string, unknown>;
}

/** A page or frame of either driver: it runs a function in the page and returns its result. */
interface InPage {
  evaluate<R>(pageFunction: () => R): Promise<R>;
}

type Logged = { calls: Call[] };

/** Takes (and clears) the page's logged handler calls, without their timestamps. */
export function takeCalls(page: InPage): Promise<Call[]> {
  return page.evaluate(() =>
    (window as unknown as Logged).calls
      .splice(0)
      .map(({ action, details }) => ({ action, details })),
  );
}

/** Takes (and clears) the actions of the page's logged handler calls. */
export function takeActions(page: InPage): Promise<string[]> {
  return page.evaluate(() => (window as unknown as Logged).calls.splice(0).map((c) => c.action));
}
