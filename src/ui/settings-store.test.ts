import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_KEY, type Settings } from '../shared/settings';
import {
  createSettingsStore,
  type SettingsStorage,
  type StorageChangeLike,
} from './settings-store';

type ChangeListener = (changes: Record<string, StorageChangeLike>, areaName: string) => void;

/**
 * A hand-written `storage.sync`: holds items, records writes, and fires `onChanged` like Chrome
 * does (after the write, only when a value changed). `echo: false` holds the events back so a test
 * can deliver them late with `flushEchoes`.
 */
class FakeStorage implements SettingsStorage {
  items: Record<string, unknown> = {};
  readonly writes: Record<string, unknown>[] = [];
  readonly listeners: ChangeListener[] = [];
  failGet = false;
  failSet: Error | null = null;
  echo = true;
  private held: Record<string, StorageChangeLike>[] = [];

  constructor(stored?: unknown) {
    if (stored !== undefined) this.items[SETTINGS_KEY] = stored;
  }
  get = vi.fn(async (key: string) => {
    if (this.failGet) throw new Error('storage unavailable');
    return key in this.items ? { [key]: structuredClone(this.items[key]) } : {};
  });
  set = vi.fn(async (items: Record<string, unknown>) => {
    if (this.failSet) throw this.failSet;
    this.writes.push(structuredClone(items));
    const changes: Record<string, StorageChangeLike> = {};
    for (const [key, value] of Object.entries(items)) {
      if (JSON.stringify(this.items[key]) === JSON.stringify(value)) continue;
      changes[key] = { oldValue: this.items[key], newValue: structuredClone(value) };
      this.items[key] = structuredClone(value);
    }
    if (Object.keys(changes).length === 0) return;
    if (this.echo) queueMicrotask(() => this.fire(changes));
    else this.held.push(changes);
  });
  onChanged(listener: ChangeListener): void {
    this.listeners.push(listener);
  }
  fire(changes: Record<string, StorageChangeLike>, areaName = 'sync'): void {
    for (const listener of this.listeners) listener(changes, areaName);
  }
  /** Another page or device writes the settings. */
  external(value: unknown, areaName = 'sync'): void {
    if (areaName === 'sync') this.items[SETTINGS_KEY] = value;
    this.fire({ [SETTINGS_KEY]: { newValue: value } }, areaName);
  }
  flushEchoes(): void {
    const held = this.held;
    this.held = [];
    for (const changes of held) this.fire(changes);
  }
}

/** Lets pending promise callbacks (the load, a write) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const CUSTOM: Settings = {
  autoPictureInPicture: 'video-and-audio',
  autoPipAllowHosts: ['music.example.com'],
  autoPipBlockHosts: ['ads.example.net'],
  pauseOthers: true,
  resumeAfter: false,
  pauseOthersExemptHosts: ['meet.example.com'],
  keysRule: 'current-tab',
  seekOffsetSeconds: 30,
  toolbarCount: true,
};

async function loadedStore(stored?: unknown) {
  const storage = new FakeStorage(stored);
  const store = createSettingsStore(storage);
  await settle();
  return { storage, store };
}

describe('createSettingsStore: loading', () => {
  it('starts with the defaults, not loaded, and reads the settings key once', () => {
    const storage = new FakeStorage(CUSTOM);
    const store = createSettingsStore(storage);
    expect(store.get()).toEqual({ settings: DEFAULT_SETTINGS, loaded: false });
    expect(storage.get).toHaveBeenCalledTimes(1);
    expect(storage.get).toHaveBeenCalledWith(SETTINGS_KEY);
  });

  it('loads the defaults when nothing is stored', async () => {
    const { store } = await loadedStore();
    expect(store.get()).toEqual({ settings: DEFAULT_SETTINGS, loaded: true });
  });

  it('loads stored settings and notifies subscribers', async () => {
    const storage = new FakeStorage(CUSTOM);
    const store = createSettingsStore(storage);
    const listener = vi.fn();
    store.subscribe(listener);
    await settle();
    expect(store.get()).toEqual({ settings: CUSTOM, loaded: true });
    expect(listener).toHaveBeenCalled();
  });

  it.each([
    ['a string', 'settings'],
    ['a number', 42],
    ['null', null],
    ['an array', [1, 2, 3]],
  ])('gives the defaults for garbage in storage (%s)', async (_name, garbage) => {
    const { store } = await loadedStore(garbage);
    expect(store.get()).toEqual({ settings: DEFAULT_SETTINGS, loaded: true });
  });

  it('keeps the valid fields and defaults the invalid ones', async () => {
    const { store } = await loadedStore({
      autoPictureInPicture: 'always',
      autoPipAllowHosts: ['ok.example', 'not a host!'],
      autoPipBlockHosts: ['blocked.example'],
      seekOffsetSeconds: 0,
      extra: 'ignored',
    });
    expect(store.get().settings).toEqual({
      ...DEFAULT_SETTINGS,
      autoPipBlockHosts: ['blocked.example'],
    });
  });

  it('shows the defaults as loaded when the read fails', async () => {
    const storage = new FakeStorage(CUSTOM);
    storage.failGet = true;
    const store = createSettingsStore(storage);
    await settle();
    expect(store.get()).toEqual({ settings: DEFAULT_SETTINGS, loaded: true });
  });
});

describe('createSettingsStore: update', () => {
  it('writes the whole validated settings object under the settings key', async () => {
    const { storage, store } = await loadedStore({ ...DEFAULT_SETTINGS, seekOffsetSeconds: 20 });
    await store.update({ autoPictureInPicture: 'off' });
    expect(storage.writes).toEqual([
      {
        [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, autoPictureInPicture: 'off', seekOffsetSeconds: 20 },
      },
    ]);
    expect(store.get().settings).toEqual({
      ...DEFAULT_SETTINGS,
      autoPictureInPicture: 'off',
      seekOffsetSeconds: 20,
    });
  });

  it('replaces invalid stored fields with valid ones when it writes', async () => {
    const { storage, store } = await loadedStore({ seekOffsetSeconds: 'ten', junk: true });
    await store.update({ autoPipBlockHosts: ['example.com'] });
    expect(storage.writes).toEqual([
      { [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, autoPipBlockHosts: ['example.com'] } },
    ]);
  });

  it('shows the change at once, before the write finishes', async () => {
    const { store } = await loadedStore();
    const listener = vi.fn();
    store.subscribe(listener);
    const done = store.update({ seekOffsetSeconds: 45 });
    await Promise.resolve();
    await Promise.resolve();
    expect(store.get().settings.seekOffsetSeconds).toBe(45);
    expect(listener).toHaveBeenCalled();
    await done;
  });

  it('waits for the first read, so a change never writes the defaults over stored settings', async () => {
    const storage = new FakeStorage(CUSTOM);
    const store = createSettingsStore(storage);
    await store.update({ seekOffsetSeconds: 5 });
    expect(storage.writes).toEqual([{ [SETTINGS_KEY]: { ...CUSTOM, seekOffsetSeconds: 5 } }]);
  });

  it.each<[string, Partial<Settings>]>([
    ['a seek step of 0', { seekOffsetSeconds: 0 }],
    ['a seek step of 301', { seekOffsetSeconds: 301 }],
    ['a fractional seek step', { seekOffsetSeconds: 2.5 }],
    ['a NaN seek step', { seekOffsetSeconds: Number.NaN }],
    ['an unknown mode', { autoPictureInPicture: 'always' as Settings['autoPictureInPicture'] }],
    ['a host with a path', { autoPipAllowHosts: ['example.com/x'] }],
    ['too many hosts', { autoPipBlockHosts: Array.from({ length: 501 }, (_, i) => `h${i}.test`) }],
  ])('rejects %s and writes nothing', async (_name, patch) => {
    const { storage, store } = await loadedStore(CUSTOM);
    await expect(store.update(patch)).rejects.toThrow(RangeError);
    expect(storage.set).not.toHaveBeenCalled();
    expect(store.get().settings).toEqual(CUSTOM);
  });

  it('does not write when nothing changes', async () => {
    const { storage, store } = await loadedStore(CUSTOM);
    await store.update({ seekOffsetSeconds: 30 });
    expect(storage.set).not.toHaveBeenCalled();
  });

  it('rejects when the write fails, and shows what storage holds', async () => {
    const { storage, store } = await loadedStore(CUSTOM);
    storage.failSet = new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
    await expect(store.update({ seekOffsetSeconds: 60 })).rejects.toThrow('QUOTA_BYTES_PER_ITEM');
    expect(store.get().settings).toEqual(CUSTOM);
  });

  it('undoes the change when the write fails, even if storage cannot be read either', async () => {
    const { storage, store } = await loadedStore(CUSTOM);
    storage.failSet = new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded');
    storage.failGet = true;
    await expect(store.update({ autoPictureInPicture: 'off' })).rejects.toThrow();
    expect(store.get()).toEqual({ settings: CUSTOM, loaded: true });
  });
});

describe('createSettingsStore: changes made elsewhere', () => {
  it('follows an external change in the sync area and notifies', async () => {
    const { storage, store } = await loadedStore();
    const listener = vi.fn();
    store.subscribe(listener);
    storage.external(CUSTOM);
    expect(store.get().settings).toEqual(CUSTOM);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('gives the defaults when the settings are removed or replaced by garbage', async () => {
    const { storage, store } = await loadedStore(CUSTOM);
    storage.external(undefined);
    expect(store.get().settings).toEqual(DEFAULT_SETTINGS);
    storage.external(CUSTOM);
    storage.external('garbage');
    expect(store.get().settings).toEqual(DEFAULT_SETTINGS);
  });

  it('ignores other areas and other keys', async () => {
    const { storage, store } = await loadedStore(CUSTOM);
    const listener = vi.fn();
    store.subscribe(listener);
    storage.external(DEFAULT_SETTINGS, 'local');
    storage.fire({ other: { newValue: 1 } });
    expect(store.get().settings).toEqual(CUSTOM);
    expect(listener).not.toHaveBeenCalled();
  });

  it('a change before the first read finishes counts as loaded', async () => {
    const storage = new FakeStorage();
    const store = createSettingsStore(storage);
    storage.external(CUSTOM);
    expect(store.get()).toEqual({ settings: CUSTOM, loaded: true });
    await settle();
    expect(store.get().settings).toEqual(CUSTOM);
  });

  it('does not flicker back when the echo of an older write arrives after a newer change', async () => {
    const { storage, store } = await loadedStore();
    storage.echo = false;
    await store.update({ seekOffsetSeconds: 20 });
    await store.update({ seekOffsetSeconds: 30 });
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.get().settings.seekOffsetSeconds));
    storage.flushEchoes();
    expect(seen).not.toContain(20);
    expect(store.get().settings.seekOffsetSeconds).toBe(30);
  });

  it('still applies an external change that arrives while a write of ours is pending', async () => {
    const { storage, store } = await loadedStore();
    storage.echo = false;
    await store.update({ seekOffsetSeconds: 20 });
    storage.external({ ...DEFAULT_SETTINGS, seekOffsetSeconds: 99 });
    expect(store.get().settings.seekOffsetSeconds).toBe(99);
  });

  it('unsubscribes', async () => {
    const { storage, store } = await loadedStore();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    unsubscribe();
    storage.external(CUSTOM);
    expect(listener).not.toHaveBeenCalled();
  });
});
