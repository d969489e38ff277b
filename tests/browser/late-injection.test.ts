/**
 * Issue "Survive restarts, updates and hostile pages without losing a session" (part): the content
 * scripts arrive late, injected by the first worker start of an activation (install, update,
 * enable) into pages that already ran, and that replaced EventTarget, postMessage, Function.prototype, Promise and WeakMap methods
 * before we came: as Zone.js does (record, then pass through), or to refuse anything they did not
 * make themselves (throw), in all of them or only in one we need; or that
 * broke a built-in our script reads while it starts. The pages are opened while the extension is
 * disabled, so Chrome puts no content script in them; enabling it then injects.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  collectErrors,
  DEVELOPER_MODE,
  type Deck,
  injectedAtStart,
  launchDeck,
  setExtensionEnabled,
  waitFor,
} from '../support/harness';

let deck: Deck;
beforeAll(async () => {
  deck = await launchDeck({ preferences: DEVELOPER_MODE });
});
afterAll(async () => {
  await deck?.close();
});

/** The functions early-patcher.html replaces (all but `?mode=broken`), by name. */
const PATCHED = [
  'EventTarget.prototype.addEventListener',
  'EventTarget.prototype.removeEventListener',
  'EventTarget.prototype.dispatchEvent',
  'MessagePort.prototype.postMessage',
  'window.postMessage',
  'Function.prototype.toString',
  'Function.prototype.call',
  'Function.prototype.apply',
  'Function.prototype.bind',
  'Promise.prototype.then',
  'WeakMap.prototype.get',
  'WeakMap.prototype.set',
  'queueMicrotask',
  'Node.prototype.getRootNode',
];

/** The pages, and what each of the page's replacements does when a stranger calls it. */
const CASES = [
  {
    host: 'zone',
    query: 'mode=zone',
    probes: Object.fromEntries(PATCHED.map((name) => [name, 'recorded'])),
  },
  {
    host: 'hostile',
    query: 'mode=throw',
    probes: Object.fromEntries(PATCHED.map((name) => [name, 'refused'])),
  },
  {
    host: 'picky',
    query: 'mode=throw&refuse=MessagePort.prototype.postMessage',
    probes: Object.fromEntries(
      PATCHED.map((name) => [
        name,
        name === 'MessagePort.prototype.postMessage' ? 'refused' : 'recorded',
      ]),
    ),
  },
  {
    host: 'fussy',
    query: 'mode=throw&refuse=queueMicrotask',
    probes: Object.fromEntries(
      PATCHED.map((name) => [name, name === 'queueMicrotask' ? 'refused' : 'recorded']),
    ),
  },
  { host: 'broken', query: 'mode=broken', probes: {} },
] as const;

/**
 * Evaluates `expression` in the page's main world through the DevTools protocol and returns its
 * value. (Not `page.evaluate`: Playwright's own helpers in the page would call the page's
 * replacements, and the page would count them as ours.)
 */
async function inPage<T>(cdp: CDPSession, expression: string): Promise<T> {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression,
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description);
  return result.value as T;
}

type Fixture = { calls: { action: string }[] };

it('injected late into pages that patched or broke built-ins first: no error reaches them, their patches stay theirs, the Zone.js-style page is captured and controllable, the worker is unaffected', async () => {
  // Closed whatever happens, so that a retry starts from a clean browser (and injects into 5 tabs).
  const opened: Page[] = [];
  let disabled = false;
  const pages: { host: string; page: Page; cdp: CDPSession; errors: string[] }[] = [];
  const inPlace = (cdp: CDPSession) => inPage<Record<string, boolean>>(cdp, 'window.inPlace()');
  try {
    // A tab that had the content scripts all along, to show the worker and its sessions unaffected.
    const bystander = await deck.open('https://player.test/music.html');
    opened.push(bystander);
    await bystander.evaluate(() =>
      (window as unknown as { player: { play(): Promise<void> } }).player.play(),
    );
    await waitFor('the bystander session', async () =>
      (await deck.snapshot()).sessions.some((s) => s.title === 'First Light'),
    );

    await setExtensionEnabled(deck, false);
    disabled = true;
    for (const { host, query } of CASES) {
      const page = await deck.context.newPage();
      opened.push(page);
      const errors = await collectErrors(deck, page);
      await page.goto(`https://${host}.test/early-patcher.html?${query}`);
      const cdp = await deck.context.newCDPSession(page);
      pages.push({ host, page, cdp, errors });
    }
    const changesBefore = new Map<string, Record<string, boolean>>();
    for (const { host, cdp } of pages) {
      // No content script in them yet: the page's changes are in place, nobody called them.
      await waitFor('the page playing', () => inPage(cdp, '!window.player.audio.paused'));
      const changes = await inPlace(cdp);
      expect(Object.values(changes).every(Boolean)).toBe(true);
      changesBefore.set(host, changes);
      expect(await inPage(cdp, 'window.received')).toEqual([]);
    }

    // Enabling is a new activation: its first worker start injects into every open tab (there is
    // no runtime.onInstalled for it), the bystander included, whose old bridge died with the disable.
    await setExtensionEnabled(deck, true);
    disabled = false;
    expect(await injectedAtStart(deck)).toBe(1 + CASES.length);

    // The Zone.js-style page: captured from what it had declared and what plays. Its action
    // handlers were registered before we came, out of our sight, so the element's own actions serve.
    const session = await waitFor(
      'the Zone.js-style page’s session',
      async () =>
        (await deck.snapshot()).sessions.find(
          (s) =>
            s.title === 'Early Bird' && s.host === 'zone.test' && s.playbackState === 'playing',
        ),
      20_000,
    );
    expect(session.artist).toBe('The Patchers');
    expect(session.actions).toContain('pause');
    const zone = pages.find((p) => p.host === 'zone') as (typeof pages)[0];
    const popup = await deck.openPopup();
    try {
      await popup
        .getByRole('listitem', { name: 'Early Bird' })
        .getByRole('button', { name: 'Pause', exact: true })
        .click();
      await waitFor('the Zone.js-style page paused from the popup', () =>
        inPage(zone.cdp, 'window.player.audio.paused'),
      );
      expect((await deck.stats()).actions.at(-1)).toMatchObject({
        action: 'pause',
        outcome: 'element',
      });

      // The worker is unaffected: the bystander is still there and its controls work.
      await bystander.evaluate(() => {
        (window as unknown as Fixture).calls.length = 0;
      });
      await popup
        .getByRole('listitem', { name: 'First Light' })
        .getByRole('button', { name: 'Seek forward 10 seconds' })
        .click();
      await waitFor('the bystander’s handler', () =>
        bystander.evaluate(() => (window as unknown as Fixture).calls.length > 0),
      );
    } finally {
      await popup.close();
    }
    expect(await bystander.evaluate(() => (window as unknown as Fixture).calls)).toMatchObject([
      { action: 'seekforward' },
    ]);
    expect((await deck.stats()).rejectedByReason).toEqual({});

    // Every page goes on using its media session: its calls (through our wrappers, where we got
    // that far) return normally. The Zone.js-style page's new declarations are captured: its new
    // title, and a handler the popup now reaches, exactly once.
    for (const { cdp } of pages) expect(await inPage(cdp, 'window.declareMore()')).toBe('declared');
    await waitFor('the Zone.js-style page’s later declarations', async () =>
      (await deck.snapshot()).sessions.find(
        (s) => s.title === 'Early Bird (later)' && s.actions.includes('nexttrack'),
      ),
    );
    const popupLater = await deck.openPopup();
    try {
      await popupLater
        .getByRole('listitem', { name: 'Early Bird (later)' })
        .getByRole('button', { name: 'Next track' })
        .click();
      await waitFor('the page’s own nexttrack handler', () =>
        inPage(zone.cdp, 'window.nextTrackCalls > 0'),
      );
    } finally {
      await popupLater.close();
    }
    await zone.page.waitForTimeout(300); // a second delivery, if any, would have arrived by now
    expect(await inPage(zone.cdp, 'window.nextTrackCalls')).toBe(1);

    const receivedBy = new Map<string, string[]>();
    for (const { host, cdp, errors } of pages) {
      // What the page learnt about us: never the bridge's port through its own 'message'
      // listeners, nor a call of its toString with an argument of ours.
      const received = await inPage<string[]>(cdp, 'window.received');
      receivedBy.set(host, received);
      expect(received.filter((r) => r.startsWith('window message listener'))).toEqual([]);
      expect(received.filter((r) => r.startsWith('Function.prototype.toString'))).toEqual([]);

      // The page's changes are still in place, and still do what the page made them do.
      expect(await inPlace(cdp)).toEqual(changesBefore.get(host));
      const probes = await inPage<Record<string, string>>(cdp, 'window.probePatches()');
      expect(probes).toEqual(CASES.find((c) => c.host === host)?.probes);

      // No error reached the page, in any of its worlds.
      expect(await inPage(cdp, 'window.pageErrors')).toEqual([]);
      expect(errors).toEqual([]);
    }
    // Where the page refused our first call to one of its replacements, or broke what we read
    // first, the MAIN world silently did nothing more (no second call). Every page is a session all
    // the same: the session agent reads the metadata and the playing element from the isolated
    // world, which the page's replacements do not reach; only handlers registered before we came
    // stay out of sight there.
    expect(receivedBy.get('hostile')).toHaveLength(1);
    expect(receivedBy.get('broken')).toEqual([]);
    expect((await deck.snapshot()).sessions.map((s) => s.host).sort()).toEqual([
      'broken.test',
      'fussy.test',
      'hostile.test',
      'picky.test',
      'player.test',
      'zone.test',
    ]);
  } finally {
    for (const page of opened) await page.close();
    if (disabled) await setExtensionEnabled(deck, true);
  }
});

it('injected late, the channel between the worlds is named by a secret: a page listening for the fixed name catches nothing', async () => {
  const opened: Page[] = [];
  let disabled = false;
  try {
    await setExtensionEnabled(deck, false);
    disabled = true;
    const thief = await deck.context.newPage();
    opened.push(thief);
    const errors = await collectErrors(deck, thief);
    await thief.goto('https://thief.test/thief.html');
    const cdp = await deck.context.newCDPSession(thief);
    await waitFor('the page playing', () => inPage(cdp, '!window.player.audio.paused'));
    await setExtensionEnabled(deck, true);
    disabled = false;
    // Captured and controllable, through a channel the page never saw.
    await waitFor(
      'the thief page’s session',
      async () =>
        (await deck.snapshot()).sessions.some(
          (s) => s.title === 'Thief Page' && s.playbackState === 'playing',
        ),
      20_000,
    );
    const popup = await deck.openPopup();
    try {
      await popup
        .getByRole('listitem', { name: 'Thief Page' })
        .getByRole('button', { name: 'Pause', exact: true })
        .click();
      await waitFor('paused from the popup', () => inPage(cdp, 'window.player.audio.paused'));
    } finally {
      await popup.close();
    }
    expect(await inPage(cdp, 'window.stolen')).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    for (const page of opened) await page.close();
    if (disabled) await setExtensionEnabled(deck, true);
  }
});
