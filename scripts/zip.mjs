// @ts-check
/**
 * `npm run zip` (after `npm run build` and `npm run build:firefox`): writes
 * `release/media-deck-<version>-chrome.zip`, the built extension as the Chrome Web Store takes it,
 * `release/media-deck-<version>-firefox.zip`, the Firefox build as addons.mozilla.org takes it, and
 * `release/media-deck-<version>-source.zip`, the git-tracked sources at HEAD. The version is
 * package.json's.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DIST, ROOT } from './lib/chromium.mjs';
import { DIST_FIREFOX } from './lib/firefox.mjs';
import {
  headCommitDate,
  packageVersion,
  releaseFile,
  writeChromeZip,
  writeSourceZip,
} from './lib/release.mjs';

const version = packageVersion();
mkdirSync(join(ROOT, 'release'), { recursive: true });
const chrome = releaseFile(version, 'chrome');
const files = writeChromeZip(DIST, chrome, headCommitDate());
const firefox = releaseFile(version, 'firefox');
const firefoxFiles = writeChromeZip(DIST_FIREFOX, firefox, headCommitDate());
const source = releaseFile(version, 'source');
writeSourceZip(source, version);
/** @type {[string, string][]} */
const written = [
  [chrome, `${files.length} files of dist/`],
  [firefox, `${firefoxFiles.length} files of dist-firefox/`],
  [source, 'the sources git tracks at HEAD'],
];
for (const [file, what] of written) {
  const kib = (statSync(file).size / 1024).toFixed(1);
  console.log(`${relative(ROOT, file)}  ${kib} KiB  (${what})`);
}
