/**
 * Automatic picture-in-picture on the page's behalf (docs/architecture.md § Automatic
 * picture-in-picture): while the service worker has armed this frame, an `enterpictureinpicture`
 * action handler of ours
 * is registered through the native `setActionHandler`, so Chrome calls it when the user switches
 * away from the playing tab. A page that registers its own handler wins: ours is never registered
 * over it, and is registered again only if the page removes its own while we are armed.
 * Disarming removes only our own handler.
 */

import type { ActionDetails, ActionOutcome, AutoPipKind, FrameState } from '../../shared/contract';
import { apply, promiseThen } from './intrinsics';
import type { MediaElementWatcher } from './media-element-watcher';
import {
  mediaSession,
  nativeSetActionHandler,
  type RecordedSession,
} from './media-session-wrapper';
import { hasDocumentPictureInPicture, type MiniPlayer, openMiniPlayer } from './mini-player';
import { largestPlayingVideo } from './picture-in-picture';

const requestPiP = globalThis.HTMLVideoElement?.prototype.requestPictureInPicture;

/** The frame's automatic picture-in-picture. */
export interface AutoPip {
  /**
   * Arms for `kind` (with the seek offset the mini player's buttons use, and the artwork it shows:
   * a `data:image/` URL the service worker loaded, or `null`), or disarms (`null`).
   */
  set(kind: AutoPipKind | null, seekOffset: number, artwork: string | null): ActionOutcome;
  /** The page set or removed a handler for `action` (called by the wrapper). */
  onPageSetHandler(action: string): void;
  /** The session's state changed (keeps an open mini player current). */
  onState(state: FrameState): void;
}

/** Creates the frame's automatic picture-in-picture. */
export function createAutoPip(
  record: RecordedSession | null,
  media: MediaElementWatcher,
  currentState: () => FrameState,
  run: (details: ActionDetails) => void,
): AutoPip {
  let armed: AutoPipKind | null = null;
  let seekOffset = 10;
  let artwork: string | null = null;
  let registered = false;
  let mini: MiniPlayer | null = null;

  // Chrome calls this with `{ action: 'enterpictureinpicture', enterPictureInPictureReason }`
  // and the user activation picture-in-picture needs, in the page's realm: nothing of ours may be
  // thrown or rejected into it.
  const ignore = () => {};
  const handler = () => {
    try {
      if (armed === 'video') {
        const video = largestPlayingVideo(media);
        if (video && requestPiP)
          promiseThen(apply(requestPiP, video, []) as Promise<unknown>, undefined, ignore);
      } else if (armed === 'audio' && hasDocumentPictureInPicture()) {
        promiseThen(
          openMiniPlayer(currentState(), seekOffset, artwork, run),
          (player) => {
            mini = player as MiniPlayer | null;
          },
          ignore,
        );
      }
    } catch {}
  };

  const register = (fn: (() => void) | null): boolean => {
    if (!mediaSession || !nativeSetActionHandler) return false;
    try {
      apply(nativeSetActionHandler, mediaSession, ['enterpictureinpicture', fn]);
      return true;
    } catch {
      return false; // A browser without the action: nothing to arm.
    }
  };

  const pageHasHandler = () => !!record?.handlers.enterpictureinpicture;

  return {
    set(kind, offset, image) {
      armed = kind;
      seekOffset = offset;
      if (image !== artwork) {
        artwork = image;
        mini?.showArtwork(image);
      }
      if (kind && !registered && !pageHasHandler()) registered = register(handler);
      if (!kind && registered) {
        register(null);
        registered = false;
      }
      if (!kind) return 'element';
      return registered || pageHasHandler() ? 'element' : 'unsupported';
    },
    onPageSetHandler(action) {
      if (action !== 'enterpictureinpicture') return;
      // The page's call replaced (or removed) ours natively.
      registered = false;
      if (armed && !pageHasHandler()) registered = register(handler);
    },
    onState(state) {
      mini?.update(state);
    },
  };
}
