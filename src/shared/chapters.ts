/**
 * Chapters of the media (`MediaMetadata.chapterInfo`, Media Session spec § The ChapterInformation
 * interface): which one plays at a position, and where "previous chapter" and "next chapter" go.
 * Pure; used by the popup (src/popup/components/chapter-line.tsx) and the mini player. Times in
 * seconds; chapters sorted by start time (`toSessionView` sorts them).
 */

/** A chapter as the views need it. */
export interface ChapterMark {
  title: string;
  /** Seconds from the start of the media. */
  startTime: number;
}

/**
 * Seconds into a chapter after which "previous chapter" goes back to its start rather than to the
 * chapter before, as a player's previous-track button does.
 */
export const RESTART_CHAPTER_AFTER_SECONDS = 3;

/** The index of the chapter playing at `position`, or `-1` (before the first, or none). */
export function chapterIndexAt(chapters: readonly ChapterMark[], position: number): number {
  let index = -1;
  for (let i = 0; i < chapters.length; i++) {
    if ((chapters[i] as ChapterMark).startTime <= position) index = i;
    else break;
  }
  return index;
}

/**
 * Where "previous chapter" seeks from `position`: the start of the current chapter when more than
 * `RESTART_CHAPTER_AFTER_SECONDS` into it, else the start of the one before; `null` when there is
 * nowhere to go (no chapters, or at the very start).
 */
export function previousChapterStart(
  chapters: readonly ChapterMark[],
  position: number,
): number | null {
  const index = chapterIndexAt(chapters, position);
  if (index === -1) return null;
  const current = chapters[index] as ChapterMark;
  if (position - current.startTime > RESTART_CHAPTER_AFTER_SECONDS) return current.startTime;
  return index > 0 ? (chapters[index - 1] as ChapterMark).startTime : null;
}

/** Where "next chapter" seeks from `position`: the next chapter's start, or `null` after the last. */
export function nextChapterStart(
  chapters: readonly ChapterMark[],
  position: number,
): number | null {
  const next = chapters[chapterIndexAt(chapters, position) + 1];
  return next ? next.startTime : null;
}
