import type { Position } from './contract';
import { LIMITS } from './limits';

/**
 * A position sample a page declared (seconds, and a rate), brought within the contract's caps so
 * that the report carrying it is valid: a duration that is not a finite number in
 * `[0, LIMITS.seconds]` is unknown (`null`, like a live stream's infinite one); the rate is cut
 * to `±LIMITS.playbackRate` (1 if not finite); the position to `[0, LIMITS.seconds]` (0 if not
 * finite). Operators only: it runs in the page's MAIN world, where `Math` may be the page's.
 *
 * @param updatedAt epoch ms at which `position` held.
 */
export function capPosition(
  duration: number,
  playbackRate: number,
  position: number,
  updatedAt: number,
): Position {
  const finite = (n: number) => n - n === 0; // false for NaN and ±Infinity
  let rate = finite(playbackRate) ? playbackRate : 1;
  if (rate > LIMITS.playbackRate) rate = LIMITS.playbackRate;
  if (rate < -LIMITS.playbackRate) rate = -LIMITS.playbackRate;
  let at = finite(position) && position > 0 ? position : 0; // also turns -0 into 0
  if (at > LIMITS.seconds) at = LIMITS.seconds;
  return {
    duration: finite(duration) && duration >= 0 && duration <= LIMITS.seconds ? duration : null,
    playbackRate: rate,
    position: at,
    updatedAt,
  };
}

/**
 * The current playback position, in seconds, extrapolated from a position sample as the Media
 * Session spec defines it (§ "current playback position": `position + playbackRate × elapsed`),
 * clamped to `[0, duration]`. While not `playing` the position stands still.
 *
 * @param sample position state (seconds) and the epoch ms `updatedAt` at which it held.
 * @param playing whether the media is advancing.
 * @param now epoch ms.
 */
export function extrapolatePosition(sample: Position, playing: boolean, now: number): number {
  const elapsed = playing ? (now - sample.updatedAt) / 1000 : 0;
  let position = sample.position + sample.playbackRate * Math.max(elapsed, 0);
  if (position < 0) position = 0;
  if (sample.duration !== null && position > sample.duration) position = sample.duration;
  return position;
}

/**
 * Whether `next` says nothing new compared with `previous`: same duration and rate, and a position
 * within `toleranceSeconds` of where `previous` extrapolates to. Used to drop the steady stream
 * of `setPositionState` / `timeupdate` samples that only confirm normal playback.
 */
export function isSamePlayback(
  previous: Position | null,
  next: Position | null,
  playing: boolean,
  toleranceSeconds = 0.5,
): boolean {
  if (previous === null || next === null) return previous === next;
  if (previous.duration !== next.duration || previous.playbackRate !== next.playbackRate) {
    return false;
  }
  const expected = extrapolatePosition(previous, playing, next.updatedAt);
  const drift = next.position - expected;
  return drift <= toleranceSeconds && drift >= -toleranceSeconds;
}
