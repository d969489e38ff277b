/**
 * Chrome runs the manifest's content scripts only in pages loaded after the extension became
 * active: after an install, an update, a reload or a disable and enable, media playing in tabs
 * that were already open would stay invisible until a reload (issue #5). So once per activation
 * (`injectOnFirstStart`, at the service worker's top level) the first stages are injected, MAIN
 * world first, into every frame of every open web tab whose top frame has no first stage of this
 * extension instance; a frame that already plays, or has declared its session, then asks for its
 * agent as at a first media activity (src/background/agent-loader.ts). A frame that still holds an
 * earlier copy of the MAIN world keeps it (it adopts the new port) when that copy answers to a
 * key of ours (src/background/copy-keys.ts); an old isolated world goes quiet once its extension
 * context is gone.
 */
import {
  BRIDGE_LATE_SCRIPT,
  INJECTION_KEY,
  type LateChannel,
  type LateResult,
  STAGE_KEY,
} from '../shared/channel';
import { currentCopyKeys } from './copy-keys';
import { mainWorld } from './main-world-function';

/**
 * `chrome.storage.session` key set once the injection ran. Chrome clears session storage when
 * the extension is disabled, reloaded or updated, so it is absent exactly at an activation's first
 * worker start (and at a browser start, where the check below finds the first stages already there).
 */
const INJECTED_KEY = 'contentScriptsInjected';
/** Milliseconds a tab's top frame has to answer the liveness check. */
const PING_TIMEOUT_MS = 2000;

/** URLs content scripts may run on (the manifest's `<all_urls>`). */
const INJECTABLE = /^(https?|file):/;

/**
 * Whether the top frame of `tabId` runs a first stage of this extension instance: its isolated
 * world holds `STAGE_KEY` (after a reload or update Chrome gives the new instance a new isolated
 * world, without it). Asked by a script in that world, so no content script has to listen for it.
 */
async function hasLiveFirstStage(tabId: number): Promise<boolean> {
  const asked = chrome.scripting
    .executeScript({
      target: { tabId, frameIds: [0] },
      func: (key: string) => key in globalThis,
      args: [STAGE_KEY],
    })
    .then(
      (results) => results[0]?.result === true,
      () => false,
    );
  // A renderer that hangs never answers: treat it as without one rather than wait forever.
  const late = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PING_TIMEOUT_MS));
  return Promise.race([asked, late]);
}

/**
 * Injects both worlds into every frame of `tabId`, MAIN first. The page already ran, and any of its
 * listeners came before ours; so the channel between the worlds is named by a secret only they get
 * (`LateChannel`, src/shared/channel.ts): the MAIN world as a function with the secret in `args`,
 * and each frame's isolated world the secret and what its MAIN world did, before its first stage. Not
 * `injectImmediately`: a tab still loading gets them at document_idle, once its scripts ran, so the
 * MAIN world knows it came late (see main-world.iife.ts). Rejects when Chrome refuses the tab.
 */
async function injectTab(tabId: number, copyKeys: string[]) {
  const func = mainWorld.func;
  if (typeof func === 'string') throw new Error('the MAIN world was not built in');
  const channel: LateChannel = { secret: crypto.randomUUID(), copyKeys };
  const main = await chrome.scripting.executeScript({
    target: { tabId, allFrames: true },
    world: 'MAIN',
    func,
    args: [channel],
  });
  await Promise.all(
    main.map(async ({ frameId, result }) => {
      const injection = { secret: channel.secret, main: (result ?? 'inert') as LateResult };
      const target = { tabId, frameIds: [frameId] };
      try {
        await chrome.scripting.executeScript({
          target,
          world: 'ISOLATED',
          func: (key: string, value: typeof injection) => {
            (globalThis as unknown as Record<string, unknown>)[key] = value;
          },
          args: [INJECTION_KEY, injection],
        });
        await chrome.scripting.executeScript({ target, files: [BRIDGE_LATE_SCRIPT] });
      } catch {
        // The frame went away meanwhile.
      }
    }),
  );
}

/**
 * Injects the content scripts into open web tabs, and resolves to how many tabs got them. With
 * `skipLive`, a tab whose top frame already has a first stage of this instance is left alone.
 * Never rejects; a tab that refuses (the Web Store, a crashed or discarded tab) is skipped.
 */
export async function injectIntoOpenTabs(options: { skipLive?: boolean } = {}): Promise<number> {
  let tabs: chrome.tabs.Tab[];
  try {
    tabs = await chrome.tabs.query({});
  } catch {
    return 0;
  }
  const keys = await currentCopyKeys();
  const copyKeys = keys ? [keys.current, ...(keys.previous ? [keys.previous] : [])] : [];
  let injected = 0;
  await Promise.all(
    tabs
      .filter((tab) => tab.id !== undefined && INJECTABLE.test(tab.url ?? ''))
      .map(async (tab) => {
        if (options.skipLive && (await hasLiveFirstStage(tab.id as number))) return;
        try {
          await injectTab(tab.id as number, copyKeys);
          injected++;
        } catch {
          // A tab Chrome protects (the Web Store, a crashed or discarded tab): nothing to do.
        }
      }),
  );
  return injected;
}

/**
 * Runs `injectIntoOpenTabs({ skipLive: true })` once per activation of the extension (see
 * `INJECTED_KEY`), once `keysReady` (the activation's copy keys) settled, and resolves to the tabs injected, or `null` when this activation already did
 * it (a later worker start). Never rejects.
 */
export async function injectOnFirstStart(keysReady: Promise<unknown>): Promise<number | null> {
  try {
    if ((await chrome.storage.session.get(INJECTED_KEY))[INJECTED_KEY]) return null;
  } catch {
    // Session storage unreadable: inject anyway; tabs with a first stage are skipped.
  }
  // This activation's key is made first (src/background/copy-keys.ts); the one before stays
  // findable (`previous`).
  await keysReady;
  const injected = await injectIntoOpenTabs({ skipLive: true });
  // Marked only once done: a worker stopped halfway through starts over next time (and skips the
  // tabs it already reached, whose first stages are now there).
  await chrome.storage.session.set({ [INJECTED_KEY]: true }).catch(() => {});
  return injected;
}
