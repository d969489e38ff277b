/** The part of a `MediaImage` (./contract.ts) that choosing one needs. */
interface SizedImage {
  src: string;
  sizes: string;
}

/**
 * Parses a `MediaImage.sizes` value (spec § MediaImage: space-separated `WxH` tokens, or `any`)
 * into the largest square-ish edge it declares, in pixels: `Infinity` for `any` (scalable),
 * `0` when it declares nothing usable.
 */
export function largestEdge(sizes: string): number {
  let best = 0;
  for (const token of sizes.trim().toLowerCase().split(/\s+/)) {
    if (token === 'any') return Number.POSITIVE_INFINITY;
    const match = /^(\d{1,5})x(\d{1,5})$/.exec(token);
    if (match) best = Math.max(best, Math.min(Number(match[1]), Number(match[2])));
  }
  return best;
}

/**
 * Picks the artwork that best fills a slot of `slotPx` device pixels: the smallest image at least
 * that large, else the largest there is; scalable (`any`) images count as large enough; images
 * with no `sizes` rank below sized ones but above nothing. Returns `null` for an empty list.
 * Follows the spirit of the spec's note that the user agent "selects the most suitable image".
 */
export function chooseArtwork<T extends SizedImage>(
  artwork: readonly T[],
  slotPx: number,
): T | null {
  let best: T | null = null;
  let bestEdge = -1;
  for (const image of artwork) {
    const edge = largestEdge(image.sizes);
    if (best === null) {
      best = image;
      bestEdge = edge;
      continue;
    }
    const fits = edge >= slotPx;
    const bestFits = bestEdge >= slotPx;
    if (fits && (!bestFits || edge < bestEdge)) {
      best = image;
      bestEdge = edge;
    } else if (!fits && !bestFits && edge > bestEdge) {
      best = image;
      bestEdge = edge;
    }
  }
  return best;
}

/**
 * Characters of every artwork `src` in `metadata`, its own and its chapters': the figure
 * `LIMITS.artworkChars` bounds.
 */
export function artworkChars(metadata: {
  artwork: readonly { src: string }[];
  chapterInfo: readonly { artwork: readonly { src: string }[] }[];
}): number {
  let total = 0;
  for (const image of metadata.artwork) total += image.src.length;
  for (const chapter of metadata.chapterInfo) {
    for (const image of chapter.artwork) total += image.src.length;
  }
  return total;
}
