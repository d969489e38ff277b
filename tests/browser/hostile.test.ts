/**
 * Hostile input never crashes the service worker, never touches another session, and every refused
 * message is counted. A page cannot reach the bridge's private channel, so the worst case is a
 * compromised renderer talking on the frame Port directly: this test sends from the extension's own
 * isolated world in an attacker page (through the DevTools protocol). Paced within the message
 * budget, each malformed payload is refused by the contract; sent as fast as it can, the Port is
 * cut off by the budget (src/background/message-budget.ts) and its document refused a new one.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Deck, launchDeck, pauseFromPopup, waitFor } from '../support/harness';

let deck: Deck;
beforeAll(async () => {
  deck = await launchDeck();
});
afterAll(async () => {
  await deck?.close();
});

/**
 * Runs in the isolated world: sends `count` generated hostile payloads on one frame Port, `perSecond`
 * a second (0: all at once), then tries popup-named and unknown Ports. Resolves to what it sent.
 */
const ATTACK = `(async (count, perSecond) => {
  const big = 'x'.repeat(200000);
  const validState = {
    metadata: { title: 'Attacker', artist: '', album: '', artwork: [], chapterInfo: [] },
    actions: ['play'], playbackState: 'playing', positionState: null,
    microphoneActive: null, cameraActive: null, screenshareActive: null, media: null, activated: false,
  };
  const mutate = (i) => {
    const s = JSON.parse(JSON.stringify(validState));
    switch (i % 16) {
      case 0: return null;
      case 1: return 'state';
      case 2: return { type: 'state', state: s };                       // no dropped counter
      case 3: return { type: 'state', state: { ...s, metadata: { ...s.metadata, title: big } }, dropped: 0 };
      case 4: return { type: 'state', state: { ...s, actions: ['launchmissiles'] }, dropped: 0 };
      case 5: return { type: 'state', state: { ...s, metadata: { ...s.metadata, artwork: [{ src: 'javascript:alert(1)', sizes: '', type: '' }] } }, dropped: 0 };
      case 6: return JSON.parse('{"type":"state","__proto__":{"polluted":true},"state":' + JSON.stringify(s) + ',"dropped":0}');
      case 7: return { type: 'state', state: { ...s, constructor: { prototype: { polluted: true } } }, dropped: 0 };
      case 8: return { type: 'state', state: { ...s, positionState: { duration: -5, playbackRate: 1, position: 0, updatedAt: 0 } }, dropped: 0 };
      case 9: return { type: 'state', state: { ...s, actions: new Array(5000).fill('play') }, dropped: 0 };
      case 10: { let deep = {}; for (let d = 0; d < 2000; d++) deep = { deep }; return { type: 'state', state: deep, dropped: 0 }; }
      case 11: return { type: 'state', state: { ...s, playbackState: 'exploding' }, dropped: 0 };
      case 12: return { type: 'state', state: s, dropped: -1 };
      case 13: return { type: 'run-action', details: { action: 'play' } };  // wrong direction
      case 14: return { type: 'state', state: { ...s, media: { kind: 'video' } }, dropped: 0 };
      default: return [1, 2, 3];
    }
  };
  const port = chrome.runtime.connect({ name: 'media-deck/frame' });
  let disconnected = false;
  port.onDisconnect.addListener(() => { disconnected = true; });
  for (let i = 0; i < count; i++) {
    port.postMessage(mutate(i));
    if (perSecond) await new Promise((r) => setTimeout(r, 1000 / perSecond));
  }
  // Ports under other names are refused outright.
  for (let i = 0; i < 20; i++) chrome.runtime.connect({ name: 'media-deck/popup' }).postMessage({ type: 'intent', key: 'k', intent: { kind: 'unpin' } });
  for (let i = 0; i < 20; i++) chrome.runtime.connect({ name: 'nonsense' });
  await new Promise((r) => setTimeout(r, 1500));
  // A new Port from the same document, after the flood.
  const again = chrome.runtime.connect({ name: 'media-deck/frame' });
  const refusedAgain = await new Promise((resolve) => {
    again.onDisconnect.addListener(() => resolve(true));
    again.postMessage({ type: 'state', state: validState, dropped: 0 });
    setTimeout(() => resolve(false), 1500);
  });
  return { count, disconnected, refusedAgain };
})`;

/** Opens an attacker page and runs `ATTACK(count, perSecond)` in its Media Deck isolated world. */
async function attack(host: string, count: number, perSecond: number) {
  const attacker = await deck.open(`https://${host}/blank.html`);
  const cdp = await deck.context.newCDPSession(attacker);
  const contexts: { id: number; origin: string; name: string }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const isolated = await waitFor('the extension isolated world', () =>
    contexts.find(
      (c) => c.origin === `chrome-extension://${deck.extensionId}` || c.name === 'Media Deck',
    ),
  );
  const result = await cdp.send('Runtime.evaluate', {
    expression: `${ATTACK}(${count}, ${perSecond})`,
    contextId: isolated.id,
    awaitPromise: true,
    returnByValue: true,
  });
  expect(result.exceptionDetails).toBeUndefined();
  await cdp.detach();
  return {
    ...(result.result.value as { count: number; disconnected: boolean; refusedAgain: boolean }),
    page: attacker,
  };
}

const delta = (after: Record<string, number>, before: Record<string, number>, key: string) =>
  (after[key] ?? 0) - (before[key] ?? 0);
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

it('hostile frame messages: each refused and counted, a flood cut off, the worker and other sessions untouched', async () => {
  const victim = await deck.open('https://player.test/music.html');
  await victim.evaluate(() =>
    (window as unknown as { player: { play(): Promise<void> } }).player.play(),
  );
  const before = await waitFor('victim session', async () =>
    (await deck.snapshot()).sessions.find(
      (s) => s.title === 'First Light' && s.playbackState === 'playing',
    ),
  );

  // Paced within the budget: every one of the 16 kinds, three times, refused by the contract.
  let statsBefore = await deck.stats();
  const PACED = 48;
  const { page: pacedPage, ...paced } = await attack('evil.test', PACED, 15);
  let statsAfter = await deck.stats();
  expect(paced).toEqual({ count: PACED, disconnected: false, refusedAgain: false });
  expect(delta(statsAfter.rejectedByReason, statsBefore.rejectedByReason, 'frame-message')).toBe(
    PACED,
  );
  expect(sum(statsAfter.overBudgetByTab) - sum(statsBefore.overBudgetByTab)).toBe(0);
  // The popup-named ports came from a web page, and the nameless ones are unknown: refused too.
  expect(delta(statsAfter.rejectedByReason, statsBefore.rejectedByReason, 'popup-sender')).toBe(20);
  expect(delta(statsAfter.rejectedByReason, statsBefore.rejectedByReason, 'port-name')).toBe(20);

  // All at once: the budget takes its burst, refuses the rest, and cuts the Port off; the document
  // cannot open another one for a while.
  statsBefore = await deck.stats();
  const COUNT = 3200;
  const { page: floodPage, ...flood } = await attack('flood-evil.test', COUNT, 0);
  statsAfter = await deck.stats();
  expect(flood).toEqual({ count: COUNT, disconnected: true, refusedAgain: true });
  expect(statsAfter.portsDisconnected - statsBefore.portsDisconnected).toBe(1);
  expect(delta(statsAfter.rejectedByReason, statsBefore.rejectedByReason, 'banned')).toBe(1);
  const admitted = delta(
    statsAfter.rejectedByReason,
    statsBefore.rejectedByReason,
    'frame-message',
  );
  const overBudget = sum(statsAfter.overBudgetByTab) - sum(statsBefore.overBudgetByTab);
  expect(admitted).toBeGreaterThan(0);
  expect(admitted).toBeLessThanOrEqual(40 + 10); // the burst, and what refilled meanwhile
  expect(overBudget).toBeGreaterThan(100);
  expect(admitted + overBudget).toBeLessThanOrEqual(COUNT);

  // The worker is alive and answers; the victim's session is untouched. The paced attacker's one
  // valid report (the last thing it sent) is its only session; the cut-off one has none.
  const after = await deck.snapshot();
  const victimAfter = after.sessions.find((s) => s.key === before.key);
  expect(victimAfter).toMatchObject({
    title: 'First Light',
    artist: before.artist,
    actions: before.actions,
  });
  expect(after.sessions.filter((s) => s.host === 'evil.test').map((s) => s.title)).toEqual([
    'Attacker',
  ]);
  expect(after.sessions.some((s) => s.host === 'flood-evil.test')).toBe(false);
  // Nothing was polluted in the worker.
  expect(
    await deck.serviceWorker().evaluate(() => ({}) as Record<string, unknown>),
  ).not.toHaveProperty('polluted');
  expect(
    await deck
      .serviceWorker()
      .evaluate(() => (Object.prototype as Record<string, unknown>).polluted),
  ).toBeUndefined();

  // And the victim is still controllable.
  await pauseFromPopup(deck, 'First Light', before.key);
  // The attackers' pages go (their sessions with them), and the victim's.
  for (const page of [pacedPage, floodPage, victim]) await page.close();
});

it('a page that patches built-ins after we run still works, and never receives our objects', async () => {
  const page = await deck.open('https://patcher.test/patcher.html');
  await page.evaluate(() =>
    (window as unknown as { player: { play(): Promise<void> } }).player.play(),
  );
  const session = await waitFor('the patched page session', async () =>
    (await deck.snapshot()).sessions.find(
      (s) => s.title === 'Patched Page' && s.playbackState === 'playing',
    ),
  );
  expect(session.actions).toEqual(['play', 'pause', 'seekto']); // seekto: the element's own
  const popup = await deck.openPopup();
  await popup
    .getByRole('listitem', { name: 'Patched Page' })
    .getByRole('button', { name: 'Pause', exact: true })
    .click();
  await waitFor('pause handled', () =>
    page.evaluate(() =>
      (window as unknown as { calls: { action: string }[] }).calls.some(
        (c) => c.action === 'pause',
      ),
    ),
  );
  await waitFor(
    'paused reported',
    async () =>
      (await deck.snapshot()).sessions.find((s) => s.key === session.key)?.playbackState ===
      'paused',
  );
  // The page's patched functions never saw our MessagePort or internal records.
  expect(await page.evaluate(() => (window as unknown as { leaks: string[] }).leaks)).toEqual([]);
  await popup.close();
  await page.close();
});

it('a flood of heavy frames: per-frame and per-tab budgets hold, the excess is refused and counted, the pin survives a restart', async () => {
  const victim = await deck.open('https://pinned.test/music.html');
  const heavy = await deck.open('https://heavy.test/blank.html');
  const popup = await deck.openPopup();
  try {
    const FRAMES = 100;
    const SESSIONS_PER_TAB = 32; // LIMITS.sessionsPerTab
    const statsBefore = await deck.stats();
    // Every frame declares two data URLs at the per-URL cap (about 26 MB over 100 frames). The
    // first also declares 64 chapters of 16 more each (about 134 MB if nothing bounded it); it
    // goes first, and alone, so that it certainly becomes a session.
    const addFrames = (from: number, to: number) =>
      heavy.evaluate(
        ([from, to]) => {
          const big = `data:image/png;base64,${'A'.repeat(131_072 - 22)}`;
          const image = { src: big, sizes: '512x512', type: 'image/png' };
          for (let f = from; f < to; f++) {
            const frame = document.createElement('iframe');
            document.body.append(frame);
            const win = frame.contentWindow as Window & typeof globalThis;
            win.navigator.mediaSession.metadata = new win.MediaMetadata({
              title: `Heavy ${f}`,
              artwork: [image, image],
              ...(f === 0
                ? {
                    chapterInfo: Array.from({ length: 64 }, (_, i) => ({
                      title: `Chapter ${i}`,
                      startTime: i,
                      artwork: Array.from({ length: 16 }, () => image),
                    })),
                  }
                : {}),
            } as MediaMetadataInit);
          }
        },
        [from, to] as const,
      );
    await addFrames(0, 1);
    await waitFor('the chapter-bomb frame’s session', async () =>
      (await deck.snapshot()).sessions.some((s) => s.title === 'Heavy 0'),
    );
    await addFrames(1, FRAMES);
    // The tab holds its 32 sessions; every other frame's report was refused and counted.
    await waitFor(
      'the refusals to add up',
      async () => {
        const refused =
          ((await deck.stats()).rejectedByReason['tab-session-limit'] ?? 0) -
          (statsBefore.rejectedByReason['tab-session-limit'] ?? 0);
        return refused === FRAMES - SESSIONS_PER_TAB;
      },
      30_000,
    );
    expect(
      (await deck.snapshot()).sessions.filter((s) => s.title.startsWith('Heavy ')),
    ).toHaveLength(SESSIONS_PER_TAB);
    const artwork = await deck.serviceWorker().evaluate(() => {
      const registry = (
        globalThis as unknown as {
          mediaDeck: {
            registry: {
              artworkTrimmed: number;
              all(): {
                origin: string;
                state: {
                  metadata: {
                    artwork: { src: string }[];
                    chapterInfo: { artwork: { src: string }[] }[];
                  } | null;
                };
              }[];
            };
          };
        }
      ).mediaDeck.registry;
      let largest = 0;
      let tab = 0;
      for (const s of registry.all()) {
        const m = s.state.metadata;
        if (!m || s.origin !== 'https://heavy.test') continue;
        let chars = 0;
        for (const a of m.artwork) chars += a.src.length;
        for (const c of m.chapterInfo) for (const a of c.artwork) chars += a.src.length;
        largest = Math.max(largest, chars);
        tab += chars;
      }
      return { largest, tab, trimmed: registry.artworkTrimmed };
    });
    // Per frame: exactly LIMITS.artworkChars (the two images fit, no chapter image); per tab:
    // LIMITS.tabArtworkChars, which four such frames fill; the other 28 were kept without artwork.
    expect(artwork).toEqual({ largest: 262_144, tab: 1_048_576, trimmed: SESSIONS_PER_TAB - 4 });

    // The user pins the other tab's music now, with the heavy tab in the registry.
    await popup
      .getByRole('listitem')
      .filter({ hasText: 'pinned.test' })
      .getByRole('button', { name: 'Pin First Light as the active session' })
      .click();
    const before = await waitFor('pinned', async () => {
      const s = await deck.snapshot();
      return s.pinnedKey ? s : null;
    });
    await waitFor('the pin stored in chrome.storage.session', () =>
      deck
        .serviceWorker()
        .evaluate(
          async (pinned) =>
            (
              (await chrome.storage.session.get('registry')).registry as
                | { pinned: string | null }
                | undefined
            )?.pinned === pinned,
          before.pinnedKey,
        ),
    );
    await deck.stopServiceWorker();
    const after = await waitFor('the restored registry', async () => {
      const s = await deck.snapshot();
      return s.sessions.length === before.sessions.length ? s : null;
    });
    expect(after.pinnedKey).toBe(before.pinnedKey);
    expect(after.sessions.map((s) => s.key).sort()).toEqual(
      before.sessions.map((s) => s.key).sort(),
    );
    expect(after.sessions.find((s) => s.key === before.pinnedKey)).toMatchObject({
      title: 'First Light',
      host: 'pinned.test',
    });
  } finally {
    await popup.close();
    await heavy.close();
    await victim.close();
  }
});
