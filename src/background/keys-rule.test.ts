import { describe, expect, it } from 'vitest';
import { type KeysCandidate, type KeysFacts, keysTarget } from './keys-rule';

const candidate = (key: string, tabId: number, firstSeenAt = 0, controllable = true) =>
  ({ key, tabId, firstSeenAt, controllable }) satisfies KeysCandidate;

// Music in tab 1 started last, a video in tab 2 before it, a podcast in tab 3 never played aloud.
const facts = (patch: Partial<KeysFacts> = {}): KeysFacts => ({
  stack: ['music', 'video'],
  candidates: [candidate('music', 1, 10), candidate('video', 2, 20), candidate('podcast', 3, 30)],
  pinned: null,
  currentTabId: 2,
  ...patch,
});

describe('keysTarget', () => {
  it('most-recent: the latest audible start, whatever tab the user is on', () => {
    expect(keysTarget('most-recent', facts())).toBe('music');
    expect(keysTarget('most-recent', facts({ currentTabId: 3 }))).toBe('music');
  });

  it('most-recent: a pinned session comes first', () => {
    expect(keysTarget('most-recent', facts({ pinned: 'video', currentTabId: 1 }))).toBe('video');
  });

  it('current-tab: the session of the tab the user is on', () => {
    expect(keysTarget('current-tab', facts())).toBe('video');
    // One that never played aloud counts too: it is what the user looks at.
    expect(keysTarget('current-tab', facts({ currentTabId: 3 }))).toBe('podcast');
  });

  it('current-tab: in a tab with several, the most recent of them', () => {
    const candidates = [
      candidate('video', 2, 20),
      candidate('ad', 2, 40),
      candidate('music', 1, 10),
    ];
    expect(keysTarget('current-tab', facts({ candidates, stack: ['music', 'ad', 'video'] }))).toBe(
      'ad',
    );
  });

  it('current-tab: a pin elsewhere does not beat the tab the user is on, one here does', () => {
    expect(keysTarget('current-tab', facts({ pinned: 'music' }))).toBe('video');
    const candidates = [candidate('video', 2, 20), candidate('other', 2, 5)];
    expect(
      keysTarget('current-tab', facts({ candidates, stack: ['video', 'other'], pinned: 'other' })),
    ).toBe('other');
  });

  it('current-tab: falls back to the most recent where the tab has no session, or is unknown', () => {
    expect(keysTarget('current-tab', facts({ currentTabId: 9 }))).toBe('music');
    expect(keysTarget('current-tab', facts({ currentTabId: null }))).toBe('music');
    expect(keysTarget('current-tab', facts({ currentTabId: 9, pinned: 'podcast' }))).toBe(
      'podcast',
    );
  });

  it('current-tab: a session there that cannot be controlled does not count', () => {
    const candidates = [candidate('music', 1, 10), candidate('silent', 2, 20, false)];
    expect(keysTarget('current-tab', facts({ candidates }))).toBe('music');
  });

  it('pinned-only: the pinned session, else nothing', () => {
    expect(keysTarget('pinned-only', facts())).toBeNull();
    expect(keysTarget('pinned-only', facts({ pinned: 'podcast' }))).toBe('podcast');
    const candidates = [candidate('music', 1, 10), candidate('gone', 2, 20, false)];
    expect(keysTarget('pinned-only', facts({ candidates, pinned: 'gone' }))).toBeNull();
  });

  it('nothing at all: null under every rule', () => {
    for (const rule of ['most-recent', 'current-tab', 'pinned-only'] as const) {
      expect(keysTarget(rule, facts({ candidates: [], stack: [] }))).toBeNull();
    }
  });
});
