/**
 * Runs once before the real-Firefox tests. A missing Firefox or Firefox build is a failure with a
 * clear instruction, never a silent skip.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_FIREFOX, firefoxPath } from '../../scripts/lib/firefox.mjs';

export default function setup(): void {
  if (!existsSync(firefoxPath())) {
    throw new Error(
      `Firefox not found at ${firefoxPath()}. Install it with \`sudo bash scripts/ensure-system.sh\` ` +
        '(Debian: apt-get install firefox-esr) or set FIREFOX_PATH.',
    );
  }
  if (!existsSync(join(DIST_FIREFOX, 'manifest.json'))) {
    throw new Error(
      'dist-firefox/manifest.json not found: run `npm run build:firefox` before the Firefox tests.',
    );
  }
}
