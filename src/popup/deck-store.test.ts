import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionView, shownImage, snapshotOf } from '../../tests/support/fixtures';
import { POPUP_PORT, type SessionView } from '../shared/contract';
import {
  createDeckStore,
  type IntentMessage,
  type PortLike,
  QUEUE_LIMIT,
  QUEUE_MAX_AGE_MS,
} from './deck-store';

/**
 * A hand-written `runtime.Port`: records what is posted (the `shown` answers apart, counted),
 * lets the test fire its events.
 */
class FakePort implements PortLike {
  readonly posted: unknown[] = [];
  shown = 0;
  private readonly messageListeners: ((message: unknown) => void)[] = [];
  private readonly disconnectListeners: (() => void)[] = [];
  throwOnPost = false;

  postMessage(message: unknown): void {
    if (this.throwOnPost) throw new Error('Attempting to use a disconnected port object');
    if ((message as { type?: string }).type === 'shown') this.shown++;
    else this.posted.push(message);
  }
  onMessage = {
    addListener: (listener: (message: unknown) => void) => {
      this.messageListeners.push(listener);
    },
  };
  onDisconnect = {
    addListener: (listener: () => void) => {
      this.disconnectListeners.push(listener);
    },
  };

  deliver(message: unknown): void {
    for (const listener of this.messageListeners) listener(message);
  }
  disconnect(): void {
    for (const listener of this.disconnectListeners) listener();
  }
}

/** `connect` that hands out a new FakePort per call and remembers them. */
function fakeConnect() {
  const ports: FakePort[] = [];
  const connect = vi.fn((_name: string): PortLike => {
    const port = new FakePort();
    ports.push(port);
    return port;
  });
  return { connect, ports };
}

/** `later` that only records what it was asked to schedule; the test runs it. */
function fakeLater() {
  const scheduled: { fn: () => void; ms: number }[] = [];
  const later = vi.fn((fn: () => void, ms: number) => {
    scheduled.push({ fn, ms });
  });
  return { later, scheduled };
}

/** The shared `sessionView`, playing, with one 96×96 artwork, key `7:0:DOC` on `.../watch`. */
function view(overrides: Partial<SessionView> = {}): SessionView {
  return sessionView({
    key: '7:0:DOC',
    artwork: [shownImage()],
    pageUrl: 'https://player.test/watch',
    playbackState: 'playing',
    ...overrides,
  });
}

function lastPort(ports: FakePort[]): FakePort {
  const port = ports.at(-1);
  if (!port) throw new Error('no port connected');
  return port;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createDeckStore', () => {
  it('connects once, with the popup Port name, and starts connected with no snapshot', () => {
    const { connect } = fakeConnect();
    const { later } = fakeLater();
    const store = createDeckStore(connect, later);
    expect(POPUP_PORT).toBe('media-deck/popup');
    expect(connect).toHaveBeenCalledTimes(1);
    expect(connect).toHaveBeenCalledWith('media-deck/popup');
    expect(store.get()).toEqual({ snapshot: null, connected: true, rejected: 0 });
    expect(later).not.toHaveBeenCalled();
  });

  it('takes a valid snapshot message and notifies subscribers', () => {
    const { connect, ports } = fakeConnect();
    const store = createDeckStore(connect, fakeLater().later);
    const listener = vi.fn(() => {
      // Subscribers see the new state when they are called.
      expect(store.get().snapshot).not.toBeNull();
    });
    store.subscribe(listener);
    const next = snapshotOf([view(), view({ key: '8:0:DOC', tabId: 8, active: false })]);
    lastPort(ports).deliver({ type: 'snapshot', snapshot: next });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.get().snapshot).toEqual(next);
    expect(store.get().rejected).toBe(0);
    expect(store.get().connected).toBe(true);
  });

  it('replaces the snapshot with each new one', () => {
    const { connect, ports } = fakeConnect();
    const store = createDeckStore(connect, fakeLater().later);
    const port = lastPort(ports);
    port.deliver({ type: 'snapshot', snapshot: snapshotOf([view({ title: 'First' })]) });
    port.deliver({ type: 'snapshot', snapshot: snapshotOf([]) });
    expect(store.get().snapshot).toEqual({
      sessions: [],
      activeKey: null,
      pinnedKey: null,
      notice: null,
    });
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'snapshot'],
    ['an unknown type', { type: 'hello', snapshot: snapshotOf([view()]) }],
    ['no snapshot', { type: 'snapshot' }],
    [
      'sessions not an array',
      { type: 'snapshot', snapshot: { ...snapshotOf([view()]), sessions: 'x' } },
    ],
    [
      'a session missing a field',
      {
        type: 'snapshot',
        snapshot: {
          ...snapshotOf([view()]),
          sessions: [(({ title: _title, ...rest }) => rest)(view())],
        },
      },
    ],
    [
      'an unsafe artwork URL',
      {
        type: 'snapshot',
        snapshot: snapshotOf([
          view({ artwork: [{ src: 'javascript:alert(1)', sizes: '96x96', type: 'image/png' }] }),
        ]),
      },
    ],
    [
      'a remote artwork URL (the popup loads nothing a page named)',
      {
        type: 'snapshot',
        snapshot: snapshotOf([
          view({ artwork: [{ src: 'https://img.test/a.png', sizes: '96x96', type: 'image/png' }] }),
        ]),
      },
    ],
    ['an extra top-level field', { type: 'snapshot', snapshot: snapshotOf([view()]), extra: 1 }],
  ])('rejects %s, counting it and keeping the last good snapshot', (_name, message) => {
    const { connect, ports } = fakeConnect();
    const store = createDeckStore(connect, fakeLater().later);
    const port = lastPort(ports);
    const good = snapshotOf([view()]);
    port.deliver({ type: 'snapshot', snapshot: good });
    port.deliver(message);
    expect(store.get().rejected).toBe(1);
    expect(store.get().snapshot).toEqual(good);
    port.deliver(message);
    expect(store.get().rejected).toBe(2);
    expect(store.get().snapshot).toEqual(good);
  });

  it('does not take a first snapshot from an invalid message', () => {
    const { connect, ports } = fakeConnect();
    const store = createDeckStore(connect, fakeLater().later);
    lastPort(ports).deliver({ type: 'snapshot', snapshot: { sessions: [{}] } });
    expect(store.get()).toEqual({ snapshot: null, connected: true, rejected: 1 });
  });

  it('posts what it sends to the Port', () => {
    const { connect, ports } = fakeConnect();
    const store = createDeckStore(connect, fakeLater().later);
    const messages: IntentMessage[] = [
      { type: 'intent', key: '7:0:DOC', intent: { kind: 'action', details: { action: 'pause' } } },
      { type: 'intent', key: '7:0:DOC', intent: { kind: 'mute-tab', muted: true } },
      { type: 'intent', key: '7:0:DOC', intent: { kind: 'focus-tab' } },
      { type: 'intent', key: '7:0:DOC', intent: { kind: 'unpin' } },
    ];
    for (const message of messages) store.send(message);
    expect(lastPort(ports).posted).toEqual(messages);
  });

  it('on disconnect: connected false, subscribers told, reconnect scheduled after 100 ms', () => {
    const { connect, ports } = fakeConnect();
    const { later, scheduled } = fakeLater();
    const store = createDeckStore(connect, later);
    const first = lastPort(ports);
    first.deliver({ type: 'snapshot', snapshot: snapshotOf([view()]) });
    const listener = vi.fn();
    store.subscribe(listener);

    first.disconnect();
    expect(store.get().connected).toBe(false);
    expect(listener).toHaveBeenCalledTimes(1);
    // The last snapshot stays on screen while reconnecting.
    expect(store.get().snapshot).toEqual(snapshotOf([view()]));
    expect(scheduled.map((s) => s.ms)).toEqual([100]);
    expect(connect).toHaveBeenCalledTimes(1);

    // Commands while disconnected are not posted to the dead Port: they wait for the new one.
    store.send({ type: 'intent', key: '7:0:DOC', intent: { kind: 'focus-tab' } });
    expect(first.posted).toEqual([]);

    scheduled[0]?.fn();
    expect(connect).toHaveBeenCalledTimes(2);
    expect(connect).toHaveBeenLastCalledWith('media-deck/popup');
    expect(store.get().connected).toBe(true);
    expect(listener).toHaveBeenCalledTimes(2);

    const second = lastPort(ports);
    expect(second).not.toBe(first);
    store.send({ type: 'intent', key: '8:0:DOC', intent: { kind: 'focus-tab' } });
    expect(second.posted).toEqual([
      { type: 'intent', key: '7:0:DOC', intent: { kind: 'focus-tab' } },
      { type: 'intent', key: '8:0:DOC', intent: { kind: 'focus-tab' } },
    ]);
    expect(first.posted).toEqual([]);

    const fresh = snapshotOf([view({ title: 'After restart' })]);
    second.deliver({ type: 'snapshot', snapshot: fresh });
    expect(store.get().snapshot).toEqual(fresh);
  });

  it('ignores a late disconnect of a Port it already replaced', () => {
    const { connect, ports } = fakeConnect();
    const { later, scheduled } = fakeLater();
    const store = createDeckStore(connect, later);
    const first = lastPort(ports);
    first.disconnect();
    scheduled[0]?.fn();
    const second = lastPort(ports);

    first.disconnect();
    expect(store.get().connected).toBe(true);
    expect(later).toHaveBeenCalledTimes(1);
    store.send({ type: 'intent', key: '7:0:DOC', intent: { kind: 'unpin' } });
    expect(second.posted).toEqual([{ type: 'intent', key: '7:0:DOC', intent: { kind: 'unpin' } }]);
  });

  it('reconnects again after each disconnect', () => {
    const { connect, ports } = fakeConnect();
    const { later, scheduled } = fakeLater();
    const store = createDeckStore(connect, later);
    for (let i = 0; i < 3; i++) {
      lastPort(ports).disconnect();
      expect(store.get().connected).toBe(false);
      scheduled.at(-1)?.fn();
      expect(store.get().connected).toBe(true);
    }
    expect(connect).toHaveBeenCalledTimes(4);
    expect(new Set(ports).size).toBe(4);
  });

  it('uses setTimeout with 100 ms by default', () => {
    vi.useFakeTimers();
    const { connect, ports } = fakeConnect();
    const store = createDeckStore(connect);
    lastPort(ports).disconnect();
    vi.advanceTimersByTime(99);
    expect(connect).toHaveBeenCalledTimes(1);
    expect(store.get().connected).toBe(false);
    vi.advanceTimersByTime(1);
    expect(connect).toHaveBeenCalledTimes(2);
    expect(store.get().connected).toBe(true);
  });

  it('unsubscribe stops only that listener', () => {
    const { connect, ports } = fakeConnect();
    const store = createDeckStore(connect, fakeLater().later);
    const kept = vi.fn();
    const dropped = vi.fn();
    store.subscribe(kept);
    const unsubscribe = store.subscribe(dropped);
    const port = lastPort(ports);
    port.deliver({ type: 'snapshot', snapshot: snapshotOf([view()]) });
    expect(dropped).toHaveBeenCalledTimes(1);

    unsubscribe();
    port.deliver({ type: 'snapshot', snapshot: snapshotOf([]) });
    port.disconnect();
    expect(dropped).toHaveBeenCalledTimes(1);
    expect(kept).toHaveBeenCalledTimes(3);
  });

  it('retries after 500 ms when connect throws, then works normally', () => {
    const { connect: realConnect, ports } = fakeConnect();
    let failures = 2;
    const connect = vi.fn((name: string): PortLike => {
      if (failures > 0) {
        failures--;
        throw new Error('Could not establish connection');
      }
      return realConnect(name);
    });
    const { later, scheduled } = fakeLater();
    const store = createDeckStore(connect, later);
    expect(store.get().connected).toBe(false);
    expect(scheduled.map((s) => s.ms)).toEqual([500]);
    // Sending with no Port does not throw; the command waits for the Port.
    expect(() =>
      store.send({ type: 'intent', key: 'early', intent: { kind: 'focus-tab' } }),
    ).not.toThrow();

    scheduled[0]?.fn();
    expect(store.get().connected).toBe(false);
    expect(scheduled.map((s) => s.ms)).toEqual([500, 500]);

    scheduled[1]?.fn();
    expect(connect).toHaveBeenCalledTimes(3);
    expect(store.get().connected).toBe(true);
    expect(later).toHaveBeenCalledTimes(2);
    lastPort(ports).deliver({ type: 'snapshot', snapshot: snapshotOf([view()]) });
    expect(store.get().snapshot).toEqual(snapshotOf([view()]));
    store.send({ type: 'intent', key: '7:0:DOC', intent: { kind: 'unpin' } });
    expect(lastPort(ports).posted).toEqual([
      { type: 'intent', key: 'early', intent: { kind: 'focus-tab' } },
      { type: 'intent', key: '7:0:DOC', intent: { kind: 'unpin' } },
    ]);
  });

  it('swallows a postMessage that throws (the Port just closed) and sends it after reconnecting', () => {
    const { connect, ports } = fakeConnect();
    const { later, scheduled } = fakeLater();
    const store = createDeckStore(connect, later);
    const first = lastPort(ports);
    first.throwOnPost = true;
    expect(() =>
      store.send({ type: 'intent', key: '7:0:DOC', intent: { kind: 'focus-tab' } }),
    ).not.toThrow();
    first.disconnect();
    scheduled[0]?.fn();
    expect(lastPort(ports).posted).toEqual([
      { type: 'intent', key: '7:0:DOC', intent: { kind: 'focus-tab' } },
    ]);
  });

  it('a click made while the worker restarts reaches the new Port once, in order', () => {
    const { connect, ports } = fakeConnect();
    const { later, scheduled } = fakeLater();
    const store = createDeckStore(connect, later);
    lastPort(ports).disconnect();
    const next: IntentMessage = {
      type: 'intent',
      key: '7:0:DOC',
      intent: { kind: 'action', details: { action: 'nexttrack' } },
    };
    const pause: IntentMessage = {
      type: 'intent',
      key: '7:0:DOC',
      intent: { kind: 'action', details: { action: 'pause' } },
    };
    store.send(next);
    store.send(pause);
    scheduled[0]?.fn();
    expect(lastPort(ports).posted).toEqual([next, pause]);
    // Sent once: a later reconnect does not repeat them.
    lastPort(ports).disconnect();
    scheduled[1]?.fn();
    expect(lastPort(ports).posted).toEqual([]);
  });

  it('a command that fails again on reconnect still expires QUEUE_MAX_AGE_MS after the click', () => {
    const { connect: realConnect, ports } = fakeConnect();
    let clock = 0;
    let failNext = false;
    const connect = vi.fn((name: string): PortLike => {
      const port = realConnect(name) as FakePort;
      port.throwOnPost = failNext; // the new Port is dead at once
      return port;
    });
    const { later, scheduled } = fakeLater();
    const store = createDeckStore(connect, later, () => clock);
    lastPort(ports).disconnect();
    store.send({ type: 'intent', key: 'clicked-at-0', intent: { kind: 'focus-tab' } });
    clock = QUEUE_MAX_AGE_MS - 1000;
    failNext = true;
    scheduled[0]?.fn(); // reconnects, the post throws: queued again, with its first time
    expect(lastPort(ports).posted).toEqual([]);
    lastPort(ports).disconnect();
    clock = QUEUE_MAX_AGE_MS + 1000;
    failNext = false;
    scheduled[1]?.fn();
    expect(lastPort(ports).posted).toEqual([]); // too old by now: dropped, not sent late
  });

  it('keeps only the newest QUEUE_LIMIT commands, and drops those older than QUEUE_MAX_AGE_MS', () => {
    const { connect, ports } = fakeConnect();
    const { later, scheduled } = fakeLater();
    let clock = 1_000;
    const store = createDeckStore(connect, later, () => clock);
    lastPort(ports).disconnect();
    store.send({ type: 'intent', key: 'stale', intent: { kind: 'focus-tab' } });
    clock += QUEUE_MAX_AGE_MS + 1;
    for (let i = 0; i < QUEUE_LIMIT; i++)
      store.send({ type: 'intent', key: `k${i}`, intent: { kind: 'focus-tab' } });
    store.send({ type: 'intent', key: 'last', intent: { kind: 'unpin' } }); // pushes k0 out
    scheduled[0]?.fn();
    const keys = lastPort(ports).posted.map((m) => (m as { key: string | null }).key);
    expect(keys).toEqual([
      ...Array.from({ length: QUEUE_LIMIT - 1 }, (_, i) => `k${i + 1}`),
      'last',
    ]);
  });
});

describe('createDeckStore: answers each snapshot once drawn', () => {
  it('posts `shown` after the views drew a snapshot, valid or not, and not for a Port that died', () => {
    const { connect, ports } = fakeConnect();
    const draws: (() => void)[] = [];
    createDeckStore(connect, fakeLater().later, Date.now, (fn) => draws.push(fn));
    const first = lastPort(ports);
    first.deliver({ type: 'snapshot', snapshot: snapshotOf([sessionView()]) });
    expect(first.shown).toBe(0); // not before the draw
    draws.shift()?.();
    expect(first.shown).toBe(1);
    first.deliver({ type: 'snapshot', snapshot: { sessions: 'not a list' } });
    draws.shift()?.();
    expect(first.shown).toBe(2); // refused, but answered: the worker would wait for it
    first.deliver({ type: 'snapshot', snapshot: snapshotOf([]) });
    first.disconnect();
    draws.shift()?.();
    expect(first.shown).toBe(2);
    expect(first.posted).toEqual([]);
  });
});
