/**
 * Where Chromium and Firefox differ, in one place (issue #15): the extension pages and the
 * background ask this module what the browser they run in offers, and leave out what it lacks
 * rather than show a control that cannot work. The same build logic runs in both
 * (src/shared/firefox-manifest.ts derives the Firefox manifest); content scripts do not import this
 * module, they test the page's own API where it matters (`documentPictureInPicture`,
 * src/content/agent/mini-player.ts), and the MAIN world, which must convert arguments as the
 * browser's own bindings do, asks the build (`FIREFOX`, src/content/build-target.ts).
 *
 * Firefox lacks (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/Chrome_incompatibilities):
 * - automatic picture-in-picture (the `enterpictureinpicture` Media Session action Chrome calls on a
 *   tab switch, https://developer.chrome.com/blog/automatic-picture-in-picture) and Document
 *   Picture-in-Picture (the audio mini player);
 * - picture-in-picture on Media Deck's request: Firefox 153 has
 *   `HTMLVideoElement.requestPictureInPicture()`, but it needs the page's transient user
 *   activation, and a click in the popup gives the page none (Chrome carries the gesture through
 *   `tabs.sendMessage`; tried in Firefox 153: the request is refused once the page's own activation
 *   expired), so no picture-in-picture button or key (Firefox's own toggle on the video remains);
 * - Chrome's favicon cache (`/_favicon/`, the `favicon` permission): cards show no site icon;
 * - `chrome.sidePanel`: "Open in side panel" opens the same page in Firefox's sidebar
 *   (`sidebarAction.open`, manifest `sidebar_action`);
 * - chrome:// settings pages: the shortcuts link opens Firefox's own page
 *   (`commands.openShortcutSettings`, Firefox 137).
 */

/** The browsers Media Deck is built for. */
export type BrowserName = 'chromium' | 'firefox';

/** What a browser offers Media Deck, where the two differ. */
export interface BrowserFeatures {
  name: BrowserName;
  /** Automatic picture-in-picture on a tab switch, and the audio mini player it opens. */
  autoPictureInPicture: boolean;
  /**
   * A page's video can be put in picture-in-picture by Media Deck (button, key, command): the
   * popup's or the key's gesture reaches the page.
   */
  videoPictureInPicture: boolean;
  /** The browser's favicon cache for a page URL (`/_favicon/?pageUrl=`). */
  faviconCache: boolean;
  /** What "Open in side panel" opens: Chrome's side panel or Firefox's sidebar. */
  sidePanel: 'side-panel' | 'sidebar';
}

/** Each browser's features. */
export const BROWSER_FEATURES: Readonly<Record<BrowserName, BrowserFeatures>> = {
  chromium: {
    name: 'chromium',
    autoPictureInPicture: true,
    videoPictureInPicture: true,
    faviconCache: true,
    sidePanel: 'side-panel',
  },
  firefox: {
    name: 'firefox',
    autoPictureInPicture: false,
    videoPictureInPicture: false,
    faviconCache: false,
    sidePanel: 'sidebar',
  },
};

/**
 * The browser an extension URL belongs to: `moz-extension://…` is Firefox, anything else
 * (`chrome-extension://…`, or none outside an extension) Chromium.
 */
export function browserOf(extensionUrl: string): BrowserName {
  return extensionUrl.startsWith('moz-extension:') ? 'firefox' : 'chromium';
}

/** The part of the extension API this module calls: `chrome` in Chromium, `browser` in Firefox. */
interface ExtensionApi {
  runtime?: { getURL?(path: string): string };
  sidePanel?: { open(options: { windowId: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
  commands?: { openShortcutSettings?(): Promise<void> };
  tabs?: { create(properties: { url: string }): Promise<unknown> };
}

/** The extension API of this context: Firefox's `browser`, else `chrome`. */
function extensionApi(): ExtensionApi {
  const scope = globalThis as { browser?: ExtensionApi; chrome?: ExtensionApi };
  return scope.browser?.runtime ? scope.browser : (scope.chrome ?? {});
}

/** The features of the browser this code runs in (Chromium's outside an extension). */
export function currentBrowser(): BrowserFeatures {
  let base = '';
  try {
    base = extensionApi().runtime?.getURL?.('/') ?? '';
  } catch {}
  return BROWSER_FEATURES[browserOf(base)];
}

/**
 * The URL of the browser's cached favicon of `pageUrl` (32 px), or `null` where the browser has no
 * such cache (the card then shows no icon).
 */
export function faviconUrl(features: BrowserFeatures, pageUrl: string): string | null {
  if (!features.faviconCache) return null;
  const base = extensionApi().runtime?.getURL?.('/_favicon/') ?? '/_favicon/';
  return `${base}?pageUrl=${encodeURIComponent(pageUrl)}&size=32`;
}

/**
 * Opens Media Deck in window `windowId`'s side panel (Chrome) or the sidebar (Firefox, the
 * current window's). Both need the user's gesture: call it synchronously from the click or key
 * handler, with nothing awaited before.
 * @returns rejects when the browser refuses (no gesture, no such window).
 */
export function openSidePanel(features: BrowserFeatures, windowId: number): Promise<void> {
  const api = extensionApi();
  if (features.sidePanel === 'sidebar') {
    return api.sidebarAction ? api.sidebarAction.open() : Promise.reject(new Error('no sidebar'));
  }
  return api.sidePanel
    ? api.sidePanel.open({ windowId })
    : Promise.reject(new Error('no side panel'));
}

/** Opens the browser's page for changing the extension's keyboard shortcuts. */
export function openShortcutSettings(features: BrowserFeatures): Promise<unknown> {
  const api = extensionApi();
  if (features.name === 'firefox' && api.commands?.openShortcutSettings) {
    return api.commands.openShortcutSettings();
  }
  return api.tabs?.create({ url: 'chrome://extensions/shortcuts' }) ?? Promise.resolve();
}
