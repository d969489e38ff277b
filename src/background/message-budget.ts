/**
 * The service worker's message budget for frame Ports: a token bucket per Port and one per tab, so
 * that no page, however many frames it makes, can take more than its share of the worker. The
 * bridge's coalescer (src/content/bridge/coalescer.ts) already sends at most about 20 messages a
 * second per frame; this is the second line, for a page that floods through many frames or a
 * bridge that was tampered with. Pure: time is passed in (epoch ms).
 *
 * Over budget, a message is refused (the Port keeps its latest state and offers it again later,
 * src/background/frame-port.ts). A Port refused more than `disconnectAfter.refusals` times within
 * `disconnectAfter.windowMs` is to be disconnected.
 */

/** A token bucket's shape: `rate` tokens a second, holding at most `burst`. */
export interface BucketConfig {
  rate: number;
  burst: number;
}

/** The budget's configuration. */
export interface BudgetConfig {
  perPort: BucketConfig;
  perTab: BucketConfig;
  disconnectAfter: { refusals: number; windowMs: number };
}

/**
 * The defaults: a frame may send 20 messages a second (bursts of 40), a tab 60 (bursts of 120);
 * a Port refused 100 times within 5 s is disconnected.
 */
export const DEFAULT_BUDGET: BudgetConfig = {
  perPort: { rate: 20, burst: 40 },
  perTab: { rate: 60, burst: 120 },
  disconnectAfter: { refusals: 100, windowMs: 5000 },
};

/** The verdict on one message. */
export type BudgetVerdict = 'ok' | 'over' | 'disconnect';

/** The budget of all frame Ports. */
export interface MessageBudget {
  /** Takes one message's tokens from Port `portId` of tab `tabId` at `now`, if it has them. */
  take(portId: number, tabId: number, now: number): BudgetVerdict;
  /** Milliseconds until Port `portId` of tab `tabId` may send again (0 if it may now). */
  waitMs(portId: number, tabId: number, now: number): number;
  /** Forgets a Port (it disconnected); its tab's bucket goes with its last Port. */
  forget(portId: number, tabId: number): void;
  /** Messages a second one tab may send (`perTab.rate`). */
  readonly tabRate: number;
  /** Ports of tab `tabId` that sent anything and are still open. */
  portsIn(tabId: number): number;
  /** Ports and tabs tracked (tests: nothing is kept for Ports that are gone). */
  size(): { ports: number; tabs: number };
}

interface Bucket {
  tokens: number;
  at: number;
}

interface PortEntry {
  bucket: Bucket;
  /** Epoch ms of the refusals within the window, oldest first (at most `refusals` + 1 kept). */
  refusals: number[];
}

function refill(bucket: Bucket, config: BucketConfig, now: number): void {
  if (now <= bucket.at) return; // a clock that went backwards adds nothing
  bucket.tokens = Math.min(config.burst, bucket.tokens + ((now - bucket.at) / 1000) * config.rate);
  bucket.at = now;
}

/** Creates an empty budget. */
export function createMessageBudget(config: BudgetConfig = DEFAULT_BUDGET): MessageBudget {
  const ports = new Map<number, PortEntry>();
  const tabs = new Map<number, { bucket: Bucket; ports: number }>();

  function entries(portId: number, tabId: number, now: number) {
    let port = ports.get(portId);
    if (!port) {
      port = { bucket: { tokens: config.perPort.burst, at: now }, refusals: [] };
      ports.set(portId, port);
      const tab = tabs.get(tabId);
      if (tab) tab.ports++;
      else tabs.set(tabId, { bucket: { tokens: config.perTab.burst, at: now }, ports: 1 });
    }
    const tab = tabs.get(tabId) as { bucket: Bucket; ports: number };
    refill(port.bucket, config.perPort, now);
    refill(tab.bucket, config.perTab, now);
    return { port, tab };
  }

  return {
    tabRate: config.perTab.rate,
    take(portId, tabId, now) {
      const { port, tab } = entries(portId, tabId, now);
      if (port.bucket.tokens >= 1 && tab.bucket.tokens >= 1) {
        port.bucket.tokens -= 1;
        tab.bucket.tokens -= 1;
        return 'ok';
      }
      const { refusals, windowMs } = config.disconnectAfter;
      port.refusals.push(now);
      while (port.refusals.length > 0 && now - (port.refusals[0] as number) > windowMs) {
        port.refusals.shift();
      }
      if (port.refusals.length > refusals + 1) port.refusals.shift();
      return port.refusals.length > refusals ? 'disconnect' : 'over';
    },
    waitMs(portId, tabId, now) {
      const { port, tab } = entries(portId, tabId, now);
      const need = (tokens: number, rate: number) =>
        tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / rate) * 1000);
      return Math.max(
        need(port.bucket.tokens, config.perPort.rate),
        need(tab.bucket.tokens, config.perTab.rate),
      );
    },
    forget(portId, tabId) {
      if (!ports.delete(portId)) return;
      const tab = tabs.get(tabId);
      if (tab && --tab.ports <= 0) tabs.delete(tabId);
    },
    portsIn: (tabId) => tabs.get(tabId)?.ports ?? 0,
    size: () => ({ ports: ports.size, tabs: tabs.size }),
  };
}
