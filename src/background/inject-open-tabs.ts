/**
 * On install or update, Chrome does not run content scripts in tabs that are already open, so
 * media playing there would stay invisible until a reload (issue #5). This injects the manifest's
 * content scripts, MAIN world first, into every frame of every open web tab. A frame that still
 * holds an earlier copy of the MAIN-world wrapper keeps it (it adopts the new bridge); the old
 * bridge goes quiet once its extension context is gone.
 */

/** URLs content scripts may run on (the manifest's `<all_urls>`). */
const INJECTABLE = /^(https?|file):/;

/** Injects the content scripts into open tabs. Never rejects; a tab that refuses is skipped. */
export async function injectIntoOpenTabs(): Promise<number> {
  const scripts = chrome.runtime.getManifest().content_scripts ?? [];
  const tabs = await chrome.tabs.query({});
  let injected = 0;
  await Promise.all(
    tabs
      .filter((tab) => tab.id !== undefined && INJECTABLE.test(tab.url ?? ''))
      .map(async (tab) => {
        try {
          for (const script of scripts) {
            await chrome.scripting.executeScript({
              target: { tabId: tab.id as number, allFrames: script.all_frames === true },
              files: script.js ?? [],
              world: (script as { world?: 'MAIN' | 'ISOLATED' }).world ?? 'ISOLATED',
              injectImmediately: true,
            });
          }
          injected++;
        } catch {
          // A tab Chrome protects (the Web Store, a crashed or discarded tab): nothing to do.
        }
      }),
  );
  return injected;
}
