import { describe, expect, it, vi } from 'vitest';
import { frameState, metadata, T0 } from '../../tests/support/fixtures';
import type { Session } from '../shared/session';
import { revalidateSessions } from './revalidate-sessions';
import { SessionRegistry } from './session-registry';

const ORIGIN = 'https://player.test';

/** A registry as restored from storage: tabs 1..n, one titled session each, pinned tab 1. */
function restored(n: number): SessionRegistry {
  const registry = new SessionRegistry();
  for (let tabId = 1; tabId <= n; tabId++) {
    registry.report(
      { tabId, frameId: 0, documentId: `DOC${tabId}` },
      ORIGIN,
      frameState({ metadata: metadata({ title: `Track ${tabId}` }), actions: ['play'] }),
      T0,
    );
  }
  registry.pin('1:0:DOC1');
  const { sessionData, ...index } = JSON.parse(JSON.stringify(registry.toData()));
  const restarted = new SessionRegistry();
  restarted.restore(index, sessionData);
  return restarted;
}

const keys = (registry: SessionRegistry) => registry.all().map((s) => s.key);

describe('revalidateSessions', () => {
  it('keeps sessions whose document answers true and removes those that cannot be reached', async () => {
    const registry = restored(3);
    const announce = vi.fn(async (s: Session) => {
      if (s.tabId === 2)
        throw new Error('Could not establish connection. Receiving end does not exist.');
      return true;
    });
    const removed = await revalidateSessions(registry, { hasLivePort: () => false, announce });
    expect(removed).toEqual(['2:0:DOC2']);
    expect(keys(registry)).toEqual(['1:0:DOC1', '3:0:DOC3']);
    // Each restored session was asked exactly once, at its own frame and document.
    expect(announce.mock.calls.map(([s]) => [s.tabId, s.frameId, s.documentId])).toEqual([
      [1, 0, 'DOC1'],
      [2, 0, 'DOC2'],
      [3, 0, 'DOC3'],
    ]);
  });

  it('removes a session whose frame answers false (nothing left to report) or not a boolean', async () => {
    const registry = restored(3);
    const answers: Record<number, unknown> = { 1: false, 2: 'handler', 3: true };
    const removed = await revalidateSessions(registry, {
      hasLivePort: () => false,
      announce: async (s) => answers[s.tabId],
    });
    expect(removed.sort()).toEqual(['1:0:DOC1', '2:0:DOC2']);
    expect(keys(registry)).toEqual(['3:0:DOC3']);
    // The pin went with its session.
    expect(registry.index().pinned).toBeNull();
  });

  it('does not ask sessions that already reported on a live Port in this worker', async () => {
    const registry = restored(2);
    const announce = vi.fn(async () => {
      throw new Error('unreachable');
    });
    const removed = await revalidateSessions(registry, {
      hasLivePort: (key) => key === '1:0:DOC1',
      announce,
    });
    expect(announce).toHaveBeenCalledTimes(1);
    expect(removed).toEqual(['2:0:DOC2']);
    expect(keys(registry)).toEqual(['1:0:DOC1']);
  });

  it('keeps a session that reconnected while its answer was on the way, whatever the answer', async () => {
    const registry = restored(1);
    const live = new Set<string>();
    const removed = await revalidateSessions(registry, {
      hasLivePort: (key) => live.has(key),
      announce: async (s) => {
        live.add(s.key); // the bridge's new Port reported first
        throw new Error('message channel closed before a response was received');
      },
    });
    expect(removed).toEqual([]);
    expect(keys(registry)).toEqual(['1:0:DOC1']);
  });

  it('does nothing, and asks nobody, for an empty registry', async () => {
    const announce = vi.fn();
    expect(
      await revalidateSessions(new SessionRegistry(), { hasLivePort: () => false, announce }),
    ).toEqual([]);
    expect(announce).not.toHaveBeenCalled();
  });
});
