import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeI18n } from '../../tests/support/fake-i18n';
import { MUSIC_ACTIONS, sessionView, snapshotOf, T0 } from '../../tests/support/fixtures';
import {
  type DeckSnapshot,
  type MediaImage,
  PopupToWorkerSchema,
  parseMessage,
  type SessionView,
} from '../shared/contract';
import { BROWSER_FEATURES } from '../shared/platform';
import { App } from './app';
import type { DeckState, DeckStore, IntentMessage } from './deck-store';

/** A `DeckStore` the test drives: `push` a snapshot, read back what the popup `sent`. */
class FakeStore implements DeckStore {
  state: DeckState;
  readonly sent: IntentMessage[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(snapshot: DeckSnapshot | null, connected = true) {
    this.state = { snapshot, connected, rejected: 0 };
  }
  get(): DeckState {
    return this.state;
  }
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
  send(message: IntentMessage): void {
    this.sent.push(message);
  }
  /** Replaces the state and notifies, inside `act` so Preact re-renders. */
  update(next: Partial<DeckState>): void {
    act(() => {
      this.state = { ...this.state, ...next };
      for (const listener of this.listeners) listener();
    });
  }
  get listenerCount(): number {
    return this.listeners.size;
  }
}

const faviconFor = (pageUrl: string) => `fav:${pageUrl}`;

function renderApp(store: FakeStore, seekOffset?: number) {
  return render(
    seekOffset === undefined ? (
      <App store={store} faviconFor={faviconFor} />
    ) : (
      <App store={store} faviconFor={faviconFor} seekOffset={seekOffset} />
    ),
  );
}

function renderSessions(sessions: SessionView[], seekOffset?: number) {
  const store = new FakeStore(snapshotOf(sessions));
  const result = renderApp(store, seekOffset);
  return { store, ...result };
}

function item(title: string): HTMLElement {
  return screen.getByRole('listitem', { name: title });
}

function image(title: string, selector: string): HTMLImageElement | null {
  return item(title).querySelector<HTMLImageElement>(selector);
}

const MUSIC = MUSIC_ACTIONS;

const artwork96: MediaImage = {
  src: 'https://img.test/cover-96.png',
  sizes: '96x96',
  type: 'image/png',
};
const artwork256: MediaImage = {
  src: 'https://img.test/cover-256.png',
  sizes: '256x256',
  type: 'image/png',
};

beforeEach(() => {
  vi.spyOn(Date, 'now').mockReturnValue(T0);
  vi.stubGlobal('devicePixelRatio', 1);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('App: states', () => {
  it('shows "Loading…" before the first snapshot', () => {
    renderApp(new FakeStore(null, true));
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect(screen.queryByRole('list')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Media Deck' })).toBeTruthy();
  });

  it('shows "Reconnecting…" when disconnected before the first snapshot', () => {
    renderApp(new FakeStore(null, false));
    expect(screen.getByRole('status').textContent).toBe('Reconnecting…');
  });

  it('shows the empty state for zero sessions', () => {
    renderApp(new FakeStore(snapshotOf([])));
    const status = screen.getByRole('status');
    expect(within(status).getByText('Nothing is playing')).toBeTruthy();
    expect(screen.queryByText('Loading…')).toBeNull();
    expect(screen.queryByRole('list')).toBeNull();
    expect(screen.queryByText(/\bsessions?\b/)).toBeNull();
  });

  it('follows the store: loading, then sessions, then empty', () => {
    const store = new FakeStore(null);
    renderApp(store);
    expect(store.listenerCount).toBe(1);
    expect(screen.getByText('Loading…')).toBeTruthy();

    store.update({ snapshot: snapshotOf([sessionView({ title: 'Arrived' })]) });
    expect(screen.queryByText('Loading…')).toBeNull();
    expect(item('Arrived')).toBeTruthy();
    expect(screen.getByText('1 session')).toBeTruthy();

    store.update({ snapshot: snapshotOf([]) });
    expect(screen.queryByRole('listitem')).toBeNull();
    expect(screen.getByText('Nothing is playing')).toBeTruthy();
  });

  it('unsubscribes from the store on unmount', () => {
    const store = new FakeStore(null);
    const { unmount } = renderApp(store);
    expect(store.listenerCount).toBe(1);
    // Preact 11 runs effect cleanups after the unmount; act flushes them.
    act(() => {
      unmount();
    });
    expect(store.listenerCount).toBe(0);
  });
});

describe('App: the session list', () => {
  const active = sessionView({
    key: '7:0:DOC7',
    title: 'Active song',
    artist: 'Band',
    album: 'Record',
    playbackState: 'playing',
    active: true,
  });
  const other = sessionView({
    key: '9:0:DOC9',
    tabId: 9,
    title: 'Other video',
    artist: '',
    album: '',
    host: 'video.test',
    pageUrl: 'https://video.test/v/2',
    kind: 'video',
    playbackState: 'paused',
    active: false,
  });

  it('is a list named "Media sessions" whose items are named by session titles', () => {
    renderSessions([active, other]);
    const list = screen.getByRole('list', { name: 'Media sessions' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(item('Active song')).toBe(items[0]);
    expect(item('Other video')).toBe(items[1]);
    expect(screen.getByText('2 sessions')).toBeTruthy();
  });

  it('puts the active session first, marked aria-current and with an "Active" badge', () => {
    renderSessions([active, other]);
    const [first, second] = screen.getAllByRole('listitem');
    if (!first || !second) throw new Error('expected two items');
    expect(first).toBe(item('Active song'));
    expect(first.getAttribute('aria-current')).toBe('true');
    expect(within(first).getByText('Active')).toBeTruthy();
    expect(second.hasAttribute('aria-current')).toBe(false);
    expect(within(second).queryByText('Active')).toBeNull();
    expect(screen.getAllByText('Active')).toHaveLength(1);
  });

  it('shows title, artist — album, host and playback state', () => {
    renderSessions([active, other]);
    const first = item('Active song');
    expect(within(first).getByText('Band — Record')).toBeTruthy();
    expect(within(first).getByText('player.test')).toBeTruthy();
    expect(within(first).getByText('Playing')).toBeTruthy();
    const second = item('Other video');
    expect(within(second).getByText('video.test')).toBeTruthy();
    expect(within(second).getByText('Paused')).toBeTruthy();
    expect(within(second).queryByText(/—/)).toBeNull();
  });

  it('shows the favicon from faviconFor(pageUrl)', () => {
    renderSessions([active, other]);
    expect(image('Active song', 'img.favicon')?.getAttribute('src')).toBe(
      'fav:https://player.test/watch?v=1',
    );
    expect(image('Other video', 'img.favicon')?.getAttribute('src')).toBe(
      'fav:https://video.test/v/2',
    );
    // Decorative: the title names the session.
    expect(image('Other video', 'img.favicon')?.getAttribute('alt')).toBe('');
  });
});

describe('App in Firefox (src/shared/platform.ts)', () => {
  const video = sessionView({
    key: '3:0:DOC3',
    title: 'Clip',
    kind: 'video',
    actions: ['play', 'pause'],
    playbackState: 'playing',
    autoPip: { armed: false, reason: 'insecure-page' },
  });

  it('shows no picture-in-picture button, no automatic picture-in-picture line and no favicon', () => {
    render(
      <App
        store={new FakeStore(snapshotOf([video]))}
        faviconFor={() => null}
        features={BROWSER_FEATURES.firefox}
      />,
    );
    const card = item('Clip');
    expect(within(card).queryByRole('button', { name: /picture-in-picture/ })).toBeNull();
    expect(card.querySelector('.autopip')).toBeNull();
    expect(card.querySelector('img.favicon')).toBeNull();
    expect(within(card).getByRole('button', { name: 'Pause' })).toBeTruthy();
  });

  it('has them in Chromium', () => {
    render(<App store={new FakeStore(snapshotOf([video]))} faviconFor={faviconFor} />);
    const card = item('Clip');
    expect(within(card).getByRole('button', { name: 'Enter picture-in-picture' })).toBeTruthy();
    expect(card.querySelector('.autopip')).not.toBeNull();
  });
});

describe('App: controls', () => {
  const KEY = '7:0:DOC7';
  const music = sessionView({ key: KEY, title: 'Song', actions: MUSIC, playbackState: 'playing' });

  it.each<{ label: string; details: IntentMessage }>([
    {
      label: 'Previous track',
      details: {
        type: 'intent',
        key: KEY,
        intent: { kind: 'action', details: { action: 'previoustrack' } },
      },
    },
    {
      label: 'Seek backward 10 seconds',
      details: {
        type: 'intent',
        key: KEY,
        intent: { kind: 'action', details: { action: 'seekbackward', seekOffset: 10 } },
      },
    },
    {
      label: 'Pause',
      details: {
        type: 'intent',
        key: KEY,
        intent: { kind: 'action', details: { action: 'pause' } },
      },
    },
    {
      label: 'Seek forward 10 seconds',
      details: {
        type: 'intent',
        key: KEY,
        intent: { kind: 'action', details: { action: 'seekforward', seekOffset: 10 } },
      },
    },
    {
      label: 'Next track',
      details: {
        type: 'intent',
        key: KEY,
        intent: { kind: 'action', details: { action: 'nexttrack' } },
      },
    },
    {
      label: 'Stop',
      details: {
        type: 'intent',
        key: KEY,
        intent: { kind: 'action', details: { action: 'stop' } },
      },
    },
    {
      label: 'Mute tab',
      details: { type: 'intent', key: KEY, intent: { kind: 'mute-tab', muted: true } },
    },
    { label: 'Go to tab', details: { type: 'intent', key: KEY, intent: { kind: 'focus-tab' } } },
  ])('"$label" sends one valid message', ({ label, details }) => {
    const { store } = renderSessions([music]);
    fireEvent.click(within(item('Song')).getByRole('button', { name: label }));
    expect(store.sent).toEqual([details]);
    expect(parseMessage(PopupToWorkerSchema, store.sent[0]).ok).toBe(true);
  });

  it('shows the buttons in order: transport row, then the secondary row', () => {
    renderSessions([music]);
    const group = within(item('Song')).getByRole('group', { name: 'Controls for Song' });
    expect(
      within(group)
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual([
      'Previous track',
      'Seek backward 10 seconds',
      'Pause',
      'Seek forward 10 seconds',
      'Next track',
      'Stop',
      'Mute tab',
      'Go to tab',
    ]);
  });

  it('"Play" on a paused session sends play', () => {
    const { store } = renderSessions([{ ...music, playbackState: 'paused' }]);
    expect(within(item('Song')).queryByRole('button', { name: 'Pause' })).toBeNull();
    fireEvent.click(within(item('Song')).getByRole('button', { name: 'Play' }));
    expect(store.sent).toEqual([
      { type: 'intent', key: KEY, intent: { kind: 'action', details: { action: 'play' } } },
    ]);
  });

  it('"Unmute tab" on a muted tab sends muted false', () => {
    const { store } = renderSessions([{ ...music, tabMuted: true }]);
    expect(within(item('Song')).queryByRole('button', { name: 'Mute tab' })).toBeNull();
    fireEvent.click(within(item('Song')).getByRole('button', { name: 'Unmute tab' }));
    expect(store.sent).toEqual([
      { type: 'intent', key: KEY, intent: { kind: 'mute-tab', muted: false } },
    ]);
  });

  it('uses the seekOffset prop in the seek buttons and their messages', () => {
    const { store } = renderSessions([music], 15);
    const card = within(item('Song'));
    fireEvent.click(card.getByRole('button', { name: 'Seek backward 15 seconds' }));
    fireEvent.click(card.getByRole('button', { name: 'Seek forward 15 seconds' }));
    expect(store.sent).toEqual([
      {
        type: 'intent',
        key: KEY,
        intent: { kind: 'action', details: { action: 'seekbackward', seekOffset: 15 } },
      },
      {
        type: 'intent',
        key: KEY,
        intent: { kind: 'action', details: { action: 'seekforward', seekOffset: 15 } },
      },
    ]);
  });

  it('call controls send their actions and name the current state', () => {
    const call = sessionView({
      key: KEY,
      title: 'Standup',
      kind: 'video',
      actions: ['togglemicrophone', 'togglecamera', 'hangup'],
      microphoneActive: false,
      cameraActive: true,
    });
    const { store } = renderSessions([call]);
    const card = within(item('Standup'));
    expect(card.queryByRole('button', { name: 'Mute microphone' })).toBeNull();
    fireEvent.click(card.getByRole('button', { name: 'Unmute microphone' }));
    fireEvent.click(card.getByRole('button', { name: 'Turn camera off' }));
    fireEvent.click(card.getByRole('button', { name: 'Hang up' }));
    expect(store.sent).toEqual([
      {
        type: 'intent',
        key: KEY,
        intent: { kind: 'action', details: { action: 'togglemicrophone' } },
      },
      { type: 'intent', key: KEY, intent: { kind: 'action', details: { action: 'togglecamera' } } },
      { type: 'intent', key: KEY, intent: { kind: 'action', details: { action: 'hangup' } } },
    ]);
  });

  it("each card's buttons act on their own session", () => {
    const a = sessionView({ key: 'A', title: 'Alpha', actions: ['play'], active: true });
    const b = sessionView({ key: 'B', title: 'Beta', actions: ['play'], active: false });
    const { store } = renderSessions([a, b]);
    fireEvent.click(within(item('Beta')).getByRole('button', { name: 'Play' }));
    fireEvent.click(within(item('Alpha')).getByRole('button', { name: 'Go to tab' }));
    expect(store.sent).toEqual([
      { type: 'intent', key: 'B', intent: { kind: 'action', details: { action: 'play' } } },
      { type: 'intent', key: 'A', intent: { kind: 'focus-tab' } },
    ]);
  });

  it('gives every button an accessible name', () => {
    renderSessions([
      sessionView({
        key: 'A',
        title: 'Alpha',
        actions: [
          ...MUSIC,
          'skipad',
          'previousslide',
          'nextslide',
          'togglemicrophone',
          'togglecamera',
          'hangup',
        ],
        active: true,
      }),
      sessionView({ key: 'B', title: 'Beta', active: false, pinned: true, position: null }),
    ]);
    // The session controls are icon-only; text buttons (links such as "Settings") name themselves.
    const buttons = screen.getAllByRole('button').filter((b) => !b.classList.contains('link'));
    expect(buttons.length).toBeGreaterThan(15);
    const unnamed = buttons.filter((b) => !b.getAttribute('aria-label')?.trim());
    expect(unnamed).toEqual([]);
    const links = screen.getAllByRole('button').filter((b) => b.classList.contains('link'));
    for (const link of links) expect(link.textContent?.trim()).not.toBe('');
    for (const button of buttons) {
      // Icon-only: the SVG is hidden, so the name comes from aria-label alone.
      expect(button.textContent).toBe('');
      expect(button.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    }
    expect(screen.getByRole('slider').getAttribute('aria-label')).toBe('Seek Alpha');
  });
});

describe('App: pin', () => {
  it('shows no pin button for a single session', () => {
    renderSessions([sessionView({ title: 'Only' })]);
    expect(screen.queryByRole('button', { name: /^(Pin|Unpin) / })).toBeNull();
  });

  it('pins another session and unpins the pinned one', () => {
    const a = sessionView({ key: 'A', title: 'Alpha', active: true, pinned: true });
    const b = sessionView({ key: 'B', title: 'Beta', active: false, pinned: false });
    const { store } = renderSessions([a, b]);
    expect(within(item('Alpha')).queryByRole('button', { name: /^Pin / })).toBeNull();
    expect(within(item('Beta')).queryByRole('button', { name: /^Unpin / })).toBeNull();

    fireEvent.click(
      within(item('Beta')).getByRole('button', { name: 'Pin Beta as the active session' }),
    );
    fireEvent.click(within(item('Alpha')).getByRole('button', { name: 'Unpin Alpha' }));
    expect(store.sent).toEqual([
      { type: 'intent', key: 'B', intent: { kind: 'pin' } },
      { type: 'intent', key: 'A', intent: { kind: 'unpin' } },
    ]);
  });

  it('hides the pin button again when only one session is left', () => {
    const a = sessionView({ key: 'A', title: 'Alpha', active: true });
    const b = sessionView({ key: 'B', title: 'Beta', active: false });
    const { store } = renderSessions([a, b]);
    expect(screen.getAllByRole('button', { name: /^Pin / })).toHaveLength(2);
    store.update({ snapshot: snapshotOf([a]) });
    expect(screen.queryByRole('button', { name: /^Pin / })).toBeNull();
  });
});

describe('App: artwork', () => {
  it('uses the smallest image that fills a 48 px slot at devicePixelRatio 1', () => {
    renderSessions([
      sessionView({ key: 'A', title: 'Alpha', active: true }),
      sessionView({ key: 'B', title: 'Beta', active: false, artwork: [artwork256, artwork96] }),
    ]);
    const img = image('Beta', 'img.artwork');
    expect(img?.getAttribute('src')).toBe(artwork96.src);
    expect(img?.getAttribute('width')).toBe('48');
    expect(img?.getAttribute('alt')).toBe('');
  });

  it('uses a larger image on a high-density screen and for the larger active slot', () => {
    vi.stubGlobal('devicePixelRatio', 2);
    renderSessions([
      // 72 px × 2 = 144 device pixels: the 96 one is too small.
      sessionView({ key: 'A', title: 'Alpha', active: true, artwork: [artwork96, artwork256] }),
      // 48 px × 2 = 96 device pixels: the 96 one fits exactly.
      sessionView({ key: 'B', title: 'Beta', active: false, artwork: [artwork256, artwork96] }),
    ]);
    expect(image('Alpha', 'img.artwork')?.getAttribute('src')).toBe(artwork256.src);
    expect(image('Alpha', 'img.artwork')?.getAttribute('width')).toBe('72');
    expect(image('Beta', 'img.artwork')?.getAttribute('src')).toBe(artwork96.src);
  });

  it('shows a placeholder when there is no artwork', () => {
    renderSessions([sessionView({ title: 'Bare', artwork: [] })]);
    expect(image('Bare', 'img.artwork')).toBeNull();
    const placeholder = item('Bare').querySelector('.artwork.placeholder');
    expect(placeholder).not.toBeNull();
    expect(placeholder?.getAttribute('aria-hidden')).toBe('true');
  });

  it('falls back to the placeholder when the image fails to load', () => {
    renderSessions([sessionView({ title: 'Broken', artwork: [artwork96] })]);
    const img = image('Broken', 'img.artwork');
    if (!img) throw new Error('expected artwork');
    fireEvent.error(img);
    expect(image('Broken', 'img.artwork')).toBeNull();
    expect(item('Broken').querySelector('.artwork.placeholder')).not.toBeNull();
  });
});

describe('App: seek bar', () => {
  const KEY = '7:0:DOC7';

  it('is a slider when the session handles seekto and has a finite duration', () => {
    renderSessions([sessionView({ key: KEY, title: 'Song', actions: ['play', 'seekto'] })]);
    const slider = within(item('Song')).getByRole('slider', { name: 'Seek Song' });
    expect(slider.getAttribute('aria-valuetext')).toBe('0:30 of 1:00');
    expect(slider.getAttribute('aria-valuemin')).toBe('0');
    expect(slider.getAttribute('aria-valuemax')).toBe('60');
    expect(slider.getAttribute('aria-valuenow')).toBe('30');
    expect(slider.getAttribute('tabindex')).toBe('0');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(within(item('Song')).getByText('0:30')).toBeTruthy();
    expect(within(item('Song')).getByText('1:00')).toBeTruthy();
  });

  it('is a read-only progressbar when the session cannot seek', () => {
    renderSessions([sessionView({ title: 'Song', actions: ['play', 'pause'] })]);
    expect(screen.queryByRole('slider')).toBeNull();
    const bar = screen.getByRole('progressbar', { name: 'Progress of Song' });
    expect(bar.getAttribute('aria-valuetext')).toBe('0:30 of 1:00');
    expect(bar.getAttribute('aria-valuenow')).toBe('30');
  });

  it('shows "Live" and a progressbar for a live stream (duration null), even with seekto', () => {
    renderSessions([
      sessionView({
        title: 'Radio',
        actions: ['play', 'pause', 'seekto'],
        position: { duration: null, playbackRate: 1, position: 30, updatedAt: T0 },
      }),
    ]);
    expect(screen.queryByRole('slider')).toBeNull();
    const bar = screen.getByRole('progressbar', { name: 'Progress of Radio' });
    expect(bar.getAttribute('aria-valuetext')).toBe('0:30, live');
    expect(bar.hasAttribute('aria-valuenow')).toBe(false);
    expect(within(item('Radio')).getByText('Live')).toBeTruthy();
  });

  it('shows no bar when the session has no position', () => {
    renderSessions([sessionView({ title: 'Song', actions: ['seekto'], position: null })]);
    expect(screen.queryByRole('slider')).toBeNull();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('ArrowRight seeks to position + 5 with fastSeek false', () => {
    const { store } = renderSessions([
      sessionView({ key: KEY, title: 'Song', actions: ['play', 'seekto'] }),
    ]);
    const slider = screen.getByRole('slider');
    fireEvent.keyDown(slider, { key: 'ArrowRight' });
    expect(store.sent).toEqual([
      {
        type: 'intent',
        key: KEY,
        intent: { kind: 'action', details: { action: 'seekto', seekTime: 35, fastSeek: false } },
      },
    ]);
    expect(parseMessage(PopupToWorkerSchema, store.sent[0]).ok).toBe(true);
    // The bar shows the seek at once, before the page reports the new position.
    expect(slider.getAttribute('aria-valuetext')).toBe('0:35 of 1:00');
  });

  it('a second key press continues from the seek just made', () => {
    const { store } = renderSessions([
      sessionView({ key: KEY, title: 'Song', actions: ['play', 'seekto'] }),
    ]);
    const slider = screen.getByRole('slider');
    fireEvent.keyDown(slider, { key: 'ArrowRight' });
    fireEvent.keyDown(slider, { key: 'ArrowRight' });
    expect(
      store.sent.map((m) => (m.intent.kind === 'action' ? m.intent.details.seekTime : null)),
    ).toEqual([35, 40]);
  });

  it.each<[string, number]>([
    ['ArrowLeft', 25],
    ['ArrowUp', 35],
    ['ArrowDown', 25],
    ['PageUp', 36],
    ['PageDown', 24],
    ['Home', 0],
    ['End', 60],
  ])('%s seeks to %s', (key, seekTime) => {
    const { store } = renderSessions([
      sessionView({ key: KEY, title: 'Song', actions: ['play', 'seekto'] }),
    ]);
    fireEvent.keyDown(screen.getByRole('slider'), { key });
    expect(store.sent).toEqual([
      {
        type: 'intent',
        key: KEY,
        intent: { kind: 'action', details: { action: 'seekto', seekTime, fastSeek: false } },
      },
    ]);
  });

  it('ignores keys a slider does not handle', () => {
    const { store } = renderSessions([
      sessionView({ key: KEY, title: 'Song', actions: ['play', 'seekto'] }),
    ]);
    const slider = screen.getByRole('slider');
    fireEvent.keyDown(slider, { key: 'Enter' });
    fireEvent.keyDown(slider, { key: 'a' });
    expect(store.sent).toEqual([]);
  });

  it('keeps the keys it handles from scrolling the popup, and only those', () => {
    renderSessions([sessionView({ key: KEY, title: 'Song', actions: ['play', 'seekto'] })]);
    const slider = screen.getByRole('slider');
    // fireEvent returns false when the handler called preventDefault.
    expect(fireEvent.keyDown(slider, { key: 'PageDown' })).toBe(false);
    expect(fireEvent.keyDown(slider, { key: 'Tab' })).toBe(true);
  });

  it('a seek the page did not confirm stops overriding the position after 1.5 s (playing)', () => {
    vi.restoreAllMocks();
    vi.useFakeTimers({ now: T0 });
    const { store } = renderSessions([
      sessionView({
        key: KEY,
        title: 'Song',
        actions: ['play', 'seekto'],
        playbackState: 'playing',
      }),
    ]);
    const slider = screen.getByRole('slider');
    fireEvent.keyDown(slider, { key: 'End' });
    expect(store.sent).toHaveLength(1);
    expect(slider.getAttribute('aria-valuetext')).toBe('1:00 of 1:00');
    act(() => {
      vi.advanceTimersByTime(2_000);
    });
    // The page never reported a new position: back to the extrapolated 30 + 2 s.
    expect(slider.getAttribute('aria-valuetext')).toBe('0:32 of 1:00');
  });

  // Regression: the expiry of an unconfirmed seek ran on the animation clock, frozen while paused.
  it('a seek the page did not confirm stops overriding the position after 1.5 s (paused)', () => {
    vi.restoreAllMocks();
    vi.useFakeTimers({ now: T0 });
    const view = sessionView({ key: KEY, title: 'Song', actions: ['play', 'seekto'] });
    const store = new FakeStore(snapshotOf([view]));
    renderApp(store);
    const slider = screen.getByRole('slider');
    fireEvent.keyDown(slider, { key: 'End' });
    expect(slider.getAttribute('aria-valuetext')).toBe('1:00 of 1:00');
    // A snapshot with the same (unchanged) position sample changes nothing yet.
    store.update({ snapshot: snapshotOf([{ ...view }]) });
    expect(slider.getAttribute('aria-valuetext')).toBe('1:00 of 1:00');
    // 1.5 s later, with no confirmation from the page, the reported position shows again.
    act(() => {
      vi.advanceTimersByTime(1_600);
    });
    expect(slider.getAttribute('aria-valuetext')).toBe('0:30 of 1:00');
  });

  // Regression: a pending seek was not clamped to the duration.
  it('a pending seek to the end does not run past the duration', () => {
    vi.restoreAllMocks();
    vi.useFakeTimers({ now: T0 });
    renderSessions([
      sessionView({
        key: KEY,
        title: 'Song',
        actions: ['play', 'seekto'],
        playbackState: 'playing',
      }),
    ]);
    const slider = screen.getByRole('slider');
    fireEvent.keyDown(slider, { key: 'End' });
    act(() => {
      vi.advanceTimersByTime(1_008);
    });
    expect(slider.getAttribute('aria-valuetext')).toBe('1:00 of 1:00');
    expect(slider.getAttribute('aria-valuenow')).toBe('60');
  });

  // Regression: a pending seek advanced at 1x whatever the playback rate.
  it('a pending seek advances at the playback rate', () => {
    vi.restoreAllMocks();
    vi.useFakeTimers({ now: T0 });
    renderSessions([
      sessionView({
        key: KEY,
        title: 'Song',
        actions: ['play', 'seekto'],
        playbackState: 'playing',
        position: { duration: 60, playbackRate: 2, position: 30, updatedAt: T0 },
      }),
    ]);
    const slider = screen.getByRole('slider');
    fireEvent.keyDown(slider, { key: 'ArrowRight' });
    act(() => {
      vi.advanceTimersByTime(1_008);
    });
    // 35 s + 2 × 1.008 s.
    expect(slider.getAttribute('aria-valuetext')).toBe('0:37 of 1:00');
  });

  it('a playing session at 2x advances twice as fast', () => {
    vi.restoreAllMocks();
    vi.useFakeTimers({ now: T0 });
    renderSessions([
      sessionView({
        title: 'Song',
        actions: ['seekto'],
        playbackState: 'playing',
        position: { duration: 60, playbackRate: 2, position: 30, updatedAt: T0 },
      }),
    ]);
    act(() => {
      vi.advanceTimersByTime(1_008);
    });
    expect(screen.getByRole('slider').getAttribute('aria-valuetext')).toBe('0:32 of 1:00');
  });

  it('seeks by pointer: fast seeks while dragging, one exact seek on release', () => {
    const { store } = renderSessions([
      sessionView({ key: KEY, title: 'Song', actions: ['play', 'seekto'] }),
    ]);
    const slider = screen.getByRole('slider');
    // A bar spanning x = 100…300 for a 60 s media.
    slider.getBoundingClientRect = () => new DOMRect(100, 0, 200, 8);
    fireEvent.pointerDown(slider, { clientX: 150, pointerId: 1 });
    expect(store.sent).toEqual([]);
    expect(slider.getAttribute('aria-valuetext')).toBe('0:15 of 1:00');

    fireEvent.pointerMove(slider, { clientX: 200, pointerId: 1 });
    // Within DRAG_SEND_INTERVAL_MS of the last fast seek: shown, not sent.
    fireEvent.pointerMove(slider, { clientX: 220, pointerId: 1 });
    expect(slider.getAttribute('aria-valuetext')).toBe('0:36 of 1:00');
    fireEvent.pointerUp(slider, { clientX: 250, pointerId: 1 });
    expect(store.sent).toEqual([
      {
        type: 'intent',
        key: KEY,
        intent: { kind: 'action', details: { action: 'seekto', seekTime: 30, fastSeek: true } },
      },
      {
        type: 'intent',
        key: KEY,
        intent: { kind: 'action', details: { action: 'seekto', seekTime: 45, fastSeek: false } },
      },
    ]);
    expect(slider.getAttribute('aria-valuetext')).toBe('0:45 of 1:00');

    // A move after release is not a drag.
    fireEvent.pointerMove(slider, { clientX: 120, pointerId: 1 });
    expect(store.sent).toHaveLength(2);
  });

  it('seeks from the extrapolated position of a playing session', () => {
    vi.mocked(Date.now).mockReturnValue(T0 + 4_000);
    const { store } = renderSessions([
      sessionView({
        key: KEY,
        title: 'Song',
        actions: ['play', 'seekto'],
        playbackState: 'playing',
      }),
    ]);
    const slider = screen.getByRole('slider');
    expect(slider.getAttribute('aria-valuetext')).toBe('0:34 of 1:00');
    fireEvent.keyDown(slider, { key: 'ArrowRight' });
    expect(store.sent).toEqual([
      {
        type: 'intent',
        key: KEY,
        intent: { kind: 'action', details: { action: 'seekto', seekTime: 39, fastSeek: false } },
      },
    ]);
  });

  it("a paused session's position does not move, however old its sample", () => {
    vi.mocked(Date.now).mockReturnValue(T0 + 45_000);
    const store = new FakeStore(
      snapshotOf([sessionView({ title: 'Song', actions: ['seekto'], playbackState: 'paused' })]),
    );
    renderApp(store);
    expect(screen.getByRole('slider').getAttribute('aria-valuetext')).toBe('0:30 of 1:00');
    expect(within(item('Song')).getByText('0:30')).toBeTruthy();

    // Time passes and the popup re-renders with an unchanged snapshot.
    vi.mocked(Date.now).mockReturnValue(T0 + 90_000);
    store.update({ snapshot: snapshotOf([sessionView({ title: 'Song', actions: ['seekto'] })]) });
    expect(screen.getByRole('slider').getAttribute('aria-valuetext')).toBe('0:30 of 1:00');
    expect(within(item('Song')).getByText('0:30')).toBeTruthy();
  });

  it('a playing session moves on every animation frame; a paused one stays', () => {
    vi.restoreAllMocks();
    vi.useFakeTimers({ now: T0 });
    renderSessions([
      sessionView({
        key: 'A',
        title: 'Moving',
        actions: ['seekto'],
        playbackState: 'playing',
        active: true,
      }),
      sessionView({
        key: 'B',
        title: 'Still',
        actions: ['seekto'],
        playbackState: 'paused',
        active: false,
      }),
    ]);
    const moving = within(item('Moving')).getByRole('slider');
    const still = within(item('Still')).getByRole('slider');
    expect(moving.getAttribute('aria-valuetext')).toBe('0:30 of 1:00');
    // Fake animation frames fire every 16 ms: 7.02 s later the last one saw 37.008 s.
    act(() => {
      vi.advanceTimersByTime(7_020);
    });
    expect(moving.getAttribute('aria-valuetext')).toBe('0:37 of 1:00');
    expect(still.getAttribute('aria-valuetext')).toBe('0:30 of 1:00');
    expect(within(item('Still')).getByText('0:30')).toBeTruthy();
    // It stops at the end.
    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    expect(moving.getAttribute('aria-valuetext')).toBe('1:00 of 1:00');
  });
});

describe('App: languages', () => {
  afterEach(() => installFakeI18n('en')); // the unit project's default

  it('speaks the UI language: words, plural count, control names, clock', () => {
    installFakeI18n('de');
    renderSessions([
      sessionView({ key: 'A', title: 'Lied', actions: MUSIC, playbackState: 'playing' }),
      sessionView({ key: 'B', title: 'Video', actions: ['play', 'seekto'], active: false }),
    ]);
    expect(screen.getByText('2 Wiedergaben')).toBeTruthy();
    const card = within(item('Lied'));
    expect(card.getByText('Läuft')).toBeTruthy();
    expect(card.getByRole('button', { name: 'Pausieren' })).toBeTruthy();
    expect(card.getByRole('button', { name: '10 Sekunden zurück' })).toBeTruthy();
    expect(
      card.getByRole('slider', { name: 'Position in Lied' }).getAttribute('aria-valuetext'),
    ).toBe('0:30 von 1:00');
    expect(screen.getByRole('button', { name: 'Alle Einstellungen' })).toBeTruthy();
  });

  it('keeps the seek row left to right and lets page titles take their own direction', () => {
    installFakeI18n('ar');
    renderSessions([sessionView({ title: 'أغنية', artist: 'فرقة', actions: ['play', 'seekto'] })]);
    const card = item('أغنية');
    expect(card.querySelector('.seek')?.getAttribute('dir')).toBe('ltr');
    expect(card.querySelector('.title')?.getAttribute('dir')).toBe('auto');
    expect(card.querySelector('.subtitle')?.getAttribute('dir')).toBe('auto');
    expect(within(card).getByRole('button', { name: 'تشغيل' })).toBeTruthy();
  });
});
