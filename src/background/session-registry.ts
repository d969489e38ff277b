/**
 * The session registry (DESIGN.md § The session model): every frame's media session, the tabs
 * they live in, the audio-focus stack and the user's pin. Pure: no browser API is touched here,
 * so the service worker glue feeds it events and the unit tests feed it tables.
 */
import * as v from 'valibot';
import { artworkChars } from '../shared/artwork';
import { type FrameState, FrameStateSchema } from '../shared/contract';
import {
  dropFromStack,
  type FocusCandidate,
  orderSessions,
  pickActive,
  raiseInStack,
} from '../shared/focus-policy';
import { isEmptyFrameState } from '../shared/frame-state';
import { LIMITS } from '../shared/limits';
import {
  type DeckSnapshot,
  isAudiblyPlaying,
  isControllable,
  isTransientSound,
  type Session,
  type SessionIdentity,
  type SessionView,
  sessionKey,
  type TabInfo,
  toSessionView,
} from '../shared/session';

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
const SessionSchema = v.object({
  key: v.string(),
  tabId: v.number(),
  frameId: v.number(),
  documentId: v.string(),
  origin: v.string(),
  state: FrameStateSchema,
  firstSeenAt: v.number(),
  updatedAt: v.number(),
});
/** The registry as stored in `chrome.storage.session` between service-worker lifetimes. */
export const RegistryDataSchema = v.object({
  sessions: v.array(SessionSchema),
  tabs: v.array(TabInfoSchema),
  stack: v.array(v.string()),
  pinned: v.nullable(v.string()),
  rejected: v.number(),
});
export type RegistryData = v.InferOutput<typeof RegistryDataSchema>;

/**
 * What the service worker stores of `data` in `chrome.storage.session` (10 MB for everything):
 * `'slim'` drops `data:` artwork and chapters, `'bare'` (when even that does not fit) all artwork.
 * Identities, titles, the focus stack and the pin always survive a restart; the large parts come
 * back at once after it, when live pages re-announce their full state (`revalidateSessions`).
 * Writing the full registry on every change would also cost a page's every report a rewrite of
 * every other frame's artwork.
 */
export function storedRegistryData(data: RegistryData, form: 'slim' | 'bare'): RegistryData {
  return {
    ...data,
    sessions: data.sessions.map((session) => {
      const metadata = session.state.metadata;
      if (!metadata) return session;
      const artwork =
        form === 'bare' ? [] : metadata.artwork.filter((image) => !image.src.startsWith('data:'));
      if (artwork.length === metadata.artwork.length && metadata.chapterInfo.length === 0) {
        return session;
      }
      return {
        ...session,
        state: { ...session.state, metadata: { ...metadata, artwork, chapterInfo: [] } },
      };
    }),
  };
}

/** The registry. Every mutating method returns whether anything a popup shows changed. */
export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  private readonly tabs = new Map<number, TabInfo>();
  private stack: string[] = [];
  private pinned: string | null = null;
  /** Messages refused because they failed validation or came from an unknown sender. */
  rejected = 0;
  /** Reports kept without their artwork because their tab's `LIMITS.tabArtworkChars` was spent. */
  artworkTrimmed = 0;

  /**
   * Records the full state one frame reported. An empty state (nothing declared, no media)
   * removes the session. A session that starts audible playback moves to the top of the stack.
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
    const tabAudible = this.tabs.get(identity.tabId)?.audible ?? false;
    if (
      previous &&
      previous.origin === origin &&
      JSON.stringify(previous.state) === JSON.stringify(state)
    ) {
      return 'unchanged'; // A re-announce after a reconnect: nothing for the popup or storage.
    }
    const wasAudible = previous ? isAudiblyPlaying(previous.state, tabAudible) : false;
    this.sessions.set(key, {
      ...identity,
      key,
      origin,
      state,
      firstSeenAt: previous?.firstSeenAt ?? now,
      updatedAt: now,
    });
    if (!wasAudible && isAudiblyPlaying(state, tabAudible))
      this.stack = raiseInStack(this.stack, key);
    return previous ? 'updated' : 'added';
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
    if (!this.sessions.delete(key)) return false;
    this.stack = dropFromStack(this.stack, key);
    if (this.pinned === key) this.pinned = null;
    this.forgetTabIfUnused(key.split(':')[0]);
    return true;
  }

  /** Removes every session of a tab and the tab itself (closed, or replaced by another). */
  removeTab(tabId: number): boolean {
    let changed = this.tabs.delete(tabId);
    for (const session of [...this.sessions.values()]) {
      if (session.tabId === tabId) changed = this.removeSession(session.key) || changed;
    }
    return changed;
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
   * Sets or updates what `chrome.tabs` says of a tab that has sessions. A tab turning audible
   * raises its playing sessions in the stack. Ignored for tabs without sessions.
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
    if (next.audible && !previous?.audible) {
      for (const session of this.sessions.values()) {
        if (session.tabId !== tabId) continue;
        const was = isAudiblyPlaying(session.state, previous?.audible ?? false);
        if (!was && isAudiblyPlaying(session.state, true)) {
          this.stack = raiseInStack(this.stack, session.key);
        }
      }
    }
    this.tabs.set(tabId, next);
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
    return changed;
  }

  /** Pins `key` as the active session (or unpins with `null`). Unknown keys are refused. */
  pin(key: string | null): boolean {
    if (key !== null && !this.sessions.has(key)) return false;
    if (this.pinned === key) return false;
    this.pinned = key;
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

  private candidates(): FocusCandidate[] {
    return this.all().map((s) => ({
      key: s.key,
      controllable: isControllable(s.state),
      firstSeenAt: s.firstSeenAt,
    }));
  }

  /** The active session's key (DESIGN.md § Active session), or `null`. */
  activeKey(): string | null {
    return pickActive(this.stack, this.candidates(), this.pinned);
  }

  /**
   * What an open popup shows: sessions in display order, active first; no transient sounds.
   * `notice` is the service worker's last short message for the user, if recent; `autoPip` says
   * whether a session is armed for automatic picture-in-picture, or why not.
   */
  snapshot(
    notice: string | null = null,
    autoPip: (session: Session) => SessionView['autoPip'] = () => ({ armed: false, reason: null }),
  ): DeckSnapshot {
    const candidates = this.candidates();
    const activeKey = pickActive(this.stack, candidates, this.pinned);
    const listed = candidates.filter(
      (c) => !isTransientSound((this.sessions.get(c.key) as Session).state),
    );
    const order = orderSessions(this.stack, listed, activeKey);
    return {
      activeKey,
      pinnedKey: this.pinned,
      notice,
      sessions: order.map((key) => {
        const session = this.sessions.get(key) as Session;
        return toSessionView(session, this.tabs.get(session.tabId), {
          active: key === activeKey,
          pinned: key === this.pinned,
          autoPip: autoPip(session),
        });
      }),
    };
  }

  /** Plain data for `chrome.storage.session`. */
  toData(): RegistryData {
    return {
      sessions: this.all(),
      tabs: [...this.tabs.values()],
      stack: [...this.stack],
      pinned: this.pinned,
      rejected: this.rejected,
    };
  }

  /**
   * Rebuilds a registry from `toData()` output. Invalid data yields an empty registry (a new
   * extension version may have changed the shape); it never throws.
   */
  static fromData(data: unknown): SessionRegistry {
    const registry = new SessionRegistry();
    let parsed: ReturnType<typeof v.safeParse<typeof RegistryDataSchema>>;
    try {
      parsed = v.safeParse(RegistryDataSchema, data);
    } catch {
      return registry; // Unreadable (a getter or Proxy trap that throws).
    }
    if (!parsed.success) return registry;
    for (const s of parsed.output.sessions) registry.sessions.set(s.key, s);
    for (const t of parsed.output.tabs) registry.tabs.set(t.tabId, t);
    registry.stack = parsed.output.stack.filter((k) => registry.sessions.has(k));
    registry.pinned =
      parsed.output.pinned !== null && registry.sessions.has(parsed.output.pinned)
        ? parsed.output.pinned
        : null;
    registry.rejected = parsed.output.rejected;
    return registry;
  }

  private forgetTabIfUnused(tabIdText: string | undefined): void {
    const tabId = Number(tabIdText);
    if (!this.hasTab(tabId)) this.tabs.delete(tabId);
  }
}
