/**
 * `chrome.i18n` for the unit tests (happy-dom has none), reading the real
 * `public/_locales/<lang>/messages.json` and substituting as Chrome does
 * (https://developer.chrome.com/docs/extensions/reference/api/i18n and
 * https://developer.chrome.com/docs/extensions/how-to/ui/localization-message-formats): message
 * names are case-insensitive, `$NAME$` becomes its placeholder's `content`, then `$1`…`$9`
 * become the substitutions (a missing one becomes nothing) and `$$` a dollar sign; a missing
 * message is `''`; a language without a file falls back to its base language, then to English.
 * The unit project's setup (tests/support/unit-setup.ts) installs it in English.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCALES = join(import.meta.dirname, '../../public/_locales');

interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
/** One `messages.json`. */
export type MessageFile = Record<string, MessageEntry>;

/** Reads `public/_locales/<locale>/messages.json` (`locale` with an underscore: `pt_BR`). */
export function readMessages(locale: string): MessageFile {
  return JSON.parse(readFileSync(join(LOCALES, locale, 'messages.json'), 'utf8')) as MessageFile;
}

/** The message with its `$NAME$` placeholders replaced by their contents, as Chrome loads it. */
function expand(entry: MessageEntry): string {
  const placeholders = new Map(
    Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
  );
  return entry.message.replace(
    /\$([a-zA-Z0-9_@]+)\$/g,
    (whole, name: string) => placeholders.get(name.toLowerCase()) ?? whole,
  );
}

/** `$1`…`$9` → substitutions, `$$` → `$` (Chrome's `ReplaceStringPlaceholders`). */
function substitute(text: string, substitutions: readonly string[]): string {
  return text.replace(/\$(\$|[1-9])/g, (_, what: string) =>
    what === '$' ? '$' : (substitutions[Number(what) - 1] ?? ''),
  );
}

/** Right-to-left UI languages among Chrome's (its `@@bidi_dir`). */
const RTL = new Set(['ar', 'fa', 'he', 'iw', 'ur']);

/** A `chrome.i18n` for `locale` (`en`, `de`, `pt_BR`, `ar`, …). */
export function fakeI18n(locale = 'en') {
  const chain = [locale, locale.split('_')[0] as string, 'en'].filter(
    (l, i, all) => all.indexOf(l) === i && existsSync(join(LOCALES, l, 'messages.json')),
  );
  const messages = new Map<string, string>();
  for (const l of chain.reverse()) {
    for (const [name, entry] of Object.entries(readMessages(l))) {
      messages.set(name.toLowerCase(), expand(entry));
    }
  }
  const rtl = RTL.has(locale.split('_')[0] as string);
  const predefined: Record<string, string> = {
    '@@ui_locale': locale,
    '@@bidi_dir': rtl ? 'rtl' : 'ltr',
    '@@bidi_reversed_dir': rtl ? 'ltr' : 'rtl',
    '@@bidi_start_edge': rtl ? 'right' : 'left',
    '@@bidi_end_edge': rtl ? 'left' : 'right',
    '@@extension_id': 'fakeextensionid',
  };
  return {
    getMessage(name: string, substitutions?: string | string[]): string {
      const subs = substitutions === undefined ? [] : [substitutions].flat();
      const text = predefined[name] ?? messages.get(name.toLowerCase());
      return text === undefined ? '' : substitute(text, subs);
    },
    getUILanguage: () => locale.replace('_', '-'),
  };
}

/** Puts `fakeI18n(locale)` at `globalThis.chrome.i18n` (a plain property: `vi.unstubAllGlobals()`
 * in a test's `afterEach` must not remove it). */
export function installFakeI18n(locale = 'en'): void {
  const g = globalThis as { chrome?: object };
  g.chrome = { ...(g.chrome ?? {}), i18n: fakeI18n(locale) };
}
