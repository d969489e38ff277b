import { describe, expect, it } from 'vitest';
import { frameState, image, media, metadata, pos, T0 } from '../../tests/support/fixtures';
import type { FrameState, MediaElementState, Position } from './contract';
import type { MediaSessionActionName } from './media-session-actions';
import {
  availableActions,
  effectivePlaybackState,
  effectivePosition,
  isAudiblyPlaying,
  isControllable,
  isTransient,
  type Session,
  sessionKey,
  type TabInfo,
  TRANSIENT_MAX_SECONDS,
  toSessionView,
} from './session';

/** This file's position samples sit at 12 s; otherwise the shared `pos`. */
function pos12(overrides: Partial<Position> = {}): Position {
  return pos({ position: 12, ...overrides });
}

/** The shared `media`, its element at `pos12()`. */
function media12(overrides: Partial<MediaElementState> = {}): MediaElementState {
  return media({ position: pos12(), ...overrides });
}

function session(state: FrameState, overrides: Partial<Session> = {}): Session {
  const identity = { tabId: 7, frameId: 0, documentId: 'DOC' };
  return {
    ...identity,
    key: sessionKey(identity),
    origin: 'https://player.test',
    state,
    firstSeenAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

function tab(overrides: Partial<TabInfo> = {}): TabInfo {
  return {
    tabId: 7,
    windowId: 1,
    title: 'Tab title',
    url: 'https://player.test/watch?v=1',
    audible: false,
    muted: false,
    active: true,
    ...overrides,
  };
}

describe('sessionKey', () => {
  it('joins tab, frame and document', () => {
    expect(sessionKey({ tabId: 12, frameId: 3, documentId: 'ABC' })).toBe('12:3:ABC');
  });

  it('differs when only the document differs (a navigation)', () => {
    expect(sessionKey({ tabId: 1, frameId: 0, documentId: 'A' })).not.toBe(
      sessionKey({ tabId: 1, frameId: 0, documentId: 'B' }),
    );
  });
});

describe('effectivePlaybackState', () => {
  it.each<{ name: string; state: FrameState; expected: 'playing' | 'paused' | 'none' }>([
    { name: 'nothing', state: frameState(), expected: 'none' },
    {
      name: 'page says playing',
      state: frameState({ playbackState: 'playing' }),
      expected: 'playing',
    },
    {
      name: 'page says paused',
      state: frameState({ playbackState: 'paused' }),
      expected: 'paused',
    },
    {
      name: 'page says paused while the element plays (page wins)',
      state: frameState({ playbackState: 'paused', media: media12({ playing: true }) }),
      expected: 'paused',
    },
    {
      name: 'page says playing while the element is paused (page wins)',
      state: frameState({ playbackState: 'playing', media: media12({ playing: false }) }),
      expected: 'playing',
    },
    {
      name: 'no page state, element playing',
      state: frameState({ media: media12({ playing: true }) }),
      expected: 'playing',
    },
    {
      name: 'no page state, element paused',
      state: frameState({ media: media12({ playing: false }) }),
      expected: 'paused',
    },
  ])('$name → $expected', ({ state, expected }) => {
    expect(effectivePlaybackState(state)).toBe(expected);
  });
});

describe('effectivePosition', () => {
  const page = pos12({ position: 100 });
  const element = pos12({ position: 5 });

  it.each<{ name: string; state: FrameState; expected: Position | null }>([
    { name: 'nothing', state: frameState(), expected: null },
    { name: 'only the page', state: frameState({ positionState: page }), expected: page },
    {
      name: 'only the element',
      state: frameState({ media: media12({ position: element }) }),
      expected: element,
    },
    {
      name: 'the page wins over the element',
      state: frameState({ positionState: page, media: media12({ position: element }) }),
      expected: page,
    },
  ])('$name', ({ state, expected }) => {
    expect(effectivePosition(state)).toBe(expected);
  });
});

describe('isAudiblyPlaying', () => {
  it.each<{ name: string; state: FrameState; tabAudible: boolean; expected: boolean }>([
    { name: 'nothing', state: frameState(), tabAudible: true, expected: false },
    {
      name: 'audible element playing',
      state: frameState({ media: media12({ playing: true, audible: true }) }),
      tabAudible: false,
      expected: true,
    },
    {
      name: 'muted element playing in a silent tab',
      state: frameState({ media: media12({ playing: true, audible: false, muted: true }) }),
      tabAudible: false,
      expected: false,
    },
    {
      name: 'inaudible element playing in an audible tab',
      state: frameState({ media: media12({ playing: true, audible: false }) }),
      tabAudible: true,
      expected: true,
    },
    {
      name: 'paused element in an audible tab',
      state: frameState({ media: media12({ playing: false, audible: false }) }),
      tabAudible: true,
      expected: false,
    },
    {
      name: 'page says playing, no element, tab audible (Web Audio)',
      state: frameState({ playbackState: 'playing' }),
      tabAudible: true,
      expected: true,
    },
    {
      name: 'page says playing, no element, tab silent',
      state: frameState({ playbackState: 'playing' }),
      tabAudible: false,
      expected: false,
    },
    {
      name: 'page says paused while its element is still audible',
      state: frameState({ playbackState: 'paused', media: media12({ audible: true }) }),
      tabAudible: true,
      expected: false,
    },
  ])('$name → $expected', ({ state, tabAudible, expected }) => {
    expect(isAudiblyPlaying(state, tabAudible)).toBe(expected);
  });
});

describe('isControllable', () => {
  it.each<{ name: string; state: FrameState; expected: boolean }>([
    { name: 'nothing', state: frameState(), expected: false },
    { name: 'a title', state: frameState({ metadata: metadata() }), expected: true },
    {
      name: 'metadata with an empty title and a paused element (it played audibly before)',
      state: frameState({ metadata: metadata({ title: '' }), media: media12({ playing: false }) }),
      expected: true,
    },
    {
      name: 'actions but no title and no playing element',
      state: frameState({ actions: ['play', 'pause'], playbackState: 'playing' }),
      expected: false,
    },
    {
      name: 'a playing element without a title',
      state: frameState({ media: media12({ playing: true }) }),
      expected: true,
    },
    {
      name: 'a paused element without a title (pausing keeps it controllable)',
      state: frameState({ media: media12({ playing: false }) }),
      expected: true,
    },
    {
      name: 'a playing live stream without a title',
      state: frameState({ media: media12({ position: pos12({ duration: null }) }) }),
      expected: true,
    },
    {
      name: 'a playing 3 s ping without a title (transient)',
      state: frameState({ media: media12({ position: pos12({ duration: 3, position: 0 }) }) }),
      expected: false,
    },
    {
      name: 'a playing 5 s sound without a title (transient, boundary)',
      state: frameState({ media: media12({ position: pos12({ duration: 5, position: 0 }) }) }),
      expected: false,
    },
    {
      name: 'a playing 5.5 s sound without a title',
      state: frameState({ media: media12({ position: pos12({ duration: 5.5, position: 0 }) }) }),
      expected: true,
    },
    {
      name: 'a playing 3 s clip with a title',
      state: frameState({
        metadata: metadata(),
        media: media12({ position: pos12({ duration: 3, position: 0 }) }),
      }),
      expected: true,
    },
    {
      name: 'the page position state decides transience (long page, short element)',
      state: frameState({
        positionState: pos12({ duration: 600 }),
        media: media12({ position: pos12({ duration: 2, position: 0 }) }),
      }),
      expected: true,
    },
    {
      name: 'the page position state decides transience (short page, long element)',
      state: frameState({
        positionState: pos12({ duration: 2, position: 0 }),
        media: media12({ position: pos12({ duration: 600 }) }),
      }),
      expected: false,
    },
  ])('$name → $expected', ({ state, expected }) => {
    expect(isControllable(state)).toBe(expected);
  });
});

describe('availableActions', () => {
  it.each<{ name: string; state: FrameState; expected: MediaSessionActionName[] }>([
    { name: 'nothing', state: frameState(), expected: [] },
    {
      name: 'page handlers only, in canonical order',
      state: frameState({ actions: ['nexttrack', 'pause', 'play', 'previoustrack'] }),
      expected: ['play', 'pause', 'previoustrack', 'nexttrack'],
    },
    {
      name: 'page handlers only, no element means no seek extras',
      state: frameState({ actions: ['togglemicrophone', 'hangup'] }),
      expected: ['togglemicrophone', 'hangup'],
    },
    {
      name: 'a bare element',
      state: frameState({ media: media12() }),
      expected: ['play', 'pause', 'seekbackward', 'seekforward', 'stop', 'seekto'],
    },
    {
      name: 'a bare element playing a live stream gets no seek',
      state: frameState({ media: media12({ position: pos12({ duration: null }) }) }),
      expected: ['play', 'pause', 'stop'],
    },
    {
      name: 'page handlers plus an element get only play/pause/seekto extras',
      state: frameState({ actions: ['nexttrack'], media: media12() }),
      expected: ['play', 'pause', 'nexttrack', 'seekto'],
    },
    {
      name: 'page handlers plus a live element get only play/pause extras',
      state: frameState({
        actions: ['nexttrack'],
        media: media12({ position: pos12({ duration: null }) }),
      }),
      expected: ['play', 'pause', 'nexttrack'],
    },
    {
      name: 'a page seek handler is kept even for a live element',
      state: frameState({
        actions: ['seekforward', 'seekto'],
        media: media12({ position: pos12({ duration: null }) }),
      }),
      expected: ['play', 'pause', 'seekforward', 'seekto'],
    },
    {
      name: 'duplicate page handlers collapse',
      state: frameState({ actions: ['play', 'play', 'pause'] }),
      expected: ['play', 'pause'],
    },
  ])('$name', ({ state, expected }) => {
    expect(availableActions(state)).toEqual(expected);
  });
});

describe('toSessionView', () => {
  it.each<{
    name: string;
    session: Session;
    tab: TabInfo | undefined;
    expected: string;
  }>([
    {
      name: 'the metadata title',
      session: session(frameState({ metadata: metadata({ title: 'Meta' }) })),
      tab: tab({ title: 'Tab' }),
      expected: 'Meta',
    },
    {
      name: 'the tab title when metadata has none',
      session: session(frameState({ metadata: metadata({ title: '' }), media: media12() })),
      tab: tab({ title: 'Tab' }),
      expected: 'Tab',
    },
    {
      name: 'the tab title when there is no metadata',
      session: session(frameState({ media: media12() })),
      tab: tab({ title: 'Tab' }),
      expected: 'Tab',
    },
    {
      name: 'the host when the tab has no title',
      session: session(frameState({ media: media12() }), { origin: 'https://player.test:8443' }),
      tab: tab({ title: '' }),
      expected: 'player.test',
    },
    {
      name: 'the host when the tab is unknown',
      session: session(frameState({ media: media12() })),
      tab: undefined,
      expected: 'player.test',
    },
    {
      name: 'the raw origin when it is not a URL',
      session: session(frameState({ media: media12() }), { origin: 'null' }),
      tab: undefined,
      expected: 'null',
    },
    {
      name: 'an embedded frame’s own host, never its tab’s title',
      session: session(frameState({ media: media12() }), {
        frameId: 3,
        origin: 'https://ads.test',
      }),
      tab: tab({ title: 'Blog post' }),
      expected: 'ads.test',
    },
  ])('title: $name', ({ session: s, tab: t, expected }) => {
    expect(toSessionView(s, t, { active: false, pinned: false }).title).toBe(expected);
  });

  it('maps every field of a full session', () => {
    const state = frameState({
      metadata: metadata({
        artwork: [{ src: 'https://img.test/a.png', sizes: '96x96', type: 'image/png' }],
        // Out of order, with artwork: the view has them by start time, without artwork.
        chapterInfo: [
          { title: 'Outro', startTime: 50, artwork: [] },
          { title: 'Intro', startTime: 0, artwork: [image()] },
        ],
      }),
      actions: ['nexttrack'],
      playbackState: 'paused',
      positionState: pos12({ position: 40 }),
      microphoneActive: true,
      cameraActive: false,
      screenshareActive: null,
      media: media12({ kind: 'audio' }),
    });
    const view = toSessionView(session(state), tab({ muted: true, audible: true }), {
      active: true,
      pinned: false,
    });
    expect(view).toEqual({
      key: '7:0:DOC',
      tabId: 7,
      frameId: 0,
      title: 'Song',
      artist: 'Artist',
      album: 'Album',
      artwork: [{ src: 'https://img.test/a.png', sizes: '96x96', type: 'image/png' }],
      host: 'player.test',
      embedded: false,
      tabHost: 'player.test',
      pageUrl: 'https://player.test/watch?v=1',
      kind: 'audio',
      element: { playbackRate: 1, volume: 1, muted: false },
      pictureInPicture: false,
      autoPip: { armed: false, reason: null },
      playbackState: 'paused',
      position: pos12({ position: 40 }),
      actions: ['play', 'pause', 'nexttrack', 'seekto'],
      chapters: [
        { title: 'Intro', startTime: 0 },
        { title: 'Outro', startTime: 50 },
      ],
      microphoneActive: true,
      cameraActive: false,
      screenshareActive: null,
      tabMuted: true,
      tabAudible: true,
      active: true,
      pinned: false,
    });
  });

  it('fills defaults for a bare session in an unknown tab', () => {
    const view = toSessionView(session(frameState({ playbackState: 'playing' })), undefined, {
      active: false,
      pinned: true,
    });
    expect(view).toMatchObject({
      title: 'player.test',
      artist: '',
      album: '',
      artwork: [],
      pageUrl: 'https://player.test',
      kind: null,
      playbackState: 'playing',
      position: null,
      actions: [],
      tabMuted: false,
      tabAudible: false,
      active: false,
      pinned: true,
    });
  });
});

describe('isTransient', () => {
  it('uses a 5 s boundary', () => {
    expect(TRANSIENT_MAX_SECONDS).toBe(5);
  });

  it.each<[number | null, boolean]>([
    [null, false],
    [0, true],
    [0.3, true],
    [4.999, true],
    [5, true],
    [5.001, false],
    [6, false],
    [3600, false],
    [Number.POSITIVE_INFINITY, false],
  ])('duration %s → %s', (duration, expected) => {
    expect(isTransient(duration)).toBe(expected);
  });
});

describe('toSessionView: where a session lives', () => {
  it('an embedded frame shows its own origin, its own icon, and the tab it is in', () => {
    const view = toSessionView(
      session(frameState({ media: media12() }), { frameId: 3, origin: 'https://ads.test' }),
      tab({ title: 'Blog post', url: 'https://blog.test/post' }),
      { active: false, pinned: false },
    );
    expect(view).toMatchObject({
      title: 'ads.test',
      host: 'ads.test',
      embedded: true,
      tabHost: 'blog.test',
      pageUrl: 'https://ads.test',
    });
  });
});
