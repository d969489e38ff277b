import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from './settings';

describe('parseSettings', () => {
  it('gives the defaults for nothing stored', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.seekOffsetSeconds).toBe(10);
  });

  it('keeps valid values', () => {
    expect(parseSettings({ seekOffsetSeconds: 30 })).toEqual({ seekOffsetSeconds: 30 });
    expect(parseSettings({ seekOffsetSeconds: 1 }).seekOffsetSeconds).toBe(1);
    expect(parseSettings({ seekOffsetSeconds: 300 }).seekOffsetSeconds).toBe(300);
  });

  it.each([0, -5, 301, 2.5, Number.NaN, '10', null, {}])(
    'replaces an invalid seek offset (%s) with the default',
    (value) => {
      expect(parseSettings({ seekOffsetSeconds: value }).seekOffsetSeconds).toBe(10);
    },
  );

  it('ignores unknown keys and non-objects, and never throws on hostile input', () => {
    expect(parseSettings({ seekOffsetSeconds: 20, extra: 'x' })).toEqual({ seekOffsetSeconds: 20 });
    expect(parseSettings('settings')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(42)).toEqual(DEFAULT_SETTINGS);
    const hostile = {
      get seekOffsetSeconds(): number {
        throw new Error('trap');
      },
    };
    expect(parseSettings(hostile)).toEqual(DEFAULT_SETTINGS);
    const proxy = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    expect(parseSettings(proxy)).toEqual(DEFAULT_SETTINGS);
  });
});
