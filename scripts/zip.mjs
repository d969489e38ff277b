// @ts-check
/**
 * `npm run zip` (after `npm run build`): writes `release/media-deck-<version>-chrome.zip`, the
 * built extension as the Chrome Web Store takes it, and `release/media-deck-<version>-source.zip`,
 * the git-tracked sources at HEAD. The version is package.json's.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DIST, ROOT } from './lib/chromium.mjs';
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
const source = releaseFile(version, 'source');
writeSourceZip(source, version);
/** @type {[string, string][]} */
const written = [
  [chrome, `${files.length} files of dist/`],
  [source, 'the sources git tracks at HEAD'],
];
for (const [file, what] of written) {
  const kib = (statSync(file).size / 1024).toFixed(1);
  console.log(`${relative(ROOT, file)}  ${kib} KiB  (${what})`);
}
