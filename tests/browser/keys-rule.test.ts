/**
 * Which media the keys control (the keys rule, src/background/keys-rule.ts), with real media-key
 * presses (xdotool into a headed Chromium under Xvfb): two tabs play, and the rule the user chose
 * decides which page gets the key: the most recent, the one in the tab the user is on, or the
 * pinned one only (and nothing, with a notice, while none is pinned). The popup's Active badge
 * follows the rule and names it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Display, startDisplay } from '../../scripts/lib/xvfb.mjs';
import { type Deck, launchDeck, type Snapshot, waitFor } from '../support/harness';
import { takeActions } from '../support/page-calls';

let display: Display;
let deck: Deck;
let first: Page;
let second: Page;
beforeAll(async () => {
  display = await startDisplay();
  deck = await launchDeck({ headless: false, display: display.name });
  // The user starts the music in the first tab, then the radio in the second: the radio is the
  // most recent start.
  first = await deck.open('https://music.test/music.html');
  await first.bringToFront();
  await play(first);
  await waitFor('music active', async () => activeHost(await deck.snapshot()) === 'music.test');
  second = await deck.open('https://radio.test/music.html');
  await second.bringToFront();
  await play(second);
  await waitFor('radio active', async () => activeHost(await deck.snapshot()) === 'radio.test');
});
afterAll(async () => {
  await deck?.close();
  display?.stop();
});

const play = (page: Page) =>
  page.evaluate(() => (window as unknown as { player: { play(): Promise<void> } }).player.play());
const activeHost = (s: Snapshot) => s.sessions.find((x) => x.key === s.activeKey)?.host ?? null;
const setKeysRule = (keysRule: string) =>
  deck
    .serviceWorker()
    .evaluate((rule) => chrome.storage.sync.set({ settings: { keysRule: rule } }), keysRule);
const pin = (host: string | null) =>
  deck.serviceWorker().evaluate((h) => {
    const deckApi = (
      globalThis as unknown as {
        mediaDeck: {
          snapshot(): Snapshot;
          registry: { pin(key: string | null): void };
        };
      }
    ).mediaDeck;
    const session = deckApi.snapshot().sessions.find((s) => s.host === h);
    deckApi.registry.pin(session ? session.key : null);
  }, host);

/** Presses the Next track media key and returns which page handled it (by host), or null. */
async function pressNext(): Promise<string | null> {
  await takeActions(first);
  await takeActions(second);
  await display.key('XF86AudioNext');
  try {
    return await waitFor(
      'a page to get the key',
      async () => {
        if ((await takeActions(first)).includes('nexttrack')) return 'music.test';
        if ((await takeActions(second)).includes('nexttrack')) return 'radio.test';
        return undefined;
      },
      3000,
    );
  } catch {
    return null;
  }
}

it('most recent (the default): the key goes to the media that started last, from any tab', async () => {
  await setKeysRule('most-recent');
  await first.bringToFront();
  expect(await pressNext()).toBe('radio.test');
});

it('the tab I am on: the key goes to the media of the tab in front, and follows the user', async () => {
  await setKeysRule('current-tab');
  await first.bringToFront();
  await waitFor(
    'the badge on the music',
    async () => activeHost(await deck.snapshot()) === 'music.test',
  );
  expect(await pressNext()).toBe('music.test');
  await second.bringToFront();
  await waitFor(
    'the badge on the radio',
    async () => activeHost(await deck.snapshot()) === 'radio.test',
  );
  expect(await pressNext()).toBe('radio.test');
  // A tab without media: the most recent start, the top of the focus stack (which may be the
  // music again: the Next track pressed above restarted it, a new audible start).
  const blank = await deck.open('https://quiet.test/blank.html');
  await blank.bringToFront();
  await waitFor('the badge on the most recent start', async () => {
    const top = await deck
      .serviceWorker()
      .evaluate(
        () =>
          (
            globalThis as unknown as { mediaDeck: { registry: { index(): { stack: string[] } } } }
          ).mediaDeck.registry.index().stack[0],
      );
    return top !== undefined && (await deck.snapshot()).activeKey === top;
  });
  await blank.close();
});

it('pinned only: nothing while none is pinned (and a notice says so), then the pinned one', async () => {
  await setKeysRule('pinned-only');
  await pin(null);
  await waitFor('no active session', async () => (await deck.snapshot()).activeKey === null);
  expect(await pressNext()).toBeNull();
  const notice = await waitFor(
    'the notice',
    async () => (await deck.snapshot()).notice ?? undefined,
  );
  expect(notice.code).toBe('nothing-pinned');
  // The picture-in-picture key too: no stand-in from the current tab under this rule (it would
  // say `pip-this-tab`). Once the first notice is gone, the key brings its own.
  await waitFor('the notice gone', async () => (await deck.snapshot()).notice === null);
  await display.key('ctrl+shift+y');
  const pipNotice = await waitFor(
    'the picture-in-picture key’s notice',
    async () => (await deck.snapshot()).notice ?? undefined,
  );
  expect(pipNotice.code).toBe('nothing-pinned');
  await pin('music.test');
  await waitFor(
    'the pinned music active',
    async () => activeHost(await deck.snapshot()) === 'music.test',
  );
  await second.bringToFront();
  expect(await pressNext()).toBe('music.test');
  await pin(null);
});

it('the popup names the rule on the Active badge, and its footer switches it', async () => {
  await setKeysRule('most-recent');
  const popup = await deck.openPopup();
  const badge = popup.locator('li.session .badge');
  await badge.waitFor();
  expect(await badge.getAttribute('title')).toBe('Media keys control this: The most recent media');
  await popup.getByLabel('Media keys control').selectOption('pinned-only');
  await waitFor('the setting stored', async () =>
    deck
      .serviceWorker()
      .evaluate(
        async () =>
          (
            (await chrome.storage.sync.get('settings')).settings as
              | { keysRule?: string }
              | undefined
          )?.keysRule === 'pinned-only',
      ),
  );
  // Nothing is pinned: no session carries the badge any more.
  await waitFor('no badge', async () => (await popup.locator('li.session .badge').count()) === 0);
  await popup.close();
});
