import { describe, expect, it } from 'vitest';
import { frameState, media, pos, T0 } from '../../tests/support/fixtures';
import type { SessionIntent } from '../shared/contract';
import type { Session } from '../shared/session';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings';
import { createPauseOthers, PAUSED_STORAGE_KEY, RESUME_DELAY_MS } from './pause-others-runner';

/** A session playing an element that started audibly at `startedAt`. */
function playing(key: string, startedAt: number, origin = `https://${key}.test`): Session {
  const [tabId] = key.split(':');
  return {
    key,
    tabId: Number(tabId),
    frameId: 0,
    documentId: key,
    origin,
    state: frameState({ media: media({ startedAt, position: pos({ duration: 200 }) }) }),
    firstSeenAt: T0,
    updatedAt: T0,
  };
}

const paused = (s: Session): Session => ({
  ...s,
  state: { ...s.state, media: media({ ...s.state.media, playing: false }) },
});

function setUp(
  patch: Partial<Settings> = {},
  stored: Record<string, unknown> = {},
  load: () => Promise<Record<string, unknown>> = async () => stored,
) {
  const sessions = new Map<string, Session>();
  const calls: { key: string; action: string; gesture: boolean | undefined }[] = [];
  const written: unknown[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const settings = { ...DEFAULT_SETTINGS, pauseOthers: true, ...patch };
  const runner = createPauseOthers({
    sessions: () => [...sessions.values()],
    get: (key) => sessions.get(key),
    tab: () => undefined,
    settings: () => settings,
    dispatcher: {
      dispatch: (session, intent: SessionIntent, _source, options) => {
        if (intent.kind === 'action')
          calls.push({
            key: session.key,
            action: intent.details.action,
            gesture: options?.userGesture,
          });
        return Promise.resolve('handler');
      },
    },
    storage: {
      get: load,
      set: async (items) => {
        written.push(items[PAUSED_STORAGE_KEY]);
      },
    },
    later: (fn, ms) => timers.push({ fn, ms }),
  });
  /** Runs the timers set so far (the resume delay passing). */
  const elapse = () => {
    for (const { fn } of timers.splice(0)) fn();
  };
  /** Puts `session` in the registry and tells the runner, then lets the microtask run. */
  const report = async (session: Session) => {
    sessions.set(session.key, session);
    runner.changed({ updated: [session.key], removed: [], index: false });
    await Promise.resolve();
  };
  const remove = async (key: string) => {
    sessions.delete(key);
    runner.changed({ updated: [], removed: [key], index: true });
    await Promise.resolve();
  };
  return { runner, sessions, calls, written, timers, elapse, report, remove };
}

describe('pause others runner', () => {
  it('pauses the playing session when another starts, and plays it when that one is paused', async () => {
    const { runner, calls, written, report, elapse } = setUp();
    await runner.restore();
    const music = playing('1:music', T0);
    await report(music);
    expect(calls).toEqual([]);
    const video = playing('2:video', T0 + 1000);
    await report(video);
    expect(calls).toEqual([{ key: '1:music', action: 'pause', gesture: false }]);
    expect(runner.stack()).toEqual([{ paused: '1:music', by: '2:video' }]);
    expect(written.at(-1)).toEqual([{ paused: '1:music', by: '2:video' }]);
    // The music pauses (our doing): nothing more.
    await report(paused(music));
    expect(calls).toHaveLength(1);
    // The user pauses the video: after the resume delay, the music plays again.
    await report(paused(video));
    expect(calls).toHaveLength(1);
    elapse();
    expect(calls.at(-1)).toEqual({ key: '1:music', action: 'play', gesture: false });
    expect(runner.stack()).toEqual([]);
  });

  it('does nothing with the setting off', async () => {
    const { runner, calls, report } = setUp({ pauseOthers: false });
    await runner.restore();
    await report(playing('1:music', T0));
    await report(playing('2:video', T0 + 1000));
    expect(calls).toEqual([]);
  });

  it('a call neither pauses nor is paused', async () => {
    const { runner, calls, report } = setUp();
    await runner.restore();
    const call = playing('1:call', T0);
    call.state = { ...call.state, microphoneActive: true };
    await report(call);
    await report(playing('2:video', T0 + 1000));
    expect(calls).toEqual([]);
  });

  it('a closed tab resumes what its session paused', async () => {
    const { runner, calls, report, remove, elapse } = setUp();
    await runner.restore();
    const music = playing('1:music', T0);
    await report(music);
    await report(playing('2:video', T0 + 1000));
    await report(paused(music));
    await remove('2:video');
    expect(calls.at(-1)?.action).toBe('pause'); // not yet: a navigation may start something
    elapse();
    expect(calls.at(-1)).toEqual({ key: '1:music', action: 'play', gesture: false });
  });

  it('resumes nothing when the user started other media while the stop waited', async () => {
    const { runner, calls, report, elapse } = setUp();
    await runner.restore();
    const music = playing('1:music', T0);
    await report(music);
    const video = playing('2:video', T0 + 1000);
    await report(video);
    await report(paused(music));
    await report(paused(video));
    // Started by a page the user never touched: it pauses nothing, but it plays.
    const radio = playing('3:radio', T0 + 2000);
    radio.state = {
      ...radio.state,
      media: media({ ...radio.state.media, startedByUser: false }),
      activated: false,
    };
    await report(radio);
    elapse();
    expect(calls.filter((c) => c.action === 'play')).toEqual([]);
    expect(runner.stack()).toEqual([{ paused: '1:music', by: '3:radio' }]);
  });

  it('a start without the user pauses nothing', async () => {
    const { runner, calls, report } = setUp();
    await runner.restore();
    await report(playing('1:music', T0));
    const ad = playing('2:ad', T0 + 1000);
    ad.state = {
      ...ad.state,
      media: media({ ...ad.state.media, startedByUser: false }),
      activated: false,
    };
    await report(ad);
    expect(calls).toEqual([]);
  });

  it('changes made while the stack loads after a restart are acted on once it is there', async () => {
    let release: (value: Record<string, unknown>) => void = () => {};
    const stored = new Promise<Record<string, unknown>>((resolve) => {
      release = resolve;
    });
    const { runner, calls, sessions, report, elapse } = setUp({}, {}, () => stored);
    const video = playing('2:video', T0 + 1000);
    sessions.set('1:music', paused(playing('1:music', T0)));
    sessions.set('2:video', video);
    const restoring = runner.restore();
    await report(paused(video)); // the user paused the video while the worker was starting
    release({ [PAUSED_STORAGE_KEY]: [{ paused: '1:music', by: '2:video' }] });
    await restoring;
    elapse();
    expect(calls).toEqual([{ key: '1:music', action: 'play', gesture: false }]);
  });

  it('takes the stack back after a restart, and ignores a malformed one', async () => {
    const stored = { [PAUSED_STORAGE_KEY]: [{ paused: '1:music', by: '2:video' }, { bad: 1 }] };
    const { runner, calls, sessions, report, elapse } = setUp({}, stored);
    const video = playing('2:video', T0 + 1000);
    sessions.set('1:music', paused(playing('1:music', T0)));
    sessions.set('2:video', video);
    await runner.restore();
    expect(runner.stack()).toEqual([{ paused: '1:music', by: '2:video' }]);
    await report(paused(video));
    elapse();
    expect(calls).toEqual([{ key: '1:music', action: 'play', gesture: false }]);
  });

  it('a playlist moving to its next track (stopped, then started again within the delay) resumes nothing', async () => {
    const { runner, calls, report, elapse, timers } = setUp();
    await runner.restore();
    const music = playing('1:music', T0);
    await report(music);
    const video = playing('2:video', T0 + 1000);
    await report(video);
    await report(paused(music)); // our pause took effect
    calls.length = 0;
    await report(paused(video));
    expect(timers[0]?.ms).toBe(RESUME_DELAY_MS);
    await report(playing('2:video', T0 + 5000)); // the next track
    elapse();
    expect(calls).toEqual([]);
    expect(runner.stack()).toEqual([{ paused: '1:music', by: '2:video' }]);
  });
});
