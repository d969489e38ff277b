/**
 * Runs once before the real-browser tests. A missing browser or build is a failure with a clear
 * instruction, never a silent skip.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromePath, DIST } from './harness';

export default function setup(): void {
  if (!existsSync(chromePath())) {
    throw new Error(
      `Chromium not found at ${chromePath()}. Install it with \`sudo bash scripts/ensure-system.sh\` ` +
        '(Debian: apt-get install chromium xvfb xauth xdotool) or set CHROME_PATH.',
    );
  }
  if (!existsSync(join(DIST, 'manifest.json'))) {
    throw new Error('dist/manifest.json not found: run `npm run build` before the browser tests.');
  }
}
