/**
 * Issue #2: the active session follows the focus policy (docs/architecture.md § Focus policy)
 * across two playing tabs, and a session leaves when its tab closes or navigates.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deck, launchDeck, type Snapshot, waitFor } from '../support/harness';

let deck: Deck;
beforeAll(async () => {
  deck = await launchDeck();
});
afterAll(async () => {
  await deck?.close();
});

type Player = { player: { play(): Promise<void>; pause(): void } };
const play = (page: Page) => page.evaluate(() => (window as unknown as Player).player.play());
const activeTitle = (s: Snapshot) => s.sessions.find((x) => x.key === s.activeKey)?.title ?? null;
const waitActive = (title: string | null) =>
  waitFor(`active session "${title}"`, async () => activeTitle(await deck.snapshot()) === title);

describe('focus policy across tabs', () => {
  let music: Page;
  let video: Page;
  let popup: Page;

  it('the tab that most recently started audible playback is active, and listed first', async () => {
    music = await deck.open('https://player.test/music.html');
    await play(music);
    await waitActive('First Light');
    video = await deck.open('https://video.test/video.html');
    await play(video);
    await waitActive('Test Card Documentary');
    popup = await deck.openPopup();
    const items = popup.getByRole('listitem');
    await waitFor('two items', async () => (await items.count()) === 2);
    const first = items.first();
    expect(await first.getAttribute('aria-labelledby')).toContain('title-');
    expect(await first.getAttribute('aria-current')).toBe('true');
    expect(await first.locator('.title').textContent()).toBe('Test Card Documentary');
    expect(await first.getByText('Active', { exact: true }).count()).toBe(1);
  });

  it('pausing does not move focus: pause then play toggles the same session', async () => {
    await popup
      .getByRole('listitem', { name: 'Test Card Documentary' })
      .getByRole('button', { name: 'Pause', exact: true })
      .click();
    await waitFor(
      'video paused',
      async () =>
        (await deck.snapshot()).sessions.find((s) => s.title === 'Test Card Documentary')
          ?.playbackState === 'paused',
    );
    expect(activeTitle(await deck.snapshot())).toBe('Test Card Documentary');
    await popup
      .getByRole('listitem', { name: 'Test Card Documentary' })
      .getByRole('button', { name: 'Play', exact: true })
      .click();
    await waitFor(
      'video playing',
      async () =>
        (await deck.snapshot()).sessions.find((s) => s.title === 'Test Card Documentary')
          ?.playbackState === 'playing',
    );
    expect(activeTitle(await deck.snapshot())).toBe('Test Card Documentary');
  });

  it('a session that starts playing again takes focus back', async () => {
    await music.evaluate(() => (window as unknown as Player).player.pause());
    await waitFor(
      'music paused',
      async () =>
        (await deck.snapshot()).sessions.find((s) => s.title === 'First Light')?.playbackState ===
        'paused',
    );
    expect(activeTitle(await deck.snapshot())).toBe('Test Card Documentary');
    await play(music);
    await waitActive('First Light');
  });

  it('a one-second notification sound neither takes focus nor appears in the list', async () => {
    const chat = await deck.open('https://chat.test/ping.html');
    const before = await deck.stats();
    // From an element in the page: the chat tab does report its sound (so the filter, not
    // silence, keeps it out)...
    await chat.evaluate(() => (window as unknown as { pingInPage(): Promise<void> }).pingInPage());
    await waitFor('the ping reported', async () => {
      const tabs = (await deck.stats()).frameMessagesByTab;
      return Object.keys(tabs).length > Object.keys(before.frameMessagesByTab).length;
    });
    await chat.waitForTimeout(1500); // past the end of the ping
    // ...and detached, as most chat apps play it (seen only if the tab stays audible unexplained).
    await chat.evaluate(() => (window as unknown as { ping(): Promise<void> }).ping());
    await chat.waitForTimeout(2500); // past the end of the ping, and of Chrome's audible indicator
    const snapshot = await deck.snapshot();
    expect(activeTitle(snapshot)).toBe('First Light');
    expect(snapshot.sessions.map((s) => s.host)).not.toContain('chat.test');
    await chat.close();
  });

  it('pinning in the popup makes a session active until unpinned', async () => {
    await popup
      .getByRole('button', { name: 'Pin Test Card Documentary as the active session' })
      .click();
    await waitActive('Test Card Documentary');
    expect((await deck.snapshot()).pinnedKey).not.toBeNull();
    await popup.getByRole('button', { name: 'Unpin Test Card Documentary' }).click();
    await waitActive('First Light');
  });

  it('closing the active tab removes its session and hands focus to the next in the stack', async () => {
    await music.close();
    await waitFor(
      'music gone',
      async () => !(await deck.snapshot()).sessions.some((s) => s.host === 'player.test'),
    );
    await waitActive('Test Card Documentary');
    await popup.getByRole('listitem', { name: 'First Light' }).waitFor({ state: 'detached' });
  });

  it('navigating a tab away removes its session', async () => {
    await video.goto('https://quiet.test/no-media.html');
    await waitFor('video gone', async () => (await deck.snapshot()).sessions.length === 0);
    await waitActive(null);
    await popup.getByText('Nothing is playing').waitFor();
  });

  it('a reload makes a new session for the new document, not a stale one', async () => {
    const page = await deck.open('https://player.test/music.html');
    await play(page);
    const first = await waitFor('session', async () =>
      (await deck.snapshot()).sessions.find((s) => s.host === 'player.test'),
    );
    await page.reload();
    await play(page);
    const second = await waitFor('new session', async () =>
      (await deck.snapshot()).sessions.find(
        (s) => s.host === 'player.test' && s.key !== first.key && s.playbackState === 'playing',
      ),
    );
    expect(
      (await deck.snapshot()).sessions.filter((s) => s.host === 'player.test').map((s) => s.key),
    ).toEqual([second.key]);
    await page.close();
  });
});
