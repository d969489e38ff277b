import { useRef } from 'preact/hooks';
import { type ElementSetting, PLAYBACK_RATES, type SessionView } from '../../shared/contract';
import { formatNumber, formatPercent, t } from '../../shared/i18n';

/** Volume steps of the slider's keys, in percent: arrows, Page Up / Page Down. */
export const VOLUME_STEP = 5;
export const VOLUME_PAGE_STEP = 20;
/** Least milliseconds between two volume changes sent while dragging. */
const DRAG_SEND_INTERVAL_MS = 100;

/**
 * The volume (percent, 0..100) `key` moves the slider to from `current`, or `null` for a key it
 * does not handle: arrows by `VOLUME_STEP`, Page Up / Page Down by `VOLUME_PAGE_STEP`, Home 0,
 * End 100 (WAI-ARIA Authoring Practices, slider pattern).
 */
export function volumeForKey(key: string, current: number): number | null {
  const clamp = (v: number) => Math.max(0, Math.min(100, v));
  switch (key) {
    case 'ArrowUp':
    case 'ArrowRight':
      return clamp(current + VOLUME_STEP);
    case 'ArrowDown':
    case 'ArrowLeft':
      return clamp(current - VOLUME_STEP);
    case 'PageUp':
      return clamp(current + VOLUME_PAGE_STEP);
    case 'PageDown':
      return clamp(current - VOLUME_PAGE_STEP);
    case 'Home':
      return 0;
    case 'End':
      return 100;
    default:
      return null;
  }
}

/**
 * Speed and volume of the session's media element: a native list named "Playback speed" (0.5× to
 * 2×, the element's own rate selected, added to the list when it is another) and a slider named
 * "Volume" (keys as `volumeForKey` says, or a click or drag on the bar). Each change is one
 * `set-element` intent, which the page's element carries out as if its own controls had: the page
 * sees its `ratechange` or `volumechange`. Drawn only for a session whose element Media Deck can
 * reach (`view.element`); a session playing through Web Audio alone gets neither.
 */
export function ElementControls({
  view,
  onSet,
}: {
  view: SessionView;
  onSet: (setting: ElementSetting) => void;
}) {
  const lastDragSend = useRef(0);
  const element = view.element;
  if (!element) return null;
  const rate = element.playbackRate;
  const rates: number[] = [...PLAYBACK_RATES];
  if (!rates.includes(rate) && rate >= 0.25 && rate <= 4) {
    rates.push(rate);
    rates.sort((a, b) => a - b);
  }
  const volume = Math.round((element.muted ? 0 : element.volume) * 100);
  const setVolume = (percent: number) => onSet({ property: 'volume', value: percent / 100 });
  const atPointer = (event: PointerEvent) => {
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    if (rect.width <= 0) return volume;
    return Math.round(Math.max(0, Math.min(1, (event.clientX - rect.left) / rect.width)) * 100);
  };
  return (
    <div class="element-controls">
      <select
        class="speed"
        aria-label={t('playbackSpeed')}
        title={t('playbackSpeed')}
        value={String(rate)}
        onChange={(event) =>
          onSet({
            property: 'playbackRate',
            value: Number((event.currentTarget as HTMLSelectElement).value),
          })
        }
      >
        {rates.map((r) => (
          <option key={r} value={String(r)}>
            {t('speedValue', formatNumber(r))}
          </option>
        ))}
      </select>
      <div
        class="volume"
        dir="ltr"
        role="slider"
        tabIndex={0}
        aria-label={t('volume')}
        title={t('volume')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={volume}
        aria-valuetext={formatPercent(volume / 100)}
        onKeyDown={(event) => {
          const next = volumeForKey(event.key, volume);
          if (next === null) return;
          event.preventDefault();
          if (next !== volume) setVolume(next);
        }}
        onPointerDown={(event) => {
          // The change goes on release (a click) or while dragging.
          (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
          lastDragSend.current = Date.now();
        }}
        onPointerMove={(event) => {
          // While dragging, at most one change per `DRAG_SEND_INTERVAL_MS`; the release sends the last.
          if (!(event.buttons & 1) || Date.now() - lastDragSend.current < DRAG_SEND_INTERVAL_MS)
            return;
          lastDragSend.current = Date.now();
          setVolume(atPointer(event));
        }}
        onPointerUp={(event) => {
          setVolume(atPointer(event));
        }}
      >
        <div class="fill" style={{ width: `${volume}%` }} />
      </div>
    </div>
  );
}
