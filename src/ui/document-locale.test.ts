import { afterEach, describe, expect, it } from 'vitest';
import { installFakeI18n } from '../../tests/support/fake-i18n';
import { localizeDocument } from './document-locale';

afterEach(() => installFakeI18n('en')); // the unit project's default (tests/support/unit-setup.ts)

describe('localizeDocument', () => {
  it('gives an English page lang="en", dir="ltr" and its title', () => {
    localizeDocument(document, 'optionsTitle');
    expect(document.documentElement.lang).toBe('en');
    expect(document.documentElement.dir).toBe('ltr');
    expect(document.title).toBe('Media Deck settings');
  });

  it('gives an Arabic page dir="rtl" from @@bidi_dir', () => {
    installFakeI18n('ar');
    localizeDocument(document, 'optionsTitle');
    expect(document.documentElement.lang).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.title).toBe('إعدادات Media Deck');
  });

  it('names the language of the messages, not of the UI, when Chrome fell back to English', () => {
    installFakeI18n('ru');
    localizeDocument(document, 'extName');
    expect(document.documentElement.lang).toBe('en');
    expect(document.documentElement.dir).toBe('ltr');
  });
});
