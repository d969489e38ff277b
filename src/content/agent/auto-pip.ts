/**
 * Automatic picture-in-picture on the page's behalf (docs/architecture.md § Automatic
 * picture-in-picture): while the service worker has armed this frame, an `enterpictureinpicture`
 * action handler of ours is registered on the frame's `MediaSession` (from this isolated world,
 * so the page's wrappers never see it), and Chrome calls it when the user switches away from the
 * playing tab. A page that registers its own handler wins: ours is never registered over it, and
 * is registered again only if the page removes its own while we are armed (the MAIN world counts
 * the page's calls for that action, `PageRecord.pipHandlerSets`). Disarming removes only our own
 * handler.
 */

import type {
  ActionDetails,
  ActionOutcome,
  AutoPipKind,
  FrameState,
  PageRecord,
} from '../../shared/contract';
import { handles } from '../../shared/contract';
import type { MainLink } from './main-link';
import type { MediaElementWatcher } from './media-element-watcher';
import { hasDocumentPictureInPicture, type MiniPlayer, openMiniPlayer } from './mini-player';
import { isolatedMediaSession } from './page-metadata';
import { largestPlayingVideo, requestPictureInPicture } from './picture-in-picture';

/** The frame's automatic picture-in-picture. */
export interface AutoPip {
  /**
   * Arms for `kind` (with the seek offset the mini player's buttons use, and the artwork it shows:
   * a `data:image/` URL the service worker loaded, or `null`), or disarms (`null`).
   */
  set(kind: AutoPipKind | null, seekOffset: number, artwork: string | null): ActionOutcome;
  /** The page's record changed (it may have set or removed its own handler). */
  onRecord(record: PageRecord): void;
  /** The session's state changed (keeps an open mini player current). */
  onState(state: FrameState): void;
}

/** Creates the frame's automatic picture-in-picture. */
export function createAutoPip(
  main: MainLink,
  media: MediaElementWatcher,
  currentState: () => FrameState,
  run: (details: ActionDetails) => void,
): AutoPip {
  let armed: AutoPipKind | null = null;
  let seekOffset = 10;
  let artwork: string | null = null;
  let registered = false;
  let mini: MiniPlayer | null = null;
  let pageSets = main.record()?.pipHandlerSets ?? 0;

  // Chrome calls this with `{ action: 'enterpictureinpicture', enterPictureInPictureReason }`
  // and the user activation picture-in-picture needs.
  const handler = () => {
    if (armed === 'video') {
      const video = largestPlayingVideo(media);
      if (video) void requestPictureInPicture(video, main);
    } else if (armed === 'audio' && hasDocumentPictureInPicture()) {
      openMiniPlayer(currentState(), seekOffset, artwork, run).then(
        (player) => {
          mini = player;
        },
        () => {},
      );
    }
  };

  const register = (fn: (() => void) | null): boolean => {
    const session = isolatedMediaSession();
    if (!session) return false;
    try {
      session.setActionHandler('enterpictureinpicture' as MediaSessionAction, fn);
      return true;
    } catch {
      return false; // A browser without the action: nothing to arm.
    }
  };

  const pageHasHandler = () => handles(main.record(), 'enterpictureinpicture');

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
    onRecord(record) {
      if (record.pipHandlerSets === pageSets) return;
      pageSets = record.pipHandlerSets;
      // The page's call replaced (or removed) ours natively.
      registered = false;
      if (armed && !pageHasHandler()) registered = register(handler);
    },
    onState(state) {
      mini?.update(state);
    },
  };
}
