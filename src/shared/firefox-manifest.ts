/**
 * The Firefox manifest, derived from the one Chromium manifest (manifest.json) at build time
 * (`npm run build:firefox`, vite.config.ts), so both builds come from the same source. Pure: no
 * file or browser access.
 *
 * What changes, and why (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/manifest.json,
 * and the add-ons linter `web-ext lint` runs, tests/firefox/web-ext-lint.test.ts):
 * - `background.service_worker` → `background.scripts`: Firefox's Manifest V3 runs an event page,
 *   not a service worker (`type: "module"` is kept: Firefox loads module background scripts).
 * - `browser_specific_settings.gecko`: the add-on id (Firefox needs one for storage and signing),
 *   the oldest Firefox with what Media Deck uses, and `data_collection_permissions` (required on
 *   addons.mozilla.org for new add-ons): Media Deck sends nothing anywhere, so `required: ["none"]`
 *   (https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/).
 * - `side_panel` → `sidebar_action` on the same page (Firefox's sidebar), and the permissions
 *   Firefox does not know (`sidePanel`, `favicon`) and `minimum_chrome_version` are dropped.
 * - `commands`: `global` (Chrome's system-wide media keys) is Chrome's alone and dropped, and so
 *   is `toggle-picture-in-picture` (in Firefox the key's gesture does not reach the page, which
 *   picture-in-picture needs: src/shared/platform.ts).
 * The content scripts stay as they are: Firefox 128 runs `"world": "MAIN"` and takes
 * `match_origin_as_fallback` (https://bugzilla.mozilla.org/show_bug.cgi?id=1853411).
 */

/** The add-on id Firefox knows Media Deck by (`browser_specific_settings.gecko.id`). */
export const GECKO_ID = 'media-deck@example.org';

/**
 * The oldest Firefox the build declares: 140 (the ESR line) is the first to know
 * `data_collection_permissions`; MAIN-world content scripts need 128.
 */
export const FIREFOX_MIN_VERSION = '140.0';

/** Permissions of manifest.json that Firefox does not have (Chrome's side panel and favicon cache). */
const CHROME_ONLY_PERMISSIONS = new Set(['sidePanel', 'favicon']);

/** Commands of manifest.json Firefox cannot carry out (picture-in-picture needs the page's gesture). */
const CHROME_ONLY_COMMANDS = new Set(['toggle-picture-in-picture']);

/** A manifest as JSON: the keys this module reads are typed, the rest is passed through. */
export interface ManifestJson {
  [key: string]: unknown;
  name?: string;
  background?: { service_worker?: string; scripts?: string[]; type?: string };
  permissions?: string[];
  side_panel?: { default_path: string };
  action?: { default_icon?: Record<string, string> };
  commands?: Record<string, Record<string, unknown>>;
}

/**
 * Returns the Firefox manifest for `chrome`, a Chromium Manifest V3 manifest (the repository's
 * manifest.json, before or after the build rewrote its paths). `chrome` is not changed.
 * @throws {Error} when `chrome` has no `background.service_worker` (nothing for Firefox to run).
 */
export function firefoxManifest(chrome: ManifestJson): ManifestJson {
  const {
    minimum_chrome_version: _minimumChromeVersion,
    side_panel: sidePanel,
    background,
    ...rest
  } = chrome;
  const worker = background?.service_worker;
  if (!worker) throw new Error('manifest.json has no background.service_worker');
  const out: ManifestJson = {
    ...rest,
    background: { scripts: [worker], ...(background.type ? { type: background.type } : {}) },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
  if (chrome.permissions) {
    out.permissions = chrome.permissions.filter((p) => !CHROME_ONLY_PERMISSIONS.has(p));
  }
  if (sidePanel) {
    out.sidebar_action = {
      default_panel: sidePanel.default_path,
      default_title: chrome.name,
      ...(chrome.action?.default_icon ? { default_icon: chrome.action.default_icon } : {}),
      open_at_install: false,
    };
  }
  if (chrome.commands) {
    out.commands = Object.fromEntries(
      Object.entries(chrome.commands)
        .filter(([name]) => !CHROME_ONLY_COMMANDS.has(name))
        .map(([name, { global: _global, ...command }]) => [name, command]),
    );
  }
  return out;
}
