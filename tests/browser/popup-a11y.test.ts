/**
 * Issue #2: the popup is accessible. axe-core runs on the real popup (light and dark themes, with
 * sessions and empty), and every control is reachable with the Tab key.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deck, launchDeck, waitFor } from '../support/harness';

// Injected through the DevTools protocol: the popup's CSP (script-src 'self') rightly refuses a
// script tag.
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

let deck: Deck;
beforeAll(async () => {
  deck = await launchDeck();
});
afterAll(async () => {
  await deck?.close();
});

interface AxeViolation {
  id: string;
  impact: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in `page`; returns its violations. Throws if axe checked nothing at all. */
async function axe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const { violations, passes } = await page.evaluate(async () => {
    const run = (
      window as unknown as {
        axe: { run(): Promise<{ violations: AxeViolation[]; passes: unknown[] }> };
      }
    ).axe.run;
    const result = await run();
    return {
      passes: result.passes.length,
      violations: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => ({ target: n.target })),
      })),
    };
  });
  if (passes === 0) throw new Error('axe-core ran no check');
  return violations;
}

describe('popup accessibility', () => {
  it('the empty state has no axe violations', async () => {
    const popup = await deck.openPopup();
    await popup.getByText('Nothing is playing').waitFor();
    expect(await axe(popup)).toEqual([]);
    await popup.close();
  });

  it('with sessions: no axe violations in light or dark theme, and every control is reachable by Tab', async () => {
    const music = await deck.open('https://player.test/music.html');
    await music.evaluate(() =>
      (window as unknown as { player: { play(): Promise<void> } }).player.play(),
    );
    const call = await deck.open('https://meet.test/call.html');
    await call.evaluate(() => (window as unknown as { join(): Promise<void> }).join());
    await waitFor('two sessions', async () => (await deck.snapshot()).sessions.length === 2);
    const popup = await deck.openPopup();
    await popup.getByRole('listitem', { name: 'Weekly sync' }).waitFor();
    await popup.getByRole('listitem', { name: 'First Light' }).waitFor();
    expect(await axe(popup)).toEqual([]);
    await popup.emulateMedia({ colorScheme: 'dark' });
    expect(await axe(popup)).toEqual([]);

    // Tab through the whole popup: each button and the slider must receive focus.
    // (Visible controls: the collapsed shortcuts section hides its button until opened.)
    const focusable = await popup
      .locator('button:visible, [role="slider"], summary, select')
      .count();
    const reached = new Set<string>();
    for (let i = 0; i < focusable + 2; i++) {
      await popup.keyboard.press('Tab');
      const name = await popup.evaluate(() => {
        const el = document.activeElement;
        const item = el?.closest('li')?.getAttribute('data-key') ?? '';
        const label = el?.getAttribute('aria-label') ?? el?.textContent?.trim();
        return el && el !== document.body ? `${item}|${label}` : null;
      });
      if (name) reached.add(name);
    }
    expect(reached.size).toBe(focusable);
    // Every control has an accessible name (aria-label, or its own text).
    const unnamed = await popup
      .locator('button, [role="slider"]')
      .evaluateAll(
        (els) => els.filter((e) => !(e.getAttribute('aria-label') || e.textContent?.trim())).length,
      );
    expect(unnamed).toBe(0);
    await popup.close();
    await music.close();
    await call.close();
  });

  it('the options page has no axe violations in light or dark theme', async () => {
    const options = await deck.context.newPage();
    await options.goto(`chrome-extension://${deck.extensionId}/src/options/index.html`);
    await options.getByRole('radio', { name: /Videos only/ }).waitFor();
    expect(await axe(options)).toEqual([]);
    await options.emulateMedia({ colorScheme: 'dark' });
    expect(await axe(options)).toEqual([]);
    await options.close();
  });
});
