/**
 * Picture-in-picture for a keyboard command or a popup click (docs/architecture.md
 * § Running an intent). Runs inside the user's gesture that the service worker carried into the
 * frame. Toggles: leaves picture-in-picture when the frame shows one; otherwise calls the page's
 * own `enterpictureinpicture` handler, or opens the largest playing, visible video that allows it
 * (`disablePictureInPicture` honoured): one in the document from here, one outside it (a shadow
 * tree) through the MAIN world.
 */

import type { ActionOutcome, PictureInPictureTarget } from '../../shared/contract';
import { handles } from '../../shared/contract';
import type { MainLink } from './main-link';
import type { MediaElementWatcher, MediaTarget } from './media-element-watcher';

/** The largest playing video of the frame that allows picture-in-picture, or `null`. */
export function largestPlayingVideo(media: MediaElementWatcher): MediaTarget | null {
  const candidates = media.videos();
  for (const video of document.querySelectorAll('video')) {
    candidates.push({
      target: { element: video, remoteId: null },
      playing: !video.paused && video.readyState >= 1,
      area: video.videoWidth * video.videoHeight,
      disabled: video.disablePictureInPicture,
    });
  }
  let best: MediaTarget | null = null;
  let bestArea = -1;
  for (const c of candidates) {
    if (!c.playing || c.disabled) continue;
    if (c.area > bestArea) {
      best = c.target;
      bestArea = c.area;
    }
  }
  return best;
}

/** Asks for picture-in-picture of `target` and resolves to the outcome. */
export function requestPictureInPicture(
  target: MediaTarget,
  main: MainLink,
): Promise<ActionOutcome> {
  if (target.element === null) {
    return main.call({
      kind: 'remote',
      id: target.remoteId,
      operation: 'requestPictureInPicture',
      value: 0,
    });
  }
  const video = target.element;
  if (!(video instanceof HTMLVideoElement) || document.pictureInPictureEnabled === false) {
    return Promise.resolve('unsupported');
  }
  return video.requestPictureInPicture().then(
    (): ActionOutcome => 'element',
    (): ActionOutcome => 'failed',
  );
}

/**
 * Toggles picture-in-picture; resolves once the browser settled it: `'element'` for a video
 * entering or leaving, `'handler'` when the page's handler ran, `'unsupported'` when there is
 * nothing to show, `'failed'` when the browser refused.
 */
export async function togglePictureInPicture(
  target: PictureInPictureTarget,
  main: MainLink,
  media: MediaElementWatcher,
): Promise<ActionOutcome> {
  try {
    if (document.pictureInPictureElement) {
      await document.exitPictureInPicture();
      return 'element';
    }
    if (target === 'session' && handles(main.record(), 'enterpictureinpicture')) {
      return main.call({
        kind: 'handler',
        details: [['action', 'enterpictureinpicture']],
      });
    }
    const video = largestPlayingVideo(media);
    return video ? requestPictureInPicture(video, main) : 'unsupported';
  } catch {
    return 'failed';
  }
}
