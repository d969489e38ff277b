/**
 * Issue #5, page lifecycle: iframes that come and go, discarded tabs and pages that call
 * `window.close()`. Each must add and remove exactly its own session, and leave the others alone.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Deck, launchDeck, type Snapshot, waitFor, waitForSession } from '../support/harness';

let deck: Deck;
beforeAll(async () => {
  deck = await launchDeck();
});
afterAll(async () => {
  await deck?.close();
});

const titled = (snapshot: Snapshot, title: string) =>
  snapshot.sessions.filter((s) => s.title === title);

it('iframes that come and go: each embed is its own session, removed with its frame', async () => {
  const page = await deck.open('https://blog.test/blank.html');
  const other = await deck.open('https://player.test/music.html');
  try {
    const bystander = await waitForSession(deck, 'First Light');
    const addFrame = (id: string, src: string) =>
      page.evaluate(
        ([id, src]) =>
          new Promise<void>((resolve) => {
            const frame = document.createElement('iframe');
            frame.id = id;
            frame.src = src;
            frame.onload = () => resolve();
            document.body.append(frame);
          }),
        [id, src] as const,
      );
    await addFrame('cross', 'https://embed.test/embedded-player.html');
    await addFrame('same', 'https://blog.test/embedded-player.html');
    const both = await waitFor('two embedded sessions in one tab', async () => {
      const found = titled(await deck.snapshot(), 'Embedded Episode 7');
      return found.length === 2 ? found : null;
    });
    expect(new Set(both.map((s) => s.tabId)).size).toBe(1);
    expect(both.every((s) => s.frameId !== 0)).toBe(true);
    expect(both.map((s) => s.host).sort()).toEqual(['blog.test', 'embed.test']);

    // Removing one frame ends its session only.
    await page.evaluate(() => document.getElementById('cross')?.remove());
    await waitFor('the removed frame’s session to go', async () => {
      const found = titled(await deck.snapshot(), 'Embedded Episode 7');
      return found.length === 1 && found[0]?.host === 'blog.test';
    });
    // Navigating the other frame elsewhere ends its session too.
    await page.evaluate(() => {
      (document.getElementById('same') as HTMLIFrameElement).src =
        'https://blog.test/plain-frame.html';
    });
    await waitFor(
      'the navigated frame’s session to go',
      async () => titled(await deck.snapshot(), 'Embedded Episode 7').length === 0,
    );
    // A frame added again is a new session.
    await addFrame('again', 'https://embed.test/embedded-player.html');
    const again = await waitFor('the new frame’s session', async () =>
      titled(await deck.snapshot(), 'Embedded Episode 7').find((s) => s.host === 'embed.test'),
    );
    expect(both.map((s) => s.key)).not.toContain(again.key);
    // And it is controllable in its frame.
    const frame = page.frame({ url: /embed\.test/ });
    const popup = await deck.openPopup();
    try {
      await popup
        .getByRole('listitem', { name: 'Embedded Episode 7' })
        .getByRole('button', { name: 'Play', exact: true })
        .click();
      await waitFor('play reached the embedded frame', () =>
        frame?.evaluate(() =>
          (window as unknown as { calls: { action: string }[] }).calls.some(
            (c) => c.action === 'play',
          ),
        ),
      );
    } finally {
      await popup.close();
    }
    // The other tab's session was never touched.
    const after = await deck.snapshot();
    expect(after.sessions.find((s) => s.key === bystander.key)?.title).toBe('First Light');
  } finally {
    await page.close();
    await other.close();
  }
});

it('a discarded tab loses its session, and gets it back when it is loaded again', async () => {
  const music = await deck.open('https://discard.test/music.html');
  const front = await deck.open('https://quiet.test/blank.html'); // the music tab is in the back
  try {
    const first = await waitForSession(deck, 'First Light');
    await front.bringToFront();
    // Chrome may give the discarded tab a new id (`tabs.onReplaced`); the session goes either way.
    const discarded = await deck.serviceWorker().evaluate(async (tabId) => {
      const tab = await chrome.tabs.discard(tabId);
      return { id: tab?.id ?? -1, discarded: tab?.discarded ?? false };
    }, first.tabId);
    expect(discarded.discarded).toBe(true);
    await waitFor(
      'the discarded tab’s session to go',
      async () =>
        !(await deck.snapshot()).sessions.some(
          (s) => s.tabId === first.tabId || s.tabId === discarded.id,
        ),
    );
    // Loading it again (as a click on the tab does) brings a new session for the new document.
    await deck.serviceWorker().evaluate((tabId) => chrome.tabs.reload(tabId), discarded.id);
    const back = await waitFor('the session of the reloaded tab', async () =>
      (await deck.snapshot()).sessions.find(
        (s) => s.tabId === discarded.id && s.title === 'First Light',
      ),
    );
    expect(back.key).not.toBe(first.key);
  } finally {
    await music.close().catch(() => {});
    await front.close();
  }
});

it('a page that calls window.close() takes its session with it', async () => {
  const opener = await deck.open('https://opener.test/blank.html');
  try {
    const [child] = await Promise.all([
      deck.context.waitForEvent('page'),
      opener.evaluate(() => {
        window.open('https://child.test/music.html', '_blank');
      }),
    ]);
    await child.waitForLoadState();
    await child.evaluate(() =>
      (window as unknown as { player: { play(): Promise<void> } }).player.play(),
    );
    const session = await waitFor('the opened window’s session', async () =>
      (await deck.snapshot()).sessions.find(
        (s) => s.host === 'child.test' && s.playbackState === 'playing',
      ),
    );
    await Promise.all([child.waitForEvent('close'), child.evaluate(() => window.close())]);
    await waitFor(
      'the closed window’s session to go',
      async () => !(await deck.snapshot()).sessions.some((s) => s.key === session.key),
    );
  } finally {
    await opener.close();
  }
});

it('media that a parent script plays in an about:blank iframe it just made is a session', async () => {
  // The frame's content scripts run when it is created, before the parent can reach into it, so
  // the parent's calls go through the wrappers like any page's.
  const page = await deck.open('https://blank-frame.test/blank.html');
  try {
    await page.evaluate(() => {
      const frame = document.createElement('iframe');
      document.body.append(frame);
      const win = frame.contentWindow as Window & typeof globalThis;
      win.navigator.mediaSession.metadata = new win.MediaMetadata({ title: 'Inside Blank' });
      win.navigator.mediaSession.setActionHandler('nexttrack', () => {});
      void new win.Audio('https://blank-frame.test/media/audio.webm').play();
    });
    const session = await waitFor('the about:blank frame’s session', async () =>
      (await deck.snapshot()).sessions.find(
        (s) => s.title === 'Inside Blank' && s.playbackState === 'playing',
      ),
    );
    expect(session.frameId).not.toBe(0);
    expect(session.host).toBe('blank-frame.test'); // the creator's origin
    expect(session.actions).toContain('nexttrack');
    expect(session.kind).toBe('audio');
    await page.evaluate(() => document.querySelector('iframe')?.remove());
    await waitFor(
      'the frame’s session to go with it',
      async () => !(await deck.snapshot()).sessions.some((s) => s.key === session.key),
    );
  } finally {
    await page.close();
  }
});
