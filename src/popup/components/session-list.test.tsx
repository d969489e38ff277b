import { act, cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionView } from '../../../tests/support/fixtures';
import type { CardCommands } from './session-card';
import { CARDS_PER_FRAME, FIRST_CARDS, SessionList } from './session-list';

const commands: CardCommands = {
  intent: () => {},
  openSiteSettings: () => {},
  openOptions: () => {},
};
const views = (n: number) =>
  Array.from({ length: n }, (_, i) => sessionView({ key: `${i}:0:D`, title: `Track ${i}` }));

let frames: FrameRequestCallback[];
beforeEach(() => {
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (fn: FrameRequestCallback) => frames.push(fn));
  vi.stubGlobal('cancelAnimationFrame', () => {});
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Runs the frames requested so far. */
function nextFrame(): void {
  act(() => {
    for (const fn of frames.splice(0)) fn(0);
  });
}

describe('SessionList', () => {
  it('lists every session, named by its title, from the first paint; fills in the rest frame by frame', () => {
    const n = FIRST_CARDS + CARDS_PER_FRAME + 3;
    render(
      <SessionList sessions={views(n)} commands={commands} seekOffset={10} faviconFor={String} />,
    );
    const list = screen.getByRole('list', { name: 'Media sessions' });
    const items = () => within(list).getAllByRole('listitem');
    expect(items().map((li) => li.getAttribute('aria-labelledby'))).toHaveLength(n);
    expect(screen.getByRole('listitem', { name: `Track ${n - 1}` })).toBeTruthy();
    const full = () => items().filter((li) => !li.classList.contains('pending')).length;
    expect(full()).toBe(FIRST_CARDS);
    nextFrame();
    expect(full()).toBe(FIRST_CARDS + CARDS_PER_FRAME);
    nextFrame();
    expect(full()).toBe(n);
    nextFrame();
    expect(frames).toHaveLength(0); // done: no more frames asked for
    // A full card has its controls.
    expect(
      within(screen.getByRole('listitem', { name: `Track ${n - 1}` })).getAllByRole('button')
        .length,
    ).toBeGreaterThan(0);
  });

  it('a short list is drawn in full at once', () => {
    render(
      <SessionList sessions={views(3)} commands={commands} seekOffset={10} faviconFor={String} />,
    );
    expect(document.querySelectorAll('li.pending')).toHaveLength(0);
    expect(frames).toHaveLength(0);
  });
});
