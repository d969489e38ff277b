/**
 * Issue "Survive restarts, updates and hostile pages without losing a session" (page side): a
 * seeded fuzz of the MediaSession API as a page calls it (media-session-fuzz.ts), run in a
 * Chromium without any extension and in one with Media Deck.
 * - The page must not notice us: both runs must log exactly the same returns, exceptions, page
 *   callbacks (how often and in which order a page's getters, `toString`, `valueOf` and Proxy
 *   traps ran) and getter reads.
 * - With Media Deck, the fuzzed page's session in the service worker is what the page finally
 *   declared, within the caps of src/shared/limits.ts; another tab's session is untouched and
 *   still controllable; and the counts add up (no message refused anywhere, the bridge refused
 *   none of the MAIN world's reports, and the worker got at most one message per place where the
 *   page let the MAIN world's report go).
 *
 * `FUZZ_SEED=<number>` runs another seed; the default is fixed so that a failure reproduces.
 * `FUZZ_DUMP=<directory>` also writes both logs there (native.log, media-deck.log) to compare, and
 * the native tally of outcomes by operation (tally.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchWithExtension } from '../../scripts/lib/chromium.mjs';
import type { FrameState, Position } from '../../src/shared/contract';
import { isEmptyFrameState } from '../../src/shared/frame-state';
import { LIMITS } from '../../src/shared/limits';
import { MEDIA_SESSION_ACTIONS } from '../../src/shared/media-session-actions';
import { isSamePlayback } from '../../src/shared/position';
import { isSafeImageUrl } from '../../src/shared/safe-url';
import {
  type Deck,
  launchDeck,
  pauseFromPopup,
  ROOT,
  type SessionViewLike,
  waitFor,
} from '../support/harness';
import { firstDifference } from '../support/log-diff';
import {
  type Declared,
  type FinalImage,
  type FinalText,
  type FuzzResult,
  fuzzMediaSession,
} from '../support/media-session-fuzz';

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_2024);
const STEPS = 3600;
/** Steps between two checks of the worker's copy of the session against what the page declared. */
const CHECKPOINT_EVERY = 300;
const FUZZ_URL = 'https://fuzz.test/blank.html';
/** The bridge's coalescer: at most 10 immediate sends a second, plus one per 100 ms. */
const MAX_MESSAGES_PER_SECOND = 20;

/** One check of the worker's state against what the page declared at that point. */
interface Checkpoint {
  calls: number;
  want: FrameState;
  got: FrameState | undefined;
  matched: boolean;
}

interface DeckRun {
  result: FuzzResult;
  checkpoints: Checkpoint[];
  /** From opening the fuzz page to the end of the fuzz, checkpoints included. */
  elapsedMs: number;
  tabId: number;
  victimBefore: SessionViewLike;
  statsBefore: Awaited<ReturnType<Deck['stats']>>;
}

let deck: Deck;
beforeAll(async () => {
  deck = await launchDeck();
});
afterAll(async () => {
  await deck?.close();
});

/**
 * Opens the fuzz page with `window.fuzzCheckpoint` exposed (in both browsers, so both pages are
 * alike) and runs the fuzz there.
 */
async function runFuzz(
  context: BrowserContext,
  onCheckpoint: (declared: Declared) => Promise<void>,
): Promise<FuzzResult> {
  const page = await context.newPage();
  await page.exposeFunction('fuzzCheckpoint', onCheckpoint);
  await page.goto(FUZZ_URL);
  return page.evaluate(fuzzMediaSession, {
    seed: SEED,
    steps: STEPS,
    checkpointEvery: CHECKPOINT_EVERY,
    actions: MEDIA_SESSION_ACTIONS,
  });
}

let nativeRun: Promise<FuzzResult> | null = null;
/** The fuzz in a Chromium with no extension at all, same switches otherwise. Run once. */
function native(): Promise<FuzzResult> {
  nativeRun ??= (async () => {
    const plain = await launchWithExtension({
      pagesDir: join(ROOT, 'tests/fixtures/pages'),
      extensions: [],
    });
    try {
      return await runFuzz(plain.context, async () => {});
    } finally {
      await plain.close();
    }
  })();
  return nativeRun;
}

let deckRun: Promise<DeckRun> | null = null;
/** The fuzz with Media Deck, while a victim tab plays. Run once. */
function withDeck(): Promise<DeckRun> {
  deckRun ??= (async () => {
    const victim = await deck.open('https://player.test/music.html');
    await victim.evaluate(() =>
      (window as unknown as { player: { play(): Promise<void> } }).player.play(),
    );
    const victimBefore = await waitFor('victim session', async () =>
      (await deck.snapshot()).sessions.find(
        (s) => s.title === 'First Light' && s.playbackState === 'playing',
      ),
    );
    const statsBefore = await deck.stats();
    const checkpoints: Checkpoint[] = [];
    const started = Date.now();
    const result = await runFuzz(deck.context, async (declared) => {
      checkpoints.push(await check(declared));
    });
    const elapsedMs = Date.now() - started;
    const final = await check(result.declared);
    checkpoints.push(final);
    const tabId = await fuzzTabId();
    return { result, checkpoints, elapsedMs, tabId, victimBefore, statsBefore };
  })();
  return deckRun;
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

it('a seeded fuzz of MediaSession calls: the page sees exactly the native behaviour', async () => {
  const plain = await native();
  const { result: deckResult } = await withDeck();

  // The fuzz really exercised the API, so a difference could show: thousands of calls, accepted
  // and refused ones of every kind, engine TypeErrors and the page's own exceptions, page code run.
  expect(plain.calls).toBeGreaterThanOrEqual(3000);
  expect(plain.callbacks).toBeGreaterThan(500);
  for (const op of [
    'setActionHandler',
    'setPositionState',
    'new MediaMetadata',
    'metadata=',
    'title=',
    'artwork=',
    'playbackState=',
    'setMicrophoneActive',
    'setCameraActive',
  ]) {
    expect(plain.tally[`${op}:ok`] ?? 0, `${op} accepted`).toBeGreaterThan(5);
    expect(plain.tally[`${op}:TypeError`] ?? 0, `${op} refused: TypeError`).toBeGreaterThan(0);
  }
  for (const op of ['setActionHandler', 'setPositionState', 'new MediaMetadata']) {
    expect(plain.tally[`${op}:page-thrown`] ?? 0, `${op}: the page's error`).toBeGreaterThan(0);
  }
  expect(plain.threw.TypeError).toBeGreaterThan(300);
  expect(plain.log.some((line) => /setPositionState\(.*Symbol.*Failed to read/.test(line))).toBe(
    true,
  );
  expect(
    plain.log.some((line) => line.includes('.valueOf') && line.includes('setPositionState')),
  ).toBe(true);

  console.log(
    `page fuzz: seed ${SEED} (0x${SEED.toString(16)}), ${plain.calls} calls, ` +
      `${sum(plain.threw)} threw natively (${JSON.stringify(plain.threw)}), ` +
      `${plain.callbacks} page callbacks ran, ${plain.log.length} log lines`,
  );
  const dump = process.env.FUZZ_DUMP;
  if (dump) {
    mkdirSync(dump, { recursive: true });
    writeFileSync(join(dump, 'native.log'), plain.log.join('\n'));
    writeFileSync(join(dump, 'media-deck.log'), deckResult.log.join('\n'));
    writeFileSync(join(dump, 'tally.json'), JSON.stringify(plain.tally, null, 1));
  }
  expect(firstDifference(plain.log, deckResult.log)).toBeNull();
  expect(deckResult.tally).toEqual(plain.tally);
});

type FrameStateImage = NonNullable<FrameState['metadata']>['artwork'][number];

/** What the MAIN world must report for what the page declared, capped per src/shared/limits.ts. */
function expectedState(result: Declared): FrameState {
  const cut = (text: FinalText) => text.head.slice(0, LIMITS.text);
  const attr = (text: FinalText) => text.head.slice(0, LIMITS.imageAttr);
  // One budget of artwork characters for the whole metadata: its own artwork first, then the
  // chapters' in order; an image over what is left is skipped, a later smaller one may still fit.
  let budget: number = LIMITS.artworkChars;
  const images = (list: FinalImage[]) => {
    const out: FrameStateImage[] = [];
    for (const image of list) {
      if (out.length >= LIMITS.artwork) break;
      if (!isSafeImageUrl(image.src) || image.src.length > budget) continue;
      budget -= image.src.length;
      out.push({ src: image.src, sizes: attr(image.sizes), type: attr(image.type) });
    }
    return out;
  };
  const clamp = (n: number, low: number, high: number) => Math.min(high, Math.max(low, n));
  const { metadata } = result.final;
  const { model } = result;
  const state: FrameState = {
    metadata: metadata && {
      title: cut(metadata.title),
      artist: cut(metadata.artist),
      album: cut(metadata.album),
      artwork: images(metadata.artwork),
      chapterInfo: metadata.chapterInfo.slice(0, LIMITS.chapters).map((chapter) => ({
        title: cut(chapter.title),
        // A start outside [0, LIMITS.seconds] is no usable position: the chapter starts at 0.
        startTime:
          chapter.startTime >= 0 && chapter.startTime <= LIMITS.seconds ? chapter.startTime : 0,
        artwork: images(chapter.artwork),
      })),
    },
    actions: MEDIA_SESSION_ACTIONS.filter((action) => model.handlers.includes(action)),
    playbackState: result.final.playbackState as FrameState['playbackState'],
    positionState: model.position && {
      // Infinite (a live stream) or beyond any real media: an unknown duration.
      duration:
        Number.isFinite(model.position.duration) && model.position.duration <= LIMITS.seconds
          ? model.position.duration
          : null,
      playbackRate: clamp(model.position.playbackRate, -LIMITS.playbackRate, LIMITS.playbackRate),
      position: clamp(model.position.position, 0, LIMITS.seconds),
      updatedAt: model.position.at,
    },
    microphoneActive: model.microphoneActive,
    cameraActive: model.cameraActive,
    screenshareActive: model.screenshareActive,
    media: null,
    // Not something the page declares: the harness's own evaluate calls give the page user
    // activation (docs/testing.md § User activation). `check` takes it from what the worker has.
    activated: false,
  };
  // As it travels: JSON (so -0 is 0).
  return JSON.parse(JSON.stringify(state));
}

/** The fuzzed page's session in the service worker's registry (its raw `FrameState`). */
async function fuzzedState(): Promise<FrameState | undefined> {
  const sessions = await deck.serviceWorker().evaluate(() =>
    (
      globalThis as unknown as {
        mediaDeck: { registry: { all(): { origin: string; state: FrameState }[] } };
      }
    ).mediaDeck.registry
      .all()
      .map((s) => ({ origin: s.origin, state: s.state })),
  );
  return sessions.find((s) => s.origin === 'https://fuzz.test')?.state;
}

/** The fuzzed page's tab id, from `chrome.tabs` (its session may be empty, hence gone). */
async function fuzzTabId(): Promise<number> {
  const tabs = await deck
    .serviceWorker()
    .evaluate(
      (url) => chrome.tabs.query({ url }).then((found) => found.map((t) => t.id)),
      FUZZ_URL,
    );
  expect(tabs).toHaveLength(1);
  return tabs[0] as number;
}

/**
 * Whether the worker's position sample tells what the page declared: equal duration and rate, and
 * a position the reporter or the bridge may have coalesced away as normal progress
 * (`isSamePlayback`, the rule both apply).
 */
function samePosition(got: Position | null, want: Position | null, playing: boolean): boolean {
  if (got === null || want === null) return got === want;
  return isSamePlayback(got, want, playing);
}

function matches(got: FrameState | undefined, want: FrameState): boolean {
  // A page that declares nothing (any more) has no session.
  if (isEmptyFrameState(want)) return got === undefined;
  if (!got) return false;
  const rest = (state: FrameState) => JSON.stringify({ ...state, positionState: null });
  return (
    rest(got) === rest(want) &&
    samePosition(got.positionState, want.positionState, want.playbackState === 'playing')
  );
}

/** Waits (up to 5 s) until the worker holds what the page declared; reports what it saw. */
async function check(declared: Declared): Promise<Checkpoint> {
  const want = expectedState(declared);
  let got: FrameState | undefined;
  const deadline = Date.now() + 5000;
  do {
    got = await fuzzedState();
    want.activated = got?.activated ?? false;
    if (matches(got, want)) return { calls: declared.calls, want, got, matched: true };
    await new Promise((r) => setTimeout(r, 50));
  } while (Date.now() < deadline);
  return { calls: declared.calls, want, got, matched: false };
}

it('after the fuzz: worker alive, other tab untouched, the session is what the page declared, counts add up', async () => {
  const { result, checkpoints, elapsedMs, tabId, victimBefore, statsBefore } = await withDeck();

  // At every checkpoint and at the end, the fuzzed page's session in the worker is what the page
  // declared, within the caps.
  for (const { calls, want, got, matched } of checkpoints) {
    if (matched) continue;
    expect({ calls, ...got, positionState: null }).toEqual({ calls, ...want, positionState: null });
    expect({ calls, position: got?.positionState }).toEqual({
      calls,
      position: want.positionState && {
        ...want.positionState,
        position: expect.any(Number),
        updatedAt: expect.any(Number),
      },
    });
    expect({ calls, samePosition: false }).toEqual({ calls, samePosition: true });
  }
  // The checks were not vacuous: they saw metadata with artwork, handlers and position states.
  const wants = checkpoints.map((c) => c.want);
  expect(checkpoints).toHaveLength(Math.floor(STEPS / CHECKPOINT_EVERY) + 1);
  expect(wants.some((w) => (w.metadata?.artwork.length ?? 0) > 0)).toBe(true);
  expect(wants.some((w) => w.positionState !== null)).toBe(true);
  expect(wants.some((w) => w.actions.length > 0)).toBe(true);

  // The worker is alive; the victim is untouched...
  const snapshot = await deck.snapshot();
  expect(snapshot.sessions.find((s) => s.key === victimBefore.key)).toMatchObject({
    title: victimBefore.title,
    artist: victimBefore.artist,
    album: victimBefore.album,
    actions: victimBefore.actions,
    playbackState: 'playing',
  });

  // ...and the counts add up: nothing refused anywhere, the bridge refused none of the MAIN world's
  // reports, and the worker got at most one message per place where the page let the report go
  // (plus the one at the end), and no more than the bridge's rate allows.
  const stats = await deck.stats();
  expect(stats.rejectedByReason).toEqual(statsBefore.rejectedByReason);
  expect(stats.bridgeDroppedByTab[String(tabId)]).toBe(0);
  const messages = stats.frameMessagesByTab[String(tabId)] ?? 0;
  expect(messages).toBeGreaterThan(0);
  expect(messages).toBeLessThanOrEqual(result.yields + 1);
  expect(messages).toBeLessThanOrEqual(
    MAX_MESSAGES_PER_SECOND * Math.ceil(elapsedMs / 1000 + 1) + 1,
  );
  const withArtwork = wants.filter((w) => (w.metadata?.artwork.length ?? 0) > 0).length;
  const withPosition = wants.filter((w) => w.positionState !== null).length;
  console.log(
    `page fuzz with Media Deck: ${result.calls} calls in ${elapsedMs} ms (checks included), ` +
      `${result.yields} yields, ${messages} messages reached the worker, bridge dropped ` +
      `${stats.bridgeDroppedByTab[String(tabId)]}, worker rejected ` +
      `${sum(stats.rejectedByReason) - sum(statsBefore.rejectedByReason)}; ` +
      `${checkpoints.length} checks of the worker's session against what the page declared ` +
      `(${withArtwork} with artwork, ${withPosition} with a position state)`,
  );

  // The victim is still controllable from the popup.
  await pauseFromPopup(deck, 'First Light', victimBefore.key);
});
