import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BROWSER_FEATURES,
  browserOf,
  currentBrowser,
  faviconUrl,
  openShortcutSettings,
  openSidePanel,
} from './platform';

const chromium = BROWSER_FEATURES.chromium;
const firefox = BROWSER_FEATURES.firefox;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('browserOf', () => {
  it('tells Firefox by its moz-extension: URLs, Chromium otherwise', () => {
    expect(browserOf('moz-extension://6b0f3a52-3a5e-4c63-9d1e-6d2b8f2e4a11/')).toBe('firefox');
    expect(browserOf('chrome-extension://abcdefghijklmnopabcdefghijklmnop/')).toBe('chromium');
    expect(browserOf('')).toBe('chromium');
  });
});

describe('the features', () => {
  it('Firefox lacks automatic and video picture-in-picture and the favicon cache', () => {
    expect(firefox).toMatchObject({
      autoPictureInPicture: false,
      videoPictureInPicture: false,
      faviconCache: false,
      sidePanel: 'sidebar',
    });
    expect(chromium).toMatchObject({
      autoPictureInPicture: true,
      videoPictureInPicture: true,
      faviconCache: true,
      sidePanel: 'side-panel',
    });
  });

  it('currentBrowser reads the extension URL of `browser` (Firefox) or `chrome`', () => {
    vi.stubGlobal('browser', { runtime: { getURL: (p: string) => `moz-extension://u${p}` } });
    expect(currentBrowser()).toBe(firefox);
    vi.unstubAllGlobals();
    vi.stubGlobal('chrome', { runtime: { getURL: (p: string) => `chrome-extension://i${p}` } });
    expect(currentBrowser()).toBe(chromium);
  });
});

describe('faviconUrl', () => {
  it("is Chrome's favicon cache URL in Chromium, none in Firefox", () => {
    vi.stubGlobal('chrome', { runtime: { getURL: (p: string) => `chrome-extension://i${p}` } });
    expect(faviconUrl(chromium, 'https://a.test/x?y=1')).toBe(
      'chrome-extension://i/_favicon/?pageUrl=https%3A%2F%2Fa.test%2Fx%3Fy%3D1&size=32',
    );
    expect(faviconUrl(firefox, 'https://a.test/')).toBeNull();
  });
});

describe('openSidePanel and openShortcutSettings', () => {
  it("open Chrome's side panel and shortcuts page", async () => {
    const open = vi.fn(async () => {});
    const create = vi.fn(async () => ({}));
    vi.stubGlobal('chrome', { runtime: {}, sidePanel: { open }, tabs: { create } });
    await openSidePanel(chromium, 7);
    expect(open).toHaveBeenCalledWith({ windowId: 7 });
    await openShortcutSettings(chromium);
    expect(create).toHaveBeenCalledWith({ url: 'chrome://extensions/shortcuts' });
  });

  it("open Firefox's sidebar and its own shortcuts page", async () => {
    const open = vi.fn(async () => {});
    const openShortcuts = vi.fn(async () => {});
    vi.stubGlobal('browser', {
      runtime: {},
      sidebarAction: { open },
      commands: { openShortcutSettings: openShortcuts },
    });
    await openSidePanel(firefox, 7);
    expect(open).toHaveBeenCalledWith();
    await openShortcutSettings(firefox);
    expect(openShortcuts).toHaveBeenCalled();
  });

  it('rejects where the browser has no panel', async () => {
    vi.stubGlobal('chrome', { runtime: {} });
    await expect(openSidePanel(chromium, 1)).rejects.toThrow(/side panel/);
  });
});
