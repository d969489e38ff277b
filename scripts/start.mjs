// @ts-check
/**
 * `npm start`: opens Chromium with the freshly built extension on the demo pages (a music player
 * and a video, both playing), so a newcomer sees Media Deck work in one command.
 * `npm run start:headless` (or no display) does the same headless, prints the sessions the
 * service worker captured, presses "Next track" in the popup to show control, and exits:
 * 0 when the demo sessions were captured and controlled, 1 otherwise. With `--firefox`, the same
 * in Firefox (scripts/start-firefox.mjs).
 */
import { join } from 'node:path';
import { launchWithExtension, ROOT } from './lib/chromium.mjs';

// `npm start -- --firefox`: the same demo in Firefox (scripts/start-firefox.mjs).
if (process.argv.includes('--firefox')) {
  await import('./start-firefox.mjs');
  process.exit(0);
}

const MUSIC = 'https://music-demo.test/index.html';
const VIDEO = 'https://video-demo.test/video.html';

const wantHeadless = process.argv.includes('--headless');
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = wantHeadless || !hasDisplay;
if (!wantHeadless && !hasDisplay) {
  console.log('No display found (DISPLAY is not set): running the headless demo instead.');
  console.log('On a desktop, `npm start` opens a Chromium window.\n');
}

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @param {import('playwright-core').Worker} worker
 * @returns {Promise<import('../src/shared/contract').DeckSnapshot>}
 */
const snapshot = (worker) =>
  worker.evaluate(() => /** @type {any} */ (globalThis).mediaDeck.snapshot());

/**
 * Polls the service worker until `test` holds, at most `ms` milliseconds.
 * @param {import('playwright-core').Worker} worker
 * @param {(s: import('../src/shared/contract').DeckSnapshot) => boolean} test
 */
async function until(worker, test, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    const s = await snapshot(worker);
    if (test(s) || Date.now() > end) return s;
    await sleep(100);
  }
}

/** @param {number | null | undefined} s */
const time = (s) =>
  s == null ? '--:--' : `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

/** @param {import('../src/shared/contract').DeckSnapshot} s */
function printSessions(s) {
  console.log(`The service worker holds ${s.sessions.length} session(s):\n`);
  for (const v of s.sessions) {
    const pos = v.position
      ? `${time(v.position.position)} / ${time(v.position.duration)}`
      : 'no position';
    console.log(
      `${v.active ? '▶ active ' : '         '}${v.title}${v.artist ? ` — ${v.artist}` : ''}${v.album ? ` (${v.album})` : ''}`,
    );
    console.log(
      `          ${v.host} · ${v.playbackState} · ${v.kind ?? 'no element'} · ${pos} · ${v.artwork.length} artwork`,
    );
    console.log(`          actions: ${v.actions.join(', ')}\n`);
  }
}

const deck = await launchWithExtension({ headless, pagesDir: join(ROOT, 'demo') });
const { context, worker, extensionId } = deck;
try {
  const music = await context.newPage();
  await music.goto(MUSIC);
  await music.getByRole('button', { name: 'Play' }).click();
  const video = await context.newPage();
  await video.goto(VIDEO);
  await video.evaluate(() => /** @type {any} */ (window).demo.play());

  if (!headless) {
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
    console.log('Chromium is open with Media Deck and two playing demo tabs.');
    console.log('Click the puzzle piece in the toolbar → Media Deck (pin it for one click);');
    console.log('the popup is also open in the last tab. Close the window to finish.');
    await new Promise((resolve) => context.on('close', resolve));
    process.exit(0);
  }

  const captured = await until(
    worker,
    (s) => s.sessions.filter((v) => v.playbackState === 'playing').length >= 2,
  );
  printSessions(captured);

  // Control from the popup, as a user would: press "Next track" on the music session.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
  const before = captured.sessions.find((v) => v.host === 'music-demo.test')?.title;
  await popup
    .getByRole('listitem', { name: before })
    // By its control id, not its name: the name is in Chromium's UI language (`LANGUAGE=de`).
    .locator('[data-control="nexttrack"]')
    .click();
  const after = await until(
    worker,
    (s) => s.sessions.some((v) => v.host === 'music-demo.test' && v.title !== before),
    5000,
  );
  const now = after.sessions.find((v) => v.host === 'music-demo.test')?.title;
  console.log(`Pressed "Next track" in the popup: "${before}" → "${now}".`);
  const shot = join(ROOT, '.cache', 'popup.png');
  await popup.setViewportSize({ width: 400, height: 420 });
  await popup.screenshot({ path: shot });
  console.log(`A screenshot of the popup is at ${shot}`);
  const ok = captured.sessions.length >= 2 && now !== undefined && now !== before;
  await deck.close();
  process.exit(ok ? 0 : 1);
} catch (error) {
  console.error(error);
  await deck.close();
  process.exit(1);
}
