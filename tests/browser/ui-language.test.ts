/**
 * Media Deck in Chromium's own UI language (`LANGUAGE=de`, `LANGUAGE=ar`; Debian's
 * `chromium-l10n` package holds the languages): the popup of a playing session shows the German
 * messages (words, plural count, control names, the manifest's command descriptions) and its
 * buttons still work; in Arabic the popup is right to left (`dir="rtl"` from `@@bidi_dir`,
 * mirrored card) while its seek row and playback controls run left to right in media time, and a
 * click on the bar seeks to the time at that point from the left.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deck, launchDeck, waitFor } from '../support/harness';

interface Call {
  action: string;
  details: Record<string, unknown>;
}

const play = (page: Page) =>
  page.evaluate(() => (window as unknown as { player: { play(): Promise<void> } }).player.play());

/** Opens the music fixture on `host`, plays it, and waits for the worker to see it playing. */
async function playMusic(deck: Deck, host: string): Promise<Page> {
  const music = await deck.open(`https://${host}/music.html`);
  await play(music);
  await waitFor('music playing', async () =>
    (await deck.snapshot()).sessions.find(
      (s) => s.host === host && s.title === 'First Light' && s.playbackState === 'playing',
    ),
  );
  return music;
}

describe('a German UI', () => {
  let deck: Deck;
  let music: Page;
  let popup: Page;
  beforeAll(async () => {
    deck = await launchDeck({ language: 'de' });
    music = await playMusic(deck, 'lied.test');
    popup = await deck.openPopup();
  });
  afterAll(async () => {
    await deck?.close();
  });

  it('Chromium runs in German', async () => {
    expect(await popup.evaluate(() => chrome.i18n.getUILanguage())).toMatch(/^de\b/);
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await popup.evaluate(() => document.documentElement.dir)).toBe('ltr');
  });

  it('the popup shows the playing session in German', async () => {
    const card = popup.getByRole('listitem', { name: 'First Light' });
    await card.getByText('Läuft', { exact: true }).waitFor();
    expect(await popup.getByText('1 Wiedergabe', { exact: true }).count()).toBe(1);
    for (const name of ['Vorheriger Titel', '10 Sekunden zurück', 'Pausieren', 'Nächster Titel']) {
      expect(await card.getByRole('button', { name, exact: true }).count(), name).toBe(1);
    }
    expect(await card.getByRole('slider', { name: 'Position in First Light' }).count()).toBe(1);
    expect(await card.getByRole('group', { name: 'Steuerung für First Light' }).count()).toBe(1);
    // No English left on the card, in its text or its buttons' names (the title, artist and
    // album are the page's own).
    const labels = await card
      .locator('[aria-label]')
      .evaluateAll((all) => all.map((e) => e.getAttribute('aria-label')));
    const words = `${await card.textContent()} ${labels.join(' ')}`;
    for (const english of ['Playing', 'Pause', 'Next track', 'Seek', 'Mute tab', 'Go to tab']) {
      expect(words).not.toContain(english);
    }
    expect(await popup.getByRole('button', { name: 'Alle Einstellungen' }).count()).toBe(1);
  });

  it('lists the keyboard commands under their German descriptions from the manifest', async () => {
    await popup.getByText('Tastenkombinationen', { exact: true }).click();
    await popup.getByText('Aktive Wiedergabe abspielen oder pausieren').waitFor();
    expect(await popup.getByText('Media Deck öffnen', { exact: true }).count()).toBe(1);
  });

  it('a German button still controls the page', async () => {
    const card = popup.getByRole('listitem', { name: 'First Light' });
    await card.getByRole('button', { name: 'Pausieren', exact: true }).click();
    await card.getByRole('button', { name: 'Abspielen', exact: true }).waitFor();
    await card.getByText('Pausiert', { exact: true }).waitFor();
    expect(
      await music.evaluate(
        () => (window as unknown as { player: { audio: HTMLAudioElement } }).player.audio.paused,
      ),
    ).toBe(true);
  });
});

describe('an Arabic UI (right to left)', () => {
  let deck: Deck;
  let music: Page;
  let popup: Page;
  beforeAll(async () => {
    deck = await launchDeck({ language: 'ar' });
    music = await playMusic(deck, 'aghani.test');
    popup = await deck.openPopup();
    await popup
      .getByRole('listitem', { name: 'First Light' })
      .locator('.seek')
      .getByRole('slider')
      .waitFor();
  });
  afterAll(async () => {
    await deck?.close();
  });

  it('the popup is right to left, in Arabic', async () => {
    expect(await popup.evaluate(() => chrome.i18n.getUILanguage())).toMatch(/^ar\b/);
    expect(await popup.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('ar');
    const card = popup.getByRole('listitem', { name: 'First Light' });
    await card.getByText('قيد التشغيل', { exact: true }).waitFor();
    // Mirrored: the artwork is to the right of the title.
    const art = await card.locator('.artwork').boundingBox();
    const title = await card.locator('.title').boundingBox();
    if (!art || !title) throw new Error('no artwork or title');
    expect(art.x).toBeGreaterThan(title.x);
    expect(await card.locator('.title').getAttribute('dir')).toBe('auto');
  });

  it('the seek row still runs left to right, and a click seeks from the left', async () => {
    const card = popup.getByRole('listitem', { name: 'First Light' });
    const row = card.locator('.seek');
    expect(await row.getAttribute('dir')).toBe('ltr');
    const [elapsed, duration] = await row.locator('.time').all();
    const bar = await card.locator('.seek').getByRole('slider').boundingBox();
    const start = await elapsed?.boundingBox();
    const end = await duration?.boundingBox();
    if (!bar || !start || !end) throw new Error('no seek row');
    expect(start.x).toBeLessThan(bar.x);
    expect(end.x).toBeGreaterThan(bar.x + bar.width - 1);
    // The fill grows from the bar's left edge.
    const fill = await card.locator('.bar .fill').boundingBox();
    expect(Math.abs((fill?.x ?? -1) - bar.x)).toBeLessThan(1);

    // So do the playback controls: previous track on the left, next track on the right.
    const previous = await card.getByRole('button', { name: 'المقطع السابق' }).boundingBox();
    const next = await card.getByRole('button', { name: 'المقطع التالي' }).boundingBox();
    if (!previous || !next) throw new Error('no track buttons');
    expect(previous.x).toBeLessThan(next.x);

    await music.evaluate(() => {
      (window as unknown as { calls: unknown[] }).calls.length = 0;
    });
    await popup.mouse.click(bar.x + bar.width * 0.25, bar.y + bar.height / 2);
    const call = await waitFor('a seekto call', () =>
      music.evaluate(() =>
        (window as unknown as { calls: Call[] }).calls.find((c) => c.action === 'seekto'),
      ),
    );
    // music.html's track is 60 s: a quarter from the left is 15 s.
    expect(call.details.seekTime as number).toBeCloseTo(15, 0);
  });
});
