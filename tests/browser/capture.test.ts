/**
 * Issue #2: every kind of page's media session reaches the service worker and the popup with the
 * right metadata and only the buttons it can use; a page without media sends nothing.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deck, launchDeck, waitFor, waitForSession } from '../support/harness';

let deck: Deck;
beforeAll(async () => {
  deck = await launchDeck();
});
afterAll(async () => {
  await deck?.close();
});

const play = (page: Page) =>
  page.evaluate(() => (window as unknown as { player: { play(): Promise<void> } }).player.play());

/** The accessible names of the buttons in a session's "Controls for …" group. */
async function buttonsOf(popup: Page, title: string): Promise<string[]> {
  const group = popup
    .getByRole('listitem', { name: title })
    .getByRole('group', { name: `Controls for ${title}` });
  await group.waitFor();
  return group
    .getByRole('button')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
}

describe('capture', () => {
  it('a music player shows full metadata, artwork, position and every track button', async () => {
    const page = await deck.open('https://player.test/music.html');
    await play(page);
    const session = await waitFor('music playing', async () =>
      (await deck.snapshot()).sessions.find(
        (s) => s.title === 'First Light' && s.playbackState === 'playing',
      ),
    );
    expect(session).toMatchObject({
      artist: 'The Fixtures',
      album: 'Test Pressing',
      host: 'player.test',
      kind: 'audio',
      frameId: 0,
    });
    // Of the page's two images (96 and 256 px) the popup gets the one that fills its largest
    // slot (144 device pixels): the smallest at least that large, loaded by the extension and
    // sent as a small data: image (the 256 px PNG becomes a 256 px WebP).
    const withArtwork = await waitFor('the artwork loaded', async () =>
      (await deck.snapshot()).sessions.find((s) => s.key === session.key && s.artwork.length > 0),
    );
    expect(withArtwork.artwork).toEqual([
      {
        src: expect.stringMatching(/^data:image\/webp;base64,/),
        sizes: '256x256',
        type: 'image/webp',
      },
    ]);
    expect(session.position?.duration).toBeCloseTo(60, 0);
    expect(session.actions).toEqual([
      'play',
      'pause',
      'seekbackward',
      'seekforward',
      'previoustrack',
      'nexttrack',
      'stop',
      'seekto',
    ]);

    const popup = await deck.openPopup();
    const item = popup.getByRole('listitem', { name: 'First Light' });
    expect(await item.getByText('The Fixtures — Test Pressing').count()).toBe(1);
    expect(await buttonsOf(popup, 'First Light')).toEqual([
      'Previous track',
      'Seek backward 10 seconds',
      'Pause',
      'Seek forward 10 seconds',
      'Next track',
      'Stop',
      'Mute tab',
      'Go to tab',
    ]);
    // The popup shows that image, not a placeholder, and loads nothing from the page's server.
    const artwork = await item.locator('img.artwork').getAttribute('src');
    expect(artwork).toBe(withArtwork.artwork[0]?.src);
    expect(await item.locator('.seek').getByRole('slider').getAttribute('aria-valuemax')).toBe(
      '60',
    );
    await popup.close();
    await page.close();
  });

  it('a video player shows its own handlers (skip ad) and no track buttons', async () => {
    const page = await deck.open('https://video.test/video.html');
    await play(page);
    const session = await waitFor('video playing', async () =>
      (await deck.snapshot()).sessions.find(
        (s) => s.title === 'Test Card Documentary' && s.kind === 'video',
      ),
    );
    expect(session.actions).toEqual([
      'play',
      'pause',
      'seekbackward',
      'seekforward',
      'skipad',
      'seekto',
    ]);
    const popup = await deck.openPopup();
    expect(await buttonsOf(popup, 'Test Card Documentary')).toEqual([
      'Seek backward 10 seconds',
      'Pause',
      'Seek forward 10 seconds',
      'Skip ad',
      'Enter picture-in-picture',
      'Mute tab',
      'Go to tab',
    ]);
    await popup.close();
    await page.close();
  });

  it('a bare <video> with no media session is a session with the element’s own actions', async () => {
    const page = await deck.open('https://bare.test/bare-video.html');
    await play(page);
    // No metadata: the tab's title names it (once chrome.tabs answered).
    const session = await waitFor('bare video named by its tab', async () =>
      (await deck.snapshot()).sessions.find(
        (s) => s.host === 'bare.test' && s.kind === 'video' && s.title === 'Bare video fixture',
      ),
    );
    expect(session.actions).toEqual([
      'play',
      'pause',
      'seekbackward',
      'seekforward',
      'stop',
      'seekto',
    ]);
    await page.close();
  });

  it('a player in a cross-origin iframe is its own session, named by its frame', async () => {
    const page = await deck.open('https://blog.test/host.html');
    const frame = await waitFor('embed frame', () =>
      page.frames().find((f) => f.url().startsWith('https://embed.test/')),
    );
    await frame.evaluate(() =>
      (window as unknown as { player: { play(): Promise<void> } }).player.play(),
    );
    const session = await waitForSession(deck, 'Embedded Episode 7');
    expect(session.host).toBe('embed.test');
    expect(session.frameId).toBeGreaterThan(0);
    expect(session.actions).toEqual(['play', 'pause', 'seekto']);
    await page.close();
  });

  it('an untitled player in an ad frame never borrows its tab’s title or icon', async () => {
    const page = await deck.open('https://news.test/ad-host.html');
    const frame = await waitFor('ad frame', () =>
      page.frames().find((f) => f.url().startsWith('https://ads.test/')),
    );
    await frame.evaluate(() =>
      (window as unknown as { player: { play(): Promise<void> } }).player.play(),
    );
    const session = await waitFor('the ad’s session', async () =>
      (await deck.snapshot()).sessions.find((s) => s.host === 'ads.test'),
    );
    expect(session.title).toBe('ads.test'); // not "Today's headlines"
    const popup = await deck.openPopup();
    const item = popup.getByRole('listitem', { name: 'ads.test' });
    expect(await item.locator('.host').textContent()).toBe('ads.test in news.test');
    expect(await item.locator('img.favicon').getAttribute('src')).toContain(
      encodeURIComponent('https://ads.test'),
    );
    expect(await popup.getByRole('listitem', { name: "Today's headlines" }).count()).toBe(0);
    await popup.close();
    await page.close();
  });

  it('metadata and handlers set by the first inline <head> script are captured', async () => {
    const page = await deck.open('https://slides.test/head-script.html');
    const session = await waitForSession(deck, 'Early Bird Talk');
    expect(session).toMatchObject({
      artist: 'Head Script',
      album: 'Slides',
      kind: null,
      playbackState: 'none',
    });
    expect(session.actions).toEqual(['previousslide', 'nextslide']);
    const popup = await deck.openPopup();
    expect(await buttonsOf(popup, 'Early Bird Talk')).toEqual([
      'Previous slide',
      'Next slide',
      'Mute tab',
      'Go to tab',
    ]);
    await popup.close();
    await page.close();
  });

  it('a call shows microphone and camera state and hang up', async () => {
    const page = await deck.open('https://meet.test/call.html');
    await page.evaluate(() => (window as unknown as { join(): Promise<void> }).join());
    const session = await waitFor('call', async () =>
      (await deck.snapshot()).sessions.find(
        (s) => s.title === 'Weekly sync' && s.microphoneActive === true,
      ),
    );
    expect(session).toMatchObject({ cameraActive: true, playbackState: 'playing' });
    expect(session.actions).toEqual(['togglemicrophone', 'togglecamera', 'hangup']);
    const popup = await deck.openPopup();
    expect(await buttonsOf(popup, 'Weekly sync')).toEqual([
      'Mute microphone',
      'Turn camera off',
      'Hang up',
      'Mute tab',
      'Go to tab',
    ]);
    await popup.close();
    await page.close();
  });

  it('a page calling setPositionState 60 times a second sends only a handful of messages', async () => {
    const page = await deck.open('https://player.test/music.html');
    await play(page);
    await waitFor('music playing', async () =>
      (await deck.snapshot()).sessions.some(
        (s) => s.host === 'player.test' && s.playbackState === 'playing',
      ),
    );
    const tabId = await deck.worker.evaluate(
      async () => (await chrome.tabs.query({ url: 'https://player.test/*' }))[0]?.id,
    );
    const before = (await deck.stats()).frameMessagesByTab[String(tabId)] ?? 0;
    const calls = await page.evaluate(async () => {
      const audio = (window as unknown as { player: { audio: HTMLAudioElement } }).player.audio;
      let n = 0;
      const started = performance.now();
      while (performance.now() - started < 3000) {
        navigator.mediaSession.setPositionState({
          duration: audio.duration,
          playbackRate: 1,
          position: audio.currentTime,
        });
        n++;
        await new Promise((r) => setTimeout(r, 16));
      }
      return n;
    });
    const after = (await deck.stats()).frameMessagesByTab[String(tabId)] ?? 0;
    expect(calls).toBeGreaterThan(120);
    // Steady playback confirms what the service worker already extrapolates: (almost) nothing to send.
    expect(after - before).toBeLessThanOrEqual(3);
    await page.close();
  });

  it('a page without media sends the service worker nothing', async () => {
    const before = await deck.stats();
    const page = await deck.open('https://quiet.test/no-media.html');
    await waitFor('the plain iframe', () => page.frames().length === 2);
    // Give any report every chance to arrive: the bridge would send within a few ms.
    await page.waitForTimeout(1500);
    const tabId = await deck.worker.evaluate(
      async () => (await chrome.tabs.query({ url: 'https://quiet.test/*' }))[0]?.id,
    );
    const after = await deck.stats();
    expect(tabId).toBeTypeOf('number');
    expect(after.framePorts).toBe(before.framePorts);
    expect(after.frameMessagesByTab[String(tabId)]).toBeUndefined();
    // Nothing at all from its content scripts: no Port of any name, no one-off message.
    expect(after.contentScriptPortsByTab[String(tabId)]).toBeUndefined();
    expect(after.contentScriptMessagesByTab[String(tabId)]).toBeUndefined();
    expect(
      (await deck.snapshot()).sessions.some(
        (s) => s.host === 'quiet.test' || s.host === 'embed.test',
      ),
    ).toBe(false);
    await page.close();
  });
});
