import { describe, expect, it, vi } from 'vitest';
import { frameState, T0 } from '../../tests/support/fixtures';
import type { ActionOutcome, WorkerToAgent } from '../shared/contract';
import type { Session } from '../shared/session';
import type { ActionRecord } from './diagnostics';
import type { FrameTarget } from './frame-messenger';
import { createIntentDispatcher } from './intent-dispatcher';

const session: Session = {
  tabId: 4,
  frameId: 2,
  documentId: 'DOC',
  key: '4:2:DOC',
  origin: 'https://player.test',
  state: frameState(),
  firstSeenAt: T0,
  updatedAt: T0,
};

function harness(answer: ActionOutcome | null = 'handler') {
  const requests: { target: FrameTarget; message: WorkerToAgent }[] = [];
  const later: (() => void)[] = [];
  const records: ActionRecord[] = [];
  const deps = {
    request: vi.fn((target: FrameTarget, message: WorkerToAgent) => {
      requests.push({ target, message });
      return Promise.resolve(answer);
    }),
    pin: vi.fn(),
    raise: vi.fn(),
    later: (fn: () => void) => later.push(fn),
    removeSession: vi.fn(),
    muteTab: vi.fn(),
    focusTab: vi.fn(),
    record: (r: ActionRecord) => records.push(r),
    clock: () => 0,
    now: () => T0,
  };
  return { dispatcher: createIntentDispatcher(deps as never), deps, requests, later, records };
}

describe('createIntentDispatcher', () => {
  it('sends an action to the session’s own frame and document at once, and records it', async () => {
    const h = harness('handler');
    const done = h.dispatcher.dispatch(
      session,
      { kind: 'action', details: { action: 'nexttrack' } },
      'popup',
    );
    // Before any await: the user's gesture goes with the request.
    expect(h.requests).toEqual([
      {
        target: session,
        message: { type: 'run-action', details: { action: 'nexttrack' } },
      },
    ]);
    expect(await done).toBe('handler');
    expect(h.records).toMatchObject([
      { key: session.key, action: 'nexttrack', outcome: 'handler' },
    ]);
  });

  it('without the user’s gesture, the request waits for a later task', async () => {
    const h = harness('handler');
    const done = h.dispatcher.dispatch(
      session,
      { kind: 'action', details: { action: 'pause' } },
      'command',
      { userGesture: false },
    );
    expect(h.requests).toEqual([]);
    h.later.shift()?.();
    expect(h.requests).toHaveLength(1);
    expect(await done).toBe('handler');
  });

  it('playing a session from Media Deck makes it active; pausing does not', async () => {
    const h = harness();
    await h.dispatcher.dispatch(session, { kind: 'action', details: { action: 'pause' } }, 'popup');
    expect(h.deps.raise).not.toHaveBeenCalled();
    await h.dispatcher.dispatch(session, { kind: 'action', details: { action: 'play' } }, 'popup');
    expect(h.deps.raise).toHaveBeenCalledWith(session.key);
  });

  it('a frame that cannot be reached loses its session', async () => {
    const h = harness(null);
    expect(
      await h.dispatcher.dispatch(
        session,
        { kind: 'action', details: { action: 'play' } },
        'popup',
      ),
    ).toBe('failed');
    expect(h.deps.removeSession).toHaveBeenCalledWith(session.key);
  });

  it('tab and pin intents use the browser and the registry, not the page', async () => {
    const h = harness();
    expect(await h.dispatcher.dispatch(session, { kind: 'mute-tab', muted: true }, 'popup')).toBe(
      'done',
    );
    await h.dispatcher.dispatch(session, { kind: 'focus-tab' }, 'command');
    await h.dispatcher.dispatch(session, { kind: 'pin' }, 'popup');
    await h.dispatcher.dispatch(session, { kind: 'unpin' }, 'popup');
    expect(h.deps.muteTab).toHaveBeenCalledWith(4, true);
    expect(h.deps.focusTab).toHaveBeenCalledWith(4);
    expect(h.deps.pin.mock.calls).toEqual([[session.key], [null]]);
    expect(h.requests).toEqual([]);
  });

  it('picture-in-picture goes to the session’s frame, or to a tab’s largest video', async () => {
    const h = harness('element');
    await h.dispatcher.dispatch(session, { kind: 'picture-in-picture' }, 'popup');
    await h.dispatcher.pictureInPictureInTab(9, 'command');
    expect(h.requests).toEqual([
      { target: session, message: { type: 'picture-in-picture', target: 'session' } },
      {
        target: { tabId: 9, frameId: 0 },
        message: { type: 'picture-in-picture', target: 'largest-video' },
      },
    ]);
  });
});
