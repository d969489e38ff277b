// @ts-check
/**
 * Idle cost: messages the service worker receives from a page without media (goal: 0), and per
 * second while a page calls setPositionState every animation frame (goal: a handful).
 */
import { launchWithExtension } from '../lib/chromium.mjs';
import { PAGES, readStats, sleep, tabIdOf } from './shared.mjs';

/**
 * @param {import('./shared.mjs').SectionOptions} options
 * @returns {Promise<{ noMediaMessages: number, steadyPlayback: { setPositionStateCalls: number, seconds: number, messages: number, messagesPerSecond: number } }>}
 */
export async function idleCost({ log }) {
  const browser = await launchWithExtension({ headless: true, pagesDir: PAGES });
  const { context, worker } = browser;
  try {
    log('idle cost: a page without media');
    const quiet = await context.newPage();
    await quiet.goto('https://quiet.test/no-media.html');
    await sleep(3000);
    const quietTab = await tabIdOf(worker, 'quiet.test');
    const noMediaMessages = (await readStats(worker)).frameMessagesByTab[quietTab] ?? 0;
    await quiet.close();

    log('idle cost: setPositionState every animation frame for 10 s');
    const music = await context.newPage();
    await music.goto('https://player.test/music.html');
    await music.bringToFront();
    await music.evaluate(() => /** @type {any} */ (window).player.play());
    await sleep(1000);
    const musicTab = await tabIdOf(worker, 'player.test');
    const before = (await readStats(worker)).frameMessagesByTab[musicTab] ?? 0;
    const calls = await music.evaluate(async () => {
      const audio = /** @type {any} */ (window).player.audio;
      let n = 0;
      const end = performance.now() + 10_000;
      await new Promise((resolve) => {
        const frame = () => {
          navigator.mediaSession.setPositionState({
            duration: audio.duration,
            playbackRate: 1,
            position: audio.currentTime,
          });
          n++;
          if (performance.now() < end) requestAnimationFrame(frame);
          else resolve(undefined);
        };
        requestAnimationFrame(frame);
      });
      return n;
    });
    const after = (await readStats(worker)).frameMessagesByTab[musicTab] ?? 0;
    return {
      noMediaMessages,
      steadyPlayback: {
        setPositionStateCalls: calls,
        seconds: 10,
        messages: after - before,
        messagesPerSecond: (after - before) / 10,
      },
    };
  } finally {
    await browser.close();
  }
}
