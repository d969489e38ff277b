import { describe, expect, it } from 'vitest';
import { frameState, media, metadata, pos, T0 } from '../../tests/support/fixtures';
import type { FrameState, Position } from './contract';
import { differsBeyondPosition, isEmptyFrameState, isSameReport } from './frame-state';

/** A page playing with its own position state and a playing element, sampled `ms` after T0. */
function playingAt(ms: number, overrides: Partial<FrameState> = {}): FrameState {
  const at = (p: Partial<Position> = {}) =>
    pos({ position: 10 + ms / 1000, updatedAt: T0 + ms, ...p });
  return frameState({
    metadata: metadata(),
    actions: ['play', 'pause', 'seekto'],
    playbackState: 'playing',
    positionState: at(),
    media: media({ position: at() }),
    ...overrides,
  });
}

describe('isEmptyFrameState', () => {
  it('is true for a frame that declares nothing', () => {
    expect(isEmptyFrameState(frameState())).toBe(true);
  });

  it.each<[string, Partial<FrameState>]>([
    ['metadata', { metadata: metadata() }],
    ['metadata with an empty title', { metadata: metadata({ title: '' }) }],
    ['an action handler', { actions: ['play'] }],
    ['a playback state', { playbackState: 'paused' }],
    ['a position state', { positionState: pos() }],
    ['an active microphone', { microphoneActive: true }],
    ['an inactive microphone', { microphoneActive: false }],
    ['a camera flag', { cameraActive: false }],
    ['a screenshare flag', { screenshareActive: true }],
    ['a media element', { media: media({ playing: false }) }],
  ])('is false with %s', (_name, overrides) => {
    expect(isEmptyFrameState(frameState(overrides))).toBe(false);
  });
});

describe('isSameReport', () => {
  it.each<{ name: string; previous: FrameState; next: FrameState; expected: boolean }>([
    { name: 'two empty states', previous: frameState(), next: frameState(), expected: true },
    { name: 'identical', previous: playingAt(0), next: playingAt(0), expected: true },
    {
      name: 'an equal copy (not the same object)',
      previous: playingAt(0),
      next: structuredClone(playingAt(0)),
      expected: true,
    },
    {
      name: 'metadata title changed',
      previous: playingAt(0),
      next: playingAt(0, { metadata: metadata({ title: 'Next song' }) }),
      expected: false,
    },
    {
      name: 'metadata artwork added',
      previous: playingAt(0),
      next: playingAt(0, {
        metadata: metadata({
          artwork: [{ src: 'https://img.test/a.png', sizes: '96x96', type: 'image/png' }],
        }),
      }),
      expected: false,
    },
    {
      name: 'metadata removed',
      previous: playingAt(0),
      next: playingAt(0, { metadata: null }),
      expected: false,
    },
    {
      name: 'an action handler added',
      previous: playingAt(0),
      next: playingAt(0, { actions: ['play', 'pause', 'seekto', 'nexttrack'] }),
      expected: false,
    },
    {
      name: 'paused',
      previous: playingAt(0),
      next: playingAt(0, { playbackState: 'paused' }),
      expected: false,
    },
    {
      name: 'microphone turned on',
      previous: playingAt(0),
      next: playingAt(0, { microphoneActive: true }),
      expected: false,
    },
    {
      name: 'element muted',
      previous: playingAt(0),
      next: playingAt(0, { media: media({ muted: true, audible: false }) }),
      expected: false,
    },
    {
      name: 'steady progress 1 s later',
      previous: playingAt(0),
      next: playingAt(1000),
      expected: true,
    },
    {
      name: 'steady progress 60 s later',
      previous: playingAt(0),
      next: playingAt(60_000),
      expected: true,
    },
    {
      name: 'position 0.4 s ahead of the extrapolation',
      previous: playingAt(0),
      next: playingAt(2000, { positionState: pos({ position: 12.4, updatedAt: T0 + 2000 }) }),
      expected: true,
    },
    {
      name: 'position 0.4 s behind the extrapolation (a small stall)',
      previous: playingAt(0),
      next: playingAt(2000, { positionState: pos({ position: 11.6, updatedAt: T0 + 2000 }) }),
      expected: true,
    },
    {
      name: 'a seek jump in the page position',
      previous: playingAt(0),
      next: playingAt(1000, { positionState: pos({ position: 120, updatedAt: T0 + 1000 }) }),
      expected: false,
    },
    {
      name: 'a seek back in the page position',
      previous: playingAt(0),
      next: playingAt(1000, { positionState: pos({ position: 0, updatedAt: T0 + 1000 }) }),
      expected: false,
    },
    {
      name: 'a seek jump in the element position only',
      previous: playingAt(0),
      next: playingAt(1000, {
        media: media({ position: pos({ position: 200, updatedAt: T0 + 1000 }) }),
      }),
      expected: false,
    },
    {
      name: 'page rate changed',
      previous: playingAt(0),
      next: playingAt(0, { positionState: pos({ playbackRate: 2 }) }),
      expected: false,
    },
    {
      name: 'element rate changed',
      previous: playingAt(0),
      next: playingAt(0, { media: media({ position: pos({ playbackRate: 1.5 }) }) }),
      expected: false,
    },
    {
      name: 'duration changed',
      previous: playingAt(0),
      next: playingAt(0, { positionState: pos({ duration: 301 }) }),
      expected: false,
    },
    {
      name: 'page position state appeared',
      previous: playingAt(0, { positionState: null }),
      next: playingAt(0),
      expected: false,
    },
    {
      name: 'page position state cleared',
      previous: playingAt(0),
      next: playingAt(0, { positionState: null }),
      expected: false,
    },
    {
      name: 'paused and the position holds',
      previous: playingAt(0, { playbackState: 'paused', media: media({ playing: false }) }),
      next: playingAt(0, {
        playbackState: 'paused',
        positionState: pos({ updatedAt: T0 + 5000 }),
        media: media({ playing: false, position: pos({ updatedAt: T0 + 5000 }) }),
      }),
      expected: true,
    },
    {
      name: 'paused but the position moved 5 s',
      previous: playingAt(0, { playbackState: 'paused', media: media({ playing: false }) }),
      next: playingAt(0, {
        playbackState: 'paused',
        positionState: pos({ position: 15, updatedAt: T0 + 5000 }),
        media: media({ playing: false }),
      }),
      expected: false,
    },
    {
      name: 'no page state: the element decides, steady progress',
      previous: frameState({ media: media() }),
      next: frameState({ media: media({ position: pos({ position: 13, updatedAt: T0 + 3000 }) }) }),
      expected: true,
    },
    {
      name: 'no page state: the element decides, seek',
      previous: frameState({ media: media() }),
      next: frameState({ media: media({ position: pos({ position: 90, updatedAt: T0 + 3000 }) }) }),
      expected: false,
    },
  ])('$name → $expected', ({ previous, next, expected }) => {
    expect(isSameReport(previous, next)).toBe(expected);
  });

  it('steady progress stays the same report against the first one until the end of the track', () => {
    const first = playingAt(0);
    for (let ms = 0; ms <= 290_000; ms += 250) {
      expect(isSameReport(first, playingAt(ms))).toBe(true);
    }
  });

  it('uses the injected stringify', () => {
    const calls: unknown[] = [];
    const stringify = (value: unknown) => {
      calls.push(value);
      return 'same';
    };
    // Different titles, but the injected stringify says the non-sample parts match.
    expect(
      isSameReport(playingAt(0), playingAt(0, { metadata: metadata({ title: 'x' }) }), stringify),
    ).toBe(true);
    expect(calls).toHaveLength(2);
  });
});

describe('differsBeyondPosition', () => {
  it('ignores position samples and sees everything else', () => {
    const base = frameState({
      metadata: metadata({ title: 'A' }),
      positionState: pos({ position: 10 }),
    });
    expect(differsBeyondPosition(base, { ...base, positionState: pos({ position: 250 }) })).toBe(
      false,
    );
    expect(differsBeyondPosition(base, { ...base, metadata: metadata({ title: 'B' }) })).toBe(true);
    expect(differsBeyondPosition(base, { ...base, playbackState: 'paused' })).toBe(true);
    expect(differsBeyondPosition(base, { ...base, actions: ['play'] })).toBe(true);
    expect(differsBeyondPosition(base, { ...base, positionState: pos({ playbackRate: 2 }) })).toBe(
      true,
    );
  });
});
