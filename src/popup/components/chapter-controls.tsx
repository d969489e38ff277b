import { useEffect, useState } from 'preact/hooks';
import { chapterIndexAt, nextChapterStart, previousChapterStart } from '../../shared/chapters';
import type { SessionView } from '../../shared/contract';
import { t } from '../../shared/i18n';
import { extrapolatePosition } from '../../shared/position';
import { Icon } from './icon';

/** Where the session's media is now (seconds), extrapolated from its last position. */
export function positionNow(view: SessionView, now = Date.now()): number {
  return view.position
    ? extrapolatePosition(view.position, view.playbackState === 'playing', now)
    : 0;
}

/** Re-renders every second while `running` (a chapter lasts far longer than that). */
function useSecondClock(running: boolean): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, [running]);
}

/** The chapter playing now, under the session's title: `Chapter: <title>`; nothing without one. */
export function CurrentChapter({ view }: { view: SessionView }) {
  useSecondClock(view.chapters.length > 0 && view.playbackState === 'playing');
  const chapter = view.chapters[chapterIndexAt(view.chapters, positionNow(view))];
  if (!chapter) return null;
  return (
    <span class="chapter" dir="auto">
      {t('chapterCurrent', chapter.title)}
    </span>
  );
}

/**
 * "Previous chapter" and "Next chapter": each seeks (through the page's `seekto` handler, else its
 * element) to where `previousChapterStart` / `nextChapterStart` say, from the position at the
 * click; disabled where there is nowhere to go. Only for a session that can seek and has chapters.
 */
export function ChapterButtons({
  view,
  onSeek,
}: {
  view: SessionView;
  onSeek: (seconds: number) => void;
}) {
  useSecondClock(view.chapters.length > 0 && view.playbackState === 'playing');
  if (view.chapters.length === 0 || !view.actions.includes('seekto')) return null;
  const now = positionNow(view);
  const previous = previousChapterStart(view.chapters, now);
  const next = nextChapterStart(view.chapters, now);
  const button = (label: string, icon: 'previousslide' | 'nextslide', target: number | null) => (
    <button
      type="button"
      class="control chapter-step"
      aria-label={label}
      title={label}
      aria-disabled={target === null ? 'true' : undefined}
      onClick={() => {
        // Read again at the click: the position moved since the last draw.
        const at = positionNow(view);
        const to =
          icon === 'previousslide'
            ? previousChapterStart(view.chapters, at)
            : nextChapterStart(view.chapters, at);
        if (to !== null) onSeek(to);
      }}
    >
      <Icon name={icon} size={20} />
    </button>
  );
  return (
    <>
      {button(t('previousChapter'), 'previousslide', previous)}
      {button(t('nextChapter'), 'nextslide', next)}
    </>
  );
}
