import { FIREFOX } from './build-target';

/**
 * Whether this manifest content script runs because Firefox injected it into a document that was
 * already open when the add-on started (install, update, reload, enable): Firefox does that,
 * Chromium never does (docs/architecture.md § Chromium and Firefox). Such a document is a web page
 * past `loading`. Its first stages then stay out: the worker's late injection
 * (src/background/inject-open-tabs.ts), which carries the copy keys, lets an earlier copy of the
 * MAIN world that still wraps the page adopt the new port, or wraps the page once. An
 * `about:blank` or `srcdoc` frame past `loading` is a new document, and its first stage starts as
 * usual. A constant `false` in Chromium's build, which keeps none of this.
 */
export const FIREFOX_STARTUP_INJECTION = FIREFOX && isLoadedWebDocument();

/** Whether this document is a web page past `loading` (read once, at the script's start). */
function isLoadedWebDocument(): boolean {
  if (document.readyState === 'loading') return false;
  // `location` is [LegacyUnforgeable]: its members are its own, and a page cannot replace them.
  const protocol = location.protocol;
  return protocol === 'http:' || protocol === 'https:' || protocol === 'file:';
}
