import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { pos, T0 } from '../../tests/support/fixtures';
import { type Position, PositionSchema } from './contract';
import { LIMITS } from './limits';
import { capPosition, extrapolatePosition, isSamePlayback } from './position';

/** The shared `pos` on a 100 s track. */
function pos100(overrides: Partial<Position> = {}): Position {
  return pos({ duration: 100, ...overrides });
}

describe('extrapolatePosition', () => {
  it.each<{ name: string; sample: Position; playing: boolean; now: number; expected: number }>([
    { name: 'playing at rate 1', sample: pos100(), playing: true, now: T0 + 5000, expected: 15 },
    { name: 'at the sample instant', sample: pos100(), playing: true, now: T0, expected: 10 },
    {
      name: 'paused stands still',
      sample: pos100(),
      playing: false,
      now: T0 + 60_000,
      expected: 10,
    },
    {
      name: 'rate 2 advances twice as fast',
      sample: pos100({ playbackRate: 2 }),
      playing: true,
      now: T0 + 5000,
      expected: 20,
    },
    {
      name: 'rate 0.5 advances half as fast',
      sample: pos100({ playbackRate: 0.5 }),
      playing: true,
      now: T0 + 4000,
      expected: 12,
    },
    {
      name: 'negative rate goes backwards',
      sample: pos100({ playbackRate: -1 }),
      playing: true,
      now: T0 + 4000,
      expected: 6,
    },
    {
      name: 'negative rate clamps at 0',
      sample: pos100({ playbackRate: -1 }),
      playing: true,
      now: T0 + 60_000,
      expected: 0,
    },
    {
      name: 'clamps to the duration',
      sample: pos100({ duration: 12 }),
      playing: true,
      now: T0 + 60_000,
      expected: 12,
    },
    {
      name: 'null duration (live) is not clamped',
      sample: pos100({ duration: null }),
      playing: true,
      now: T0 + 3_600_000,
      expected: 3610,
    },
    {
      name: 'a clock behind the sample does not rewind',
      sample: pos100(),
      playing: true,
      now: T0 - 10_000,
      expected: 10,
    },
  ])('$name', ({ sample, playing, now, expected }) => {
    expect(extrapolatePosition(sample, playing, now)).toBeCloseTo(expected, 9);
  });
});

describe('isSamePlayback', () => {
  it.each<{
    name: string;
    previous: Position | null;
    next: Position | null;
    playing: boolean;
    tolerance?: number;
    expected: boolean;
  }>([
    { name: 'both null', previous: null, next: null, playing: true, expected: true },
    { name: 'null → sample', previous: null, next: pos100(), playing: true, expected: false },
    { name: 'sample → null', previous: pos100(), next: null, playing: true, expected: false },
    { name: 'identical', previous: pos100(), next: pos100(), playing: false, expected: true },
    {
      name: 'steady progress',
      previous: pos100(),
      next: pos100({ position: 13, updatedAt: T0 + 3000 }),
      playing: true,
      expected: true,
    },
    {
      name: 'within the default 0.5 s tolerance ahead',
      previous: pos100(),
      next: pos100({ position: 13.49, updatedAt: T0 + 3000 }),
      playing: true,
      expected: true,
    },
    {
      name: 'within the default 0.5 s tolerance behind',
      previous: pos100(),
      next: pos100({ position: 12.51, updatedAt: T0 + 3000 }),
      playing: true,
      expected: true,
    },
    {
      name: 'beyond the tolerance ahead',
      previous: pos100(),
      next: pos100({ position: 13.6, updatedAt: T0 + 3000 }),
      playing: true,
      expected: false,
    },
    {
      name: 'beyond the tolerance behind',
      previous: pos100(),
      next: pos100({ position: 12.4, updatedAt: T0 + 3000 }),
      playing: true,
      expected: false,
    },
    {
      name: 'paused but the position moved',
      previous: pos100(),
      next: pos100({ position: 13, updatedAt: T0 + 3000 }),
      playing: false,
      expected: false,
    },
    {
      name: 'paused, position held, later sample',
      previous: pos100(),
      next: pos100({ updatedAt: T0 + 30_000 }),
      playing: false,
      expected: true,
    },
    {
      name: 'duration changed',
      previous: pos100(),
      next: pos100({ duration: 200 }),
      playing: false,
      expected: false,
    },
    {
      name: 'duration became live',
      previous: pos100(),
      next: pos100({ duration: null }),
      playing: false,
      expected: false,
    },
    {
      name: 'rate changed',
      previous: pos100(),
      next: pos100({ playbackRate: 1.5 }),
      playing: false,
      expected: false,
    },
    {
      name: 'custom tolerance accepts a 2 s drift',
      previous: pos100(),
      next: pos100({ position: 12, updatedAt: T0 }),
      playing: true,
      tolerance: 2,
      expected: true,
    },
    {
      name: 'zero tolerance refuses a tiny drift',
      previous: pos100(),
      next: pos100({ position: 10.01 }),
      playing: true,
      tolerance: 0,
      expected: false,
    },
  ])('$name', ({ previous, next, playing, tolerance, expected }) => {
    expect(isSamePlayback(previous, next, playing, tolerance)).toBe(expected);
  });
});

describe('capPosition', () => {
  const { seconds, playbackRate: rate } = LIMITS;
  it.each<[string, [number, number, number], Omit<Position, 'updatedAt'>]>([
    ['within the caps: unchanged', [100, 2, 40], { duration: 100, playbackRate: 2, position: 40 }],
    ['a zero duration', [0, 1, 0], { duration: 0, playbackRate: 1, position: 0 }],
    [
      'an infinite duration (live)',
      [Infinity, 1, 5],
      { duration: null, playbackRate: 1, position: 5 },
    ],
    [
      'a duration past the cap',
      [seconds + 1, 1, 5],
      { duration: null, playbackRate: 1, position: 5 },
    ],
    ['a huge duration', [1e300, 1, 1e299], { duration: null, playbackRate: 1, position: seconds }],
    ['a NaN duration', [Number.NaN, 1, 0], { duration: null, playbackRate: 1, position: 0 }],
    ['a negative duration', [-1, 1, 0], { duration: null, playbackRate: 1, position: 0 }],
    [
      'the cap itself',
      [seconds, rate, seconds],
      { duration: seconds, playbackRate: rate, position: seconds },
    ],
    ['a rate above the cap', [10, rate + 1, 0], { duration: 10, playbackRate: rate, position: 0 }],
    ['a rate below the cap', [10, -1e300, 0], { duration: 10, playbackRate: -rate, position: 0 }],
    ['a negative rate', [10, -1, 3], { duration: 10, playbackRate: -1, position: 3 }],
    ['a non-finite rate', [10, Number.NaN, 3], { duration: 10, playbackRate: 1, position: 3 }],
    ['a negative position', [10, 1, -1], { duration: 10, playbackRate: 1, position: 0 }],
    ['a non-finite position', [10, 1, Infinity], { duration: 10, playbackRate: 1, position: 0 }],
  ])('%s', (_, [duration, playbackRate, position], expected) => {
    const capped = capPosition(duration, playbackRate, position, T0);
    expect(capped).toEqual({ ...expected, updatedAt: T0 });
    // Whatever the page declared, the result passes the contract's schema.
    expect(v.safeParse(PositionSchema, capped).success).toBe(true);
  });

  it('turns -0 into 0 (a report is compared as JSON)', () => {
    expect(Object.is(capPosition(-0, 1, -0, T0).position, 0)).toBe(true);
  });
});
