/**
 * A private X server for headed Chromium, and real key presses into it with xdotool
 * (TESTING.md § Keyboard commands: CDP key events never reach extension commands).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A running Xvfb. */
export interface Display {
  /** e.g. ":93" */
  name: string;
  /** Presses `keys` (xdotool syntax: "ctrl+shift+y", "XF86AudioPlay") in this display. */
  key(keys: string): Promise<void>;
  stop(): void;
}

/** Starts Xvfb on the first free display number from :90. Throws if Xvfb is not installed. */
export async function startDisplay(): Promise<Display> {
  let number = 90;
  while (existsSync(`/tmp/.X11-unix/X${number}`) || existsSync(`/tmp/.X${number}-lock`)) number++;
  const name = `:${number}`;
  const child: ChildProcess = spawn(
    'Xvfb',
    [name, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'],
    {
      stdio: 'ignore',
    },
  );
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (e) =>
      reject(new Error(`Xvfb could not start (${e.message}): run scripts/ensure-system.sh`)),
    );
  });
  const ready = (async () => {
    for (let i = 0; i < 100 && !existsSync(`/tmp/.X11-unix/X${number}`); i++)
      await new Promise((r) => setTimeout(r, 50));
    if (!existsSync(`/tmp/.X11-unix/X${number}`)) throw new Error(`Xvfb ${name} did not come up`);
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
    stop: () => child.kill(),
  };
}
