/**
 * The user's settings, kept in `chrome.storage.sync` under `SETTINGS_KEY`. Read with
 * `parseSettings`, which fills defaults and drops invalid values, so an older or hand-edited copy
 * never breaks the extension.
 */
import * as v from 'valibot';
import { DEFAULT_SEEK_OFFSET_SECONDS } from './media-session-actions';

/** The `chrome.storage.sync` key of the settings object. */
export const SETTINGS_KEY = 'settings';

/** Every setting with its default. */
export const SettingsSchema = v.object({
  /** Seconds that seek backward / forward move (popup buttons and commands), 1 to 300. */
  seekOffsetSeconds: v.fallback(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(300)),
    DEFAULT_SEEK_OFFSET_SECONDS,
  ),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

/** The defaults. */
export const DEFAULT_SETTINGS: Settings = { seekOffsetSeconds: DEFAULT_SEEK_OFFSET_SECONDS };

/**
 * Settings from whatever is stored: missing or invalid fields take their defaults; anything that is
 * not an object yields all defaults. Never throws.
 */
export function parseSettings(stored: unknown): Settings {
  try {
    const input = stored && typeof stored === 'object' ? stored : {};
    const result = v.safeParse(SettingsSchema, input);
    return result.success ? { ...DEFAULT_SETTINGS, ...result.output } : { ...DEFAULT_SETTINGS };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}
