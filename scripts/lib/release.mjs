// @ts-check
/**
 * The release packages `npm run zip` writes (scripts/zip.mjs): the Chrome Web Store's zip of the
 * built extension (the contents of `dist/`, `manifest.json` at the root; the store's format:
 * https://developer.chrome.com/docs/webstore/publish), the same of `dist-firefox/` for
 * addons.mozilla.org (which takes the same layout:
 * https://extensionworkshop.com/documentation/publish/package-your-extension/) and a zip of the
 * git-tracked sources. Shared
 * with tests/browser/release-zip.test.ts, which loads the zip's contents in Chromium.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync } from 'fflate';
import { ROOT } from './chromium.mjs';

/** The version of package.json: the only place it is written (vite.config.ts puts it in the manifest). */
export function packageVersion() {
  return /** @type {{ version: string }} */ (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  ).version;
}

/**
 * `release/media-deck-<version>-<kind>.zip`.
 * @param {string} version
 * @param {'chrome' | 'firefox' | 'source'} kind
 */
export function releaseFile(version, kind) {
  return join(ROOT, 'release', `media-deck-${version}-${kind}.zip`);
}

/**
 * Whether a built file belongs in the store's zip: not a source map, not a test or its fixture, not
 * vite's own build records (`.vite/`) or any other dotfile.
 * @param {string} path relative to the build, with `/`
 */
export function isShipped(path) {
  return (
    !path.endsWith('.map') &&
    !/(^|\/)\./.test(path) &&
    !/\.test\.[cm]?[jt]sx?$/.test(path) &&
    !/(^|\/)(tests?|__tests__|fixtures)\//.test(path)
  );
}

/**
 * Every file under `dir`, relative with `/`, sorted.
 * @param {string} dir
 * @returns {string[]}
 */
function filesUnder(dir) {
  /** @type {string[]} */
  const out = [];
  const walk = (/** @type {string} */ d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Writes the store's zip of the build in `buildDir` (`dist/` for Chrome, `dist-firefox/` for
 * Firefox) to `outFile`: its shipped files (`isShipped`) with `manifest.json` at the root, each dated `mtime` so the same build gives the same bytes.
 * @param {string} buildDir
 * @param {string} outFile
 * @param {Date} mtime
 * @returns {string[]} the paths zipped
 * @throws {Error} when the build has no manifest.json, or its version is not package.json's.
 */
export function writeChromeZip(buildDir, outFile, mtime) {
  const files = filesUnder(buildDir).filter(isShipped);
  if (!files.includes('manifest.json')) {
    throw new Error(
      `${buildDir} has no manifest.json: run \`npm run build\` (or \`build:firefox\`) first.`,
    );
  }
  const manifest = JSON.parse(readFileSync(join(buildDir, 'manifest.json'), 'utf8'));
  if (manifest.version !== packageVersion()) {
    throw new Error(
      `${buildDir}/manifest.json has version ${manifest.version}, package.json ${packageVersion()}: build again.`,
    );
  }
  /** @type {Record<string, [Uint8Array, { mtime: Date }]>} */
  const entries = {};
  for (const path of files) entries[path] = [readFileSync(join(buildDir, path)), { mtime }];
  writeFileSync(outFile, zipSync(entries, { level: 9 }));
  return files;
}

/**
 * Writes a zip of the sources git tracks at `HEAD` (`git archive`), under a
 * `media-deck-<version>/` folder: what a reviewer needs to rebuild the package (`npm ci && npm run
 * zip`). Uncommitted changes are not in it.
 * @param {string} outFile
 * @param {string} version
 */
export function writeSourceZip(outFile, version) {
  execFileSync(
    'git',
    ['archive', '--format=zip', `--prefix=media-deck-${version}/`, '-o', outFile, 'HEAD'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

/** The time of the `HEAD` commit: the date the zip's entries carry. */
export function headCommitDate() {
  const seconds = execFileSync('git', ['log', '-1', '--format=%ct'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return new Date(Number(seconds.trim()) * 1000);
}
