import { afterEach, describe, expect, it } from 'vitest';
import { installFakeI18n } from '../../tests/support/fake-i18n';
import { formatClock, formatNumber, plural, t, textDirection, uiLanguage } from './i18n';

afterEach(() => installFakeI18n('en')); // the unit project's default (tests/support/unit-setup.ts)

describe('t', () => {
  it('gives the English message, with substitutions for its placeholders', () => {
    expect(t('emptyTitle')).toBe('Nothing is playing');
    expect(t('positionOf', '1:05', '3:30')).toBe('1:05 of 3:30');
    expect(t('hostInTab', 'embed.test', 'news.test')).toBe('embed.test in news.test');
  });

  it('formats number substitutions for the UI language', () => {
    installFakeI18n('de');
    expect(t('hostListFull', 1500)).toBe(
      'Diese Liste ist voll (höchstens 1.500). Entfernen Sie zuerst eine Website.',
    );
  });

  it('takes a page title with dollar signs as it is', () => {
    expect(t('seekLabel', 'Cash $1 $$ $TITLE$')).toBe('Seek Cash $1 $$ $TITLE$');
  });

  it('gives the key itself, not nothing, without chrome.i18n', () => {
    const g = globalThis as { chrome?: object };
    const saved = g.chrome;
    g.chrome = undefined;
    try {
      expect(t('emptyTitle')).toBe('emptyTitle');
      expect(plural('sessionCount', 2)).toBe('sessionCount_other');
      expect(uiLanguage()).toBe('en');
      expect(textDirection()).toBe('ltr');
    } finally {
      g.chrome = saved;
    }
  });
});

describe('plural', () => {
  it('chooses English one / other', () => {
    expect(plural('sessionCount', 1)).toBe('1 session');
    expect(plural('sessionCount', 2)).toBe('2 sessions');
    expect(plural('controlSeekBackward', 1)).toBe('Seek backward 1 second');
    expect(plural('controlSeekForward', 10)).toBe('Seek forward 10 seconds');
  });

  it('chooses among the six Arabic forms', () => {
    installFakeI18n('ar');
    expect(plural('sessionCount', 1)).toBe('جلسة واحدة');
    expect(plural('sessionCount', 2)).toBe('جلستان');
    expect(plural('sessionCount', 3)).toBe('3 جلسات');
    expect(plural('sessionCount', 11)).toBe('11 جلسة');
    expect(plural('sessionCount', 100)).toBe('100 جلسة');
  });

  it('uses the only form of Japanese', () => {
    installFakeI18n('ja');
    expect(plural('sessionCount', 1)).toBe('1 件');
    expect(plural('sessionCount', 5)).toBe('5 件');
  });

  it('follows the language of the messages when Chrome fell back to English', () => {
    // A Russian UI gets the English messages: 21 is "one" in Russian, but the English words need
    // English rules.
    installFakeI18n('ru');
    expect(plural('sessionCount', 21)).toBe('21 sessions');
  });
});

describe('textDirection', () => {
  it('is Chrome’s @@bidi_dir', () => {
    expect(textDirection()).toBe('ltr');
    installFakeI18n('ar');
    expect(textDirection()).toBe('rtl');
  });
});

describe('formatNumber', () => {
  it('groups as the UI language does', () => {
    expect(formatNumber(1234)).toBe('1,234');
    installFakeI18n('de');
    expect(formatNumber(1234)).toBe('1.234');
    expect(formatNumber(5, 2)).toBe('05');
  });
});

describe('formatClock', () => {
  it.each<[number | null, string]>([
    [0, '0:00'],
    [0.99, '0:00'],
    [5, '0:05'],
    [59.9, '0:59'],
    [60, '1:00'],
    [65, '1:05'],
    [599, '9:59'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [3723, '1:02:03'],
    [36_000 + 61, '10:01:01'],
    [null, '--:--'],
    [Number.NaN, '--:--'],
    [Number.POSITIVE_INFINITY, '--:--'],
    [Number.NEGATIVE_INFINITY, '--:--'],
    [-1, '--:--'],
  ])('%s → %s', (seconds, expected) => {
    expect(formatClock(seconds)).toBe(expected);
  });
});
