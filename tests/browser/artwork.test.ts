/**
 * Artwork never costs the user a request they did not make (docs/architecture.md § Trust). A page
 * names its artwork; only the extension fetches it, without credentials or referrer, only over
 * https from public hosts, and the popup shows it as a data: image. An attacker page that names a
 * URL of the user's own network (here a server on 127.0.0.1 that records every request and its
 * cookies) gets no request made, by the popup or by the worker, whatever the scheme, and however
 * it hides the address (a redirect from a public-looking host).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Deck, launchDeck, waitFor } from '../support/harness';

let deck: Deck;
let server: Server;
let port = 0;
/** Every request the local server got: method, path and cookies. */
const requests: { method: string; url: string; cookie: string }[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      cookie: req.headers.cookie ?? '',
    });
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  deck = await launchDeck();
  // The user is signed in to the device on 127.0.0.1: its cookies would go with any request.
  await deck.context.addCookies([
    { name: 'strict', value: 's3cret', domain: '127.0.0.1', path: '/', sameSite: 'Strict' },
    { name: 'lax', value: 'l4x', domain: '127.0.0.1', path: '/', sameSite: 'Lax' },
  ]);
  // A public-looking host that redirects to the device.
  await deck.context.route('https://redirect.test/**', (route) =>
    route.fulfill({ status: 302, headers: { location: `http://127.0.0.1:${port}/redirected` } }),
  );
});
afterAll(async () => {
  await deck?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const fixture = (title: string, art: string[]) =>
  `https://attacker.test/artwork.html?${new URLSearchParams([
    ['title', title],
    ...art.map((a) => ['art', a]),
  ])}`;

it('artwork naming the user’s own network is never requested, by the popup or the worker', async () => {
  const hostile = [
    `http://127.0.0.1:${port}/cgi-bin/reboot`,
    `https://127.0.0.1:${port}/cgi-bin/reboot`,
    `https://localhost:${port}/cgi-bin/reboot`,
    'https://redirect.test/cover.png',
    `https://0x7f.0.0.1:${port}/hex`,
  ];
  const pages = [];
  for (const [i, url] of hostile.entries())
    pages.push(await deck.open(fixture(`Hostile ${i}`, [url])));
  await waitFor(
    'the hostile sessions',
    async () =>
      (await deck.snapshot()).sessions.filter((s) => s.title.startsWith('Hostile ')).length ===
      hostile.length,
  );
  const popup = await deck.openPopup();
  await popup.getByRole('listitem', { name: 'Hostile 0' }).waitFor();
  // Long enough for any load the worker would start (it starts when the popup asks to show it).
  await new Promise((r) => setTimeout(r, 2000));
  expect(requests).toEqual([]);
  // None of them shows anything but the placeholder.
  const snapshot = await deck.snapshot();
  for (const session of snapshot.sessions.filter((s) => s.title.startsWith('Hostile '))) {
    expect(session.artwork).toEqual([]);
  }
  expect(await popup.locator('img.artwork').count()).toBe(0);
  await popup.close();
  for (const page of pages) await page.close();
});

it('a player’s https artwork and a page’s data: artwork are shown, as data: images', async () => {
  const music = await deck.open('https://player.test/music.html');
  const dataArt =
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  const inline = await deck.open(fixture('Inline cover', [dataArt]));
  const popup = await deck.openPopup();
  const src = (title: string) =>
    popup.getByRole('listitem', { name: title }).locator('img.artwork').getAttribute('src');
  await popup.getByRole('listitem', { name: 'First Light' }).locator('img.artwork').waitFor();
  expect(await src('First Light')).toMatch(/^data:image\/webp;base64,/);
  await popup.getByRole('listitem', { name: 'Inline cover' }).locator('img.artwork').waitFor();
  expect(await src('Inline cover')).toBe(dataArt);
  // The popup itself may load no remote image at all: its CSP says so.
  const blocked = await popup.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), {
          once: true,
        });
        const img = document.createElement('img');
        img.src = 'https://player.test/media/cover-96.png';
        document.body.append(img);
        setTimeout(() => resolve('loaded'), 3000);
      }),
  );
  expect(blocked).toBe('img-src');
  expect(requests).toEqual([]);
  await popup.close();
  await inline.close();
  await music.close();
});
