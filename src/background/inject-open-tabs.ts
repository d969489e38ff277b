/**
 * Chrome runs the manifest's content scripts only in pages loaded after the extension became
 * active: after an install, an update, a reload or a disable and enable, media playing in tabs
 * that were already open would stay invisible until a reload (issue #5). So once per activation
 * (`injectOnFirstStart`, at the service worker's top level) the content scripts are injected, MAIN
 * world first, into every frame of every open web tab whose top frame has no live bridge of this
 * extension instance. A frame that still holds an earlier copy of the MAIN-world wrapper keeps it
 * (it adopts the new bridge); an old bridge goes quiet once its extension context is gone.
 */
import { INJECTION_KEY, type LateChannel, type LateResult } from '../shared/channel';
import type { WorkerToBridge } from '../shared/contract';
import { mainWorld } from './main-world-function';

/**
 * `chrome.storage.session` key set once the injection ran. Chrome clears session storage when
 * the extension is disabled, reloaded or updated, so it is absent exactly at an activation's first
 * worker start (and at a browser start, where the ping below finds the bridges already there).
 */
const INJECTED_KEY = 'contentScriptsInjected';
/** Milliseconds a tab's top frame has to answer the liveness ping. */
const PING_TIMEOUT_MS = 2000;

/** URLs content scripts may run on (the manifest's `<all_urls>`). */
const INJECTABLE = /^(https?|file):/;

/**
 * Whether the top frame of `tabId` runs a bridge of this extension instance: it answers an
 * `announce` (with `true` or `false`); a tab without one makes `tabs.sendMessage` reject.
 */
async function hasLiveBridge(tabId: number): Promise<boolean> {
  const ping: WorkerToBridge = { type: 'announce' };
  const answered = chrome.tabs.sendMessage(tabId, ping, { frameId: 0 }).then(
    () => true,
    () => false,
  );
  // A renderer that hangs never answers: treat it as without a bridge rather than wait forever.
  const late = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PING_TIMEOUT_MS));
  return Promise.race([answered, late]);
}

/**
 * Injects both worlds into every frame of `tabId`, MAIN first. The page already ran, and any of its
 * listeners came before ours; so the channel between the worlds is named by a secret only they get
 * (`LateChannel`, src/shared/channel.ts): the MAIN world as a function with the secret in `args`,
 * and each frame's isolated world the secret and what its MAIN world did, before its bridge. Not
 * `injectImmediately`: a tab still loading gets them at document_idle, once its scripts ran, so the
 * MAIN world knows it came late (see main-world.iife.ts). Rejects when Chrome refuses the tab.
 */
async function injectTab(tabId: number, scripts: chrome.runtime.ManifestV3['content_scripts']) {
  const func = mainWorld.func;
  if (typeof func === 'string') throw new Error('the MAIN world was not built in');
  const channel: LateChannel = { secret: crypto.randomUUID() };
  const bridge = (scripts ?? []).find(
    (s) => ((s as { world?: string }).world ?? 'ISOLATED') === 'ISOLATED',
  );
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
        await chrome.scripting.executeScript({ target, files: bridge?.js ?? [] });
      } catch {
        // The frame went away meanwhile.
      }
    }),
  );
}

/**
 * Injects the content scripts into open web tabs, and resolves to how many tabs got them. With
 * `skipLive`, a tab whose top frame already has a live bridge of this instance is left alone.
 * Never rejects; a tab that refuses (the Web Store, a crashed or discarded tab) is skipped.
 */
export async function injectIntoOpenTabs(options: { skipLive?: boolean } = {}): Promise<number> {
  const scripts = chrome.runtime.getManifest().content_scripts ?? [];
  let tabs: chrome.tabs.Tab[];
  try {
    tabs = await chrome.tabs.query({});
  } catch {
    return 0;
  }
  let injected = 0;
  await Promise.all(
    tabs
      .filter((tab) => tab.id !== undefined && INJECTABLE.test(tab.url ?? ''))
      .map(async (tab) => {
        if (options.skipLive && (await hasLiveBridge(tab.id as number))) return;
        try {
          await injectTab(tab.id as number, scripts);
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
 * `INJECTED_KEY`), and resolves to the tabs injected, or `null` when this activation already did
 * it (a later worker start). Never rejects.
 */
export async function injectOnFirstStart(): Promise<number | null> {
  try {
    if ((await chrome.storage.session.get(INJECTED_KEY))[INJECTED_KEY]) return null;
  } catch {
    // Session storage unreadable: inject anyway; tabs with a live bridge are skipped.
  }
  const injected = await injectIntoOpenTabs({ skipLive: true });
  // Marked only once done: a worker stopped halfway through starts over next time (and skips the
  // tabs it already reached, whose bridges now answer).
  await chrome.storage.session.set({ [INJECTED_KEY]: true }).catch(() => {});
  return injected;
}
