/**
 * Issue #2: each popup control reaches the page: the page's own handler with the right
 * `MediaSessionActionDetails` (`seekOffset`, `seekTime`, `fastSeek`), or the bare media element.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deck, launchDeck, waitFor, waitForSession } from '../support/harness';
import { type Call, takeCalls } from '../support/page-calls';
import { DRAG_END, dragSeekBar } from '../support/seek-drag';

let deck: Deck;
let popup: Page;
beforeAll(async () => {
  deck = await launchDeck();
});
afterAll(async () => {
  await deck?.close();
});

const play = (page: Page) =>
  page.evaluate(() => (window as unknown as { player: { play(): Promise<void> } }).player.play());

/** Waits for the page to have logged at least one handler call, and returns (and clears) them. */
async function nextCalls(page: Page): Promise<Call[]> {
  return waitFor('a handler call', async () => {
    const list = await page.evaluate(() => (window as unknown as { calls: Call[] }).calls.slice());
    return list.length > 0 ? takeCalls(page) : null;
  });
}

async function press(title: string, button: string): Promise<void> {
  await popup
    .getByRole('listitem', { name: title })
    .getByRole('button', { name: button, exact: true })
    .click();
}

describe('popup actions on a music player', () => {
  let music: Page;
  beforeAll(async () => {
    music = await deck.open('https://player.test/music.html');
    await play(music);
    await waitFor('music playing', async () =>
      (await deck.snapshot()).sessions.find(
        (s) => s.title === 'First Light' && s.playbackState === 'playing',
      ),
    );
    popup = await deck.openPopup();
    await takeCalls(music);
  });

  it('pause and play call the page handlers, and the button follows the state', async () => {
    await press('First Light', 'Pause');
    expect(await nextCalls(music)).toEqual([{ action: 'pause', details: { action: 'pause' } }]);
    await popup
      .getByRole('listitem', { name: 'First Light' })
      .getByRole('button', { name: 'Play', exact: true })
      .waitFor();
    expect(
      await music.evaluate(
        () => (window as unknown as { player: { audio: HTMLAudioElement } }).player.audio.paused,
      ),
    ).toBe(true);
    await press('First Light', 'Play');
    expect(await nextCalls(music)).toEqual([{ action: 'play', details: { action: 'play' } }]);
    await popup
      .getByRole('listitem', { name: 'First Light' })
      .getByRole('button', { name: 'Pause', exact: true })
      .waitFor();
  });

  it('seek forward and backward pass seekOffset in seconds', async () => {
    await press('First Light', 'Seek forward 10 seconds');
    expect(await nextCalls(music)).toEqual([
      { action: 'seekforward', details: { action: 'seekforward', seekOffset: 10 } },
    ]);
    await press('First Light', 'Seek backward 10 seconds');
    expect(await nextCalls(music)).toEqual([
      { action: 'seekbackward', details: { action: 'seekbackward', seekOffset: 10 } },
    ]);
  });

  it('next and previous track change the track, and the popup follows the new metadata', async () => {
    await press('First Light', 'Next track');
    expect(await nextCalls(music)).toEqual([
      { action: 'nexttrack', details: { action: 'nexttrack' } },
    ]);
    await popup.getByRole('listitem', { name: 'Second Wind' }).waitFor();
    await press('Second Wind', 'Previous track');
    expect(await nextCalls(music)).toEqual([
      { action: 'previoustrack', details: { action: 'previoustrack' } },
    ]);
    await popup.getByRole('listitem', { name: 'First Light' }).waitFor();
  });

  it('a click on the seek bar calls seekto with seekTime at that point', async () => {
    const slider = popup
      .getByRole('listitem', { name: 'First Light' })
      .locator('.seek')
      .getByRole('slider');
    const box = await slider.boundingBox();
    if (!box) throw new Error('no seek bar');
    await popup.mouse.click(box.x + box.width * 0.5, box.y + box.height / 2);
    const [call] = await nextCalls(music);
    expect(call?.action).toBe('seekto');
    expect(call?.details.fastSeek).toBe(false);
    expect(call?.details.seekTime as number).toBeCloseTo(30, 0);
    await waitFor('audio near 30 s', () =>
      music.evaluate(
        () =>
          Math.abs(
            (window as unknown as { player: { audio: HTMLAudioElement } }).player.audio
              .currentTime - 30,
          ) < 2,
      ),
    );
  });

  it('dragging the seek bar sends fastSeek while moving and an exact seek on release', async () => {
    const slider = popup
      .getByRole('listitem', { name: 'First Light' })
      .locator('.seek')
      .getByRole('slider');
    const box = await slider.boundingBox();
    if (!box) throw new Error('no seek bar');
    await dragSeekBar(popup.mouse, box);
    const list = await waitFor('final seek', async () => {
      const all = await music.evaluate(() =>
        (window as unknown as { calls: Call[] }).calls.slice(),
      );
      return all.some((c) => c.details.fastSeek === false) ? takeCalls(music) : null;
    });
    expect(list.every((c) => c.action === 'seekto')).toBe(true);
    const fast = list.filter((c) => c.details.fastSeek === true);
    expect(fast.length).toBeGreaterThanOrEqual(2);
    const last = list[list.length - 1];
    expect(last?.details.fastSeek).toBe(false);
    expect(last?.details.seekTime as number).toBeCloseTo(60 * DRAG_END, 0);
  });

  it('arrow keys on the focused seek bar seek by 5 seconds', async () => {
    const slider = popup
      .getByRole('listitem', { name: 'First Light' })
      .locator('.seek')
      .getByRole('slider');
    await press('First Light', 'Pause'); // a still position makes the expected time exact
    await nextCalls(music);
    await music.evaluate(() => {
      const p = (window as unknown as { player: { audio: HTMLAudioElement } }).player;
      p.audio.currentTime = 20;
    });
    await waitFor(
      'position 20 in popup',
      async () => (await slider.getAttribute('aria-valuenow')) === '20',
    );
    await slider.focus();
    await popup.keyboard.press('ArrowRight');
    const [call] = await nextCalls(music);
    expect(call).toEqual({
      action: 'seekto',
      details: { action: 'seekto', seekTime: expect.closeTo(25, 0) as number, fastSeek: false },
    });
  });

  it('stop calls the page handler', async () => {
    await press('First Light', 'Stop');
    expect(await nextCalls(music)).toEqual([{ action: 'stop', details: { action: 'stop' } }]);
  });

  it('mute tab mutes the tab through chrome.tabs and the button follows', async () => {
    await press('First Light', 'Mute tab');
    await popup
      .getByRole('listitem', { name: 'First Light' })
      .getByRole('button', { name: 'Unmute tab' })
      .waitFor();
    const muted = await deck.worker.evaluate(
      async () => (await chrome.tabs.query({ url: 'https://player.test/*' }))[0]?.mutedInfo?.muted,
    );
    expect(muted).toBe(true);
    await press('First Light', 'Unmute tab');
    await popup
      .getByRole('listitem', { name: 'First Light' })
      .getByRole('button', { name: 'Mute tab' })
      .waitFor();
  });

  it('go to tab brings the media tab to the front', async () => {
    await press('First Light', 'Go to tab');
    await waitFor('music tab active', () =>
      deck.worker.evaluate(
        async () => (await chrome.tabs.query({ url: 'https://player.test/*' }))[0]?.active,
      ),
    );
    await popup.bringToFront();
  });
});

describe('popup actions on other pages', () => {
  it('drives a bare <video> element itself: pause, play, seek, stop', async () => {
    const page = await deck.open('https://bare.test/bare-video.html');
    await play(page);
    await waitFor('bare session', async () =>
      (await deck.snapshot()).sessions.find(
        (s) => s.host === 'bare.test' && s.playbackState === 'playing',
      ),
    );
    await popup.bringToFront();
    const title = 'Bare video fixture';
    const video = () =>
      page.evaluate(() => {
        const v = document.querySelector('video') as HTMLVideoElement;
        return { paused: v.paused, t: v.currentTime };
      });
    await press(title, 'Pause');
    await waitFor('paused', async () => (await video()).paused);
    await press(title, 'Seek forward 10 seconds');
    await waitFor('t >= 10', async () => (await video()).t >= 10);
    const before = (await video()).t;
    await press(title, 'Seek backward 10 seconds');
    await waitFor('t back by 10', async () => Math.abs((await video()).t - (before - 10)) < 0.5);
    await press(title, 'Play');
    await waitFor('playing', async () => !(await video()).paused);
    await press(title, 'Stop');
    await waitFor('stopped at 0', async () => {
      const v = await video();
      return v.paused && v.t === 0;
    });
    await page.close();
  });

  it('drives a player in a cross-origin iframe through its own handlers', async () => {
    const page = await deck.open('https://blog.test/host.html');
    const frame = await waitFor('embed', () =>
      page.frames().find((f) => f.url().startsWith('https://embed.test/')),
    );
    await frame.evaluate(() =>
      (window as unknown as { player: { play(): Promise<void> } }).player.play(),
    );
    await waitFor('embed playing', async () =>
      (await deck.snapshot()).sessions.find(
        (s) => s.title === 'Embedded Episode 7' && s.playbackState === 'playing',
      ),
    );
    await popup.bringToFront();
    await press('Embedded Episode 7', 'Pause');
    const list = await waitFor('iframe handler', async () => {
      const c = await frame.evaluate(() => (window as unknown as { calls: Call[] }).calls.slice());
      return c.length ? c : null;
    });
    expect(list).toEqual([
      { action: 'pause', details: { action: 'pause' }, at: expect.any(Number) as number },
    ]);
    await page.close();
  });

  it('call controls toggle microphone and camera and show their new state', async () => {
    const page = await deck.open('https://meet.test/call.html');
    await page.evaluate(() => (window as unknown as { join(): Promise<void> }).join());
    await waitForSession(deck, 'Weekly sync');
    await popup.bringToFront();
    const item = popup.getByRole('listitem', { name: 'Weekly sync' });
    await item.getByRole('button', { name: 'Mute microphone' }).click();
    await item.getByRole('button', { name: 'Unmute microphone' }).waitFor();
    await item.getByRole('button', { name: 'Turn camera off' }).click();
    await item.getByRole('button', { name: 'Turn camera on' }).waitFor();
    await item.getByRole('button', { name: 'Hang up' }).click();
    expect((await nextCalls(page)).map((c) => c.action)).toEqual([
      'togglemicrophone',
      'togglecamera',
      'hangup',
    ]);
    const session = (await deck.snapshot()).sessions.find((s) => s.title === 'Weekly sync');
    expect(session).toMatchObject({ microphoneActive: false, cameraActive: false });
    await page.close();
  });

  it('slide buttons call the page’s slide handlers', async () => {
    const page = await deck.open('https://slides.test/head-script.html');
    await waitForSession(deck, 'Early Bird Talk');
    await popup.bringToFront();
    await press('Early Bird Talk', 'Next slide');
    await press('Early Bird Talk', 'Previous slide');
    const list = await waitFor('two slide calls', async () => {
      const c = await page.evaluate(() => (window as unknown as { calls: Call[] }).calls.slice());
      return c.length >= 2 ? c : null;
    });
    expect(list).toEqual([
      { action: 'nextslide', details: { action: 'nextslide' } },
      { action: 'previousslide', details: { action: 'previousslide' } },
    ]);
    await page.close();
  });
});
