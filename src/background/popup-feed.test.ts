import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPopupFeed, type FeedPort, PUSH_INTERVAL_MS, SHOWN_TIMEOUT_MS } from './popup-feed';

/** A port that records the versions it received. */
function port(): FeedPort & { got: number[]; dead: boolean } {
  const p = {
    got: [] as number[],
    dead: false,
    postMessage(message: unknown) {
      if (p.dead) throw new Error('Attempting to use a disconnected port object');
      p.got.push(message as number);
    },
  };
  return p;
}

let version: number;
let pushes: number;
let built: number;
function feed() {
  return createPopupFeed({
    message: () => {
      built++;
      return version;
    },
    now: Date.now,
    later: (fn, ms) => {
      setTimeout(fn, ms);
    },
    onPush: () => {
      pushes++;
    },
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  version = 0;
  pushes = 0;
  built = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createPopupFeed', () => {
  it('sends a new popup the current snapshot at once', () => {
    const f = feed();
    const a = port();
    version = 7;
    f.add(a);
    expect(a.got).toEqual([7]);
  });

  it('pushes the first change in a microtask, then at most one per interval, the latest winning', async () => {
    const f = feed();
    const a = port();
    f.add(a);
    f.shown(a);
    await vi.advanceTimersByTimeAsync(PUSH_INTERVAL_MS); // the add's send is in the past
    version = 1;
    f.schedule();
    await vi.advanceTimersByTimeAsync(0);
    expect(a.got).toEqual([0, 1]);
    f.shown(a);
    // A flood of changes for one second: about ten pushes, each of the latest version.
    for (let ms = 0; ms < 1000; ms += 5) {
      version++;
      f.schedule();
      await vi.advanceTimersByTimeAsync(5);
      if (a.got.length > 0) f.shown(a);
    }
    await vi.advanceTimersByTimeAsync(PUSH_INTERVAL_MS);
    expect(pushes).toBeGreaterThanOrEqual(9);
    expect(pushes).toBeLessThanOrEqual(12);
    expect(a.got.at(-1)).toBe(version);
    expect(built).toBe(pushes + 1); // one snapshot built per push (and the add)
  });

  it('sends a popup nothing more until it drew the last one, then the latest', async () => {
    const f = feed();
    const slow = port();
    const fast = port();
    f.add(slow);
    f.add(fast);
    f.shown(fast);
    await vi.advanceTimersByTimeAsync(PUSH_INTERVAL_MS);
    for (let i = 1; i <= 5; i++) {
      version = i;
      f.schedule();
      await vi.advanceTimersByTimeAsync(PUSH_INTERVAL_MS);
      f.shown(fast);
    }
    expect(fast.got).toEqual([0, 1, 2, 3, 4, 5]);
    expect(slow.got).toEqual([0]); // still drawing the first
    f.shown(slow);
    await vi.advanceTimersByTimeAsync(PUSH_INTERVAL_MS);
    expect(slow.got).toEqual([0, 5]);
  });

  it('a popup that never answers (hidden) still gets the latest once a second', async () => {
    const f = feed();
    const hidden = port();
    f.add(hidden);
    for (let i = 1; i <= 30; i++) {
      version = i;
      f.schedule();
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(SHOWN_TIMEOUT_MS);
    expect(hidden.got.length).toBeGreaterThanOrEqual(3);
    expect(hidden.got.length).toBeLessThanOrEqual(5);
    expect(hidden.got.at(-1)).toBe(30);
  });

  it('drops a port that closed without telling, and does nothing without ports', async () => {
    const f = feed();
    const a = port();
    f.add(a);
    f.shown(a);
    a.dead = true;
    version = 1;
    f.schedule();
    await vi.advanceTimersByTimeAsync(PUSH_INTERVAL_MS);
    expect(f.size()).toBe(0);
    const before = built;
    f.schedule();
    await vi.advanceTimersByTimeAsync(PUSH_INTERVAL_MS * 3);
    expect(built).toBe(before);
  });
});
