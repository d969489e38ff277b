import { useEffect, useRef, useState } from 'preact/hooks';
import type { ActionDetails, SessionView } from '../../shared/contract';
import { formatClock, t } from '../../shared/i18n';
import { extrapolatePosition } from '../../shared/position';
import { seekTargetForKey, timeAtPointer } from '../seek';

/** Least milliseconds between two `fastSeek` updates while dragging. */
const DRAG_SEND_INTERVAL_MS = 100;
/** How long a seek the user just made overrides the (not yet updated) reported position. */
const PENDING_SEEK_MS = 1500;

/** Re-renders on every animation frame while `running`; returns epoch ms. */
function useAnimationClock(running: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!running) return;
    let id = requestAnimationFrame(function tick() {
      setNow(Date.now());
      id = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(id);
  }, [running]);
  return now;
}

/**
 * The progress bar: elapsed / duration moving smoothly between updates (extrapolated from the
 * position state and playback rate), and, when the session handles `seekto`, an ARIA slider that
 * seeks by click, by drag (`fastSeek: true` while dragging, a final exact seek on release) and by
 * arrow, Page and Home / End keys.
 */
export function SeekBar({
  view,
  onSeek,
}: {
  view: SessionView;
  onSeek: (details: ActionDetails) => void;
}) {
  const position = view.position;
  const playing = view.playbackState === 'playing';
  const [drag, setDrag] = useState<number | null>(null);
  const [pending, setPending] = useState<{ time: number; at: number; sample: number } | null>(null);
  const lastDragSend = useRef(0);
  const now = useAnimationClock(playing && drag === null);
  // A seek we just sent expires on a timer, not on the animation clock (which stops when paused).
  useEffect(() => {
    if (!pending) return;
    const id = setTimeout(() => setPending(null), PENDING_SEEK_MS);
    return () => clearTimeout(id);
  }, [pending]);
  if (!position) return null;

  const duration = position.duration;
  const canSeek = duration !== null && duration > 0 && view.actions.includes('seekto');
  // A seek we just sent wins until the page reports a new position (or it expires), extrapolated
  // like any position sample: at the playback rate, clamped to the duration.
  const pendingSample =
    pending !== null &&
    pending.sample === position.updatedAt &&
    Date.now() - pending.at < PENDING_SEEK_MS
      ? { ...position, position: pending.time, updatedAt: pending.at }
      : null;
  const current = drag ?? extrapolatePosition(pendingSample ?? position, playing, now);
  const fraction = duration ? Math.min(1, current / duration) : 0;

  const seek = (time: number, fastSeek: boolean) => {
    onSeek({ action: 'seekto', seekTime: time, fastSeek });
    if (!fastSeek) setPending({ time, at: Date.now(), sample: position.updatedAt });
  };

  const pointerTime = (event: PointerEvent) => {
    const bar = event.currentTarget as HTMLElement;
    const rect = bar.getBoundingClientRect();
    return timeAtPointer(event.clientX, rect.left, rect.width, duration ?? 0);
  };

  // Where each chapter after the first starts (`MediaMetadata.chapterInfo`), on a bar of known length.
  const marks = duration
    ? view.chapters
        .filter((c) => c.startTime > 0 && c.startTime < duration)
        .map((c) => (
          <div
            key={c.startTime}
            class="chapter-mark"
            style={{ left: `${(c.startTime / duration) * 100}%` }}
          />
        ))
    : null;
  const elapsedText = formatClock(current);
  const durationText = duration === null ? t('timeLive') : formatClock(duration);
  const valueText =
    duration === null ? t('positionLive', elapsedText) : t('positionOf', elapsedText, durationText);

  return (
    // The row stays left to right in a right-to-left UI: media time runs from the left edge, as
    // the pointer math (`timeAtPointer`, src/popup/seek.ts) and ArrowRight = later assume.
    <div class="seek" dir="ltr">
      <span class="time" aria-hidden="true">
        {elapsedText}
      </span>
      {canSeek ? (
        <div
          class={`bar seekable${drag !== null ? ' dragging' : ''}`}
          role="slider"
          tabIndex={0}
          aria-label={t('seekLabel', view.title)}
          aria-valuemin={0}
          aria-valuemax={Math.round(duration ?? 0)}
          aria-valuenow={Math.round(current)}
          aria-valuetext={valueText}
          onPointerDown={(event) => {
            (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
            setDrag(pointerTime(event));
          }}
          onPointerMove={(event) => {
            if (drag === null) return;
            const time = pointerTime(event);
            setDrag(time);
            if (Date.now() - lastDragSend.current >= DRAG_SEND_INTERVAL_MS) {
              lastDragSend.current = Date.now();
              seek(time, true);
            }
          }}
          onPointerUp={(event) => {
            if (drag === null) return;
            const time = pointerTime(event);
            setDrag(null);
            seek(time, false);
          }}
          onPointerCancel={() => setDrag(null)}
          onKeyDown={(event) => {
            const target = seekTargetForKey(event.key, current, duration ?? 0);
            if (target === null) return;
            event.preventDefault();
            seek(target, false);
          }}
        >
          <div class="fill" style={{ width: `${fraction * 100}%` }} />
          {marks}
          <div class="thumb" style={{ left: `${fraction * 100}%` }} />
        </div>
      ) : (
        <div
          class="bar"
          role="progressbar"
          aria-label={t('progressLabel', view.title)}
          aria-valuemin={0}
          aria-valuemax={Math.round(duration ?? 0)}
          aria-valuenow={duration === null ? undefined : Math.round(current)}
          aria-valuetext={valueText}
        >
          <div class="fill" style={{ width: `${fraction * 100}%` }} />
          {marks}
        </div>
      )}
      <span class="time" aria-hidden="true">
        {durationText}
      </span>
    </div>
  );
}
