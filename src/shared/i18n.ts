/**
 * The one way Media Deck's words reach the user: Chrome's i18n messages
 * (`public/_locales/<lang>/messages.json`, https://developer.chrome.com/docs/extensions/reference/api/i18n),
 * looked up with `chrome.i18n.getMessage` in every context that shows text (popup, options page,
 * service worker, and the session agent's mini player in the isolated world). Plural forms are
 * separate messages, `<base>_<category>` with the categories of `Intl.PluralRules`; numbers and
 * times are formatted with `Intl` in the browser's UI language.
 *
 * Outside an extension (the unit tests, happy-dom) there is no `chrome.i18n`: the unit project's
 * setup installs an English one (tests/support/fake-i18n.ts), so this module carries no copy of the
 * messages. Never imported by the MAIN-world or first-stage scripts.
 */
import type English from '../../public/_locales/en/messages.json';

/** A message name of `_locales/en/messages.json`. */
export type MessageKey = keyof typeof English;

/** The base of a plural message: `sessionCount` for `sessionCount_one` / `sessionCount_other`. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}_other` ? Base : never;
}[MessageKey];

/** A value for a message's `$1`…`$9`; numbers are formatted for the UI language. */
export type Substitution = string | number;

/** The part of `chrome.i18n` this module uses. */
interface I18nApi {
  getMessage(name: string, substitutions?: string | string[]): string;
  getUILanguage(): string;
}

function api(): I18nApi | undefined {
  return (globalThis as { chrome?: { i18n?: I18nApi } }).chrome?.i18n;
}

/** The browser's UI language (`chrome.i18n.getUILanguage()`, e.g. `de`, `en-US`); `en` without one. */
export function uiLanguage(): string {
  try {
    return api()?.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

/** Intl objects are costly to build: one per language and options, for the context's life. */
function cached<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/**
 * `n` as the UI language writes numbers (`1.234` in German), without grouping when
 * `minimumIntegerDigits` is given (clock digits such as the `05` of `1:05`).
 */
export function formatNumber(n: number, minimumIntegerDigits?: number): string {
  const language = uiLanguage();
  const format = cached(numberFormats, `${language}|${minimumIntegerDigits ?? ''}`, () => {
    try {
      return minimumIntegerDigits === undefined
        ? new Intl.NumberFormat(language)
        : new Intl.NumberFormat(language, { minimumIntegerDigits, useGrouping: false });
    } catch {
      return new Intl.NumberFormat('en', { minimumIntegerDigits, useGrouping: false });
    }
  });
  return format.format(n);
}

const percentFormats = new Map<string, Intl.NumberFormat>();

/** `fraction` (0..1) as a whole percentage in the UI language (`50 %` in German, `50%` in English). */
export function formatPercent(fraction: number): string {
  const language = uiLanguage();
  const format = cached(percentFormats, language, () => {
    try {
      return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
    } catch {
      return new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });
    }
  });
  return format.format(fraction);
}

/**
 * Seconds as a media clock, `m:ss` or `h:mm:ss` (`1:05`, `1:02:03`) in the UI language's digits;
 * `--:--` for `null`, negative or non-finite. The separator stays `:` (CLDR's time separator for
 * every language Media Deck ships).
 */
export function formatClock(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '--:--';
  const total = Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const ss = formatNumber(total % 60, 2);
  return h > 0
    ? `${formatNumber(h, 1)}:${formatNumber(m, 2)}:${ss}`
    : `${formatNumber(m, 1)}:${ss}`;
}

/**
 * The message `key` with `substitutions` for its `$1`…`$9` (numbers formatted by
 * `formatNumber`). Returns `key` itself when the message is missing, so a gap shows up as a
 * name rather than as nothing.
 */
export function t(key: MessageKey, ...substitutions: Substitution[]): string {
  return lookup(key, substitutions) || key;
}

/**
 * The plural message `<key>_<category>` for `count`, the category chosen by `Intl.PluralRules`
 * in the language the messages are written in (`messagesLocale`, which is English when Chrome
 * fell back to it, whatever the UI language), falling back to `<key>_other`. `count` is `$1`
 * (formatted), `more` follow as `$2`….
 */
export function plural(key: PluralKey, count: number, ...more: Substitution[]): string {
  const language = lookup('messagesLocale', []) || 'en';
  const rules = cached(pluralRules, language, () => {
    try {
      return new Intl.PluralRules(language);
    } catch {
      return new Intl.PluralRules('en');
    }
  });
  const substitutions = [count, ...more];
  return (
    lookup(`${key}_${rules.select(count)}`, substitutions) ||
    lookup(`${key}_other`, substitutions) ||
    `${key}_other`
  );
}

/** The text direction of the UI language: Chrome's predefined `@@bidi_dir` message. */
export function textDirection(): 'ltr' | 'rtl' {
  return lookup('@@bidi_dir', []) === 'rtl' ? 'rtl' : 'ltr';
}

/** `chrome.i18n.getMessage`, or `''` when it is missing or throws (an invalidated context). */
function lookup(name: string, substitutions: Substitution[]): string {
  const i18n = api();
  if (!i18n) return '';
  const strings = substitutions.map((s) => (typeof s === 'number' ? formatNumber(s) : s));
  try {
    return i18n.getMessage(name, strings);
  } catch {
    return '';
  }
}
