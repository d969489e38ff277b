import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import {
  FIREFOX_MIN_VERSION,
  firefoxManifest,
  GECKO_ID,
  type ManifestJson,
} from './firefox-manifest';

describe('firefoxManifest', () => {
  const chrome = manifest as ManifestJson;
  const firefox = firefoxManifest(chrome);

  it('runs the same background script as an event page', () => {
    expect(firefox.background).toEqual({
      scripts: ['src/background/service-worker.ts'],
      type: 'module',
    });
  });

  it('names the add-on, its oldest Firefox and that it collects no data', () => {
    expect(firefox.browser_specific_settings).toEqual({
      gecko: {
        id: GECKO_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        data_collection_permissions: { required: ['none'] },
      },
    });
  });

  it('drops what only Chrome knows and keeps the rest', () => {
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
    expect(firefox).not.toHaveProperty('side_panel');
    expect(firefox.permissions).toEqual(['storage', 'scripting']);
    expect(firefox.host_permissions).toEqual(chrome.host_permissions);
    expect(firefox.action).toEqual(chrome.action);
    expect(firefox.options_ui).toEqual(chrome.options_ui);
    expect(firefox.content_security_policy).toEqual(chrome.content_security_policy);
  });

  it('keeps the content scripts as they are (MAIN world included)', () => {
    expect(firefox.content_scripts).toEqual(chrome.content_scripts);
  });

  it('shows the side panel page in the sidebar', () => {
    expect(firefox.sidebar_action).toEqual({
      default_panel: 'src/sidepanel/index.html',
      default_title: '__MSG_extName__',
      default_icon: chrome.action?.default_icon,
      open_at_install: false,
    });
  });

  it('keeps every command Firefox can carry out and its keys, without Chrome’s `global`', () => {
    const commands = firefox.commands ?? {};
    expect(Object.keys(commands)).toEqual(
      Object.keys(chrome.commands ?? {}).filter((name) => name !== 'toggle-picture-in-picture'),
    );
    expect(commands['play-pause']).toEqual({
      suggested_key: { default: 'MediaPlayPause' },
      description: '__MSG_cmdPlayPause__',
    });
    for (const command of Object.values(commands)) expect(command).not.toHaveProperty('global');
  });

  it('leaves its argument alone', () => {
    const copy = structuredClone(chrome);
    firefoxManifest(copy);
    expect(copy).toEqual(chrome);
  });

  it('throws without a service worker', () => {
    expect(() => firefoxManifest({ manifest_version: 3 })).toThrow(/service_worker/);
  });
});
