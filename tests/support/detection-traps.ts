/**
 * What tests/fixtures/pages/detection.html logs, and what the detection tests ask of it, shared by
 * the Chromium test (tests/browser/detection.test.ts) and the Firefox one
 * (tests/firefox/detection.test.ts): the trap groups, the requests the service worker sends the
 * page and their outcomes, the page's handler log for them, and its self-test.
 */
import { expect } from 'vitest';
import type { WorkerToAgent } from '../../src/shared/contract';
import { firstDifference } from './log-diff';

/** The trap groups of detection.html (`?traps=`), each run on a page of its own. */
export const GROUPS = ['has-instance', 'numbers', 'getters', 'array-index', 'iterator'] as const;
export type Group = (typeof GROUPS)[number];

/** What a log line says when the trap's stack named a `chrome-extension://` or `moz-extension://` script. */
export const NAMES_EXTENSION = '[stack names an extension]';

/**
 * What the service worker asks of the page, in this order (the requests its dispatcher sends for
 * popup buttons and keys), and the outcome each may have: the page's own handler; the element's
 * seek and stop, where the page has no handler; picture-in-picture of the largest playing video
 * (no handler either), which the browser may refuse without a user gesture, or not offer at all
 * (Firefox has no `requestPictureInPicture()`).
 */
export const REQUESTS: {
  message: Exclude<WorkerToAgent, { type: 'announce' }>;
  outcomes: string[];
}[] = [
  { message: { type: 'run-action', details: { action: 'pause' } }, outcomes: ['handler'] },
  { message: { type: 'run-action', details: { action: 'play' } }, outcomes: ['handler'] },
  {
    message: { type: 'run-action', details: { action: 'seekforward', seekOffset: 5 } },
    outcomes: ['handler'],
  },
  {
    message: { type: 'run-action', details: { action: 'seekto', seekTime: 2, fastSeek: true } },
    outcomes: ['handler'],
  },
  { message: { type: 'run-action', details: { action: 'nexttrack' } }, outcomes: ['handler'] },
  {
    message: { type: 'run-action', details: { action: 'seekbackward', seekOffset: 1 } },
    outcomes: ['element'],
  },
  {
    message: { type: 'picture-in-picture', target: 'session' },
    outcomes: ['element', 'failed', 'unsupported'],
  },
  { message: { type: 'run-action', details: { action: 'stop' } }, outcomes: ['element'] },
];

/**
 * The page's handler log for REQUESTS: natively, the browser calls a handler with these details, a
 * dictionary whose members WebIDL converts in lexicographic order (WebIDL § 3.2.7 "dictionary
 * types": "for each dictionary member … in lexicographical order").
 */
export const HANDLER_CALLS = [
  'handler pause keys=action',
  'handler play keys=action',
  'handler seekforward keys=action,seekOffset',
  'handler seekto keys=action,fastSeek,seekTime',
  'handler nexttrack keys=action',
];

/** The names detection.html puts accessors for on `Object.prototype` (group `getters`). */
const OBJECT_NAMES = [
  'seekOffset',
  'seekTime',
  'fastSeek',
  'action',
  'title',
  'state',
  'type',
  'toJSON',
];

/**
 * What the page's own `detection.selfTest()` logs for each group: every trap in place, and each
 * seeing no extension in a stack of the page's own.
 */
export const SELF_TEST: Record<Group, string[]> = {
  'has-instance': ['HTMLMediaElement', 'HTMLVideoElement', 'HTMLAudioElement', 'Promise'].map(
    (name) => `${name}[Symbol.hasInstance]`,
  ),
  numbers: ['Math.max', 'Math.min', 'Number.isFinite', 'Number.isNaN', 'Array.isArray'],
  getters: [
    'get Event.prototype.type',
    ...OBJECT_NAMES.flatMap((name) => [
      `get Object.prototype.${name}`,
      `set Object.prototype.${name} (number)`,
    ]),
  ],
  'array-index': [0, 1, 2, 3].map((i) => `set Array.prototype[${i}] (number)`),
  iterator: ['Array.prototype[Symbol.iterator]'],
};

/** The non-empty lines of `text`. */
export const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');

/** Distinct lines of `log` that `reference` lacks, in order of first appearance. */
export function extraLines(log: string[], reference: string[]): string[] {
  const known = new Set(reference);
  return [...new Set(log.filter((line) => !known.has(line)))];
}

/** What one run of the trap page with Media Deck gave, beside the same page without it. */
export interface TrapRun {
  /** The trap log of the page without the extension. */
  native: string[];
  /** The trap log of the page with Media Deck, after the requests. */
  log: string[];
  /** The page's handler log (`detection.handlers()`). */
  handlers: string[];
  /** The outcome of each of `REQUESTS`, in order. */
  outcomes: string[];
}

/**
 * Checks (softly, each on its own) that the page could not tell: no trap call that the page
 * without the extension did not see, no trap whose stack named an extension URL, the whole log
 * line by line the native one, the handlers called with the browser's details and no stack of
 * ours; and that the requests took the paths they should (handler, element, picture-in-picture),
 * so that a clean log is not a vacuous one.
 */
export function expectUntold({ native, log, handlers, outcomes }: TrapRun): void {
  // Short answers first: which traps ran only with Media Deck, and which saw our stack.
  expect.soft(extraLines(log, native), 'trap calls the page saw only with Media Deck').toEqual([]);
  expect
    .soft(
      [...new Set(log.filter((line) => line.includes(NAMES_EXTENSION)))],
      'trap calls whose stack named an extension URL',
    )
    .toEqual([]);
  expect.soft(firstDifference(native, log), 'the whole log, line by line').toBeNull();
  expect.soft(handlers, 'handler calls: details, and no stack of ours').toEqual(HANDLER_CALLS);
  REQUESTS.forEach(({ message, outcomes: allowed }, i) => {
    expect.soft(allowed, `outcome of ${JSON.stringify(message)}`).toContain(outcomes[i]);
  });
}
