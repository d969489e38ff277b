/**
 * The session registry (docs/architecture.md § The session model): every frame's media session,
 * the tabs they live in, the audio-focus stack and the user's pin. Pure: no browser API is touched
 * here, so the service worker glue feeds it events and the unit tests feed it tables. Every change
 * is announced to one listener (`RegistryChange`), which the service worker fans out to
 * persistence, the popup feed and automatic picture-in-picture.
 */
import * as v from 'valibot';
import { artworkChars } from '../shared/artwork';
import { type FrameState, FrameStateSchema } from '../shared/contract';
import { isEmptyFrameState } from '../shared/frame-state';
import { LIMITS } from '../shared/limits';
import {
  isControllable,
  isTransientSound,
  type Session,
  type SessionIdentity,
  sessionKey,
  type TabInfo,
} from '../shared/session';
import type { KeysRule } from '../shared/settings';
import { dropFromStack, orderSessions, raiseInStack, startTakesFocus } from './focus-policy';
import { type KeysCandidate, keysTarget } from './keys-rule';

/**
 * What `report` did to the registry. `'refused'`: a new session in a tab that already holds
 * `LIMITS.sessionsPerTab`; nothing changed.
 */
export type ReportResult = 'added' | 'updated' | 'removed' | 'unchanged' | 'refused';

const TabInfoSchema = v.object({
  tabId: v.number(),
  windowId: v.number(),
  title: v.string(),
  url: v.string(),
  audible: v.boolean(),
  muted: v.boolean(),
  active: v.boolean(),
});
export const SessionSchema = v.object({
  key: v.string(),
  tabId: v.number(),
  frameId: v.number(),
  documentId: v.string(),
  origin: v.string(),
  state: FrameStateSchema,
  firstSeenAt: v.number(),
  updatedAt: v.number(),
});
/**
 * Everything but the sessions themselves: the tab facts, the focus stack and the pin, and which
 * sessions exist. Small; src/background/registry-store.ts stores it under one key.
 */
export const RegistryIndexSchema = v.object({
  sessions: v.array(v.string()),
  tabs: v.array(TabInfoSchema),
  stack: v.array(v.string()),
  pinned: v.nullable(v.string()),
});
export type RegistryIndex = v.InferOutput<typeof RegistryIndexSchema>;

/** The whole registry as plain data: its index and every session. */
export interface RegistryData extends RegistryIndex {
  sessionData: Session[];
}

/**
 * What one mutation changed, for the listener: sessions added or updated, sessions removed, and
 * whether the index (tabs, focus stack, pin, the set of sessions) changed. A focus or pin change is
 * in `index`; a position update alone is not.
 */
export interface RegistryChange {
  updated: readonly string[];
  removed: readonly string[];
  index: boolean;
}

/** The sessions in display order, with the active and pinned keys. */
export interface DisplayOrder {
  activeKey: string | null;
  pinnedKey: string | null;
  /** Active first, then the focus stack, then the rest newest first; transient sounds left out. */
  sessions: Session[];
}

/**
 * The registry. Every mutating method returns whether anything changed, and tells the listener
 * what (`RegistryChange`) before it returns.
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  private readonly tabs = new Map<number, TabInfo>();
  private stack: string[] = [];
  private pinned: string | null = null;
  /** Which session the keys act on (the user's setting; src/background/keys-rule.ts). */
  private keysRule: KeysRule = 'most-recent';
  /** The browser window the user was last in (`windows.onFocusChanged`), or `null`. */
  private focusedWindowId: number | null = null;
  /** Reports kept without their artwork because their tab's `LIMITS.tabArtworkChars` was spent. */
  artworkTrimmed = 0;
  /** Epoch ms of each session's last start that took focus without the user. */
  private readonly selfRaisedAt = new Map<string, number>();
  /** Top frames whose start came before their tab's facts (decided when those arrive). */
  private readonly undecidedStarts = new Set<string>();

  /** @param onChange called after every change, synchronously; it must not mutate the registry. */
  constructor(private readonly onChange: (change: RegistryChange) => void = () => {}) {}

  private emit(updated: readonly string[], removed: readonly string[], index: boolean): void {
    this.onChange({ updated, removed, index });
  }

  /**
   * Records the full state one frame reported. An empty state (nothing declared, no media)
   * removes the session. A new start of audible playback (`media.startedAt`) moves the session to
   * the top of the stack when `startTakesFocus` says so (docs/architecture.md § Focus policy) and
   * the session on top did not start later (a start that arrives late does not jump it); a
   * `playbackState` change never does.
   * Per tab (the identity comes from the Port's sender, so a page cannot spend another tab's
   * share): a new session past `LIMITS.sessionsPerTab` is refused, and a state that would take
   * the tab's artwork past `LIMITS.tabArtworkChars` is kept without its artwork.
   */
  report(
    identity: SessionIdentity,
    origin: string,
    reported: FrameState,
    now: number,
  ): ReportResult {
    const key = sessionKey(identity);
    const previous = this.sessions.get(key);
    if (isEmptyFrameState(reported)) return this.removeSession(key) ? 'removed' : 'unchanged';
    if (!previous && this.sessionsInTab(identity.tabId) >= LIMITS.sessionsPerTab) return 'refused';
    const state = this.withinTabArtwork(identity.tabId, key, reported);
    if (
      previous &&
      previous.origin === origin &&
      JSON.stringify(previous.state) === JSON.stringify(state)
    ) {
      return 'unchanged'; // A re-announce after a reconnect: nothing for the popup or storage.
    }
    const startedAt = state.media?.startedAt ?? null;
    const newStart = startedAt !== null && startedAt !== (previous?.state.media?.startedAt ?? null);
    this.sessions.set(key, {
      ...identity,
      key,
      origin,
      state,
      firstSeenAt: previous?.firstSeenAt ?? now,
      updatedAt: now,
    });
    const raised = newStart && this.takeFocusOnStart(key, identity, state, now);
    this.emit([key], [], raised || !previous);
    return previous ? 'updated' : 'added';
  }

  /** Decides on a session's new start (see `startTakesFocus`), and raises it if so. */
  private takeFocusOnStart(
    key: string,
    identity: SessionIdentity,
    state: FrameState,
    now: number,
  ): boolean {
    // Reports from different frames travel on different Ports (and wait for them to reconnect
    // after a worker restart), so a start can arrive after a later one: order starts by when they
    // happened, not by when they arrived.
    const top = this.stack[0] === undefined ? undefined : this.sessions.get(this.stack[0]);
    const topStartedAt = top?.state.media?.startedAt ?? null;
    const startedAt = state.media?.startedAt ?? null;
    const laterOnTop = top !== undefined && top.key !== key && topStartedAt !== null;
    if (laterOnTop && startedAt !== null && topStartedAt > startedAt) return false;
    const tab = this.tabs.get(identity.tabId);
    const facts = {
      startedByUser: state.media?.startedByUser === true,
      activated: state.activated,
      topFrameOfActiveTab: identity.frameId === 0 && tab?.active === true,
      onTop: this.stack[0] === key,
      lastSelfRaiseAt: this.selfRaisedAt.get(key) ?? null,
      now,
    };
    if (!startTakesFocus(facts)) {
      // The tab's facts are not known yet (its first report): decide again when they arrive.
      if (!tab && identity.frameId === 0) this.undecidedStarts.add(key);
      return false;
    }
    if (!facts.startedByUser && !facts.onTop) this.selfRaisedAt.set(key, now);
    this.stack = raiseInStack(this.stack, key);
    return true;
  }

  /**
   * Moves `key` to the top of the focus stack because the user played or chose it in Media Deck.
   * Returns whether it moved.
   */
  raise(key: string): boolean {
    if (!this.sessions.has(key) || this.stack[0] === key) return false;
    this.stack = raiseInStack(this.stack, key);
    this.emit([], [], true);
    return true;
  }

  private sessionsInTab(tabId: number): number {
    let count = 0;
    for (const session of this.sessions.values()) if (session.tabId === tabId) count++;
    return count;
  }

  /** `state`, or (past the tab's artwork budget, counting its other sessions) without artwork. */
  private withinTabArtwork(tabId: number, key: string, state: FrameState): FrameState {
    const metadata = state.metadata;
    if (!metadata) return state;
    let total = artworkChars(metadata);
    if (total === 0) return state;
    for (const session of this.sessions.values()) {
      if (session.tabId === tabId && session.key !== key && session.state.metadata) {
        total += artworkChars(session.state.metadata);
      }
    }
    if (total <= LIMITS.tabArtworkChars) return state;
    this.artworkTrimmed++;
    return {
      ...state,
      metadata: {
        ...metadata,
        artwork: [],
        chapterInfo: metadata.chapterInfo.map((chapter) => ({ ...chapter, artwork: [] })),
      },
    };
  }

  /** Removes one session (its frame navigated, unloaded or disconnected). */
  removeSession(key: string): boolean {
    const session = this.sessions.get(key);
    if (!session) return false;
    this.forget(session);
    this.emit([], [key], true);
    return true;
  }

  private forget(session: Session): void {
    this.sessions.delete(session.key);
    this.selfRaisedAt.delete(session.key);
    this.undecidedStarts.delete(session.key);
    this.stack = dropFromStack(this.stack, session.key);
    if (this.pinned === session.key) this.pinned = null;
    if (!this.hasTab(session.tabId)) this.tabs.delete(session.tabId);
  }

  /** Removes every session of a tab and the tab itself (closed, or replaced by another). */
  removeTab(tabId: number): boolean {
    const hadTab = this.tabs.delete(tabId);
    const removed: string[] = [];
    for (const session of [...this.sessions.values()]) {
      if (session.tabId !== tabId) continue;
      this.forget(session);
      removed.push(session.key);
    }
    if (!hadTab && removed.length === 0) return false;
    this.emit([], removed, true);
    return true;
  }

  /** Whether any session lives in `tabId` (so the glue knows which tab events matter). */
  hasTab(tabId: number): boolean {
    for (const session of this.sessions.values()) if (session.tabId === tabId) return true;
    return false;
  }

  /** Whether the registry already holds `chrome.tabs` facts for `tabId`. */
  knowsTab(tabId: number): boolean {
    return this.tabs.has(tabId);
  }

  /**
   * Sets or updates what `chrome.tabs` says of a tab that has sessions. A tab turning audible does
   * not move focus (a page can make noise at will); a start that waited for the tab's facts is
   * decided now. Ignored for tabs without sessions.
   */
  updateTab(tabId: number, patch: Partial<TabInfo> & { tabId?: number }): boolean {
    if (!this.hasTab(tabId)) return false;
    const previous = this.tabs.get(tabId);
    const next: TabInfo = {
      tabId,
      windowId: patch.windowId ?? previous?.windowId ?? -1,
      title: patch.title ?? previous?.title ?? '',
      url: patch.url ?? previous?.url ?? '',
      audible: patch.audible ?? previous?.audible ?? false,
      muted: patch.muted ?? previous?.muted ?? false,
      active: patch.active ?? previous?.active ?? false,
    };
    if (previous && JSON.stringify(previous) === JSON.stringify(next)) return false;
    this.tabs.set(tabId, next);
    for (const key of this.undecidedStarts) {
      const session = this.sessions.get(key);
      if (session?.tabId !== tabId) continue;
      this.undecidedStarts.delete(key);
      if (next.active && session.frameId === 0) this.stack = raiseInStack(this.stack, key);
    }
    this.emit([], [], true);
    return true;
  }

  /** Marks `tabId` the active tab of `windowId` (and no other tab of that window). */
  activateTab(tabId: number, windowId: number): boolean {
    let changed = false;
    for (const tab of this.tabs.values()) {
      if (tab.windowId !== windowId) continue;
      const active = tab.tabId === tabId;
      if (tab.active !== active) {
        this.tabs.set(tab.tabId, { ...tab, active });
        changed = true;
      }
    }
    if (changed) this.emit([], [], true);
    return changed;
  }

  /** Pins `key` as the active session (or unpins with `null`). Unknown keys are refused. */
  pin(key: string | null): boolean {
    if (key !== null && !this.sessions.has(key)) return false;
    if (this.pinned === key) return false;
    this.pinned = key;
    this.emit([], [], true);
    return true;
  }

  /** One session by key. */
  get(key: string): Session | undefined {
    return this.sessions.get(key);
  }

  /** The tab facts of `tabId`, if known. */
  tab(tabId: number): TabInfo | undefined {
    return this.tabs.get(tabId);
  }

  /** All sessions, in insertion order. */
  all(): Session[] {
    return [...this.sessions.values()];
  }

  private candidates(): KeysCandidate[] {
    return this.all().map((s) => ({
      key: s.key,
      tabId: s.tabId,
      controllable: isControllable(s.state),
      firstSeenAt: s.firstSeenAt,
    }));
  }

  /** Sets the keys rule (the user's setting). Returns whether it changed. */
  setKeysRule(rule: KeysRule): boolean {
    if (rule === this.keysRule) return false;
    this.keysRule = rule;
    this.emit([], [], false);
    return true;
  }

  /** The user is now in browser window `windowId`. Returns whether it changed. */
  focusWindow(windowId: number): boolean {
    if (windowId === this.focusedWindowId) return false;
    this.focusedWindowId = windowId;
    if (this.keysRule === 'current-tab') this.emit([], [], false);
    return true;
  }

  /** The tab the user is on, if it has a session: the active tab of the focused window. */
  private currentTabId(): number | null {
    for (const tab of this.tabs.values()) {
      if (tab.active && tab.windowId === this.focusedWindowId) return tab.tabId;
    }
    return null;
  }

  /**
   * The active session's key: the one the keys act on by the keys rule (docs/architecture.md §
   * Focus policy), or `null`. `currentTabId`: the tab the user is on when the caller knows better
   * (a keyboard command's tab); else the active tab of the focused window.
   */
  activeKey(currentTabId?: number): string | null {
    return keysTarget(this.keysRule, {
      stack: this.stack,
      candidates: this.candidates(),
      pinned: this.pinned,
      currentTabId: currentTabId ?? this.currentTabId(),
    });
  }

  /** The sessions a popup lists, in display order (docs/architecture.md § Focus policy). */
  displayOrder(): DisplayOrder {
    const candidates = this.candidates();
    const activeKey = keysTarget(this.keysRule, {
      stack: this.stack,
      candidates,
      pinned: this.pinned,
      currentTabId: this.currentTabId(),
    });
    const listed = candidates.filter(
      (c) => !isTransientSound((this.sessions.get(c.key) as Session).state),
    );
    return {
      activeKey,
      pinnedKey: this.pinned,
      sessions: orderSessions(this.stack, listed, activeKey).map(
        (key) => this.sessions.get(key) as Session,
      ),
    };
  }

  /** The index as plain data (no session states). */
  index(): RegistryIndex {
    return {
      sessions: [...this.sessions.keys()],
      tabs: [...this.tabs.values()],
      stack: [...this.stack],
      pinned: this.pinned,
    };
  }

  /** The whole registry as plain data (the unit tests compare it). */
  toData(): RegistryData {
    return { ...this.index(), sessionData: this.all() };
  }

  /**
   * Merges what `chrome.storage.session` held into this registry, after a service-worker restart:
   * `index` (a `RegistryIndex`) and `sessions` (each a `Session`). Invalid data is ignored entry by
   * entry (a new extension version may have changed the shape); it never throws. Anything reported
   * since this worker started is newer and wins: such sessions keep their state, stay above the
   * stored ones in the focus stack, and a pin made since wins.
   */
  restore(index: unknown, sessions: readonly unknown[]): void {
    let parsedIndex: RegistryIndex;
    try {
      const result = v.safeParse(RegistryIndexSchema, index);
      if (!result.success) return;
      parsedIndex = result.output;
    } catch {
      return; // Unreadable (a getter or Proxy trap that throws).
    }
    const listed = new Set(parsedIndex.sessions);
    const restored: string[] = [];
    for (const raw of sessions) {
      let session: Session;
      try {
        const result = v.safeParse(SessionSchema, raw);
        if (!result.success) continue;
        session = result.output;
      } catch {
        continue;
      }
      if (!listed.has(session.key) || this.sessions.has(session.key)) continue;
      if (session.key !== sessionKey(session)) continue;
      if (this.sessionsInTab(session.tabId) >= LIMITS.sessionsPerTab) continue;
      this.sessions.set(session.key, session);
      restored.push(session.key);
    }
    for (const tab of parsedIndex.tabs) {
      if (!this.tabs.has(tab.tabId) && this.hasTab(tab.tabId)) this.tabs.set(tab.tabId, tab);
    }
    const live = new Set(this.stack);
    this.stack = [
      ...this.stack,
      ...parsedIndex.stack.filter((k) => !live.has(k) && this.sessions.has(k)),
    ];
    if (
      this.pinned === null &&
      parsedIndex.pinned !== null &&
      this.sessions.has(parsedIndex.pinned)
    ) {
      this.pinned = parsedIndex.pinned;
    }
    this.emit([], [], true);
  }
}
