/**
 * Performs a `MediaSessionAction` in the page (docs/architecture.md § Running an intent): the
 * page's own handler when it registered one, called with a `MediaSessionActionDetails` dictionary
 * as Chrome does; otherwise the primary media element's own behaviour.
 */
import type { ActionDetails, ActionOutcome } from '../../shared/contract';
import { DEFAULT_SEEK_OFFSET_SECONDS } from '../../shared/media-session-actions';
import { apply, promiseThen, reportErrorNative } from './intrinsics';
import type { MediaElementWatcher } from './media-element-watcher';
import type { RecordedSession } from './media-session-wrapper';

const MediaProto = HTMLMediaElement.prototype;
const nativePlay = MediaProto.play;
const nativePause = MediaProto.pause;
const currentTimeDesc = Object.getOwnPropertyDescriptor(MediaProto, 'currentTime');
const durationGet = Object.getOwnPropertyDescriptor(MediaProto, 'duration')?.get;
const fastSeekNative = (MediaProto as { fastSeek?: (t: number) => void }).fastSeek;
const ignore = () => undefined;

function getTime(el: HTMLMediaElement): number {
  return currentTimeDesc?.get ? (apply(currentTimeDesc.get, el, []) as number) : 0;
}
function setTime(el: HTMLMediaElement, seconds: number, fast: boolean): void {
  if (fast && fastSeekNative) apply(fastSeekNative, el, [seconds]);
  else if (currentTimeDesc?.set) apply(currentTimeDesc.set, el, [seconds]);
}
function getDuration(el: HTMLMediaElement): number {
  return durationGet ? (apply(durationGet, el, []) as number) : Number.NaN;
}

/** Builds the dictionary the page's handler receives: only the members that apply, page realm. */
function detailsFor(details: ActionDetails): ActionDetails {
  const out: ActionDetails = { action: details.action };
  if (details.seekOffset !== undefined) out.seekOffset = details.seekOffset;
  if (details.seekTime !== undefined) out.seekTime = details.seekTime;
  if (details.fastSeek !== undefined) out.fastSeek = details.fastSeek;
  return out;
}

function runOnElement(el: HTMLMediaElement, details: ActionDetails): ActionOutcome {
  switch (details.action) {
    case 'play':
      // A rejected play() (autoplay policy) must not surface as an unhandled rejection in the page.
      promiseThen(apply(nativePlay, el, []) as Promise<void>, undefined, ignore);
      return 'element';
    case 'pause':
      apply(nativePause, el, []);
      return 'element';
    case 'stop':
      apply(nativePause, el, []);
      setTime(el, 0, false);
      return 'element';
    case 'seekbackward':
    case 'seekforward': {
      const offset = details.seekOffset ?? DEFAULT_SEEK_OFFSET_SECONDS;
      const target = getTime(el) + (details.action === 'seekforward' ? offset : -offset);
      const duration = getDuration(el);
      setTime(
        el,
        Math.max(0, Number.isFinite(duration) ? Math.min(duration, target) : target),
        false,
      );
      return 'element';
    }
    case 'seekto':
      if (details.seekTime === undefined) return 'unsupported';
      setTime(el, details.seekTime, details.fastSeek === true);
      return 'element';
    default:
      return 'unsupported';
  }
}

/**
 * Carries out `details` in the page. Exceptions from the page's handler are reported to the page
 * (`reportError`, as for any callback the browser invokes) and never reach the caller; the
 * outcome says which path ran: `'handler'`, `'element'`, or `'unsupported'` when neither applies.
 */
export function performAction(
  details: ActionDetails,
  record: RecordedSession | null,
  media: MediaElementWatcher,
): ActionOutcome {
  const handler = record?.handlers[details.action];
  if (handler) {
    try {
      apply(handler, undefined, [detailsFor(details)]);
    } catch (error) {
      reportErrorNative(error);
    }
    return 'handler';
  }
  const el = media.primary();
  if (!el) return 'unsupported';
  try {
    return runOnElement(el, details);
  } catch {
    return 'failed';
  }
}
