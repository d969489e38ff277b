/**
 * Seek-bar arithmetic for the popup's slider (WAI-ARIA APG slider keys). Seconds throughout.
 */

/** Seconds one arrow key press moves the position. */
export const ARROW_STEP_SECONDS = 5;

/**
 * Where a key press on the seek bar should seek to, in seconds, or `null` for keys the bar does
 * not handle. Arrow keys move `ARROW_STEP_SECONDS`, Page Up / Down a tenth of the duration, Home and
 * End to the ends. The result is clamped to `[0, duration]`.
 */
export function seekTargetForKey(key: string, position: number, duration: number): number | null {
  let target: number;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      target = position + ARROW_STEP_SECONDS;
      break;
    case 'ArrowLeft':
    case 'ArrowDown':
      target = position - ARROW_STEP_SECONDS;
      break;
    case 'PageUp':
      target = position + duration / 10;
      break;
    case 'PageDown':
      target = position - duration / 10;
      break;
    case 'Home':
      target = 0;
      break;
    case 'End':
      target = duration;
      break;
    default:
      return null;
  }
  return Math.min(duration, Math.max(0, target));
}

/**
 * The time under a pointer at `clientX` on a bar spanning `[left, left + width]`, in seconds,
 * clamped to `[0, duration]`. A zero-width bar maps to 0.
 */
export function timeAtPointer(
  clientX: number,
  left: number,
  width: number,
  duration: number,
): number {
  if (width <= 0) return 0;
  const fraction = Math.min(1, Math.max(0, (clientX - left) / width));
  return fraction * duration;
}
