/**
 * Comparing a page's log with Media Deck against the same page's log in a browser without it
 * (the fuzz and the detection traps, in Chromium and Firefox).
 */

/** The first line where two logs differ, with the two lines before it; `null` when they are equal. */
export function firstDifference(native: string[], withDeck: string[]) {
  for (let i = 0; i < Math.max(native.length, withDeck.length); i++) {
    if (native[i] !== withDeck[i]) {
      return {
        line: i,
        native: native[i] ?? '(missing)',
        withMediaDeck: withDeck[i] ?? '(missing)',
        before: native.slice(Math.max(0, i - 2), i),
      };
    }
  }
  return null;
}
