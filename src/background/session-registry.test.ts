import { describe, expect, it } from 'vitest';
import {
  EMPTY_FRAME_STATE,
  frameState,
  media,
  metadata,
  pos,
  T0,
} from '../../tests/support/fixtures';
import type { FrameState } from '../shared/contract';
import { LIMITS } from '../shared/limits';
import { type SessionIdentity, sessionKey, type TabInfo } from '../shared/session';
import { buildSnapshot } from './deck-snapshot';
import { type RegistryChange, type RegistryData, SessionRegistry } from './session-registry';

const ORIGIN = 'https://player.test';

let starts = 0;

/**
 * A titled page whose element has just started playing audibly, the user having just pressed play
 * in it: each call is a new start (`media.startedAt`).
 */
function playing(title: string): FrameState {
  starts++;
  return frameState({
    metadata: metadata({ title }),
    actions: ['play', 'pause'],
    playbackState: 'playing',
    positionState: pos(),
    media: media({ playing: true, audible: true, startedAt: T0 + starts, startedByUser: true }),
  });
}

/** The same page, paused (its element never started). */
function paused(title: string): FrameState {
  return frameState({
    metadata: metadata({ title }),
    actions: ['play', 'pause'],
    playbackState: 'paused',
    positionState: pos(),
    media: media({ playing: false, audible: false, startedAt: null, startedByUser: false }),
  });
}

function id(tabId: number, frameId = 0, documentId = `DOC${tabId}`): SessionIdentity {
  return { tabId, frameId, documentId };
}

function key(tabId: number, frameId = 0, documentId = `DOC${tabId}`): string {
  return sessionKey(id(tabId, frameId, documentId));
}

function tabPatch(tabId: number, overrides: Partial<TabInfo> = {}): Partial<TabInfo> {
  return {
    windowId: 1,
    title: `Tab ${tabId}`,
    url: `${ORIGIN}/${tabId}`,
    audible: false,
    muted: false,
    active: false,
    ...overrides,
  };
}

/** A registry fed a sequence of reports, one per millisecond. */
function withReports(...reports: [SessionIdentity, FrameState][]): SessionRegistry {
  const registry = new SessionRegistry();
  reports.forEach(([identity, state], i) => {
    registry.report(identity, ORIGIN, state, T0 + i);
  });
  return registry;
}

/** What a popup would show of `registry` (no auto-PiP decisions, no notice). */
function snapshotOf(registry: SessionRegistry) {
  return buildSnapshot(registry, new Map(), null, () => null);
}

function order(registry: SessionRegistry): string[] {
  return snapshotOf(registry).sessions.map((s) => s.key);
}

/** A registry rebuilt from `data` as a restarted worker would: through JSON, into a new one. */
function restoredFrom(data: unknown, into = new SessionRegistry()): SessionRegistry {
  const copy = JSON.parse(JSON.stringify(data ?? null)) as Partial<RegistryData> | null;
  const { sessionData, ...index } = copy ?? {};
  into.restore(copy === null ? null : index, Array.isArray(sessionData) ? sessionData : []);
  return into;
}

describe('SessionRegistry.report', () => {
  it.each<{
    name: string;
    before: FrameState[];
    state: FrameState;
    result: string;
    exists: boolean;
  }>([
    { name: 'a new session', before: [], state: playing('A'), result: 'added', exists: true },
    {
      name: 'a bare element',
      before: [],
      state: frameState({ media: media({ playing: false }) }),
      result: 'added',
      exists: true,
    },
    {
      name: 'a microphone flag alone',
      before: [],
      state: frameState({ microphoneActive: true }),
      result: 'added',
      exists: true,
    },
    {
      name: 'a changed session',
      before: [playing('A')],
      state: paused('A'),
      result: 'updated',
      exists: true,
    },
    {
      name: 'an empty state for a known session',
      before: [playing('A')],
      state: EMPTY_FRAME_STATE,
      result: 'removed',
      exists: false,
    },
    {
      name: 'an empty state for an unknown session',
      before: [],
      state: EMPTY_FRAME_STATE,
      result: 'unchanged',
      exists: false,
    },
  ])('$name → $result', ({ before, state, result, exists }) => {
    const registry = new SessionRegistry();
    for (const s of before) registry.report(id(1), ORIGIN, s, T0);
    expect(registry.report(id(1), ORIGIN, state, T0 + 1000)).toBe(result);
    expect(registry.get(key(1)) !== undefined).toBe(exists);
    expect(registry.hasTab(1)).toBe(exists);
  });

  it('stores the state, the identity and the sender origin', () => {
    const registry = new SessionRegistry();
    const state = playing('A');
    registry.report(id(4, 2, 'X'), 'https://embed.test', state, T0);
    expect(registry.get('4:2:X')).toEqual({
      key: '4:2:X',
      tabId: 4,
      frameId: 2,
      documentId: 'X',
      origin: 'https://embed.test',
      state,
      firstSeenAt: T0,
      updatedAt: T0,
    });
  });

  it('keeps firstSeenAt and moves updatedAt on update', () => {
    const registry = new SessionRegistry();
    registry.report(id(1), ORIGIN, paused('A'), T0);
    registry.report(id(1), ORIGIN, playing('A'), T0 + 5000);
    expect(registry.get(key(1))).toMatchObject({ firstSeenAt: T0, updatedAt: T0 + 5000 });
  });

  it('removing by empty state drops the session from focus and forgets its tab', () => {
    const registry = withReports([id(1), playing('A')], [id(2), playing('B')]);
    registry.updateTab(2, tabPatch(2));
    expect(registry.knowsTab(2)).toBe(true);
    expect(registry.report(id(2), ORIGIN, EMPTY_FRAME_STATE, T0 + 10)).toBe('removed');
    expect(registry.activeKey()).toBe(key(1));
    expect(registry.knowsTab(2)).toBe(false);
    expect(order(registry)).toEqual([key(1)]);
  });

  it('a reappearing session after an empty state is added again, with a new firstSeenAt', () => {
    const registry = new SessionRegistry();
    registry.report(id(1), ORIGIN, playing('A'), T0);
    registry.report(id(1), ORIGIN, EMPTY_FRAME_STATE, T0 + 1);
    expect(registry.report(id(1), ORIGIN, paused('A'), T0 + 2)).toBe('added');
    expect(registry.get(key(1))?.firstSeenAt).toBe(T0 + 2);
  });
});

describe('SessionRegistry focus', () => {
  it('has no active session when empty', () => {
    const registry = new SessionRegistry();
    expect(registry.activeKey()).toBeNull();
    expect(snapshotOf(registry)).toEqual({
      sessions: [],
      activeKey: null,
      pinnedKey: null,
      notice: null,
    });
  });

  it('an audible start raises the session to the top', () => {
    const registry = withReports([id(1), playing('A')], [id(2), playing('B')]);
    expect(registry.activeKey()).toBe(key(2));
    expect(order(registry)).toEqual([key(2), key(1)]);
  });

  it('a muted (inaudible) start does not raise the session', () => {
    const registry = withReports(
      [id(1), playing('A')],
      [
        id(2),
        frameState({
          ...playing('B'),
          media: media({ muted: true, audible: false, startedAt: null, startedByUser: false }),
        }),
      ],
    );
    expect(registry.activeKey()).toBe(key(1));
  });

  it('continued audible playback does not re-raise the session', () => {
    const a = playing('A');
    const registry = withReports(
      [id(1), a],
      [id(2), playing('B')],
      [id(1), { ...a, positionState: pos({ position: 20 }) }],
    );
    expect(registry.activeKey()).toBe(key(2));
  });

  it('pausing does not move focus: play/pause twice toggles the same session', () => {
    const registry = withReports([id(1), playing('A')], [id(2), playing('B')]);
    const steps: [FrameState, string][] = [
      [paused('B'), key(2)],
      [playing('B'), key(2)],
      [paused('B'), key(2)],
      [playing('B'), key(2)],
    ];
    steps.forEach(([state, expected], i) => {
      registry.report(id(2), ORIGIN, state, T0 + 100 + i);
      expect(registry.activeKey()).toBe(expected);
    });
  });

  // Bug: a paused bare element (no metadata title) is not controllable (session.ts isControllable),
  // so pausing it moves focus away and the second play/pause press cannot bring it back.
  it('pausing a bare <video> does not move focus either', () => {
    const bare = (isPlaying: boolean) =>
      frameState({
        media: media({ playing: isPlaying, audible: isPlaying, startedAt: T0 + 1000 }),
      });
    const registry = withReports([id(1), playing('A')], [id(2), bare(true)]);
    expect(registry.activeKey()).toBe(key(2));
    registry.report(id(2), ORIGIN, bare(false), T0 + 10);
    expect(registry.activeKey()).toBe(key(2));
  });

  it('pausing the active session while another plays keeps focus on the paused one', () => {
    const registry = withReports([id(1), playing('A')], [id(2), playing('B')]);
    registry.report(id(2), ORIGIN, paused('B'), T0 + 10);
    expect(registry.activeKey()).toBe(key(2));
  });

  it('focus follows the most recent audible start across two tabs', () => {
    const registry = new SessionRegistry();
    const steps: [SessionIdentity, FrameState, string][] = [
      [id(1), playing('A'), key(1)],
      [id(2), playing('B'), key(2)],
      [id(1), paused('A'), key(2)],
      [id(1), playing('A'), key(1)],
      [id(2), paused('B'), key(1)],
      [id(2), playing('B'), key(2)],
    ];
    steps.forEach(([identity, state, expected], i) => {
      registry.report(identity, ORIGIN, state, T0 + i);
      expect(registry.activeKey(), `step ${i}`).toBe(expected);
    });
  });

  it('a start that arrives after a later one does not jump it (reports travel on separate Ports)', () => {
    const registry = new SessionRegistry();
    const a = playing('A'); // A started first…
    const b = playing('B'); // …then B
    registry.report(id(2), ORIGIN, b, T0 + 10); // B's report arrives first
    registry.report(id(1), ORIGIN, a, T0 + 11); // A's late report
    expect(registry.activeKey()).toBe(key(2));
    registry.report(id(1), ORIGIN, playing('A'), T0 + 12); // A starts again, later than B
    expect(registry.activeKey()).toBe(key(1));
  });

  it('the keys rule: the tab the user is on (in the focused window), else the most recent', () => {
    const changes: unknown[] = [];
    const registry = new SessionRegistry((c) => changes.push(c));
    registry.report(id(1), ORIGIN, playing('A'), T0);
    registry.report(id(2), ORIGIN, playing('B'), T0 + 1);
    registry.updateTab(1, tabPatch(1, { windowId: 1, active: true }));
    registry.updateTab(2, tabPatch(2, { windowId: 2, active: true }));
    registry.focusWindow(1);
    expect(registry.activeKey()).toBe(key(2)); // most recent
    changes.length = 0;
    expect(registry.setKeysRule('current-tab')).toBe(true);
    expect(changes).toHaveLength(1); // the popup and toolbar follow
    expect(registry.activeKey()).toBe(key(1));
    expect(snapshotOf(registry).activeKey).toBe(key(1));
    registry.focusWindow(2);
    expect(registry.activeKey()).toBe(key(2));
    // A command's own tab wins over what the registry knows.
    expect(registry.activeKey(1)).toBe(key(1));
    // A window whose active tab has no session: the most recent.
    registry.focusWindow(3);
    expect(registry.activeKey()).toBe(key(2));
    registry.setKeysRule('pinned-only');
    expect(registry.activeKey()).toBeNull();
    registry.pin(key(1));
    expect(registry.activeKey()).toBe(key(1));
    expect(registry.setKeysRule('pinned-only')).toBe(false);
  });

  it('a transient ping does not take focus', () => {
    const ping = frameState({ media: media({ position: pos({ duration: 1.5, position: 0 }) }) });
    const registry = withReports([id(1), playing('A')], [id(2), ping]);
    expect(registry.activeKey()).toBe(key(1));
  });

  it('falls back to the newest controllable session that never played', () => {
    const registry = withReports(
      [id(1), paused('A')],
      [id(2), paused('B')],
      [id(3), EMPTY_FRAME_STATE],
    );
    expect(registry.activeKey()).toBe(key(2));
  });

  it('pin wins over the stack, and unpin hands focus back', () => {
    const registry = withReports([id(1), playing('A')], [id(2), playing('B')]);
    expect(registry.pin(key(1))).toBe(true);
    expect(registry.activeKey()).toBe(key(1));
    // A newer audible start does not steal a pinned focus.
    registry.report(id(3), ORIGIN, playing('C'), T0 + 10);
    expect(registry.activeKey()).toBe(key(1));
    const snapshot = snapshotOf(registry);
    expect(snapshot.pinnedKey).toBe(key(1));
    expect(snapshot.sessions[0]).toMatchObject({ key: key(1), active: true, pinned: true });
    expect(snapshot.sessions.filter((s) => s.pinned)).toHaveLength(1);

    expect(registry.pin(null)).toBe(true);
    expect(registry.activeKey()).toBe(key(3));
    expect(snapshotOf(registry).pinnedKey).toBeNull();
  });

  it.each<{ name: string; pin: string | null; first: boolean; second: boolean }>([
    { name: 'a known key', pin: '1:0:DOC1', first: true, second: false },
    { name: 'an unknown key', pin: '9:0:DOC9', first: false, second: false },
    { name: 'null when nothing is pinned', pin: null, first: false, second: false },
  ])('pin($name) reports a change only once', ({ pin, first, second }) => {
    const registry = withReports([id(1), playing('A')]);
    expect(registry.pin(pin)).toBe(first);
    expect(registry.pin(pin)).toBe(second);
  });

  it('a pinned session that stops being controllable yields to the stack but stays pinned', () => {
    const registry = withReports(
      [id(1), frameState({ media: media({ playing: true }) })],
      [id(2), playing('B')],
    );
    registry.pin(key(1));
    expect(registry.activeKey()).toBe(key(1));
    // The page removed its media and kept only a handler: nothing to control any more.
    registry.report(id(1), ORIGIN, frameState({ actions: ['play'] }), T0 + 10);
    expect(registry.activeKey()).toBe(key(2));
    expect(snapshotOf(registry).pinnedKey).toBe(key(1));
  });

  it('removing the active session hands focus to the next in the stack', () => {
    const registry = withReports(
      [id(1), playing('A')],
      [id(2), playing('B')],
      [id(3), playing('C')],
    );
    expect(registry.activeKey()).toBe(key(3));
    expect(registry.removeSession(key(3))).toBe(true);
    expect(registry.activeKey()).toBe(key(2));
    expect(registry.removeSession(key(2))).toBe(true);
    expect(registry.activeKey()).toBe(key(1));
    expect(registry.removeSession(key(1))).toBe(true);
    expect(registry.activeKey()).toBeNull();
  });

  it('removing an unknown session changes nothing', () => {
    const registry = withReports([id(1), playing('A')]);
    expect(registry.removeSession(key(2))).toBe(false);
    expect(registry.removeSession(key(1))).toBe(true);
    expect(registry.removeSession(key(1))).toBe(false);
  });

  it('removing the pinned session unpins it', () => {
    const registry = withReports([id(1), playing('A')], [id(2), playing('B')]);
    registry.pin(key(1));
    registry.removeSession(key(1));
    expect(snapshotOf(registry).pinnedKey).toBeNull();
    expect(registry.activeKey()).toBe(key(2));
    // A new session with the same key is not pinned.
    registry.report(id(1), ORIGIN, paused('A'), T0 + 10);
    expect(registry.activeKey()).toBe(key(2));
  });
});

describe('SessionRegistry tabs', () => {
  it('removeTab removes every frame of the tab and nothing else', () => {
    const registry = withReports(
      [id(1, 0), playing('A top')],
      [id(1, 3), playing('A embed')],
      [id(1, 5, 'OTHER'), paused('A other')],
      [id(2), playing('B')],
    );
    registry.updateTab(1, tabPatch(1));
    registry.updateTab(2, tabPatch(2));
    expect(registry.removeTab(1)).toBe(true);
    expect(registry.all().map((s) => s.key)).toEqual([key(2)]);
    expect(registry.hasTab(1)).toBe(false);
    expect(registry.knowsTab(1)).toBe(false);
    expect(registry.knowsTab(2)).toBe(true);
    expect(registry.activeKey()).toBe(key(2));
  });

  it('removeTab of an unknown tab changes nothing', () => {
    const registry = withReports([id(1), playing('A')]);
    expect(registry.removeTab(7)).toBe(false);
    expect(registry.all()).toHaveLength(1);
  });

  it('removeTab of a tab with sessions but no tab info still reports a change', () => {
    const registry = withReports([id(1), playing('A')]);
    expect(registry.removeTab(1)).toBe(true);
    expect(registry.all()).toEqual([]);
  });

  it('updateTab is ignored for tabs without sessions', () => {
    const registry = withReports([id(1), playing('A')]);
    expect(registry.updateTab(2, tabPatch(2, { audible: true }))).toBe(false);
    expect(registry.knowsTab(2)).toBe(false);
    expect(registry.tab(2)).toBeUndefined();
  });

  it('updateTab records, merges, and reports only real changes', () => {
    const registry = withReports([id(1), playing('A')]);
    expect(registry.updateTab(1, tabPatch(1, { title: 'First' }))).toBe(true);
    expect(registry.tab(1)).toEqual({
      tabId: 1,
      windowId: 1,
      title: 'First',
      url: `${ORIGIN}/1`,
      audible: false,
      muted: false,
      active: false,
    });
    expect(registry.updateTab(1, tabPatch(1, { title: 'First' }))).toBe(false);
    expect(registry.updateTab(1, { muted: true })).toBe(true);
    expect(registry.tab(1)).toMatchObject({ title: 'First', muted: true, windowId: 1 });
    expect(registry.updateTab(1, { muted: true })).toBe(false);
  });

  it('updateTab fills defaults for a first partial patch', () => {
    const registry = withReports([id(1), playing('A')]);
    registry.updateTab(1, { title: 'Only title' });
    expect(registry.tab(1)).toEqual({
      tabId: 1,
      windowId: -1,
      title: 'Only title',
      url: '',
      audible: false,
      muted: false,
      active: false,
    });
  });

  it('updateTab keys by its tabId argument, not the patch', () => {
    const registry = withReports([id(1), playing('A')]);
    registry.updateTab(1, { ...tabPatch(1), tabId: 99 });
    expect(registry.tab(1)?.tabId).toBe(1);
    expect(registry.knowsTab(99)).toBe(false);
  });

  it('a tab turning audible does not move focus: a page can make noise at will', () => {
    // Tab 1 plays through Web Audio: the page says playing, but no element is audible.
    const webAudio = frameState({
      metadata: metadata({ title: 'Synth' }),
      playbackState: 'playing',
    });
    const registry = withReports([id(1), webAudio], [id(2), playing('B')]);
    registry.updateTab(1, tabPatch(1));
    expect(registry.activeKey()).toBe(key(2));
    expect(registry.updateTab(1, { audible: true })).toBe(true);
    expect(registry.activeKey()).toBe(key(2));
  });

  it('playbackState changes alone never move focus', () => {
    const synth = (playbackState: FrameState['playbackState']) =>
      frameState({ metadata: metadata({ title: 'Synth' }), playbackState, activated: true });
    const registry = withReports([id(1), synth('paused')], [id(2), playing('B')]);
    registry.updateTab(1, tabPatch(1, { audible: true, active: true }));
    for (let i = 0; i < 8; i++) {
      registry.report(id(1), ORIGIN, synth(i % 2 ? 'paused' : 'playing'), T0 + 10 + i);
      expect(registry.activeKey()).toBe(key(2));
    }
  });

  it('activateTab marks one tab active per window', () => {
    const registry = withReports([id(1), paused('A')], [id(2), paused('B')], [id(3), paused('C')]);
    registry.updateTab(1, tabPatch(1, { windowId: 1, active: true }));
    registry.updateTab(2, tabPatch(2, { windowId: 1, active: false }));
    registry.updateTab(3, tabPatch(3, { windowId: 2, active: true }));

    expect(registry.activateTab(2, 1)).toBe(true);
    expect([1, 2, 3].map((t) => registry.tab(t)?.active)).toEqual([false, true, true]);
    expect(registry.activateTab(2, 1)).toBe(false);

    // A tab with no session becomes active: every known tab of that window is inactive.
    expect(registry.activateTab(42, 1)).toBe(true);
    expect([1, 2, 3].map((t) => registry.tab(t)?.active)).toEqual([false, false, true]);
    expect(registry.knowsTab(42)).toBe(false);
  });

  it('activateTab in an unknown window changes nothing', () => {
    const registry = withReports([id(1), paused('A')]);
    registry.updateTab(1, tabPatch(1, { windowId: 1, active: true }));
    expect(registry.activateTab(1, 9)).toBe(false);
    expect(registry.tab(1)?.active).toBe(true);
  });
});

describe('SessionRegistry.snapshot', () => {
  it('lists the active session first, then the stack, then the rest newest first', () => {
    const registry = new SessionRegistry();
    registry.report(id(1), ORIGIN, paused('never played, old'), T0);
    registry.report(id(2), ORIGIN, playing('B'), T0 + 1);
    registry.report(id(3), ORIGIN, playing('C'), T0 + 2);
    registry.report(id(4), ORIGIN, paused('never played, new'), T0 + 3);
    registry.pin(key(2));
    const snapshot = snapshotOf(registry);
    expect(snapshot.activeKey).toBe(key(2));
    expect(snapshot.sessions.map((s) => s.key)).toEqual([key(2), key(3), key(4), key(1)]);
    expect(snapshot.sessions.map((s) => s.active)).toEqual([true, false, false, false]);
    expect(snapshot.sessions.map((s) => s.title)).toEqual([
      'B',
      'C',
      'never played, new',
      'never played, old',
    ]);
  });

  it('uses the tab facts it knows', () => {
    const registry = withReports([id(1), frameState({ media: media() })]);
    registry.updateTab(1, tabPatch(1, { title: 'Tab title', muted: true, audible: true }));
    expect(snapshotOf(registry).sessions[0]).toMatchObject({
      title: 'Tab title',
      tabMuted: true,
      tabAudible: true,
      pageUrl: `${ORIGIN}/1`,
      host: 'player.test',
    });
  });

  it('agrees with activeKey()', () => {
    const registry = withReports([id(1), playing('A')], [id(2), paused('B')]);
    expect(snapshotOf(registry).activeKey).toBe(registry.activeKey());
  });
});

describe('SessionRegistry persistence', () => {
  function populated(): SessionRegistry {
    const registry = withReports(
      [id(1), playing('A')],
      [id(2, 0), playing('B')],
      [
        id(2, 4, 'EMBED'),
        frameState({ media: media({ playing: false, startedAt: null, startedByUser: false }) }),
      ],
      [id(3), paused('C')],
    );
    registry.updateTab(1, tabPatch(1, { audible: true, active: true }));
    registry.updateTab(2, tabPatch(2, { muted: true, windowId: 2 }));
    registry.pin(key(1));
    return registry;
  }

  it('round-trips through toData/restore (via JSON, as storage does)', () => {
    const original = populated();
    const data = original.toData();
    const restored = restoredFrom(data);
    expect(restored.toData()).toEqual(data);
    expect(snapshotOf(restored)).toEqual(snapshotOf(original));
    expect(restored.activeKey()).toBe(key(1));
    // The restored stack still drives focus: unpinned, the most recent audible start wins.
    restored.pin(null);
    original.pin(null);
    expect(restored.activeKey()).toBe(key(2));
    expect(restored.activeKey()).toBe(original.activeKey());
  });

  it('toData returns copies that do not alias the registry', () => {
    const registry = populated();
    const data = registry.toData();
    data.stack.length = 0;
    data.sessionData.length = 0;
    data.sessions.length = 0;
    expect(registry.activeKey()).toBe(key(1));
    expect(registry.all()).toHaveLength(4);
  });

  it('restore drops stack entries and a pin that name no session', () => {
    const data = populated().toData();
    const restored = restoredFrom({
      ...data,
      stack: ['9:0:GONE', ...data.stack],
      pinned: '9:0:GONE',
    });
    expect(restored.toData().stack).toEqual(data.stack);
    expect(restored.toData().pinned).toBeNull();
    expect(restored.activeKey()).toBe(key(2));
  });

  it('restore keeps what was reported since the worker started: newer state, higher focus, its pin', () => {
    const stored = populated().toData(); // pinned 1, stack 2, 1
    const live = new SessionRegistry();
    live.report(id(3), ORIGIN, playing('C, playing now'), T0 + 100);
    live.report(id(4), ORIGIN, paused('D, new'), T0 + 101);
    restoredFrom(stored, live);
    expect(live.get(key(3))?.state.metadata?.title).toBe('C, playing now');
    expect(
      live
        .all()
        .map((s) => s.key)
        .sort(),
    ).toEqual([key(1), key(2), key(2, 4, 'EMBED'), key(3), key(4)].sort());
    expect(live.toData().stack).toEqual([key(3), key(2), key(1)]);
    expect(live.activeKey()).toBe(key(1)); // the stored pin, as nothing was pinned since
    const pinnedSince = new SessionRegistry();
    pinnedSince.report(id(4), ORIGIN, paused('D'), T0 + 100);
    pinnedSince.pin(key(4));
    restoredFrom(stored, pinnedSince);
    expect(pinnedSince.activeKey()).toBe(key(4));
  });

  it('restore tells the listener once, with the index changed', () => {
    const changes: RegistryChange[] = [];
    restoredFrom(populated().toData(), new SessionRegistry((c) => changes.push(c)));
    expect(changes).toEqual([{ updated: [], removed: [], index: true }]);
  });

  const valid = (): RegistryData => populated().toData();

  it.each<[string, () => unknown]>([
    ['undefined', () => undefined],
    ['null', () => null],
    ['a number', () => 42],
    ['a string', () => 'registry'],
    ['an array', () => [valid()]],
    ['an empty object', () => ({})],
    ['sessions not an array', () => ({ ...valid(), sessions: 'many' })],
    ['a tab without an id', () => ({ ...valid(), tabs: [{ title: 't' }] })],
    ['a numeric stack', () => ({ ...valid(), stack: [1, 2] })],
    [
      'a missing pinned',
      () => {
        const { pinned: _pinned, ...rest } = valid();
        return rest;
      },
    ],
  ])('an unusable index (%s) restores nothing', (_name, make) => {
    let registry: SessionRegistry | undefined;
    expect(() => {
      registry = restoredFrom(make());
    }).not.toThrow();
    expect(registry?.toData()).toEqual({
      sessions: [],
      sessionData: [],
      tabs: [],
      stack: [],
      pinned: null,
    });
    expect(registry?.activeKey()).toBeNull();
  });

  it.each<[string, (session: RegistryData['sessionData'][number]) => unknown]>([
    ['an invalid state', (session) => ({ ...session, state: { playbackState: 'x' } })],
    [
      'a javascript: artwork',
      (session) => ({
        ...session,
        state: {
          ...session.state,
          metadata: {
            ...metadata({ title: 'x' }),
            artwork: [{ src: 'javascript:alert(1)', sizes: '', type: '' }],
          },
        },
      }),
    ],
    ['a key that does not match its identity', (session) => ({ ...session, tabId: 99 })],
    ['not an object', () => 'session'],
  ])('a stored session with %s is left out, the others restored', (_name, spoil) => {
    const data = valid();
    const [first, ...rest] = data.sessionData;
    if (!first) throw new Error('fixture');
    const registry = restoredFrom({ ...data, sessionData: [spoil(first), ...rest] });
    expect(registry.get(first.key)).toBeUndefined();
    expect(registry.all().map((s) => s.key)).toEqual(rest.map((s) => s.key));
  });

  it('a stored session the index does not list is left out', () => {
    const data = valid();
    const registry = restoredFrom({ ...data, sessions: data.sessions.slice(1) });
    expect(registry.all()).toHaveLength(data.sessionData.length - 1);
  });

  it('restore never throws on unreadable input', () => {
    const trap = () => {
      throw new Error('trap');
    };
    const hostile = new Proxy({}, { get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap });
    const getter = {
      get sessions(): never {
        throw new Error('getter');
      },
    };
    for (const [index, sessions] of [
      [hostile, []],
      [getter, []],
      [valid(), [hostile]],
      [{ ...valid(), sessions: hostile }, []],
    ] as [unknown, unknown[]][]) {
      const registry = new SessionRegistry();
      expect(() => registry.restore(index, sessions)).not.toThrow();
    }
  });
});

describe('SessionRegistry changes', () => {
  it('tells the listener what each mutation changed', () => {
    const changes: RegistryChange[] = [];
    const registry = new SessionRegistry((c) => changes.push(c));
    const next = () => changes.splice(0);
    registry.report(id(1), ORIGIN, paused('A'), T0);
    expect(next()).toEqual([{ updated: [key(1)], removed: [], index: true }]);
    registry.report(
      id(1),
      ORIGIN,
      { ...paused('A'), positionState: pos({ position: 50 }) },
      T0 + 1,
    );
    expect(next()).toEqual([{ updated: [key(1)], removed: [], index: false }]);
    const started = playing('A');
    registry.report(id(1), ORIGIN, started, T0 + 2); // an audible start raises it
    expect(next()).toEqual([{ updated: [key(1)], removed: [], index: true }]);
    registry.report(id(1), ORIGIN, started, T0 + 3); // the same again
    expect(next()).toEqual([]);
    registry.pin(key(1));
    registry.updateTab(1, tabPatch(1));
    registry.activateTab(1, 1);
    expect(next()).toEqual([
      { updated: [], removed: [], index: true },
      { updated: [], removed: [], index: true },
      { updated: [], removed: [], index: true },
    ]);
    registry.report(id(1, 3), ORIGIN, paused('B'), T0 + 4);
    next();
    registry.removeTab(1);
    expect(next()).toEqual([{ updated: [], removed: [key(1), key(1, 3)], index: true }]);
    expect(registry.removeTab(1)).toBe(false);
    expect(next()).toEqual([]);
  });
});

describe('SessionRegistry isolation', () => {
  it('a session in one tab is never touched by reports from another identity', () => {
    const registry = new SessionRegistry();
    const mine = playing('Mine');
    registry.report(id(1, 0, 'DOC'), ORIGIN, mine, T0);
    const before = structuredClone(registry.get(key(1, 0, 'DOC')));

    const others: SessionIdentity[] = [
      id(2, 0, 'DOC'),
      id(1, 1, 'DOC'),
      id(1, 0, 'OTHER'),
      id(10, 0, 'DOC'),
      id(11, 0, 'DOC'),
    ];
    others.forEach((other, i) => {
      registry.report(other, 'https://evil.test', playing('Hijack'), T0 + 10 + i);
      registry.report(other, 'https://evil.test', EMPTY_FRAME_STATE, T0 + 20 + i);
      registry.report(other, 'https://evil.test', paused('Hijack'), T0 + 30 + i);
    });

    expect(registry.get(key(1, 0, 'DOC'))).toEqual(before);
    expect(registry.get(key(1, 0, 'DOC'))?.state).toBe(mine);
    expect(registry.all()).toHaveLength(1 + others.length);
    for (const other of others) {
      expect(registry.get(sessionKey(other))?.origin).toBe('https://evil.test');
    }
  });

  it('an empty report from another frame of the same tab does not remove this one', () => {
    const registry = withReports([id(1, 0), playing('Top')], [id(1, 2), playing('Embed')]);
    expect(registry.report(id(1, 2), ORIGIN, EMPTY_FRAME_STATE, T0 + 10)).toBe('removed');
    expect(registry.get(key(1, 0))?.state.metadata?.title).toBe('Top');
    expect(registry.hasTab(1)).toBe(true);
  });

  it('a navigation (new document) makes a new session and leaves the old one alone', () => {
    const registry = withReports([id(1, 0, 'OLD'), playing('Old page')]);
    expect(registry.report(id(1, 0, 'NEW'), ORIGIN, paused('New page'), T0 + 10)).toBe('added');
    expect(registry.get(key(1, 0, 'OLD'))?.state.metadata?.title).toBe('Old page');
    expect(registry.get(key(1, 0, 'NEW'))?.state.metadata?.title).toBe('New page');
  });
});

describe('per-tab limits', () => {
  const dataUrl = (chars: number) => `data:image/png;base64,${'A'.repeat(chars - 22)}`;
  /** A titled state whose artwork is one data URL of `chars` characters. */
  const withArtwork = (title: string, chars: number) =>
    frameState({
      metadata: metadata({
        title,
        artwork: [{ src: dataUrl(chars), sizes: '96x96', type: 'image/png' }],
      }),
    });

  it('refuses a new session past LIMITS.sessionsPerTab, in that tab only', () => {
    const registry = new SessionRegistry();
    for (let frame = 0; frame < LIMITS.sessionsPerTab; frame++) {
      expect(registry.report(id(1, frame), ORIGIN, paused(`f${frame}`), T0)).toBe('added');
    }
    expect(registry.report(id(1, 999), ORIGIN, paused('one too many'), T0)).toBe('refused');
    expect(registry.all()).toHaveLength(LIMITS.sessionsPerTab);
    // Another tab is not affected, and the full tab's sessions still update.
    expect(registry.report(id(2), ORIGIN, paused('other tab'), T0)).toBe('added');
    expect(registry.report(id(1, 0), ORIGIN, playing('f0'), T0 + 1)).toBe('updated');
    // A frame that leaves makes room again.
    expect(registry.removeSession(key(1, 0))).toBe(true);
    expect(registry.report(id(1, 999), ORIGIN, paused('now it fits'), T0 + 2)).toBe('added');
  });

  it('a restore merging into a tab that filled up meanwhile keeps to LIMITS.sessionsPerTab', () => {
    const stored = new SessionRegistry();
    for (let frame = 0; frame < LIMITS.sessionsPerTab; frame++) {
      stored.report(id(1, frame), ORIGIN, paused(`stored ${frame}`), T0);
    }
    const live = new SessionRegistry();
    for (let frame = 100; frame < 110; frame++) {
      live.report(id(1, frame), ORIGIN, paused(`live ${frame}`), T0 + 1);
    }
    restoredFrom(stored.toData(), live);
    expect(live.all()).toHaveLength(LIMITS.sessionsPerTab);
    expect(live.all().filter((s) => s.state.metadata?.title.startsWith('live'))).toHaveLength(10);
  });

  it('keeps a report without its artwork once the tab’s artwork would pass LIMITS.tabArtworkChars', () => {
    const registry = new SessionRegistry();
    const each = LIMITS.artworkChars;
    const fit = LIMITS.tabArtworkChars / each; // frames whose artwork fits exactly
    for (let frame = 0; frame < fit; frame++) {
      registry.report(id(1, frame), ORIGIN, withArtwork(`f${frame}`, each), T0);
    }
    expect(registry.artworkTrimmed).toBe(0);
    registry.report(id(1, fit), ORIGIN, withArtwork('over', each), T0);
    expect(registry.artworkTrimmed).toBe(1);
    const over = registry.get(key(1, fit));
    expect(over?.state.metadata?.title).toBe('over'); // the session itself is kept
    expect(over?.state.metadata?.artwork).toEqual([]);
    // Every earlier session kept its artwork, and another tab has a budget of its own.
    expect(registry.get(key(1, 0))?.state.metadata?.artwork).toHaveLength(1);
    registry.report(id(2), ORIGIN, withArtwork('other tab', each), T0);
    expect(registry.get(key(2))?.state.metadata?.artwork).toHaveLength(1);
    // A session's own earlier artwork does not count against its update.
    registry.report(id(1, 0), ORIGIN, withArtwork('f0 again', each), T0 + 1);
    expect(registry.get(key(1, 0))?.state.metadata?.artwork).toHaveLength(1);
    expect(registry.artworkTrimmed).toBe(1);
  });
});

describe('SessionRegistry: audio focus follows the user', () => {
  /** An element that just started, as the MAIN world reports it. */
  const start = (
    title: string,
    at: number,
    { byUser = false, activated = false }: { byUser?: boolean; activated?: boolean } = {},
  ) =>
    frameState({
      metadata: metadata({ title }),
      actions: ['play', 'pause'],
      playbackState: 'playing',
      media: media({ playing: true, audible: true, startedAt: at, startedByUser: byUser }),
      activated,
    });

  it('an ad frame the user never touched, in a background tab, never takes focus', () => {
    const registry = new SessionRegistry();
    registry.report(id(1), ORIGIN, start('Music', T0, { byUser: true }), T0);
    registry.report(id(2, 7, 'AD'), 'https://ads.test', start('Ad', T0 + 1), T0 + 1);
    registry.updateTab(2, tabPatch(2, { active: false }));
    for (let i = 2; i < 50; i++) {
      registry.report(id(2, 7, 'AD'), 'https://ads.test', start('Ad', T0 + i), T0 + i * 250);
    }
    expect(registry.activeKey()).toBe(key(1));
  });

  it('a frame the user interacted with takes focus back by itself at most once in 10 s', () => {
    const registry = new SessionRegistry();
    const other = id(2, 3, 'EMBED');
    registry.report(other, 'https://embed.test', start('Embed', T0, { activated: true }), T0);
    expect(registry.activeKey()).toBe(sessionKey(other));
    registry.report(id(1), ORIGIN, start('Music', T0 + 1, { byUser: true }), T0 + 1000);
    expect(registry.activeKey()).toBe(key(1));
    // The embed restarts by itself (its playlist, or a trick): once it may, within 10 s not again.
    registry.report(
      other,
      'https://embed.test',
      start('Embed', T0 + 2, { activated: true }),
      T0 + 20_000,
    );
    expect(registry.activeKey()).toBe(sessionKey(other));
    registry.report(id(1), ORIGIN, start('Music', T0 + 3, { byUser: true }), T0 + 21_000);
    registry.report(
      other,
      'https://embed.test',
      start('Embed', T0 + 4, { activated: true }),
      T0 + 22_000,
    );
    expect(registry.activeKey()).toBe(key(1));
    registry.report(
      other,
      'https://embed.test',
      start('Embed', T0 + 5, { activated: true }),
      T0 + 31_000,
    );
    expect(registry.activeKey()).toBe(sessionKey(other));
  });

  it('a start the user made in the frame always takes focus', () => {
    const registry = new SessionRegistry();
    registry.report(id(1), ORIGIN, start('A', T0, { byUser: true }), T0);
    for (let i = 1; i < 6; i++) {
      const tab = i % 2 ? 2 : 1;
      registry.report(
        id(tab),
        ORIGIN,
        start(tab === 1 ? 'A' : 'B', T0 + i, { byUser: true }),
        T0 + i,
      );
      expect(registry.activeKey()).toBe(key(tab));
    }
  });

  it('the top frame of the tab the user is on may autoplay into focus, once its tab is known', () => {
    const registry = new SessionRegistry();
    registry.report(id(1), ORIGIN, start('Music', T0, { byUser: true }), T0);
    // A new page in the tab the user switched to starts by itself, before its tab facts arrive.
    registry.report(id(2), ORIGIN, start('Autoplay', T0 + 1), T0 + 1);
    expect(registry.activeKey()).toBe(key(1));
    registry.updateTab(2, tabPatch(2, { active: true }));
    expect(registry.activeKey()).toBe(key(2));
    // The same in a background tab stays where it is.
    registry.report(id(3), ORIGIN, start('Background', T0 + 2), T0 + 2);
    registry.updateTab(3, tabPatch(3, { active: false }));
    expect(registry.activeKey()).toBe(key(2));
  });

  it('playing it from Media Deck makes a session active', () => {
    const registry = new SessionRegistry();
    registry.report(id(1), ORIGIN, start('A', T0, { byUser: true }), T0);
    registry.report(id(2, 5, 'AD'), 'https://ads.test', start('Ad', T0 + 1), T0 + 1);
    expect(registry.activeKey()).toBe(key(1));
    expect(registry.raise(key(2, 5, 'AD'))).toBe(true);
    expect(registry.activeKey()).toBe(key(2, 5, 'AD'));
    expect(registry.raise(key(2, 5, 'AD'))).toBe(false); // on top already
    expect(registry.raise('9:0:NONE')).toBe(false);
  });
});
