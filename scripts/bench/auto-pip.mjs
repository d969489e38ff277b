// @ts-check
/**
 * Automatic picture-in-picture: tab switch → video picture-in-picture, and → audio mini player
 * (Chrome's site setting seeded to Allow).
 */
import { launchWithExtension } from '../lib/chromium.mjs';
import { describe } from '../lib/stats.mjs';
import { now, PAGES, sleep } from './shared.mjs';

/**
 * @param {import('./shared.mjs').SectionOptions} options
 * @returns {Promise<{ video: ReturnType<typeof describe>, audio: ReturnType<typeof describe> }>}
 */
export async function autoPip({ runs, log }) {
  log('automatic picture-in-picture: tab switch → window');
  const browser = await launchWithExtension({
    headless: true,
    pagesDir: PAGES,
    preferences: { profile: { default_content_setting_values: { auto_picture_in_picture: 1 } } },
  });
  try {
    await browser.worker.evaluate(() =>
      chrome.storage.sync.set({ settings: { autoPictureInPicture: 'video-and-audio' } }),
    );
    const other = await browser.context.newPage();
    await other.goto('https://quiet.test/no-media.html');
    /** @param {string} url @param {string} opened an expression, true once picture-in-picture is open */
    const measure = async (url, opened) => {
      const page = await browser.context.newPage();
      await page.goto(url);
      await page.evaluate(() => /** @type {any} */ (window).player.play());
      const delays = [];
      for (let i = 0; i < Math.min(runs, 10); i++) {
        await page.bringToFront();
        await page.waitForFunction(`!(${opened})`);
        await sleep(700); // armed, and audible for a moment (Chrome asks for the last 2 s)
        const before = now();
        await other.bringToFront();
        await page.waitForFunction(opened, null, { polling: 1, timeout: 5000 });
        delays.push(now() - before);
      }
      await page.close();
      return describe(delays);
    };
    return {
      video: await measure(
        'https://video.test/video.html',
        'document.pictureInPictureElement !== null',
      ),
      audio: await measure(
        'https://player.test/music.html',
        'window.documentPictureInPicture.window !== null',
      ),
    };
  } finally {
    await browser.close();
  }
}
