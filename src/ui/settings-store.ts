/**
 * The options page's one store: the user's settings in `chrome.storage.sync` under `SETTINGS_KEY`.
 * Framework-free; the views subscribe to it. It reads with `parseSettings` (so a missing, older or
 * hand-edited copy shows as valid settings), writes the whole validated object on every change, and
 * follows changes made elsewhere (another options tab, another synced device) through
 * `storage.onChanged`, so that what the page shows is always what the extension uses.
 */
import { parseSettings, SETTINGS_KEY, type Settings } from '../shared/settings';

/** One `storage.onChanged` entry. */
export interface StorageChangeLike {
  oldValue?: unknown;
  newValue?: unknown;
}

/**
 * The part of `browser.storage` the store uses (so tests can pass a fake): `get` and `set` of the
 * `sync` area, and a way to register a `storage.onChanged` listener (all areas; the store keeps
 * `'sync'`).
 */
export interface SettingsStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  onChanged(listener: (changes: Record<string, StorageChangeLike>, areaName: string) => void): void;
}

/** What the views read. `settings` holds the defaults until `loaded`. */
export interface SettingsState {
  settings: Settings;
  /** The first read finished (or failed, in which case `settings` are the defaults). */
  loaded: boolean;
}

/** The store. */
export interface SettingsStore {
  get(): SettingsState;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /**
   * Applies `patch` at once (the views show it) and writes the whole settings object to storage
   * (after the first read, so a change never replaces the stored settings with the defaults).
   * Resolves when the write is done. Rejects, and changes nothing, when a patched value is not valid
   * as given (the views validate first); rejects when the write fails, after re-reading storage.
   */
  update(patch: Partial<Settings>): Promise<void>;
}

/** Plain data (strings, numbers, arrays of strings) compared by value. */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Creates the store and starts loading; `storage` wraps `browser.storage` (see main.tsx). */
export function createSettingsStore(storage: SettingsStorage): SettingsStore {
  let state: SettingsState = { settings: parseSettings(undefined), loaded: false };
  const listeners = new Set<() => void>();
  /**
   * Our own writes whose `onChanged` echo has not come back yet, oldest first (as JSON). An echo
   * that a newer write of ours will overwrite is skipped, so that quick changes do not flicker back.
   */
  let echoes: string[] = [];

  /** Counts changes to `settings`, so a read that a newer change overtook is dropped. */
  let version = 0;

  function set(next: Partial<SettingsState>): void {
    if (next.settings) version += 1;
    state = { ...state, ...next };
    for (const listener of listeners) listener();
  }

  function load(): Promise<void> {
    const before = version;
    return storage.get(SETTINGS_KEY).then(
      (stored) => {
        if (version === before)
          set({ settings: parseSettings(stored?.[SETTINGS_KEY]), loaded: true });
        else if (!state.loaded) set({ loaded: true });
      },
      () => {
        if (!state.loaded) set({ loaded: true });
      },
    );
  }

  storage.onChanged((changes, areaName) => {
    if (areaName !== 'sync' || !changes || !Object.hasOwn(changes, SETTINGS_KEY)) return;
    const settings = parseSettings(changes[SETTINGS_KEY]?.newValue);
    const echo = echoes.indexOf(JSON.stringify(settings));
    if (echo >= 0) {
      echoes = echoes.slice(echo + 1);
      if (echoes.length > 0) return;
    }
    set({ settings, loaded: true });
  });
  const ready = load();

  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async update(patch) {
      await ready; // never merge a change into the defaults in place of the stored settings
      const next = parseSettings({ ...state.settings, ...patch });
      for (const [key, value] of Object.entries(patch)) {
        if (!same(next[key as keyof Settings], value)) {
          throw new RangeError(`Not a valid value for ${key}: ${JSON.stringify(value)}`);
        }
      }
      if (same(next, state.settings)) return;
      const previous = state.settings;
      const json = JSON.stringify(next);
      echoes.push(json);
      set({ settings: next });
      const applied = version;
      try {
        await storage.set({ [SETTINGS_KEY]: next });
      } catch (error) {
        const echo = echoes.indexOf(json);
        if (echo >= 0) echoes.splice(echo, 1);
        if (version === applied) set({ settings: previous });
        await load();
        throw error;
      }
    },
  };
}
