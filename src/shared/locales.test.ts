/**
 * The shipped translations (`public/_locales/<lang>/messages.json`) against English and against
 * the code: every locale has exactly English's messages (plural messages in exactly the forms its
 * language needs), with English's placeholders; every message the code looks up (`t('…')`,
 * `plural('…')`, `localizeDocument(…, '…')`, `__MSG_…__` in manifest.json) exists in English, and
 * every English message is looked up somewhere. Message formats:
 * https://developer.chrome.com/docs/extensions/how-to/ui/localization-message-formats
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type MessageFile, readMessages } from '../../tests/support/fake-i18n';

const ROOT = join(import.meta.dirname, '../..');
const LOCALES = join(ROOT, 'public/_locales');
const PLURAL = /^(.+)_(zero|one|two|few|many|other)$/;
/** Names Chrome accepts for messages and placeholders: ASCII letters, digits and `_`. */
const NAME = /^[A-Za-z0-9_]+$/;

const english = readMessages('en');
const locales = readdirSync(LOCALES).filter((l) => l !== 'en');

/** `name` → `content` of a message's placeholders, names lower-cased as Chrome compares them. */
function placeholders(entry: MessageFile[string]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
  );
}

/** The `$NAME$` references of a message, lower-cased. */
function references(message: string): string[] {
  return [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => (m[1] as string).toLowerCase());
}

/** The English message a key is checked against: itself, or `<base>_other` for a plural form. */
function englishFor(key: string): MessageFile[string] | undefined {
  const base = PLURAL.exec(key)?.[1];
  return english[key] ?? (base === undefined ? undefined : english[`${base}_other`]);
}

/** Plural bases of a file, each with its forms. */
function pluralForms(file: MessageFile): Map<string, string[]> {
  const forms = new Map<string, string[]>();
  for (const key of Object.keys(file)) {
    const match = PLURAL.exec(key);
    if (match)
      forms.set(match[1] as string, [...(forms.get(match[1] as string) ?? []), match[2] as string]);
  }
  return forms;
}

/** Every non-test source file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe.each([['en'], ...locales.map((l) => [l])])('%s/messages.json', (locale) => {
  const file = readMessages(locale);

  it('names its language in messagesLocale (BCP 47 for the directory name)', () => {
    expect(file.messagesLocale?.message).toBe(locale.replace('_', '-'));
    expect(() => new Intl.PluralRules(file.messagesLocale?.message)).not.toThrow();
  });

  it('uses only names Chrome accepts, and only placeholders it defines', () => {
    for (const [key, entry] of Object.entries(file)) {
      expect(key, key).toMatch(NAME);
      expect(typeof entry.message, key).toBe('string');
      for (const name of Object.keys(entry.placeholders ?? {})) expect(name, key).toMatch(NAME);
      const defined = Object.keys(placeholders(entry));
      for (const name of references(entry.message))
        expect(defined, `${key}: $${name}$`).toContain(name);
    }
  });

  it('has a message for each of English’s, and none English lacks', () => {
    const singular = (f: MessageFile) =>
      Object.keys(f)
        .filter((k) => !PLURAL.test(k))
        .sort();
    expect(singular(file)).toEqual(singular(english));
    expect([...pluralForms(file).keys()].sort()).toEqual([...pluralForms(english).keys()].sort());
  });

  it('has exactly the plural forms its language distinguishes', () => {
    const categories = new Intl.PluralRules(file.messagesLocale?.message)
      .resolvedOptions()
      .pluralCategories.slice()
      .sort();
    for (const [base, forms] of pluralForms(file)) expect(forms.sort(), base).toEqual(categories);
  });

  it('has English’s placeholders, with the same contents', () => {
    for (const [key, entry] of Object.entries(file)) {
      const source = englishFor(key);
      expect(source, key).toBeDefined();
      expect(placeholders(entry), key).toEqual(placeholders(source as MessageFile[string]));
    }
  });

  it('uses every placeholder it defines (a plural form may spell its number out)', () => {
    for (const [key, entry] of Object.entries(file)) {
      if (PLURAL.test(key)) continue;
      const used = new Set(references(entry.message));
      for (const name of Object.keys(placeholders(entry)))
        expect(used, `${key}: $${name}$`).toContain(name);
    }
  });

  it('keeps the manifest’s name and description within Chrome’s limits', () => {
    expect(file.extName?.message.length).toBeLessThanOrEqual(75);
    expect(file.extDescription?.message.length).toBeLessThanOrEqual(132);
  });
});

describe('the messages the code uses', () => {
  const files = sources(join(ROOT, 'src'));
  const used = new Map<string, string>(); // message name → first file that uses it
  const plurals = new Map<string, string>();
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    const where = relative(ROOT, path);
    for (const m of text.matchAll(/\bt\(\s*'([^']+)'/g)) used.set(m[1] as string, where);
    for (const m of text.matchAll(/\blocalizeDocument\([^,]+,\s*'([^']+)'/g))
      used.set(m[1] as string, where);
    for (const m of text.matchAll(/\bplural\(\s*'([^']+)'/g)) plurals.set(m[1] as string, where);
  }
  const manifest = readFileSync(join(ROOT, 'manifest.json'), 'utf8');
  for (const m of manifest.matchAll(/__MSG_([A-Za-z0-9_]+)__/g))
    used.set(m[1] as string, 'manifest.json');

  it('finds the lookups (the search itself works)', () => {
    expect(used.get('emptyTitle')).toBe('src/popup/app.tsx');
    expect(plurals.get('sessionCount')).toBe('src/popup/app.tsx');
    expect(used.get('cmdPlayPause')).toBe('manifest.json');
  });

  it('exist in English', () => {
    for (const [key, where] of used) expect(english[key], `${key} (${where})`).toBeDefined();
    for (const [base, where] of plurals) {
      expect(english[`${base}_other`], `${base}_other (${where})`).toBeDefined();
    }
  });

  it('are all of English’s: no message is left unused', () => {
    for (const key of Object.keys(english)) {
      const base = PLURAL.exec(key)?.[1];
      const isUsed = base === undefined ? used.has(key) : plurals.has(base);
      expect(isUsed, `${key} is never looked up`).toBe(true);
    }
  });
});
