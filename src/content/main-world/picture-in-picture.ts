/**
 * Picture-in-picture for a keyboard command or a popup click (docs/architecture.md
 * § Running an intent). Runs inside the user's gesture that the service worker carried into the
 * frame. Toggles: leaves picture-in-picture when the frame shows one; otherwise calls the page's
 * own `enterpictureinpicture` handler, or opens the largest playing, visible video that allows it
 * (`disablePictureInPicture` honoured).
 */
import type { ActionOutcome, PictureInPictureTarget } from '../../shared/contract';
import { apply, getterOf, promiseThen, reportErrorNative } from './intrinsics';
import type { MediaElementWatcher } from './media-element-watcher';
import type { RecordedSession } from './media-session-wrapper';

const pipElement = getterOf<Element | null>(Document.prototype, 'pictureInPictureElement');
const pipEnabled = getterOf<boolean>(Document.prototype, 'pictureInPictureEnabled');
const exitPiP = (Document.prototype as { exitPictureInPicture?: () => Promise<void> })
  .exitPictureInPicture;
const requestPiP = globalThis.HTMLVideoElement?.prototype.requestPictureInPicture;
const VideoProto = globalThis.HTMLVideoElement?.prototype;
const disabled = getterOf<boolean>(VideoProto, 'disablePictureInPicture');
const paused = getterOf<boolean>(HTMLMediaElement.prototype, 'paused');
const readyState = getterOf<number>(HTMLMediaElement.prototype, 'readyState');
const videoWidth = getterOf<number>(VideoProto, 'videoWidth');
const videoHeight = getterOf<number>(VideoProto, 'videoHeight');
const querySelectorAll = Document.prototype.querySelectorAll;

/** The largest playing video of the frame that allows picture-in-picture, or `null`. */
export function largestPlayingVideo(media: MediaElementWatcher): HTMLVideoElement | null {
  const candidates: HTMLVideoElement[] = media.videos();
  const inDocument = apply(querySelectorAll, document, ['video']) as NodeListOf<HTMLVideoElement>;
  for (let i = 0; i < inDocument.length; i++)
    candidates[candidates.length] = inDocument[i] as HTMLVideoElement;
  let best: HTMLVideoElement | null = null;
  let bestArea = -1;
  for (let i = 0; i < candidates.length; i++) {
    const video = candidates[i] as HTMLVideoElement;
    if (paused?.(video) !== false || disabled?.(video) === true || (readyState?.(video) ?? 0) < 1)
      continue;
    const area = (videoWidth?.(video) ?? 0) * (videoHeight?.(video) ?? 0);
    if (area > bestArea) {
      best = video;
      bestArea = area;
    }
  }
  return best;
}

/**
 * Toggles picture-in-picture; `done` receives the outcome once the browser settled it:
 * `'element'` for a video entering or leaving, `'handler'` when the page's handler ran,
 * `'unsupported'` when there is nothing to show, `'failed'` when the browser refused.
 */
export function togglePictureInPicture(
  target: PictureInPictureTarget,
  record: RecordedSession | null,
  media: MediaElementWatcher,
  done: (outcome: ActionOutcome) => void,
): void {
  // The browser settles picture-in-picture requests asynchronously; report when it has.
  const settle = (promise: unknown, outcome: ActionOutcome) => {
    if (promise instanceof Promise)
      promiseThen(
        promise,
        () => done(outcome),
        () => done('failed'),
      );
    else done(outcome);
  };
  try {
    if (pipElement?.(document) && exitPiP) {
      settle(apply(exitPiP, document, []), 'element');
      return;
    }
    const handler = target === 'session' ? record?.handlers.enterpictureinpicture : undefined;
    if (handler) {
      try {
        apply(handler, undefined, [{ action: 'enterpictureinpicture' }]);
      } catch (error) {
        reportErrorNative(error);
      }
      done('handler');
      return;
    }
    const video = largestPlayingVideo(media);
    if (!video || !requestPiP || pipEnabled?.(document) === false) {
      done('unsupported');
      return;
    }
    settle(apply(requestPiP, video, []), 'element');
  } catch {
    done('failed');
  }
}
