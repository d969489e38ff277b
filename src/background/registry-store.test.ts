import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frameState, image, media, metadata, pos, T0 } from '../../tests/support/fixtures';
import type { FrameState } from '../shared/contract';
import {
  createRegistryStore,
  INDEX_KEY,
  type RegistryStore,
  SESSION_KEY_PREFIX,
  type StorageArea,
  storedSession,
  WRITE_INTERVAL_MS,
} from './registry-store';
import { SessionRegistry } from './session-registry';

const ORIGIN = 'https://player.test';
const id = (tabId: number, frameId = 0) => ({ tabId, frameId, documentId: `DOC${tabId}` });
const key = (tabId: number, frameId = 0) => `${tabId}:${frameId}:DOC${tabId}`;

function titled(title: string, overrides: Partial<FrameState> = {}): FrameState {
  return frameState({
    metadata: metadata({ title, artwork: [image()] }),
    actions: ['play', 'pause'],
    playbackState: 'paused',
    positionState: pos(),
    ...overrides,
  });
}

/**
 * `fakeBrowser.storage.session` behind a gate: each `set` and `remove` waits until the test lets it
 * through (`release`), so the tests can see what is in flight. Counts the writes.
 */
function gatedStorage() {
  const area = fakeBrowser.storage.session;
  const gates: (() => void)[] = [];
  const writes: Record<string, unknown>[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  let fail = false;
  const gated = async (run: () => Promise<void>) => {
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    await new Promise<void>((resolve) => gates.push(resolve));
    inFlight--;
    if (fail) throw new Error('QUOTA_BYTES quota exceeded');
    await run();
  };
  const storage: StorageArea = {
    get: () => area.get(null),
    set: (items) => {
      writes.push(items);
      return gated(() => area.set(items));
    },
    remove: (keys) => gated(() => area.remove(keys)),
  };
  return {
    storage,
    writes,
    /** Lets every waiting write through, and waits for what follows from it. */
    async release() {
      for (let i = 0; i < 20 && gates.length > 0; i++) {
        for (const open of gates.splice(0)) open();
        await vi.advanceTimersByTimeAsync(0);
      }
    },
    mostInFlight: () => mostInFlight,
    failWrites(on: boolean) {
      fail = on;
    },
    stored: () => area.get(null),
  };
}

let registry: SessionRegistry;
let store: RegistryStore;
let storage: ReturnType<typeof gatedStorage>;
let onWrite: ReturnType<typeof vi.fn<(ok: boolean, at: number) => void>>;

function setUp(): void {
  storage = gatedStorage();
  onWrite = vi.fn();
  registry = new SessionRegistry((change) => store.changed(change));
  store = createRegistryStore(registry, {
    storage: storage.storage,
    later: (fn, ms) => {
      setTimeout(fn, ms);
    },
    now: Date.now,
    onWrite,
  });
}

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: T0 });
  setUp();
  await store.restore();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createRegistryStore', () => {
  it('writes a focus change in the same turn, and the session under its own key without artwork', async () => {
    registry.report(
      id(1),
      ORIGIN,
      titled('A', { playbackState: 'playing', media: media({ playing: true, audible: true }) }),
      T0,
    );
    await vi.advanceTimersByTimeAsync(0); // microtasks only: no timer needed
    expect(storage.writes).toHaveLength(1);
    await storage.release();
    const stored = await storage.stored();
    expect(stored[INDEX_KEY]).toEqual(registry.index());
    const session = registry.get(key(1));
    if (!session) throw new Error('no session');
    expect(stored[SESSION_KEY_PREFIX + key(1)]).toEqual(storedSession(session));
    const saved = stored[SESSION_KEY_PREFIX + key(1)] as { state: FrameState };
    expect(saved.state.metadata?.artwork).toEqual([]);
    expect(saved.state.metadata?.title).toBe('A');
    expect(onWrite).toHaveBeenCalledWith(true, expect.any(Number));
  });

  it('a flood of state changes costs one write in flight and at most one write per interval', async () => {
    registry.report(id(1), ORIGIN, titled('A'), T0);
    await vi.advanceTimersByTimeAsync(0);
    await storage.release();
    const before = storage.writes.length;
    // 40 changes a second for 2 s from 8 frames of one tab: titles only, the index untouched.
    for (let f = 1; f <= 8; f++) registry.report(id(1, f), ORIGIN, titled(`F${f}`), T0);
    await vi.advanceTimersByTimeAsync(0);
    await storage.release();
    const afterAdds = storage.writes.length;
    for (let i = 0; i < 80; i++) {
      for (let f = 1; f <= 8; f++) registry.report(id(1, f), ORIGIN, titled(`F${f} #${i}`), T0 + i);
      await vi.advanceTimersByTimeAsync(25);
      await storage.release();
    }
    const writes = storage.writes.length - afterAdds;
    // 2 s at one write per WRITE_INTERVAL_MS at most (and at least a few: nothing is lost).
    expect(writes).toBeLessThanOrEqual(Math.ceil(2000 / WRITE_INTERVAL_MS) + 1);
    expect(writes).toBeGreaterThanOrEqual(2);
    expect(storage.mostInFlight()).toBe(1);
    expect(afterAdds - before).toBeLessThanOrEqual(2);
    // The last state of every frame is what storage holds.
    await vi.advanceTimersByTimeAsync(WRITE_INTERVAL_MS);
    await storage.release();
    await store.idle();
    const stored = await storage.stored();
    for (let f = 1; f <= 8; f++) {
      expect(
        (stored[SESSION_KEY_PREFIX + key(1, f)] as { state: FrameState }).state.metadata?.title,
      ).toBe(`F${f} #79`);
    }
  });

  it('a pin made while a write is in flight is written as soon as that write completes', async () => {
    registry.report(id(1), ORIGIN, titled('A'), T0);
    registry.report(id(2), ORIGIN, titled('B'), T0);
    await vi.advanceTimersByTimeAsync(0);
    expect(storage.writes).toHaveLength(1); // in flight, held at the gate
    registry.pin(key(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(storage.writes).toHaveLength(1); // not a second write in flight
    await storage.release(); // the first completes; the pin follows at once, no timer
    expect(storage.writes).toHaveLength(2);
    expect(storage.writes[1]?.[INDEX_KEY]).toMatchObject({ pinned: key(2) });
  });

  it('removes a closed tab’s sessions from storage, and then writes nothing more', async () => {
    registry.report(id(1), ORIGIN, titled('A'), T0);
    registry.report(id(2), ORIGIN, titled('B'), T0);
    await vi.advanceTimersByTimeAsync(0);
    await storage.release();
    registry.removeTab(1);
    await vi.advanceTimersByTimeAsync(0);
    await storage.release();
    await store.idle();
    const stored = await storage.stored();
    expect(Object.keys(stored).sort()).toEqual([INDEX_KEY, SESSION_KEY_PREFIX + key(2)]);
    const count = storage.writes.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(storage.writes.length).toBe(count);
  });

  it('restores into a new registry as a restarted worker: sessions, focus stack and pin', async () => {
    registry.report(
      id(1),
      ORIGIN,
      titled('A', { playbackState: 'playing', media: media({ playing: true, audible: true }) }),
      T0,
    );
    registry.report(
      id(2),
      ORIGIN,
      titled('B', { playbackState: 'playing', media: media({ playing: true, audible: true }) }),
      T0 + 1,
    );
    registry.pin(key(1));
    await vi.advanceTimersByTimeAsync(0);
    await storage.release();
    await store.idle();
    const before = registry.toData();
    setUp(); // a new worker, the same storage
    await store.restore();
    expect(registry.index()).toEqual({ ...before, sessionData: undefined, ...registry.index() });
    expect(registry.index().stack).toEqual(before.stack);
    expect(registry.index().pinned).toBe(key(1));
    expect(registry.all().map((s) => s.key)).toEqual(before.sessionData.map((s) => s.key));
    expect(registry.get(key(2))?.state.metadata?.artwork).toEqual([]); // back with the page's announce
  });

  it('drops stored sessions the index no longer lists', async () => {
    await fakeBrowser.storage.session.set({
      [INDEX_KEY]: { sessions: [], tabs: [], stack: [], pinned: null },
      [SESSION_KEY_PREFIX + key(5)]: storedSession({
        ...id(5),
        key: key(5),
        origin: ORIGIN,
        state: titled('Orphan'),
        firstSeenAt: T0,
        updatedAt: T0,
      }),
    });
    setUp();
    await store.restore();
    await vi.advanceTimersByTimeAsync(0);
    await storage.release();
    await store.idle();
    expect(registry.all()).toEqual([]);
    expect(Object.keys(await storage.stored())).not.toContain(SESSION_KEY_PREFIX + key(5));
  });

  it('a failed write is counted, loses nothing in memory, and the next change writes again', async () => {
    storage.failWrites(true);
    registry.report(id(1), ORIGIN, titled('A'), T0);
    await vi.advanceTimersByTimeAsync(0);
    await storage.release();
    expect(onWrite).toHaveBeenLastCalledWith(false, expect.any(Number));
    expect(registry.get(key(1))?.state.metadata?.title).toBe('A');
    storage.failWrites(false);
    registry.pin(key(1));
    await vi.advanceTimersByTimeAsync(0);
    await storage.release();
    expect(onWrite).toHaveBeenLastCalledWith(true, expect.any(Number));
    expect((await storage.stored())[INDEX_KEY]).toMatchObject({ pinned: key(1) });
  });

  it('writes nothing before the stored copy was read', async () => {
    setUp(); // restore not called yet
    registry.report(id(1), ORIGIN, titled('A'), T0);
    await vi.advanceTimersByTimeAsync(WRITE_INTERVAL_MS * 2);
    expect(storage.writes).toHaveLength(0);
    await store.restore();
    await vi.advanceTimersByTimeAsync(0);
    expect(storage.writes).toHaveLength(1);
  });
});

describe('storedSession', () => {
  it('leaves out artwork and chapters, keeps everything else, and does not touch the original', () => {
    const session = {
      ...id(1),
      key: key(1),
      origin: ORIGIN,
      state: titled('A', {
        metadata: metadata({
          title: 'A',
          artwork: [image(), image({ src: 'data:image/png;base64,AAAA' })],
          chapterInfo: [{ title: 'c', startTime: 0, artwork: [image()] }],
        }),
      }),
      firstSeenAt: T0,
      updatedAt: T0,
    };
    const stored = storedSession(session);
    expect(stored.state.metadata).toEqual({
      ...session.state.metadata,
      artwork: [],
      chapterInfo: [],
    });
    expect(session.state.metadata?.artwork).toHaveLength(2);
    const bare = { ...session, state: frameState({ media: media() }) };
    expect(storedSession(bare)).toBe(bare);
  });
});
