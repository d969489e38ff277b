/**
 * Issue #3: real key presses (xdotool into a headed Chromium under Xvfb) drive the active session:
 * media keys on a playlist, focus moving between two playing tabs, a key press that wakes a
 * stopped service worker, and picture-in-picture from the shortcut.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Display, startDisplay } from '../../scripts/lib/xvfb.mjs';
import { type Deck, launchDeck, type Snapshot, waitFor } from '../support/harness';
import { type Call, takeCalls } from '../support/page-calls';

type Player = { player: { play(): Promise<void>; pause(): void } };

let display: Display;
let deck: Deck;
beforeAll(async () => {
  display = await startDisplay();
  deck = await launchDeck({ headless: false, display: display.name });
});
afterAll(async () => {
  await deck?.close();
  display?.stop();
});

const play = (page: Page) => page.evaluate(() => (window as unknown as Player).player.play());
const activeTitle = (s: Snapshot) => s.sessions.find((x) => x.key === s.activeKey)?.title ?? null;
async function nextCall(page: Page): Promise<Call> {
  const calls = await waitFor('a handler call', async () => {
    const c = await takeCalls(page);
    return c.length ? c : null;
  });
  expect(calls).toHaveLength(1);
  return calls[0] as Call;
}
const stateOf = async (title: string) =>
  (await deck.snapshot()).sessions.find((s) => s.title === title)?.playbackState;

describe('commands and media keys', () => {
  let music: Page;
  let video: Page;

  it('binds the media keys and one picture-in-picture shortcut, and declares the rest', async () => {
    const commands = await deck.worker.evaluate(() => chrome.commands.getAll());
    const byName = Object.fromEntries(commands.map((c) => [c.name, c.shortcut]));
    expect(byName).toMatchObject({
      'play-pause': 'Media Play/Pause',
      'next-track': 'Media Next Track',
      'previous-track': 'Media Previous Track',
      'toggle-picture-in-picture': 'Ctrl+Shift+Y',
      'seek-backward': '',
      'seek-forward': '',
      stop: '',
      'mute-tab': '',
      'go-to-tab': '',
    });
  });

  it('with nothing to control, a key does no harm and the toolbar says so', async () => {
    const page = await deck.open('https://quiet.test/no-media.html');
    await display.key('XF86AudioPlay');
    await waitFor('badge', () =>
      deck.serviceWorker().evaluate(async () => (await chrome.action.getBadgeText({})) === '–'),
    );
    expect((await deck.snapshot()).notice).toEqual({ code: 'nothing-to-control' });
    // The badge clears by itself.
    await waitFor(
      'badge cleared',
      () =>
        deck.serviceWorker().evaluate(async () => (await chrome.action.getBadgeText({})) === ''),
      5000,
    );
    await page.close();
  });

  it('a page’s long title reaches the toolbar shortened and attributed to its host', async () => {
    const title = `Buy now ${'!'.repeat(500)}`;
    const page = await deck.open(
      `https://spam.test/artwork.html?${new URLSearchParams({ title })}`,
    );
    const session = await waitFor('the spam session', async () =>
      (await deck.snapshot()).sessions.find((s) => s.host === 'spam.test'),
    );
    // The active session (pinned here), whose page has no next track.
    await deck
      .serviceWorker()
      .evaluate(
        (key) =>
          (
            globalThis as unknown as { mediaDeck: { registry: { pin(k: string): void } } }
          ).mediaDeck.registry.pin(key),
        session.key,
      );
    await display.key('XF86AudioNext');
    const tooltip = await waitFor('the toolbar tooltip', async () => {
      const t = await deck.serviceWorker().evaluate(() => chrome.action.getTitle({}));
      // The notice, not the resting tooltip, which names the active spam.test session too.
      return t.includes('has no next track') ? t : null;
    });
    expect(tooltip).toMatch(/^Media Deck: “Buy now !+…” \(spam\.test\) has no next track$/);
    expect(tooltip.length).toBeLessThan(120);
    await deck
      .serviceWorker()
      .evaluate(() =>
        (
          globalThis as unknown as { mediaDeck: { registry: { pin(k: null): void } } }
        ).mediaDeck.registry.pin(null),
      );
    await page.close();
  });

  it('media keys drive a playlist: play/pause flips, next and previous change the track', async () => {
    music = await deck.open('https://player.test/music.html');
    await play(music);
    await waitFor('music active and playing', async () => {
      const s = await deck.snapshot();
      return activeTitle(s) === 'First Light' && (await stateOf('First Light')) === 'playing';
    });
    await takeCalls(music);

    await display.key('XF86AudioPlay');
    expect(await nextCall(music)).toEqual({ action: 'pause', details: { action: 'pause' } });
    await waitFor('paused', async () => (await stateOf('First Light')) === 'paused');
    await display.key('XF86AudioPlay');
    expect(await nextCall(music)).toEqual({ action: 'play', details: { action: 'play' } });
    await waitFor('playing', async () => (await stateOf('First Light')) === 'playing');

    await display.key('XF86AudioNext');
    expect(await nextCall(music)).toEqual({
      action: 'nexttrack',
      details: { action: 'nexttrack' },
    });
    await waitFor('track 2', async () => (await stateOf('Second Wind')) !== undefined);
    await display.key('XF86AudioPrev');
    expect(await nextCall(music)).toEqual({
      action: 'previoustrack',
      details: { action: 'previoustrack' },
    });
    await waitFor('track 1', async () => (await stateOf('First Light')) !== undefined);
  });

  it('keys follow focus between two playing tabs', async () => {
    video = await deck.open('https://video.test/video.html');
    await play(video);
    await waitFor(
      'video active',
      async () => activeTitle(await deck.snapshot()) === 'Test Card Documentary',
    );
    await takeCalls(video);
    await takeCalls(music);
    await display.key('XF86AudioPlay');
    expect(await nextCall(video)).toEqual({ action: 'pause', details: { action: 'pause' } });
    expect(await takeCalls(music)).toEqual([]);
    await waitFor(
      'video paused',
      async () => (await stateOf('Test Card Documentary')) === 'paused',
    );
    // The music starts again (the user pressed play in its page): it takes focus.
    await music.evaluate(() => (window as unknown as Player).player.pause());
    await play(music);
    await waitFor(
      'music active again',
      async () => activeTitle(await deck.snapshot()) === 'First Light',
    );
    await takeCalls(music);
    await display.key('XF86AudioPlay');
    expect(await nextCall(music)).toEqual({ action: 'pause', details: { action: 'pause' } });
    expect(await takeCalls(video)).toEqual([]);
  });

  it('a key press wakes a stopped service worker and still reaches the active session', async () => {
    await display.key('XF86AudioPlay'); // music plays again
    await nextCall(music);
    await waitFor('music playing', async () => (await stateOf('First Light')) === 'playing');
    const before = await deck
      .serviceWorker()
      .evaluate(
        () => (globalThis as unknown as { mediaDeck: { startedAt: number } }).mediaDeck.startedAt,
      );
    await deck.stopServiceWorker();
    await display.key('XF86AudioNext');
    expect(await nextCall(music)).toEqual({
      action: 'nexttrack',
      details: { action: 'nexttrack' },
    });
    const after = await waitFor('a new worker', () =>
      deck
        .serviceWorker()
        .evaluate(
          () => (globalThis as unknown as { mediaDeck: { startedAt: number } }).mediaDeck.startedAt,
        ),
    );
    expect(after).toBeGreaterThan(before);
    // The next track is loading: let it start before the next test pauses the music.
    await waitFor(
      'the next track playing',
      async () => (await stateOf('Second Wind')) === 'playing',
    );
  });

  it('the shortcut toggles picture-in-picture for the active video, in and out', async () => {
    await music.evaluate(() => (window as unknown as Player).player.pause());
    await video.bringToFront();
    await play(video);
    await waitFor(
      'video active',
      async () => activeTitle(await deck.snapshot()) === 'Test Card Documentary',
    );
    await display.key('ctrl+shift+y');
    await waitFor('video in picture-in-picture', () =>
      video.evaluate(() => document.pictureInPictureElement?.id === 'v'),
    );
    await waitFor(
      'popup state follows',
      async () =>
        (await deck.snapshot()).sessions.find((s) => s.title === 'Test Card Documentary')
          ?.actions !== undefined,
    );
    await display.key('ctrl+shift+y');
    await waitFor('picture-in-picture closed', () =>
      video.evaluate(() => document.pictureInPictureElement === null),
    );
  });

  it('after the service worker slept, the shortcut uses the current tab’s video and says so', async () => {
    // Make the music the active session, in another tab than the video we look at.
    // (By host: the previous test moved the playlist on to another track.)
    const musicSession = async () =>
      (await deck.snapshot()).sessions.find((s) => s.host === 'player.test');
    await music.evaluate(() => (window as unknown as Player).player.pause());
    await waitFor('music paused', async () => (await musicSession())?.playbackState === 'paused');
    await play(music);
    await waitFor('music active', async () => (await musicSession())?.active === true);
    await video.bringToFront();
    await deck.stopServiceWorker();
    await display.key('ctrl+shift+y');
    await waitFor('video in picture-in-picture', () =>
      video.evaluate(() => document.pictureInPictureElement?.id === 'v'),
    );
    await waitFor('notice', async () => {
      const notice = (await deck.snapshot()).notice;
      return notice?.code === 'pip-this-tab' && notice.outcome === 'used';
    });
    await video.evaluate(() => document.exitPictureInPicture());
  });

  it('the popup lists the current bindings and links to change them', async () => {
    const popup = await deck.openPopup();
    await popup.getByText('Keyboard shortcuts').click();
    const region = popup.locator('details.shortcuts');
    await region.getByText('Media Play/Pause').waitFor();
    expect(await region.getByText('Ctrl+Shift+Y').count()).toBe(1);
    // Five commands for the user to bind, the side panel's, and opening the popup itself.
    expect(await region.getByText('Not set').count()).toBe(7);
    expect(await region.getByText('Open Media Deck', { exact: true }).count()).toBe(1);
    expect(await region.getByText('Open Media Deck in the side panel').count()).toBe(1);
    expect(await region.getByRole('button', { name: 'Change shortcuts' }).count()).toBe(1);
    await popup.close();
  });
});
