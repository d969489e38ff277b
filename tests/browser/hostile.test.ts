/**
 * Issue #5 (part): hostile input never crashes the service worker, never touches another session,
 * and every refused message is counted. A page cannot reach the bridge's private channel, so the
 * worst case is a compromised renderer talking on the frame Port directly: this test sends from
 * the extension's own isolated world in an attacker page (through the DevTools protocol).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Deck, launchDeck, pauseFromPopup, waitFor } from './harness';

let deck: Deck;
beforeAll(async () => {
  deck = await launchDeck();
});
afterAll(async () => {
  await deck?.close();
});

/** Runs in the isolated world: sends `count` generated hostile payloads (and `valid` good ones). */
const ATTACK = `(async (count) => {
  const big = 'x'.repeat(200000);
  const validState = {
    metadata: { title: 'Attacker', artist: '', album: '', artwork: [], chapterInfo: [] },
    actions: ['play'], playbackState: 'playing', positionState: null,
    microphoneActive: null, cameraActive: null, screenshareActive: null, media: null,
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
  for (let i = 0; i < count; i++) port.postMessage(mutate(i));
  // Ports under other names are refused outright.
  for (let i = 0; i < 20; i++) chrome.runtime.connect({ name: 'media-deck/popup' }).postMessage({ type: 'pin', key: null });
  for (let i = 0; i < 20; i++) chrome.runtime.connect({ name: 'nonsense' });
  await new Promise((r) => setTimeout(r, 1500));
  return count;
})`;

it('thousands of hostile frame messages: worker alive, other sessions intact, every refusal counted', async () => {
  const victim = await deck.open('https://player.test/music.html');
  await victim.evaluate(() =>
    (window as unknown as { player: { play(): Promise<void> } }).player.play(),
  );
  const before = await waitFor('victim session', async () =>
    (await deck.snapshot()).sessions.find(
      (s) => s.title === 'First Light' && s.playbackState === 'playing',
    ),
  );
  const statsBefore = await deck.stats();

  const attacker = await deck.open('https://evil.test/blank.html');
  const cdp = await deck.context.newCDPSession(attacker);
  const contexts: { id: number; origin: string; name: string }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const isolated = await waitFor('the extension isolated world', () =>
    contexts.find(
      (c) => c.origin === `chrome-extension://${deck.extensionId}` || c.name === 'Media Deck',
    ),
  );
  const COUNT = 3200;
  const result = await cdp.send('Runtime.evaluate', {
    expression: `${ATTACK}(${COUNT})`,
    contextId: isolated.id,
    awaitPromise: true,
    returnByValue: true,
  });
  expect(result.exceptionDetails).toBeUndefined();
  expect(result.result.value).toBe(COUNT);

  // The worker is alive and answers.
  const after = await deck.snapshot();
  const statsAfter = await deck.stats();
  // Every payload of the frame Port was refused and counted (none is a valid BridgeToWorker).
  const refused =
    (statsAfter.rejectedByReason['frame-message'] ?? 0) -
    (statsBefore.rejectedByReason['frame-message'] ?? 0);
  expect(refused).toBe(COUNT);
  // The popup-named ports came from a web page, and the nameless ones are unknown: refused too.
  expect(
    (statsAfter.rejectedByReason['popup-sender'] ?? 0) -
      (statsBefore.rejectedByReason['popup-sender'] ?? 0),
  ).toBe(20);
  expect(
    (statsAfter.rejectedByReason['port-name'] ?? 0) -
      (statsBefore.rejectedByReason['port-name'] ?? 0),
  ).toBe(20);
  // The victim's session is untouched; the attacker got no session.
  const victimAfter = after.sessions.find((s) => s.key === before.key);
  expect(victimAfter).toMatchObject({
    title: 'First Light',
    artist: before.artist,
    actions: before.actions,
  });
  expect(after.sessions.some((s) => s.host === 'evil.test')).toBe(false);
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
  await cdp.detach();
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
