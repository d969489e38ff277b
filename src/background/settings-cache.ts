/**
 * The service worker's copy of the user's settings (`chrome.storage.sync`), kept current through
 * `storage.onChanged` so that changes apply at once, and readable synchronously (the command path
 * must not `await` before it reaches the tab).
 */
import browser from 'webextension-polyfill';
import { DEFAULT_SETTINGS, parseSettings, SETTINGS_KEY, type Settings } from '../shared/settings';

let current: Settings = { ...DEFAULT_SETTINGS };

/** The settings as last read; the defaults until the first read finished. */
export function settings(): Settings {
  return current;
}

let loaded: Promise<void> | null = null;

/**
 * Reads the settings (the first call starts the read, later ones get the same promise), so that
 * the worker's first decisions after a start use the user's settings, not the defaults. Never
 * rejects: an unreadable store leaves the defaults.
 */
export function loadSettings(): Promise<void> {
  loaded ??= browser.storage.sync.get(SETTINGS_KEY).then(
    (stored) => {
      current = parseSettings(stored[SETTINGS_KEY]);
    },
    () => {},
  );
  return loaded;
}

/** Loads the settings and follows their changes. Call once, synchronously, at top level. */
export function watchSettings(onChange: () => void): void {
  void loadSettings().then(onChange);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'sync' || !changes[SETTINGS_KEY]) return;
    current = parseSettings(changes[SETTINGS_KEY].newValue);
    onChange();
  });
}
