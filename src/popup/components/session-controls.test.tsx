import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pos, sessionView, T0 } from '../../../tests/support/fixtures';
import type { SessionIntent, SessionView } from '../../shared/contract';
import { volumeForKey } from './element-controls';
import { SessionList } from './session-list';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Renders one card and returns the intents its controls send. */
function renderCard(view: SessionView, keysRule?: 'most-recent' | 'current-tab' | 'pinned-only') {
  const sent: SessionIntent[] = [];
  render(
    <SessionList
      sessions={[view]}
      commands={{
        intent: (_key, intent) => sent.push(intent),
        openSiteSettings: () => {},
        openOptions: () => {},
      }}
      seekOffset={10}
      faviconFor={() => ''}
      keysRule={keysRule}
    />,
  );
  return sent;
}

const element = { playbackRate: 1, volume: 0.5, muted: false };

describe('the keys mark', () => {
  it('names the keys rule in the tooltip of the active session’s badge', () => {
    renderCard(sessionView({ active: true }), 'current-tab');
    const badge = screen.getByText('Active');
    expect(badge.getAttribute('title')).toBe(
      'Media keys control this: This tab’s media, else the most recent',
    );
  });
});

describe('speed and volume', () => {
  it('are left out for a session without a reachable element', () => {
    renderCard(sessionView({ element: null }));
    expect(screen.queryByRole('combobox', { name: 'Playback speed' })).toBeNull();
    expect(screen.queryByRole('slider', { name: 'Volume' })).toBeNull();
  });

  it('speed: a native list from 0.5× to 2× with the current rate selected; a choice is one intent', () => {
    const sent = renderCard(sessionView({ element: { ...element, playbackRate: 1.25 } }));
    const speed = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Playback speed' });
    expect(
      within(speed)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['0.5×', '0.75×', '1×', '1.25×', '1.5×', '1.75×', '2×']);
    expect(speed.value).toBe('1.25');
    fireEvent.change(speed, { target: { value: '2' } });
    expect(sent).toEqual([
      { kind: 'set-element', setting: { property: 'playbackRate', value: 2 } },
    ]);
  });

  it('speed: a rate the page set that is not in the list is added, selected', () => {
    renderCard(sessionView({ element: { ...element, playbackRate: 3 } }));
    const speed = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Playback speed' });
    expect(speed.value).toBe('3');
    expect(within(speed).getAllByRole('option')).toHaveLength(8);
  });

  it('volume: a slider in percent; arrows move 5 %, Home and End go to the ends', () => {
    const sent = renderCard(sessionView({ element }));
    const volume = screen.getByRole('slider', { name: 'Volume' });
    expect(volume.getAttribute('aria-valuenow')).toBe('50');
    expect(volume.getAttribute('aria-valuetext')).toBe('50%');
    for (const key of ['ArrowUp', 'ArrowLeft', 'Home', 'End']) fireEvent.keyDown(volume, { key });
    expect(sent.map((i) => (i.kind === 'set-element' ? i.setting.value : null))).toEqual([
      0.55, 0.45, 0, 1,
    ]);
  });

  it('volume: a muted element shows 0', () => {
    renderCard(sessionView({ element: { ...element, muted: true } }));
    expect(screen.getByRole('slider', { name: 'Volume' }).getAttribute('aria-valuenow')).toBe('0');
  });

  it('volumeForKey clamps to 0..100 and ignores other keys', () => {
    expect(volumeForKey('ArrowUp', 98)).toBe(100);
    expect(volumeForKey('PageDown', 10)).toBe(0);
    expect(volumeForKey('PageUp', 10)).toBe(30);
    expect(volumeForKey('a', 10)).toBeNull();
  });
});

describe('chapters', () => {
  const chapters = [
    { title: 'Intro', startTime: 0 },
    { title: 'Verse', startTime: 30 },
    { title: 'Chorus', startTime: 90 },
  ];

  it('shows the chapter playing now and marks each chapter start on the bar', () => {
    vi.useFakeTimers({ now: T0 });
    const view = sessionView({
      chapters,
      actions: ['play', 'pause', 'seekto'],
      position: pos({ duration: 120, position: 40, updatedAt: T0 }),
    });
    renderCard(view);
    expect(screen.getByText('Chapter: Verse')).toBeTruthy();
    expect(
      [...document.querySelectorAll<HTMLElement>('.chapter-mark')].map((m) => m.style.left),
    ).toEqual(['25%', '75%']);
  });

  it('previous and next chapter seek through seekto; the current chapter moves with time', () => {
    vi.useFakeTimers({ now: T0 });
    const sent = renderCard(
      sessionView({
        chapters,
        actions: ['play', 'pause', 'seekto'],
        playbackState: 'playing',
        position: pos({ duration: 120, position: 28, updatedAt: T0 }),
      }),
    );
    expect(screen.getByText('Chapter: Intro')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(3000); // playing: 31 s now
    });
    expect(screen.getByText('Chapter: Verse')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next chapter' }));
    fireEvent.click(screen.getByRole('button', { name: 'Previous chapter' }));
    expect(sent).toEqual([
      { kind: 'action', details: { action: 'seekto', seekTime: 90 } },
      { kind: 'action', details: { action: 'seekto', seekTime: 0 } },
    ]);
  });

  it('no chapter buttons without chapters, or without seeking', () => {
    renderCard(sessionView({ chapters: [], actions: ['play', 'pause', 'seekto'] }));
    expect(screen.queryByRole('button', { name: 'Next chapter' })).toBeNull();
    cleanup();
    renderCard(sessionView({ chapters, actions: ['play', 'pause'] }));
    expect(screen.queryByRole('button', { name: 'Next chapter' })).toBeNull();
  });
});
