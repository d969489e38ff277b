/**
 * The Chrome Web Store package (`npm run zip`, scripts/lib/release.mjs): made from the current
 * build, it holds `manifest.json` at its root with package.json's version, the locales, and no
 * source map or test file; unpacked into a new directory and loaded in Chromium, it captures a
 * playing page, which the popup shows.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isShipped, packageVersion, writeChromeZip } from '../../scripts/lib/release.mjs';
import { type Deck, DIST, launchDeck, waitForSession } from '../support/harness';

let dir: string;
let unpacked: string;
let entries: string[];
let deck: Deck;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'media-deck-zip-'));
  const zip = join(dir, 'media-deck-chrome.zip');
  writeChromeZip(DIST, zip, new Date('2026-01-01T00:00:00Z'));
  const files = unzipSync(readFileSync(zip));
  entries = Object.keys(files);
  unpacked = join(dir, 'extension');
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(unpacked, path)), { recursive: true });
    writeFileSync(join(unpacked, path), bytes);
  }
  deck = await launchDeck({ deckDir: unpacked });
});
afterAll(async () => {
  await deck?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the Chrome zip', () => {
  it('has the manifest at its root, with package.json’s version, and the locales', () => {
    expect(entries).toContain('manifest.json');
    const manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8'));
    expect(manifest.version).toBe(packageVersion());
    expect(manifest.default_locale).toBe('en');
    for (const locale of ['en', 'de', 'fr', 'es', 'pt_BR', 'ja', 'zh_CN', 'ar']) {
      expect(entries).toContain(`_locales/${locale}/messages.json`);
    }
  });

  it('has no source map, test or dotfile', () => {
    expect(entries.filter((path) => !isShipped(path))).toEqual([]);
    expect(entries.some((path) => /\.map$|\.test\.|(^|\/)\./.test(path))).toBe(false);
    for (const path of ['a.js.map', '.vite/manifest.json', 'x/y.test.ts', 'tests/a.js']) {
      expect(isShipped(path), path).toBe(false);
    }
  });

  it('loaded in Chromium, captures a playing page and shows it in the popup', async () => {
    const music = await deck.open('https://zipped.test/music.html');
    const popup = await deck.openPopup();
    try {
      await music.evaluate(() =>
        (window as unknown as { player: { play(): Promise<void> } }).player.play(),
      );
      const session = await waitForSession(deck, 'First Light');
      expect(session.host).toBe('zipped.test');
      await popup.getByRole('listitem', { name: 'First Light' }).waitFor();
      // The only extension loaded is the unpacked zip (`--load-extension=<its directory>`).
      expect(await popup.evaluate(() => chrome.runtime.getManifest().version)).toBe(
        packageVersion(),
      );
    } finally {
      await popup.close();
      await music.close();
    }
  });
});
