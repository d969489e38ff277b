/**
 * What a page function sees in its stack when a `MediaSession` method must call it to convert an
 * argument (README: known differences): a `toString` of `setActionHandler`'s action, and a getter
 * of `setPositionState`'s dictionary. Shared by the Chromium and Firefox transparency tests.
 */
import { expect } from 'vitest';

/** The two stacks, as lines. Runs in the page (`page.evaluate`, Playwright or Puppeteer). */
export function probeConversionStacks(): { action: string[]; position: string[] } {
  let action = '';
  navigator.mediaSession.setActionHandler(
    {
      toString() {
        action = new Error().stack ?? '';
        return 'play';
      },
    } as unknown as MediaSessionAction,
    () => {},
  );
  let position = '';
  navigator.mediaSession.setPositionState({
    get duration() {
      position = new Error().stack ?? '';
      return 10;
    },
  } as MediaPositionState);
  const lines = (stack: string) => stack.split('\n').filter((line) => line.trim() !== '');
  return { action: lines(action), position: lines(position) };
}

/**
 * Checks `ours` (with Media Deck) against `native` (the same page without it): the lines up to the
 * page's own frame and those from its call site on are the same; between them come only frames of
 * the bundle named `<anonymous>` (one to five), and no line names an extension's URL.
 */
export function expectOnlyAnonymousFramesBetween(
  ours: { action: string[]; position: string[] },
  native: { action: string[]; position: string[] },
): void {
  for (const name of ['action', 'position'] as const) {
    const seen = ours[name];
    const expected = native[name];
    expect(seen.join('\n')).not.toMatch(/extension:\/\//);
    // The page's own frame: the first line that names the function (after V8's `Error` line).
    const own = expected.findIndex((line) => /toString|duration/.test(line));
    expect(own).toBeGreaterThanOrEqual(0);
    const tail = expected.length - own - 1;
    expect(seen.slice(0, own + 1)).toEqual(expected.slice(0, own + 1));
    expect(seen.slice(seen.length - tail)).toEqual(expected.slice(expected.length - tail));
    const extra = seen.slice(own + 1, seen.length - tail);
    expect(extra.length).toBeGreaterThan(0);
    expect(extra.length).toBeLessThanOrEqual(5);
    for (const line of extra) expect(line).toMatch(/<anonymous>:\d+:\d+\)?$/);
  }
}
