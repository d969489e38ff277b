import { describe, expect, it } from 'vitest';
import { createToolbar, NOTICE_MS, type RestingStatus, restingText } from './toolbar';

/** A toolbar over recorded `chrome.action` calls and a hand-driven timer. */
function harness() {
  const calls: string[] = [];
  let timer: { fn: () => void; ms: number } | null = null;
  const toolbar = createToolbar({
    setBadgeText: (text) => calls.push(`badge ${text}`),
    setTitle: (title) => calls.push(`title ${title}`),
    later: (fn, ms) => {
      timer = { fn, ms };
      return () => {
        timer = null;
      };
    },
    now: () => 0,
    onNotice: () => {},
  });
  const expire = () => {
    const due = timer;
    timer = null;
    due?.fn();
  };
  return { toolbar, calls, expire, timerMs: () => (timer as { ms: number } | null)?.ms };
}

const SONG: RestingStatus = { count: null, active: { title: 'Song', host: 'player.test' } };

describe('restingText', () => {
  it('names the session the keys control, or the extension', () => {
    expect(restingText(SONG)).toEqual({
      badge: '',
      title: 'Media Deck: the keys control “Song” (player.test)',
    });
    expect(restingText({ count: null, active: null })).toEqual({ badge: '', title: 'Media Deck' });
  });

  it('counts playing sessions only when the count is on, and not zero', () => {
    expect(restingText({ ...SONG, count: 3 }).badge).toBe('3');
    expect(restingText({ ...SONG, count: 0 }).badge).toBe('');
    expect(restingText({ ...SONG, count: null }).badge).toBe('');
  });

  it('shortens a long page title and keeps its host', () => {
    const { title } = restingText({
      count: null,
      active: { title: 'x'.repeat(500), host: 'a.test' },
    });
    expect(title.length).toBeLessThan(120);
    expect(title).toMatch(/…” \(a\.test\)$/);
  });
});

describe('createToolbar', () => {
  it('shows a status at rest, and calls chrome.action only for what changed', () => {
    const { toolbar, calls } = harness();
    toolbar.rest(SONG);
    toolbar.rest(SONG);
    toolbar.rest({ ...SONG, count: 2 });
    expect(calls).toEqual(['title Media Deck: the keys control “Song” (player.test)', 'badge 2']);
  });

  it('a notice takes the icon for NOTICE_MS; a status that came meanwhile shows after it', () => {
    const { toolbar, calls, expire, timerMs } = harness();
    toolbar.rest({ ...SONG, count: 1 });
    calls.length = 0;
    toolbar.notify({ code: 'nothing-to-control' });
    expect(calls).toEqual(['badge –', 'title Media Deck: Nothing to control']);
    expect(timerMs()).toBe(NOTICE_MS);
    calls.length = 0;
    toolbar.rest({ ...SONG, count: 2 });
    expect(calls).toEqual([]);
    expect(toolbar.notice()).toEqual({ code: 'nothing-to-control' });
    expect(expire).not.toThrow();
    expect(calls).toEqual(['badge 2', 'title Media Deck: the keys control “Song” (player.test)']);
  });

  it('with nothing at rest, a notice clears back to no badge and the extension’s name', () => {
    const { toolbar, calls, expire } = harness();
    toolbar.notify({ code: 'pip-refused' });
    expire();
    expect(calls).toEqual([
      'badge !',
      'title Media Deck: Chrome refused picture-in-picture',
      'badge ',
      'title Media Deck',
    ]);
  });
});
