import { describe, expect, it } from 'vitest';
import { frameState, image, metadata, T0 } from '../../tests/support/fixtures';
import { buildSnapshot } from './deck-snapshot';
import { SessionRegistry } from './session-registry';

const ORIGIN = 'https://player.test';

describe('buildSnapshot', () => {
  it('sends one image, the one that best fills the popup’s largest slot', () => {
    const registry = new SessionRegistry();
    const artwork = [
      image({ src: 'https://img.test/64.png', sizes: '64x64' }),
      image({ src: 'https://img.test/512.png', sizes: '512x512' }),
      image({ src: 'https://img.test/192.png', sizes: '192x192' }),
      ...Array.from({ length: 13 }, (_, i) =>
        image({ src: `https://img.test/${i}.png`, sizes: '' }),
      ),
    ];
    registry.report(
      { tabId: 1, frameId: 0, documentId: 'D' },
      ORIGIN,
      frameState({ metadata: metadata({ title: 'A', artwork }) }),
      T0,
    );
    registry.report(
      { tabId: 2, frameId: 0, documentId: 'D' },
      ORIGIN,
      frameState({ metadata: metadata({ title: 'B' }) }),
      T0,
    );
    const snapshot = buildSnapshot(registry, new Map(), null, (_s, image) => ({
      src: `data:image/webp;base64,${btoa(image.src)}`,
      width: 144,
      height: 144,
    }));
    const byTitle = Object.fromEntries(snapshot.sessions.map((s) => [s.title, s.artwork]));
    // The one chosen (192 px: the smallest at least 144), as the cache has it ready.
    expect(byTitle.A).toEqual([
      {
        src: `data:image/webp;base64,${btoa('https://img.test/192.png')}`,
        sizes: '144x144',
        type: 'image/webp',
      },
    ]);
    expect(byTitle.B).toEqual([]);
  });

  it('carries each session’s auto-PiP decision, and the notice', () => {
    const registry = new SessionRegistry();
    registry.report(
      { tabId: 1, frameId: 0, documentId: 'D' },
      ORIGIN,
      frameState({ metadata: metadata({ title: 'A' }) }),
      T0,
    );
    registry.report(
      { tabId: 2, frameId: 0, documentId: 'D' },
      ORIGIN,
      frameState({ metadata: metadata({ title: 'B' }) }),
      T0,
    );
    const snapshot = buildSnapshot(
      registry,
      new Map([['1:0:D', { arm: null, reason: 'not-playing' as const }]]),
      { code: 'nothing-to-control' },
      () => null,
    );
    const byTitle = Object.fromEntries(snapshot.sessions.map((s) => [s.title, s.autoPip]));
    expect(byTitle.A).toEqual({ armed: false, reason: 'not-playing' });
    expect(byTitle.B).toEqual({ armed: false, reason: null }); // not decided yet
    expect(snapshot.notice).toEqual({ code: 'nothing-to-control' });
  });
});
