/**
 * Reads the page's `MediaMetadata` and `playbackState` through the isolated world's own view of
 * `navigator.mediaSession` (https://w3c.github.io/mediasession/#the-mediametadata-interface): the
 * same platform objects as the page's, read through getters the page cannot replace, so nothing
 * of the page's runs and the MAIN world need not copy any of it. Strings, lists and artwork are
 * capped as the contract requires (src/shared/limits.ts).
 */
import type { Chapter, MediaImage, Metadata } from '../../shared/contract';

/** A `MediaImage` as the platform gives it (its members may be missing in the type, never at run time). */
type PlatformImage = { src: string; sizes?: string; type?: string };

import { LIMITS } from '../../shared/limits';
import { isSafeImageUrl } from '../../shared/safe-url';

const session: MediaSession | undefined =
  'mediaSession' in navigator ? navigator.mediaSession : undefined;

function text(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, LIMITS.text) : '';
}

function attr(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, LIMITS.imageAttr) : '';
}

/** Characters of artwork `src` still allowed in the metadata being copied (`LIMITS.artworkChars`). */
interface ArtworkBudget {
  left: number;
}

function copyArtwork(
  list: readonly PlatformImage[] | undefined,
  budget: ArtworkBudget,
): MediaImage[] {
  const out: MediaImage[] = [];
  if (!list) return out;
  for (const image of list) {
    if (out.length >= LIMITS.artwork) break;
    // The native getter already resolved `src` to an absolute URL; keep only showable ones, and
    // only while the frame's artwork budget lasts (an image over it is skipped, a smaller later
    // one may still fit).
    if (isSafeImageUrl(image.src) && image.src.length <= budget.left) {
      budget.left -= image.src.length;
      out.push({ src: image.src, sizes: attr(image.sizes), type: attr(image.type) });
    }
  }
  return out;
}

/** Copies the page's current `MediaMetadata` into plain, capped data; `null` when it set none. */
export function readMetadata(): Metadata | null {
  const metadata = session?.metadata;
  if (!metadata) return null;
  // The metadata's own artwork first: it is what the popup shows.
  const budget: ArtworkBudget = { left: LIMITS.artworkChars };
  const artwork = copyArtwork(metadata.artwork, budget);
  const chapters: Chapter[] = [];
  const list = (metadata as { chapterInfo?: readonly ChapterInformation[] }).chapterInfo ?? [];
  for (const chapter of list) {
    if (chapters.length >= LIMITS.chapters) break;
    const start = chapter.startTime;
    chapters.push({
      title: text(chapter.title),
      startTime: start >= 0 && start <= LIMITS.seconds ? start : 0,
      // Once the budget is spent, the getter (which copies every image) is not even read.
      artwork: budget.left > 0 ? copyArtwork(chapter.artwork, budget) : [],
    });
  }
  return {
    title: text(metadata.title),
    artist: text(metadata.artist),
    album: text(metadata.album),
    artwork,
    chapterInfo: chapters,
  };
}

/**
 * The chapters of `element`'s `<track kind="chapters">` (HTML § Timed text tracks), when the page
 * has its cues loaded (a track whose mode is `hidden` or `showing`, e.g. one marked `default`):
 * each cue's text as the title, its start time in seconds. Media Deck never changes a track's
 * mode to load it, which the page could see. `[]` when there is none.
 */
export function readTrackChapters(element: HTMLMediaElement | null): Chapter[] {
  const chapters: Chapter[] = [];
  if (!element) return chapters;
  const tracks = element.textTracks;
  for (let i = 0; i < tracks.length; i++) {
    const track = tracks[i];
    if (track?.kind !== 'chapters' || track.mode === 'disabled' || !track.cues) continue;
    for (let j = 0; j < track.cues.length && chapters.length < LIMITS.chapters; j++) {
      const cue = track.cues[j] as (TextTrackCue & { text?: string }) | undefined;
      if (!cue) continue;
      const start = cue.startTime;
      chapters.push({
        title: text(cue.text ?? ''),
        startTime: start >= 0 && start <= LIMITS.seconds ? start : 0,
        artwork: [],
      });
    }
    if (chapters.length > 0) break;
  }
  return chapters;
}

/** The page's `playbackState`; `'none'` without a MediaSession. */
export function readPlaybackState(): MediaSessionPlaybackState {
  return session?.playbackState ?? 'none';
}

/** The frame's `MediaSession` as this world sees it, or `undefined` (an insecure context). */
export function isolatedMediaSession(): MediaSession | undefined {
  return session;
}

/** `ChapterInformation` (Media Session spec § The ChapterInformation interface). */
interface ChapterInformation {
  readonly title: string;
  readonly startTime: number;
  readonly artwork: readonly PlatformImage[];
}
