import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from './settings';

describe('parseSettings', () => {
  it('gives the defaults for nothing stored', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.seekOffsetSeconds).toBe(10);
  });

  it('keeps valid values', () => {
    expect(parseSettings({ seekOffsetSeconds: 30 })).toEqual({
      ...DEFAULT_SETTINGS,
      seekOffsetSeconds: 30,
    });
    expect(
      parseSettings({
        autoPictureInPicture: 'off',
        autoPipAllowHosts: ['a.test'],
        autoPipBlockHosts: ['b.test'],
      }),
    ).toEqual({
      ...DEFAULT_SETTINGS,
      autoPictureInPicture: 'off',
      autoPipAllowHosts: ['a.test'],
      autoPipBlockHosts: ['b.test'],
    });
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
    expect(parseSettings({ seekOffsetSeconds: 20, extra: 'x' })).toEqual({
      ...DEFAULT_SETTINGS,
      seekOffsetSeconds: 20,
    });
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

describe('auto picture-in-picture settings', () => {
  it('defaults to videos only with empty lists', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      autoPictureInPicture: 'video',
      autoPipAllowHosts: [],
      autoPipBlockHosts: [],
    });
  });

  it.each([['sometimes'], [1], [null]])(
    'replaces an unknown mode (%s) with the default',
    (mode) => {
      expect(parseSettings({ autoPictureInPicture: mode }).autoPictureInPicture).toBe('video');
    },
  );

  it('lower-cases listed hosts and drops a list with junk in it', () => {
    expect(parseSettings({ autoPipAllowHosts: ['Music.Example.com'] }).autoPipAllowHosts).toEqual([
      'music.example.com',
    ]);
    expect(
      parseSettings({ autoPipBlockHosts: ['ok.test', 'not a host/'] }).autoPipBlockHosts,
    ).toEqual([]);
    expect(parseSettings({ autoPipBlockHosts: 'ok.test' }).autoPipBlockHosts).toEqual([]);
  });
});
