/**
 * The user's settings, kept in `chrome.storage.sync` under `SETTINGS_KEY`. Read with
 * `parseSettings`, which fills defaults and drops invalid values, so an older or hand-edited copy
 * never breaks the extension.
 */
import * as v from 'valibot';
import { DEFAULT_SEEK_OFFSET_SECONDS } from './media-session-actions';

/** The `chrome.storage.sync` key of the settings object. */
export const SETTINGS_KEY = 'settings';

/** Automatic picture-in-picture on tab switch: off, for videos only, or videos and audio. */
export const AUTO_PIP_MODES = ['off', 'video', 'video-and-audio'] as const;
export type AutoPipMode = (typeof AUTO_PIP_MODES)[number];

/** A host as users type it: `example.com`, `music.example.com` (no scheme, port or path). */
const Host = v.pipe(
  v.string(),
  v.toLowerCase(),
  v.trim(),
  v.regex(/^[a-z0-9.-]{1,253}$/),
  v.maxLength(253),
);
/**
 * Most hosts per list. Settings are one `storage.sync` item, which Chrome caps at 8 KiB; two full
 * lists of typical hosts stay well under it.
 */
export const MAX_LISTED_HOSTS = 150;
const HostList = v.fallback(v.pipe(v.array(Host), v.maxLength(MAX_LISTED_HOSTS)), []);

/** Every setting with its default. */
export const SettingsSchema = v.object({
  /** When leaving a playing tab opens picture-in-picture (default: videos only). */
  autoPictureInPicture: v.fallback(v.picklist(AUTO_PIP_MODES), 'video'),
  /** Hosts (and their subdomains) that always get automatic picture-in-picture, video and audio. */
  autoPipAllowHosts: HostList,
  /** Hosts (and their subdomains) that never get it. Wins over the allow list. */
  autoPipBlockHosts: HostList,
  /** Seconds that seek backward / forward move (popup buttons and commands), 1 to 300. */
  seekOffsetSeconds: v.fallback(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(300)),
    DEFAULT_SEEK_OFFSET_SECONDS,
  ),
  /** Count the playing sessions on the toolbar icon's badge (default off). */
  toolbarCount: v.fallback(v.boolean(), false),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

/** The defaults. */
export const DEFAULT_SETTINGS: Settings = {
  autoPictureInPicture: 'video',
  autoPipAllowHosts: [],
  autoPipBlockHosts: [],
  seekOffsetSeconds: DEFAULT_SEEK_OFFSET_SECONDS,
  toolbarCount: false,
};

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
