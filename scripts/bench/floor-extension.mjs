// @ts-check
/**
 * Writes the "floor" extension the benchmark loads beside Media Deck: it makes the same message
 * hops as Media Deck's control paths with no logic at all, so each latency can be shown next to
 * the physical cost of its hops, measured in the same browser run.
 * - click: extension page → Port → service worker → tabs.sendMessage → ISOLATED world →
 *   MessagePort → MAIN world (stamps `window.__floorAt`).
 * - key: MediaStop command → service worker → tabs.sendMessage → ISOLATED → MessagePort → MAIN.
 * - report: MAIN world → MessagePort → ISOLATED → Port → service worker → Port → extension page
 *   (stamps `window.__floorReportAt`).
 * - paint: `static.html`, a page with no script and one static list item (`li.session`), the
 *   floor for the popup's time to paint its list; and `port.html`, the least any page that shows
 *   the worker's data can do: one small script that opens a Port, and draws one item when the
 *   worker's first message arrives.
 * `writeEmptyFloorExtension` writes another, for the page section: only Media Deck's content-script
 * slots, each with an empty file; and `writeLeastTwoStageExtension` the least that the two-stage
 * design of issue #12 can do in those slots.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const manifest = {
  manifest_version: 3,
  name: 'Bench floor',
  version: '1.0',
  background: { service_worker: 'sw.js' },
  permissions: ['tabs'],
  host_permissions: ['<all_urls>'],
  // A media key Media Deck leaves free, so both key paths go through Chrome's media-key handling.
  commands: {
    'floor-key': { suggested_key: { default: 'MediaStop' }, description: 'floor', global: true },
  },
  content_scripts: [
    { matches: ['<all_urls>'], js: ['main.js'], run_at: 'document_start', world: 'MAIN' },
    { matches: ['<all_urls>'], js: ['isolated.js'], run_at: 'document_start' },
  ],
};

const sw = `
const relays = new Set();
let target = null;
chrome.runtime.onConnect.addListener((port) => {
  if (port.name === 'relay') {
    relays.add(port);
    port.onDisconnect.addListener(() => relays.delete(port));
    port.onMessage.addListener((m) => { chrome.tabs.sendMessage(m.tabId, { hop: 'click' }, { frameId: 0 }); });
  } else if (port.name === 'frame') {
    port.onMessage.addListener((m) => { for (const r of relays) r.postMessage(m); });
  }
});
chrome.runtime.onConnect.addListener((port) => {
  if (port.name === 'paint') port.postMessage({ items: ['One item'] });
});
let keyTab = null;
chrome.commands.onCommand.addListener((command) => {
  // A media key carries no tab: the benchmark names it first (as Media Deck's registry would).
  if (command === 'floor-key' && keyTab !== null) chrome.tabs.sendMessage(keyTab, { hop: 'key' }, { frameId: 0 });
});
self.setKeyTab = (id) => { keyTab = id; };
`;

const isolated = `
const channel = new MessageChannel();
let port = null;
chrome.runtime.onMessage.addListener((m) => { channel.port1.postMessage(m); });
channel.port1.onmessage = (e) => {
  port ??= chrome.runtime.connect({ name: 'frame' });
  port.postMessage(e.data);
};
window.dispatchEvent(new MessageEvent('bench-floor-channel', { ports: [channel.port2] }));
`;

const main = `
// The same handshake as Media Deck's (src/shared/channel.ts): an event of its own type.
addEventListener('bench-floor-channel', (e) => {
  if (!e.ports[0]) return;
  e.stopImmediatePropagation();
  const port = e.ports[0];
  port.onmessage = () => { window.__floorAt = performance.timeOrigin + performance.now(); };
  window.__floorReport = (n) => port.postMessage({ n });
}, true);
`;

const relayHtml =
  '<!doctype html><meta charset="utf-8"><title>relay</title><script src="relay.js"></script>';
const relayJs = `
const port = chrome.runtime.connect({ name: 'relay' });
port.onMessage.addListener(() => { window.__floorReportAt = performance.timeOrigin + performance.now(); });
window.__floorClick = (tabId) => port.postMessage({ tabId });
`;

// What the popup's list would cost with no script, no data and no styles: one static item.
const staticHtml =
  '<!doctype html><meta charset="utf-8"><title>static</title><ul><li class="session">One item</li></ul>';

// The same with the least script: a Port to the worker, one message, one item drawn.
const portHtml =
  '<!doctype html><meta charset="utf-8"><title>port</title><ul></ul><script src="port.js"></script>';
const portJs = `
chrome.runtime.connect({ name: 'paint' }).onMessage.addListener((m) => {
  const li = document.createElement('li');
  li.className = 'session';
  li.textContent = m.items[0];
  document.querySelector('ul').append(li);
});
`;

/** Writes the floor extension to a new temporary folder and returns its path. */
export function writeFloorExtension() {
  const dir = mkdtempSync(join(tmpdir(), 'media-deck-floor-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'sw.js'), sw);
  writeFileSync(join(dir, 'isolated.js'), isolated);
  writeFileSync(join(dir, 'main.js'), main);
  writeFileSync(join(dir, 'relay.html'), relayHtml);
  writeFileSync(join(dir, 'relay.js'), relayJs);
  writeFileSync(join(dir, 'static.html'), staticHtml);
  writeFileSync(join(dir, 'port.html'), portHtml);
  writeFileSync(join(dir, 'port.js'), portJs);
  return dir;
}

/**
 * Writes the page section's floor to a new temporary folder and returns its path: the content-script
 * slots of `contentScripts` (Media Deck's built manifest's: the same matches, frames, `run_at` and
 * worlds), each with one empty file, and nothing else. What a page pays with it loaded is what
 * Chrome charges for a MAIN-world and an isolated-world script at `document_start` before they run
 * a line; the floor above runs its channel handshake in every page, which is not nothing.
 * `extra`: more manifest keys (Firefox's `browser_specific_settings`).
 * @param {{ js: string[], world?: string }[]} contentScripts
 * @param {Record<string, unknown>} [extra]
 */
export function writeEmptyFloorExtension(contentScripts, extra = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'media-deck-empty-floor-'));
  const slots = contentScripts.map((slot, i) => {
    const file = `${slot.world === 'MAIN' ? 'main' : 'isolated'}-${i}.js`;
    writeFileSync(join(dir, file), '');
    return { ...slot, js: [file] };
  });
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'Bench empty floor',
      version: '1.0',
      host_permissions: ['<all_urls>'],
      content_scripts: slots,
      ...extra,
    }),
  );
  return dir;
}

/** The least two-stage first stage, MAIN world (see `writeLeastTwoStageExtension`). */
const leastMain = `(() => {
  const apply = Reflect.apply;
  let port = null;
  let active = false;
  const signal = () => {
    if (active) return;
    active = true;
    if (port) port.postMessage(1);
  };
  // One wrapper: the metadata setter, the least that notices a page declaring its media.
  const proto = MediaSession.prototype;
  const d = Object.getOwnPropertyDescriptor(proto, 'metadata');
  const set = new Proxy(d.set, {
    apply(target, self, args) {
      const result = apply(target, self, args);
      signal();
      return result;
    },
  });
  Object.defineProperty(proto, 'metadata', { get: d.get, set, enumerable: d.enumerable, configurable: true });
  // The handoff of the private port (src/shared/channel.ts in Media Deck).
  const take = (e) => {
    if (!e.ports || e.ports.length !== 1) return;
    removeEventListener('bench-least-channel', take, true);
    port = e.ports[0];
    if (active) port.postMessage(1);
  };
  addEventListener('bench-least-channel', take, true);
})();
`;

/** The least two-stage first stage, isolated world. */
const leastIsolated = `(() => {
  const channel = new MessageChannel();
  let asked = false;
  channel.port1.onmessage = () => {
    if (asked) return;
    asked = true;
    chrome.runtime.sendMessage('agent');
  };
  globalThis.__leastPort = channel.port1;
  dispatchEvent(new MessageEvent('bench-least-channel', { ports: [channel.port2] }));
})();
`;

/** The least second stage: a Port to the worker and one state message. */
const leastAgent = `(() => {
  const port = chrome.runtime.connect({ name: 'frame' });
  port.postMessage({ title: navigator.mediaSession.metadata?.title ?? null });
})();
`;

const leastWorker = `
chrome.runtime.onMessage.addListener((m, sender) => {
  if (m !== 'agent' || !sender.tab) return;
  chrome.scripting.executeScript({
    target: { tabId: sender.tab.id, documentIds: [sender.documentId] },
    files: ['agent.js'],
  });
});
chrome.runtime.onConnect.addListener((port) => port.onMessage.addListener(() => {}));
`;

/**
 * Writes, to a new temporary folder, the least that the two-stage design of issue #12 can do, and
 * returns its path: in Media Deck's content-script slots (`contentScripts`, as for
 * `writeEmptyFloorExtension`), a MAIN world that wraps one `MediaSession` member (the `metadata`
 * setter) and takes a port from the isolated world at `document_start`; on the first activity
 * (metadata set) one message to the worker, which injects a second stage with
 * `scripting.executeScript`, which opens a Port and sends one state. No validation, no other
 * wrapper, no element hook, no transparency work: a lower bound for what Media Deck's first and
 * second stages cost a page.
 * @param {{ js: string[], world?: string }[]} contentScripts
 * @param {Record<string, unknown>} [extra]
 */
export function writeLeastTwoStageExtension(contentScripts, extra = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'media-deck-least-'));
  const slots = contentScripts.map((slot) => {
    const file = slot.world === 'MAIN' ? 'main.js' : 'isolated.js';
    return { ...slot, js: [file] };
  });
  writeFileSync(join(dir, 'main.js'), leastMain);
  writeFileSync(join(dir, 'isolated.js'), leastIsolated);
  writeFileSync(join(dir, 'agent.js'), leastAgent);
  writeFileSync(join(dir, 'sw.js'), leastWorker);
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'Bench least two-stage',
      version: '1.0',
      background: { service_worker: 'sw.js' },
      permissions: ['scripting'],
      host_permissions: ['<all_urls>'],
      content_scripts: slots,
      ...extra,
    }),
  );
  return dir;
}
