/**
 * Persistence of the session registry in `chrome.storage.session` (in memory, cleared when the
 * browser or the extension restarts), so that a service worker Chrome stopped comes back with the
 * same sessions, focus stack and pin (docs/architecture.md § Lifecycle).
 *
 * Layout: the index (tabs, focus stack, pin, the list of sessions) under `INDEX_KEY`, and each
 * session under `SESSION_KEY_PREFIX + key`, without its artwork and chapters. Artwork is never
 * stored: it comes back within moments of a restart, when live pages announce their full state
 * again (src/background/revalidate-sessions.ts), so no tab's artwork can fill the 10 MB quota and
 * push another tab's sessions out.
 *
 * Writes are bounded whatever the pages do: one write in flight at most; changes made meanwhile
 * mark their keys dirty and go together in the next write. A change of the index (a session added
 * or removed, a focus, pin or tab change) is written at once (in a microtask, or as soon as the
 * write in flight completes), so a worker stopped right after a key press still finds the focus it
 * had; other changes (a new title, a seek) wait up to `WRITE_INTERVAL_MS`, however many arrive.
 */

import type { Session } from '../shared/session';
import type { RegistryChange, RegistryIndex, SessionRegistry } from './session-registry';

/** The storage key of the index. */
export const INDEX_KEY = 'registry';
/** The storage key of a session is this prefix and its session key. */
export const SESSION_KEY_PREFIX = 'session:';
/** Most milliseconds a change that leaves the index alone waits to be written. */
export const WRITE_INTERVAL_MS = 250;

/** The part of `browser.storage.session` the store uses (the unit tests pass a fake). */
export interface StorageArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** What the store needs from its surroundings. */
export interface RegistryStoreDeps {
  storage: StorageArea;
  /** Runs `fn` after `ms` milliseconds (`setTimeout`). */
  later(fn: () => void, ms: number): void;
  /** Epoch ms. */
  now(): number;
  /** Called after each write completes (diagnostics). */
  onWrite?(ok: boolean, at: number): void;
}

/** The store. */
export interface RegistryStore {
  /**
   * Reads what storage holds into `registry` (merging: see `SessionRegistry.restore`). Resolves
   * once done, also when storage is empty or unreadable; never rejects.
   */
  restore(): Promise<void>;
  /** Takes note of a registry change; the write follows as described above. */
  changed(change: RegistryChange): void;
  /** Resolves once nothing is dirty and no write is in flight (tests). */
  idle(): Promise<void>;
}

/** `session` as stored: without artwork and chapters (see the file comment). */
export function storedSession(session: Session): Session {
  const metadata = session.state.metadata;
  if (!metadata || (metadata.artwork.length === 0 && metadata.chapterInfo.length === 0)) {
    return session;
  }
  return {
    ...session,
    state: { ...session.state, metadata: { ...metadata, artwork: [], chapterInfo: [] } },
  };
}

/** Creates the store for `registry`. */
export function createRegistryStore(
  registry: SessionRegistry,
  deps: RegistryStoreDeps,
): RegistryStore {
  const dirty = new Set<string>();
  const removed = new Set<string>();
  let indexDirty = false;
  let writing = false;
  let scheduled: 'now' | 'later' | null = null;
  let lastWriteAt = Number.NEGATIVE_INFINITY;
  /** No write before the stored copy was read: it would replace the index being restored. */
  let restored = false;
  const waiters: (() => void)[] = [];

  function pending(): boolean {
    return indexDirty || dirty.size > 0 || removed.size > 0;
  }

  function settle(): void {
    if (writing || scheduled || pending()) return;
    for (const resolve of waiters.splice(0)) resolve();
  }

  function schedule(): void {
    if (!restored || writing || !pending()) return; // a write in flight schedules the next
    if (indexDirty) {
      if (scheduled === 'now') return;
      scheduled = 'now';
      queueMicrotask(flush);
      return;
    }
    if (scheduled) return;
    scheduled = 'later';
    const wait = Math.max(0, lastWriteAt + WRITE_INTERVAL_MS - deps.now());
    deps.later(flush, wait);
  }

  async function flush(): Promise<void> {
    scheduled = null;
    if (writing || !pending()) {
      settle();
      return;
    }
    writing = true;
    const items: Record<string, unknown> = {};
    const gone: string[] = [];
    if (indexDirty) items[INDEX_KEY] = registry.index() satisfies RegistryIndex;
    for (const key of dirty) {
      const session = registry.get(key);
      if (session) items[SESSION_KEY_PREFIX + key] = storedSession(session);
      else gone.push(SESSION_KEY_PREFIX + key);
    }
    for (const key of removed) gone.push(SESSION_KEY_PREFIX + key);
    indexDirty = false;
    dirty.clear();
    removed.clear();
    let ok = true;
    try {
      // The index first: a session stored but not listed in it is ignored at restore.
      if (Object.keys(items).length > 0) await deps.storage.set(items);
      if (gone.length > 0) await deps.storage.remove(gone);
    } catch {
      ok = false; // Over the quota or unavailable: counted; the next change writes again.
    }
    writing = false;
    lastWriteAt = deps.now();
    deps.onWrite?.(ok, lastWriteAt);
    schedule();
    settle();
  }

  return {
    async restore() {
      try {
        const all = await deps.storage.get(null);
        const sessions: unknown[] = [];
        const names: string[] = [];
        for (const [name, value] of Object.entries(all)) {
          if (!name.startsWith(SESSION_KEY_PREFIX)) continue;
          sessions.push(value);
          names.push(name.slice(SESSION_KEY_PREFIX.length));
        }
        registry.restore(all[INDEX_KEY], sessions);
        // Stored sessions the index no longer lists (a removal cut short by a stop) go now.
        for (const key of names) if (!registry.get(key)) removed.add(key);
      } catch {
        // Nothing stored (first run) or unreadable: start empty.
      }
      restored = true;
      schedule();
    },
    changed(change) {
      for (const key of change.updated) {
        dirty.add(key);
        removed.delete(key);
      }
      for (const key of change.removed) {
        dirty.delete(key);
        removed.add(key);
      }
      if (change.index) indexDirty = true;
      schedule();
    },
    idle() {
      if (!writing && !scheduled && (!pending() || !restored)) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
