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

/**
 * Which session the media keys and keyboard commands act on (src/background/keys-rule.ts):
 * - `most-recent`: the one that most recently started audible playback (a pinned one first);
 * - `current-tab`: a session in the tab the user is on, else the most recent;
 * - `pinned-only`: the pinned session, and nothing while none is pinned.
 */
export const KEYS_RULES = ['most-recent', 'current-tab', 'pinned-only'] as const;
export type KeysRule = (typeof KEYS_RULES)[number];

/** A host as users type it: `example.com`, `music.example.com` (no scheme, port or path). */
const Host = v.pipe(
  v.string(),
  v.toLowerCase(),
  v.trim(),
  v.regex(/^[a-z0-9.-]{1,253}$/),
  v.maxLength(253),
);
/**
 * Most hosts per list. Settings are one `storage.sync` item, which Chrome caps at 8 KiB; three full
 * lists of typical hosts (about 20 characters) stay under it.
 */
export const MAX_LISTED_HOSTS = 100;
const HostList = v.fallback(v.pipe(v.array(Host), v.maxLength(MAX_LISTED_HOSTS)), []);

/** Every setting with its default. */
export const SettingsSchema = v.object({
  /** When leaving a playing tab opens picture-in-picture (default: videos only). */
  autoPictureInPicture: v.fallback(v.picklist(AUTO_PIP_MODES), 'video'),
  /** Hosts (and their subdomains) that always get automatic picture-in-picture, video and audio. */
  autoPipAllowHosts: HostList,
  /** Hosts (and their subdomains) that never get it. Wins over the allow list. */
  autoPipBlockHosts: HostList,
  /**
   * Pause others (src/background/pause-others.ts): media that starts audible playback pauses the
   * other playing sessions (default off).
   */
  pauseOthers: v.fallback(v.boolean(), false),
  /** And the most recent of them plays again when that media stops (default on). */
  resumeAfter: v.fallback(v.boolean(), true),
  /** Hosts (and their subdomains) whose media neither pauses others nor is paused. */
  pauseOthersExemptHosts: HostList,
  /** Which session the media keys and commands act on (default: the most recent). */
  keysRule: v.fallback(v.picklist(KEYS_RULES), 'most-recent'),
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
  pauseOthers: false,
  resumeAfter: true,
  pauseOthersExemptHosts: [],
  keysRule: 'most-recent',
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
