import { describe, expect, it } from 'vitest';
import { frameState, media, metadata, pos, T0 } from '../../tests/support/fixtures';
import type { FrameState } from '../shared/contract';
import { SessionRegistry } from './session-registry';
import { restingStatus } from './toolbar-status';

function state(title: string, playing: boolean): FrameState {
  return frameState({
    metadata: metadata({ title }),
    actions: ['play', 'pause'],
    playbackState: playing ? 'playing' : 'paused',
    positionState: pos(),
    media: media({
      playing,
      audible: playing,
      startedAt: playing ? T0 : null,
      startedByUser: playing,
    }),
  });
}

describe('restingStatus', () => {
  it('is nothing without sessions', () => {
    expect(restingStatus(new SessionRegistry(), true)).toEqual({ count: 0, active: null });
  });

  it('counts the playing sessions when asked, and names the active one', () => {
    const registry = new SessionRegistry();
    registry.report(
      { tabId: 1, frameId: 0, documentId: 'A' },
      'https://a.test',
      state('One', true),
      T0,
    );
    registry.report(
      { tabId: 2, frameId: 0, documentId: 'B' },
      'https://b.test',
      state('Two', false),
      T0,
    );
    const status = restingStatus(registry, true);
    expect(status.count).toBe(1);
    expect(status.active).toEqual({ title: 'One', host: 'a.test' });
    expect(restingStatus(registry, false).count).toBeNull();
  });
});
