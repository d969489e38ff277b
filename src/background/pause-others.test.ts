import { describe, expect, it } from 'vitest';
import {
  MAX_PAUSED,
  type PausedEntry,
  type PauseFacts,
  sessionStarted,
  sessionStopped,
} from './pause-others';

const ON = { enabled: true, resumeAfter: true };
const facts = (key: string, patch: Partial<PauseFacts> = {}): PauseFacts => ({
  key,
  playing: true,
  call: false,
  short: false,
  muted: false,
  exempt: false,
  byUser: true,
  ...patch,
});

describe('sessionStarted', () => {
  it('pauses every other playing session and remembers who paused them', () => {
    const step = sessionStarted(
      [],
      'video',
      [facts('music'), facts('podcast'), facts('video'), facts('idle', { playing: false })],
      ON,
    );
    expect(step.pause).toEqual(['music', 'podcast']);
    expect(step.stack).toEqual([
      { paused: 'music', by: 'video' },
      { paused: 'podcast', by: 'video' },
    ]);
    expect(step.resume).toBeNull();
  });

  it('does nothing while the feature is off', () => {
    const step = sessionStarted([], 'video', [facts('music'), facts('video')], {
      enabled: false,
      resumeAfter: true,
    });
    expect(step.pause).toEqual([]);
    expect(step.stack).toEqual([]);
  });

  it('a call, a short sound, muted media, an exempt site or a start without the user does not pause others', () => {
    for (const patch of [
      { call: true },
      { short: true },
      { muted: true },
      { exempt: true },
      { byUser: false },
    ]) {
      const step = sessionStarted([], 'ping', [facts('music'), facts('ping', patch)], ON);
      expect(step.pause).toEqual([]);
    }
  });

  it('nor is any of them paused', () => {
    const sessions = [
      facts('call', { call: true }),
      facts('ping', { short: true }),
      facts('muted', { muted: true }),
      facts('exempt', { exempt: true }),
      facts('music'),
      facts('video'),
    ];
    expect(sessionStarted([], 'video', sessions, ON).pause).toEqual(['music']);
  });

  it('a session that plays again leaves the stack (it is never resumed by us later)', () => {
    const stack: PausedEntry[] = [{ paused: 'music', by: 'video' }];
    const step = sessionStarted(
      stack,
      'music',
      [facts('music'), facts('video', { playing: false })],
      {
        enabled: false,
        resumeAfter: true,
      },
    );
    expect(step.stack).toEqual([]);
  });

  it('keeps at most MAX_PAUSED entries, the newest', () => {
    const stack = Array.from({ length: MAX_PAUSED }, (_, i) => ({ paused: `old${i}`, by: 'x' }));
    const step = sessionStarted(stack, 'new', [facts('new'), facts('music')], ON);
    expect(step.stack).toHaveLength(MAX_PAUSED);
    expect(step.stack.at(-1)).toEqual({ paused: 'music', by: 'new' });
    expect(step.stack[0]).toEqual({ paused: 'old1', by: 'x' });
  });
});

describe('sessionStopped', () => {
  const stack: PausedEntry[] = [
    { paused: 'music', by: 'video' },
    { paused: 'podcast', by: 'video' },
  ];

  it('resumes the most recent session the stopped one paused; the rest wait for that one', () => {
    const step = sessionStopped(stack, 'video', false, ON);
    expect(step.resume).toBe('podcast');
    expect(step.stack).toEqual([{ paused: 'music', by: 'podcast' }]);
    // Then the podcast stops: the music plays again.
    const next = sessionStopped(step.stack, 'podcast', false, ON);
    expect(next.resume).toBe('music');
    expect(next.stack).toEqual([]);
  });

  it('ignores the stop of a session Media Deck paused itself', () => {
    const step = sessionStopped(stack, 'music', false, ON);
    expect(step.resume).toBeNull();
    expect(step.stack).toEqual(stack);
  });

  it('a chain: each stop resumes the one before', () => {
    // music was paused by video, then video by call-free podcast.
    const chain: PausedEntry[] = [
      { paused: 'music', by: 'video' },
      { paused: 'video', by: 'podcast' },
    ];
    const first = sessionStopped(chain, 'podcast', false, ON);
    expect(first.resume).toBe('video');
    expect(sessionStopped(first.stack, 'video', false, ON).resume).toBe('music');
  });

  it('without "resume afterwards" resumes nothing and forgets what the stopped one paused', () => {
    const step = sessionStopped(stack, 'video', false, { enabled: true, resumeAfter: false });
    expect(step.resume).toBeNull();
    expect(step.stack).toEqual([]);
  });

  it('a gone session that was playing resumes what it paused', () => {
    const step = sessionStopped(stack, 'video', true, ON);
    expect(step.resume).toBe('podcast');
  });

  it('a gone session that Media Deck had paused resumes nothing; what it held passes on', () => {
    // music paused by video, video paused by podcast; the video's tab closes.
    const chain: PausedEntry[] = [
      { paused: 'music', by: 'video' },
      { paused: 'video', by: 'podcast' },
    ];
    const step = sessionStopped(chain, 'video', true, ON);
    expect(step.resume).toBeNull();
    expect(step.stack).toEqual([{ paused: 'music', by: 'podcast' }]);
  });

  it('with something else playing now, nothing resumes and it holds what the stopped one held', () => {
    const step = sessionStopped(stack, 'video', false, ON, 'radio');
    expect(step.resume).toBeNull();
    expect(step.stack).toEqual([
      { paused: 'music', by: 'radio' },
      { paused: 'podcast', by: 'radio' },
    ]);
  });

  it('a stop that paused nothing changes nothing', () => {
    const step = sessionStopped(stack, 'elsewhere', false, ON);
    expect(step).toEqual({ stack, pause: [], resume: null });
  });
});
