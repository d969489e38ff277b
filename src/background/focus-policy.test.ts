import { describe, expect, it } from 'vitest';
import {
  dropFromStack,
  type FocusCandidate,
  orderSessions,
  pickActive,
  raiseInStack,
  SELF_RAISE_INTERVAL_MS,
  type StartFacts,
  startTakesFocus,
} from './focus-policy';

function candidate(key: string, controllable = true, firstSeenAt = 0): FocusCandidate {
  return { key, controllable, firstSeenAt };
}

describe('raiseInStack', () => {
  it.each([
    { name: 'onto an empty stack', stack: [], key: 'a', expected: ['a'] },
    { name: 'a new key goes on top', stack: ['b', 'c'], key: 'a', expected: ['a', 'b', 'c'] },
    { name: 'a key from the middle', stack: ['b', 'a', 'c'], key: 'a', expected: ['a', 'b', 'c'] },
    { name: 'a key from the bottom', stack: ['b', 'c', 'a'], key: 'a', expected: ['a', 'b', 'c'] },
    { name: 'the top key stays put', stack: ['a', 'b'], key: 'a', expected: ['a', 'b'] },
  ])('$name', ({ stack, key, expected }) => {
    expect(raiseInStack(stack, key)).toEqual(expected);
  });

  it('never duplicates a key', () => {
    let stack: string[] = [];
    for (const key of ['a', 'b', 'a', 'c', 'b', 'a']) stack = raiseInStack(stack, key);
    expect(stack).toEqual(['a', 'b', 'c']);
  });

  it('does not change its input', () => {
    const stack = Object.freeze(['b', 'a']);
    const result = raiseInStack(stack, 'a');
    expect(stack).toEqual(['b', 'a']);
    expect(result).not.toBe(stack);
  });
});

describe('dropFromStack', () => {
  it.each([
    { name: 'from an empty stack', stack: [], key: 'a', expected: [] },
    { name: 'the top key', stack: ['a', 'b', 'c'], key: 'a', expected: ['b', 'c'] },
    { name: 'a middle key', stack: ['a', 'b', 'c'], key: 'b', expected: ['a', 'c'] },
    { name: 'an absent key', stack: ['a', 'b'], key: 'z', expected: ['a', 'b'] },
  ])('$name', ({ stack, key, expected }) => {
    expect(dropFromStack(stack, key)).toEqual(expected);
  });

  it('does not change its input', () => {
    const stack = Object.freeze(['a', 'b']);
    dropFromStack(stack, 'a');
    expect(stack).toEqual(['a', 'b']);
  });
});

describe('pickActive', () => {
  it.each<{
    name: string;
    stack: string[];
    candidates: FocusCandidate[];
    pinned: string | null;
    expected: string | null;
  }>([
    { name: 'nothing at all', stack: [], candidates: [], pinned: null, expected: null },
    {
      name: 'only non-controllable sessions',
      stack: ['a'],
      candidates: [candidate('a', false), candidate('b', false, 5)],
      pinned: null,
      expected: null,
    },
    {
      name: 'top of the stack',
      stack: ['b', 'a'],
      candidates: [candidate('a'), candidate('b')],
      pinned: null,
      expected: 'b',
    },
    {
      name: 'stack order wins over candidate order and first-seen time',
      stack: ['a', 'b'],
      candidates: [candidate('b', true, 100), candidate('a', true, 1)],
      pinned: null,
      expected: 'a',
    },
    {
      name: 'non-controllable stack entries are skipped',
      stack: ['a', 'b', 'c'],
      candidates: [candidate('a', false), candidate('b', false), candidate('c')],
      pinned: null,
      expected: 'c',
    },
    {
      name: 'stack keys without a candidate (ended sessions) are skipped',
      stack: ['gone', 'b'],
      candidates: [candidate('b')],
      pinned: null,
      expected: 'b',
    },
    {
      name: 'pinned wins over the stack while controllable',
      stack: ['a', 'b'],
      candidates: [candidate('a'), candidate('b')],
      pinned: 'b',
      expected: 'b',
    },
    {
      name: 'pinned wins even if never in the stack',
      stack: ['a'],
      candidates: [candidate('a'), candidate('p', true, 0)],
      pinned: 'p',
      expected: 'p',
    },
    {
      name: 'pinned but not controllable falls back to the stack',
      stack: ['a', 'b'],
      candidates: [candidate('a'), candidate('b', false)],
      pinned: 'b',
      expected: 'a',
    },
    {
      name: 'pinned session that ended falls back to the stack',
      stack: ['a'],
      candidates: [candidate('a')],
      pinned: 'gone',
      expected: 'a',
    },
    {
      name: 'fallback: most recently seen controllable non-stack session',
      stack: [],
      candidates: [
        candidate('old', true, 100),
        candidate('new', true, 300),
        candidate('mid', true, 200),
      ],
      pinned: null,
      expected: 'new',
    },
    {
      name: 'fallback skips non-controllable sessions even if newer',
      stack: [],
      candidates: [candidate('old', true, 100), candidate('newest', false, 900)],
      pinned: null,
      expected: 'old',
    },
    {
      name: 'fallback when every stack entry is non-controllable',
      stack: ['a'],
      candidates: [candidate('a', false, 500), candidate('b', true, 10), candidate('c', true, 20)],
      pinned: null,
      expected: 'c',
    },
    {
      name: 'a controllable stack entry beats a newer non-stack session',
      stack: ['a'],
      candidates: [candidate('a', true, 1), candidate('b', true, 1000)],
      pinned: null,
      expected: 'a',
    },
  ])('$name', ({ stack, candidates, pinned, expected }) => {
    expect(pickActive(stack, candidates, pinned)).toBe(expected);
  });
});

describe('orderSessions', () => {
  it.each<{
    name: string;
    stack: string[];
    candidates: FocusCandidate[];
    active: string | null;
    expected: string[];
  }>([
    { name: 'empty', stack: [], candidates: [], active: null, expected: [] },
    {
      name: 'stack order, then the rest newest first',
      stack: ['b', 'a'],
      candidates: [
        candidate('a', true, 1),
        candidate('x', true, 10),
        candidate('b', true, 2),
        candidate('y', true, 20),
      ],
      active: 'b',
      expected: ['b', 'a', 'y', 'x'],
    },
    {
      name: 'the active session comes first even from the bottom of the stack',
      stack: ['a', 'b', 'c'],
      candidates: [candidate('a'), candidate('b'), candidate('c')],
      active: 'c',
      expected: ['c', 'a', 'b'],
    },
    {
      name: 'an active session outside the stack comes first',
      stack: ['a', 'b'],
      candidates: [candidate('a'), candidate('b'), candidate('p', true, 0)],
      active: 'p',
      expected: ['p', 'a', 'b'],
    },
    {
      name: 'no active session: stack then newest first',
      stack: ['c'],
      candidates: [candidate('a', false, 1), candidate('b', false, 3), candidate('c', false, 2)],
      active: null,
      expected: ['c', 'b', 'a'],
    },
    {
      name: 'stack keys without a candidate are not listed',
      stack: ['gone', 'a'],
      candidates: [candidate('a')],
      active: 'a',
      expected: ['a'],
    },
  ])('$name', ({ stack, candidates, active, expected }) => {
    expect(orderSessions(stack, candidates, active)).toEqual(expected);
  });

  it('does not reorder its input', () => {
    const candidates = [candidate('a', true, 1), candidate('b', true, 2)];
    orderSessions([], candidates, 'b');
    expect(candidates.map((c) => c.key)).toEqual(['a', 'b']);
  });
});

describe('startTakesFocus', () => {
  const facts = (overrides: Partial<StartFacts>): StartFacts => ({
    startedByUser: false,
    activated: false,
    topFrameOfActiveTab: false,
    onTop: false,
    lastSelfRaiseAt: null,
    now: 100_000,
    ...overrides,
  });
  it.each<[string, Partial<StartFacts>, boolean]>([
    ['the user just started it', { startedByUser: true }, true],
    [
      'the user just started it, again and again',
      { startedByUser: true, lastSelfRaiseAt: 99_999 },
      true,
    ],
    ['a frame the user never touched, in the background', {}, false],
    ['a frame the user interacted with, first time', { activated: true }, true],
    ['the top frame of the tab the user is on', { topFrameOfActiveTab: true }, true],
    [
      'an interacted frame that took focus back 9 s ago',
      { activated: true, lastSelfRaiseAt: 100_000 - SELF_RAISE_INTERVAL_MS + 1000 },
      false,
    ],
    [
      'an interacted frame that took focus back 10 s ago',
      { activated: true, lastSelfRaiseAt: 100_000 - SELF_RAISE_INTERVAL_MS },
      true,
    ],
    ['already on top', { onTop: true, lastSelfRaiseAt: 99_999 }, true],
  ])('%s → %s', (_name, overrides, expected) => {
    expect(startTakesFocus(facts(overrides))).toBe(expected);
  });
});
