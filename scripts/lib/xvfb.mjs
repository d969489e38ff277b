// @ts-check
/**
 * A private X server for headed Chromium, and real key presses into it with xdotool
 * (docs/testing.md § Keyboard commands and media keys: CDP key events never reach extension
 * commands). Shared by the keyboard tests and `npm run bench`.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * @typedef {object} Display A running Xvfb.
 * @property {string} name e.g. ":93"
 * @property {(keys: string) => Promise<void>} key presses `keys` (xdotool syntax: "ctrl+shift+y",
 *   "XF86AudioPlay") in this display; resolves once xdotool has exited.
 * @property {() => void} stop
 */

/**
 * Starts Xvfb on the first free display number from :90.
 * @returns {Promise<Display>}
 * @throws {Error} when Xvfb is not installed or does not come up within 5 s.
 */
export async function startDisplay() {
  let number = 90;
  while (existsSync(`/tmp/.X11-unix/X${number}`) || existsSync(`/tmp/.X${number}-lock`)) number++;
  const name = `:${number}`;
  const socket = `/tmp/.X11-unix/X${number}`;
  const child = spawn('Xvfb', [name, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: 'ignore',
  });
  /** @type {Promise<never>} */
  const failed = new Promise((_, reject) => {
    child.once('error', (e) =>
      reject(new Error(`Xvfb could not start (${e.message}): run scripts/ensure-system.sh`)),
    );
  });
  const ready = (async () => {
    for (let i = 0; i < 100 && !existsSync(socket); i++)
      await new Promise((r) => setTimeout(r, 50));
    if (!existsSync(socket)) throw new Error(`Xvfb ${name} did not come up`);
  })();
  await Promise.race([ready, failed]);
  return {
    name,
    key: (keys) =>
      new Promise((resolve, reject) =>
        execFile('xdotool', ['key', keys], { env: { ...process.env, DISPLAY: name } }, (error) =>
          error ? reject(error) : resolve(),
        ),
      ),
    stop: () => {
      child.kill();
    },
  };
}
