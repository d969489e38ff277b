import { describe, expect, it } from 'vitest';
import { chooseArtwork, largestEdge } from './artwork';
import type { MediaImage } from './contract';

function img(sizes: string, name = sizes): MediaImage {
  return { src: `https://img.test/${encodeURIComponent(name)}.png`, sizes, type: 'image/png' };
}

describe('largestEdge', () => {
  it.each<[string, number]>([
    ['96x96', 96],
    ['512x512', 512],
    ['any', Number.POSITIVE_INFINITY],
    ['ANY', Number.POSITIVE_INFINITY],
    ['96x96 any', Number.POSITIVE_INFINITY],
    ['96x96 256x256 128x128', 256],
    ['  96x96\t\n256x256  ', 256],
    ['128X128', 128],
    // The smaller side of a non-square image is what fills a square slot.
    ['640x360', 360],
    ['100x400 300x300', 300],
    ['', 0],
    ['   ', 0],
    ['garbage', 0],
    ['96', 0],
    ['96x', 0],
    ['x96', 0],
    ['-96x96', 0],
    ['96.5x96.5', 0],
    ['96x96px', 0],
    ['123456x123456', 0],
    ['junk 64x64 more-junk', 64],
  ])('%j → %s', (sizes, expected) => {
    expect(largestEdge(sizes)).toBe(expected);
  });
});

describe('chooseArtwork', () => {
  it.each<{ name: string; artwork: MediaImage[]; slot: number; expected: string | null }>([
    { name: 'empty list', artwork: [], slot: 96, expected: null },
    { name: 'a single image', artwork: [img('48x48')], slot: 96, expected: '48x48' },
    {
      name: 'the smallest image that fits',
      artwork: [img('512x512'), img('96x96'), img('128x128'), img('256x256')],
      slot: 100,
      expected: '128x128',
    },
    {
      name: 'an exact fit',
      artwork: [img('512x512'), img('96x96'), img('128x128')],
      slot: 96,
      expected: '96x96',
    },
    {
      name: 'else the largest there is',
      artwork: [img('48x48'), img('96x96'), img('64x64')],
      slot: 256,
      expected: '96x96',
    },
    {
      name: 'a sized image that fits beats a scalable one',
      artwork: [img('any'), img('512x512')],
      slot: 256,
      expected: '512x512',
    },
    {
      name: 'a scalable image beats images that are too small',
      artwork: [img('96x96'), img('any'), img('128x128')],
      slot: 256,
      expected: 'any',
    },
    {
      name: 'a sized image beats unsized ones even if too small',
      artwork: [img('', 'unsized-1'), img('48x48'), img('', 'unsized-2')],
      slot: 256,
      expected: '48x48',
    },
    {
      name: 'an unsized image beats nothing',
      artwork: [img('', 'only')],
      slot: 256,
      expected: 'only',
    },
    {
      name: 'among unsized images the first one wins',
      artwork: [img('', 'first'), img('garbage', 'second')],
      slot: 96,
      expected: 'first',
    },
    {
      name: 'a fitting image beats an unsized one listed first',
      artwork: [img('', 'unsized'), img('512x512')],
      slot: 256,
      expected: '512x512',
    },
    {
      name: 'an image with several sizes counts its largest',
      artwork: [img('48x48 300x300', 'multi'), img('512x512')],
      slot: 256,
      expected: 'multi',
    },
  ])('$name', ({ artwork, slot, expected }) => {
    const chosen = chooseArtwork(artwork, slot);
    if (expected === null) {
      expect(chosen).toBeNull();
    } else {
      expect(chosen).toBe(artwork.find((a) => a.src === img('', expected).src));
    }
  });
});
