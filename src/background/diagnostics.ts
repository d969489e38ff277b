/**
 * The service worker's counters: what content scripts sent it, what it refused and why, what the
 * message budget dropped, how often it wrote to storage and pushed to popups, and the last action
 * outcomes. Read by the tests, the benchmark and the headless `npm start` through
 * `globalThis.mediaDeck.stats`; nothing in the extension decides anything from them.
 */

/** Why a message or Port was refused. */
export type RejectReason =
  /** A Port with a name that is neither the frame's nor the popup's. */
  | 'port-name'
  /** A frame Port whose sender is not a tab's frame with a document. */
  | 'frame-sender'
  /** A frame Port from a prerendered document (not a session until activated). */
  | 'prerender'
  /** A frame Port from a document disconnected for staying over budget, still banned. */
  | 'banned'
  /** A frame message that failed the contract. */
  | 'frame-message'
  /** A popup Port whose sender is not one of the extension's own pages. */
  | 'popup-sender'
  /** A popup message that failed the contract. */
  | 'popup-message'
  /** A new session in a tab that already holds `LIMITS.sessionsPerTab`. */
  | 'tab-session-limit'
  /** A request for the session agent that failed the contract, or not from a tab's document. */
  | 'agent-request';

/** One carried-out intent, for the diagnostics (newest last). */
export interface ActionRecord {
  key: string;
  action: string;
  outcome: string;
  source: string;
  /** Epoch ms at which the worker dispatched it. */
  at: number;
  /** Milliseconds from the dispatch to the page's answer. */
  ms: number;
}

/** The counters, as `globalThis.mediaDeck.stats` shows them. Tab ids are the keys of the maps. */
export interface DeckStats {
  /**
   * Ports content scripts opened, whatever their name, by tab id: counted as they arrive, before
   * any check, so a Port the worker then refuses counts too (a page without media opens none).
   */
  contentScriptPortsByTab: Record<number, number>;
  /**
   * One-off messages (`runtime.sendMessage`) from content scripts, by tab id, counted as they
   * arrive, before any check: a first stage's request for its session agent (one per frame with
   * media activity).
   */
  contentScriptMessagesByTab: Record<number, number>;
  /** Frame Ports accepted. */
  framePorts: number;
  /** Session agents injected into a frame's document. */
  agentsLoaded: number;
  /** Valid state messages taken from frames, by tab id. */
  frameMessagesByTab: Record<number, number>;
  /**
   * By tab id: the highest `dropped` count any of its frames' bridges reported, that is, how many
   * MAIN-world reports a bridge refused as invalid before its latest message (0 when all passed).
   */
  bridgeDroppedByTab: Record<number, number>;
  /** Messages and Ports refused, by reason. */
  rejectedByReason: Partial<Record<RejectReason, number>>;
  /** Frame messages the worker's message budget dropped (their latest state is kept), by tab id. */
  overBudgetByTab: Record<number, number>;
  /** Frame Ports disconnected because they stayed over budget. */
  portsDisconnected: number;
  /** `chrome.storage.session` writes completed (successful or not). */
  storageWrites: number;
  /** Writes that failed (over the quota, or storage unavailable). */
  storageWriteFailures: number;
  /** Epoch ms at which the last write completed; 0 before the first. */
  lastStorageWriteAt: number;
  /** Snapshots pushed to popups (each push counts once, whatever the number of popups). */
  popupPushes: number;
  /** Last action outcomes, newest last (at most `ACTIONS_KEPT`). */
  actions: ActionRecord[];
}

/** How many `actions` are kept. */
export const ACTIONS_KEPT = 20;

/** The counters and the ways to move them. */
export interface Diagnostics {
  readonly stats: DeckStats;
  /**
   * A Port (`'port'`) or one-off message (`'message'`) arrived from `sender`: counted when the
   * sender is a content script (see `contentScriptTab`).
   */
  fromSender(kind: 'port' | 'message', sender: SenderLike | undefined): void;
  reject(reason: RejectReason): void;
  /** A valid frame message from `tabId`, whose bridge says it refused `bridgeDropped` reports. */
  frameMessage(tabId: number, bridgeDropped: number): void;
  overBudget(tabId: number): void;
  portDisconnected(): void;
  /** A session agent was injected. */
  agentLoaded(): void;
  /** A storage write completed at `at` (epoch ms). */
  storageWrite(ok: boolean, at: number): void;
  popupPush(): void;
  action(record: ActionRecord): void;
}

/** What `contentScriptTab` reads of a `runtime.MessageSender`. */
export interface SenderLike {
  tab?: { id?: number };
  url?: string;
  origin?: string;
}

/**
 * The tab id of a content script's sender, or `null` for anything else. An extension page opened as
 * a tab (the popup, as the tests open it, or the options page) has a `tab` too, so a sender from
 * the extension's own origin is not a content script.
 */
export function contentScriptTab(
  sender: SenderLike | undefined,
  extensionOrigin: string,
): number | null {
  const tabId = sender?.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0) return null;
  // By prefix, not `new URL(url).origin`: outside Chrome a `chrome-extension:` URL's origin is 'null'.
  const ours =
    sender?.origin === extensionOrigin || (sender?.url ?? '').startsWith(`${extensionOrigin}/`);
  return ours ? null : tabId;
}

function bump(map: Record<number, number>, key: number): void {
  map[key] = (map[key] ?? 0) + 1;
}

/**
 * Creates zeroed counters. `extensionOrigin` (`chrome-extension://<id>`) tells the extension's own
 * pages from content scripts.
 */
export function createDiagnostics(extensionOrigin: string): Diagnostics {
  const stats: DeckStats = {
    contentScriptPortsByTab: {},
    contentScriptMessagesByTab: {},
    framePorts: 0,
    agentsLoaded: 0,
    frameMessagesByTab: {},
    bridgeDroppedByTab: {},
    rejectedByReason: {},
    overBudgetByTab: {},
    portsDisconnected: 0,
    storageWrites: 0,
    storageWriteFailures: 0,
    lastStorageWriteAt: 0,
    popupPushes: 0,
    actions: [],
  };
  return {
    stats,
    fromSender(kind, sender) {
      const tabId = contentScriptTab(sender, extensionOrigin);
      if (tabId === null) return;
      bump(
        kind === 'port' ? stats.contentScriptPortsByTab : stats.contentScriptMessagesByTab,
        tabId,
      );
    },
    reject(reason) {
      stats.rejectedByReason[reason] = (stats.rejectedByReason[reason] ?? 0) + 1;
    },
    frameMessage(tabId, bridgeDropped) {
      bump(stats.frameMessagesByTab, tabId);
      stats.bridgeDroppedByTab[tabId] = Math.max(
        stats.bridgeDroppedByTab[tabId] ?? 0,
        bridgeDropped,
      );
    },
    overBudget(tabId) {
      bump(stats.overBudgetByTab, tabId);
    },
    portDisconnected() {
      stats.portsDisconnected++;
    },
    agentLoaded() {
      stats.agentsLoaded++;
    },
    storageWrite(ok, at) {
      stats.storageWrites++;
      if (!ok) stats.storageWriteFailures++;
      stats.lastStorageWriteAt = at;
    },
    popupPush() {
      stats.popupPushes++;
    },
    action(record) {
      stats.actions.push(record);
      if (stats.actions.length > ACTIONS_KEPT) stats.actions.shift();
    },
  };
}
