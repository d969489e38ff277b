/**
 * Issue "A page pays almost nothing for Media Deck" (part): the MAIN world watches media elements
 * outside the document only once a frame has media activity (src/content/main-world/remote-media.ts).
 * A page whose only media is a detached `new Audio()`, with no MediaSession call, shows no activity
 * to the first stage at all; its tab plays sound unexplained, so the worker gives every frame the
 * session agent (src/background/agent-loader.ts, `onAudible`), and the element is noticed at the
 * player's next `currentTime` read. Then it is a session like any other, and controllable.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Deck, launchDeck, waitFor } from '../support/harness';

let deck: Deck;
beforeAll(async () => {
  deck = await launchDeck();
});
afterAll(async () => {
  await deck?.close();
});

type Radio = { player: { audio: HTMLAudioElement; play(): Promise<void> } };

it('a page playing only a detached element becomes a session once its tab is audible, and the popup pauses it', async () => {
  const page = await deck.open('https://radio.test/detached.html');
  try {
    await page.evaluate(() => (window as unknown as Radio).player.play());
    const session = await waitFor(
      'the detached element’s session',
      async () =>
        (await deck.snapshot()).sessions.find(
          (s) => s.host === 'radio.test' && s.playbackState === 'playing',
        ),
      15_000,
    );
    // No handler of its own: the element's own actions serve, through the MAIN world.
    expect(session.actions).toEqual(expect.arrayContaining(['play', 'pause']));
    expect((await deck.stats()).agentsLoaded).toBeGreaterThan(0);

    const popup = await deck.openPopup();
    try {
      await popup
        .getByRole('listitem', { name: session.title })
        .getByRole('button', { name: 'Pause', exact: true })
        .click();
      await waitFor('the detached element paused from the popup', () =>
        page.evaluate(() => (window as unknown as Radio).player.audio.paused),
      );
    } finally {
      await popup.close();
    }
    expect((await deck.stats()).actions.at(-1)).toMatchObject({
      action: 'pause',
      outcome: 'element',
    });
  } finally {
    await page.close();
  }
});
