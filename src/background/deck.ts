/**
 * The service worker's state: the registry (a cache of `chrome.storage.session`, DESIGN.md
 * § Contexts), the open popups, and the fan-out after each change. Everything that can run before
 * the first `await` stays synchronous, so the picture-in-picture gesture path can use it.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import type { DeckSnapshot } from '../shared/contract';
import { autoPipDecision, syncAutoPip } from './auto-pip-arming';
import { SessionRegistry, storedRegistryData } from './session-registry';

const STORAGE_KEY = 'registry';
/** Milliseconds a command's badge stays on the toolbar icon. */
const NOTICE_MS = 2000;

/** Counters the diagnostics, tests and benchmark read (`globalThis.mediaDeck.stats`). */
export interface DeckStats {
  /** Frame Ports opened by pages. */
  framePorts: number;
  /** Valid state messages received from frames, by tab id. */
  frameMessagesByTab: Record<number, number>;
  /**
   * By tab id: the highest `dropped` count any of its frames' bridges reported, that is, how many
   * MAIN-world reports a bridge refused as invalid before its latest message (0 when all passed).
   */
  bridgeDroppedByTab: Record<number, number>;
  /** Messages refused (invalid, unknown sender), by reason. */
  rejectedByReason: Record<string, number>;
  /** Last action outcomes, newest last (at most 20). */
  actions: { key: string; action: string; outcome: string; source: string; ms: number }[];
}

/** The service worker's state. */
export class Deck {
  registry = new SessionRegistry();
  readonly popups = new Set<Runtime.Port>();
  readonly stats: DeckStats = {
    framePorts: 0,
    frameMessagesByTab: {},
    bridgeDroppedByTab: {},
    rejectedByReason: {},
    actions: [],
  };
  /** Resolves once the registry was restored from `chrome.storage.session`. */
  readonly ready: Promise<void>;
  private restored = false;
  private notice: { text: string; at: number } | null = null;
  private badgeTimer: ReturnType<typeof setTimeout> | null = null;
  private pushScheduled = false;
  private persistScheduled = false;
  /** The last `chrome.storage.session` write, so that writes land in order. */
  private writing: Promise<void> = Promise.resolve();

  constructor() {
    this.ready = this.restore();
  }

  private async restore(): Promise<void> {
    try {
      const stored = await browser.storage.session.get(STORAGE_KEY);
      const restored = SessionRegistry.fromData(stored[STORAGE_KEY]);
      // Anything reported while we were reading is newer than the stored copy: replay it on top.
      for (const s of this.registry.all()) restored.report(s, s.origin, s.state, s.updatedAt);
      this.registry = restored;
    } catch {
      // No stored state (first run) or unreadable: start empty.
    }
    this.restored = true;
    this.changed();
  }

  /** Whether the restore finished (the sync paths use this to avoid acting on a partial view). */
  isRestored(): boolean {
    return this.restored;
  }

  /** Counts a refused message under `reason`. */
  reject(reason: string): void {
    this.registry.rejected++;
    this.stats.rejectedByReason[reason] = (this.stats.rejectedByReason[reason] ?? 0) + 1;
  }

  /** Schedules a push to open popups and a write to storage after a change. */
  changed(): void {
    if (!this.pushScheduled) {
      this.pushScheduled = true;
      queueMicrotask(() => {
        this.pushScheduled = false;
        this.pushToPopups();
        syncAutoPip(this);
      });
    }
    if (!this.persistScheduled) {
      // Written in the same turn: Chrome may stop the worker at any moment, and a focus change
      // lost to a delayed write would send the next key press to the wrong tab. Bursts within one
      // task still cost one write; the bridges already coalesce reports.
      this.persistScheduled = true;
      queueMicrotask(() => {
        this.persistScheduled = false;
        const data = this.registry.toData();
        const store = (form: 'slim' | 'bare') =>
          browser.storage.session.set({ [STORAGE_KEY]: storedRegistryData(data, form) });
        // One write after another: a fallback write of an older state must not land after a newer
        // one. Over the quota even without data: artwork, drop all artwork.
        this.writing = this.writing.then(() =>
          store('slim')
            .catch(() => store('bare'))
            .catch(() => {}),
        );
      });
    }
  }

  /**
   * Tells the user something about the last command: a short `badge` on the toolbar icon for
   * `NOTICE_MS` (with `text` as its tooltip), and `text` in an open popup while it is recent.
   */
  notify(text: string, badge: string): void {
    this.notice = { text, at: Date.now() };
    void browser.action.setBadgeText({ text: badge }).catch(() => {});
    void browser.action.setTitle({ title: `Media Deck: ${text}` }).catch(() => {});
    if (this.badgeTimer !== null) clearTimeout(this.badgeTimer);
    this.badgeTimer = setTimeout(() => {
      this.badgeTimer = null;
      void browser.action.setBadgeText({ text: '' }).catch(() => {});
      void browser.action.setTitle({ title: 'Media Deck' }).catch(() => {});
    }, NOTICE_MS);
    this.pushToPopups();
  }

  /** What an open popup shows, with the last notice while it is recent. */
  snapshot(): DeckSnapshot {
    const notice =
      this.notice && Date.now() - this.notice.at < NOTICE_MS * 4 ? this.notice.text : null;
    return this.registry.snapshot(notice, (session) => {
      const { arm, reason } = autoPipDecision(this, session);
      return { armed: arm !== null, reason };
    });
  }

  /** Sends the current snapshot to every open popup (or to one). */
  pushToPopups(only?: Runtime.Port): void {
    const message = { type: 'snapshot' as const, snapshot: this.snapshot() };
    for (const port of only ? [only] : this.popups) {
      try {
        port.postMessage(message);
      } catch {
        this.popups.delete(port);
      }
    }
  }
}
