import { describe, expect, it } from 'vitest';
import { ARROW_STEP_SECONDS, seekTargetForKey, timeAtPointer } from './seek';

describe('seekTargetForKey', () => {
  it('steps 5 seconds per arrow key', () => {
    expect(ARROW_STEP_SECONDS).toBe(5);
  });

  it.each<[key: string, position: number, duration: number, expected: number]>([
    // Arrow keys: ±5 s.
    ['ArrowRight', 30, 60, 35],
    ['ArrowUp', 30, 60, 35],
    ['ArrowLeft', 30, 60, 25],
    ['ArrowDown', 30, 60, 25],
    ['ArrowRight', 12.5, 300, 17.5],
    // Page Up / Down: ±10 % of the duration.
    ['PageUp', 30, 60, 36],
    ['PageDown', 30, 60, 24],
    ['PageUp', 100, 600, 160],
    ['PageDown', 100, 600, 40],
    // Home / End: the ends, wherever the position is.
    ['Home', 30, 60, 0],
    ['End', 30, 60, 60],
    ['Home', 0, 60, 0],
    ['End', 60, 60, 60],
    // Clamped at the end…
    ['ArrowRight', 58, 60, 60],
    ['ArrowUp', 60, 60, 60],
    ['PageUp', 57, 60, 60],
    // …and at the start.
    ['ArrowLeft', 2, 60, 0],
    ['ArrowDown', 0, 60, 0],
    ['PageDown', 3, 60, 0],
    // A position past the end (stale sample) still yields a target inside the media.
    ['ArrowLeft', 90, 60, 60],
  ])('%s at %s of %s → %s', (key, position, duration, expected) => {
    expect(seekTargetForKey(key, position, duration)).toBeCloseTo(expected, 10);
  });

  it.each(['Enter', ' ', 'Tab', 'Escape', 'a', 'arrowright', 'Right', ''])(
    '%j is not handled → null',
    (key) => {
      expect(seekTargetForKey(key, 30, 60)).toBeNull();
    },
  );
});

describe('timeAtPointer', () => {
  it.each<[clientX: number, left: number, width: number, duration: number, expected: number]>([
    // Fractions of a bar spanning [100, 300].
    [100, 100, 200, 60, 0],
    [150, 100, 200, 60, 15],
    [200, 100, 200, 60, 30],
    [250, 100, 200, 60, 45],
    [300, 100, 200, 60, 60],
    [110, 100, 200, 3600, 180],
    // Outside the bar: clamped to the ends.
    [50, 100, 200, 60, 0],
    [-1000, 100, 200, 60, 0],
    [301, 100, 200, 60, 60],
    [5000, 100, 200, 60, 60],
    // A bar at the left edge of the viewport.
    [40, 0, 160, 80, 20],
  ])('x=%s on [%s, +%s] of %s s → %s', (clientX, left, width, duration, expected) => {
    expect(timeAtPointer(clientX, left, width, duration)).toBeCloseTo(expected, 10);
  });

  it.each<[clientX: number, left: number, width: number]>([
    [100, 100, 0],
    [150, 100, 0],
    [50, 100, 0],
    [150, 100, -20],
  ])(
    'a bar of zero or negative width maps x=%s (left %s, width %s) to 0',
    (clientX, left, width) => {
      expect(timeAtPointer(clientX, left, width, 60)).toBe(0);
    },
  );

  it('maps to 0 for a zero duration', () => {
    expect(timeAtPointer(250, 100, 200, 0)).toBe(0);
  });
});
