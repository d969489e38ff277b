/**
 * Watches the frame's media elements (docs/architecture.md § The session model, "media"):
 * capture-phase listeners on `window` see every element in the document; elements outside it
 * (detached, or in a shadow tree) are seen by the MAIN world's `play()` hook
 * (src/content/main-world/remote-media.ts), which sends a snapshot after each of their events
 * (`RemoteMedia`). Both kinds are tracked alike; the primary one is what the frame reports.
 * Runs in the isolated world, so the page's patches of `HTMLMediaElement.prototype` do not apply.
 */
import type { MediaElementState, RemoteMedia } from '../../shared/contract';
import { LIMITS } from '../../shared/limits';
import { MEDIA_EVENTS } from '../../shared/media-events';

/** Events after which the rendered size is worth measuring (it forces layout; not per tick). */
const SIZE_EVENTS = new Set(['playing', 'enterpictureinpicture', 'leavepictureinpicture']);

/** Most milliseconds from a `play` to its first sound for that sound to count as its start. */
const START_WINDOW_MS = 5000;

/** Most elements tracked per frame; the oldest idle ones are forgotten first. */
const MAX_TRACKED = 16;

/** What the watcher reads of an element, live for one in the document, as last sent for a remote one. */
interface Facts {
  video: boolean;
  paused: boolean;
  ended: boolean;
  muted: boolean;
  volume: number;
  hasAudio: boolean;
  duration: number;
  currentTime: number;
  playbackRate: number;
  /** Epoch ms at which `currentTime` held. */
  at: number;
  disablePictureInPicture: boolean;
  pictureInPicture: boolean;
}

/** A tracked element: in the document (`element`) or remote (`remoteId`, from the MAIN world). */
export type MediaTarget =
  | { element: HTMLMediaElement; remoteId: null }
  | { element: null; remoteId: number };

interface Tracked {
  target: MediaTarget;
  /** Latest snapshot of a remote element; `null` for one in the document. */
  remote: RemoteMedia | null;
  lastPlayedAt: number;
  lastAudibleAt: number | null;
  /** Epoch ms of the last start of audible playback, and whether the user had just acted then. */
  startedAt: number | null;
  startedByUser: boolean;
  /**
   * A `play`/`playing` event not yet followed by sound (a media element is audible only once it
   * decoded some audio): its epoch ms and whether the user had just acted then; `null` if none.
   */
  playAt: number | null;
  playByUser: boolean;
  wasAudible: boolean;
  width: number;
  height: number;
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}

function factsOf(t: Tracked): Facts {
  const remote = t.remote;
  if (remote) {
    const r = remote.values;
    return {
      video: r.videoWidth !== undefined, // the getter throws for an <audio>
      paused: r.paused !== false,
      ended: false, // an ended element is paused
      muted: r.muted === true,
      volume: r.volume ?? 1,
      hasAudio: r.webkitAudioDecodedByteCount === undefined || r.webkitAudioDecodedByteCount > 0,
      duration: r.duration ?? Number.NaN,
      currentTime: r.currentTime ?? 0,
      playbackRate: r.playbackRate ?? 1,
      at: remote.at,
      disablePictureInPicture: false, // such a video refuses the request itself
      pictureInPicture: false,
    };
  }
  const el = t.target.element as HTMLMediaElement;
  const video = el instanceof HTMLVideoElement;
  const bytes = (el as { webkitAudioDecodedByteCount?: number }).webkitAudioDecodedByteCount;
  return {
    video,
    paused: el.paused,
    ended: el.ended,
    muted: el.muted,
    volume: el.volume,
    // Chromium counts decoded audio bytes; a silent video has none.
    hasAudio: bytes === undefined || bytes > 0,
    duration: el.duration,
    currentTime: el.currentTime,
    playbackRate: el.playbackRate,
    at: Date.now(),
    disablePictureInPicture: video && el.disablePictureInPicture,
    pictureInPicture: document.pictureInPictureElement === el,
  };
}

function isPlaying(f: Facts): boolean {
  return !f.paused && !f.ended;
}

function isAudible(f: Facts): boolean {
  return isPlaying(f) && !f.muted && f.volume >= LIMITS.audibleVolume && f.hasAudio;
}

/** Live view of the frame's media elements. */
export interface MediaElementWatcher {
  /**
   * The primary element among those that were ever audible: audible and playing first, then
   * playing, then most recently played.
   */
  primary(): MediaTarget | null;
  /** Plain-data state of the primary element, or `null` when the frame never played media. */
  primaryState(): MediaElementState | null;
  /** Every tracked video, in the document or remote, with its area (for picture-in-picture). */
  videos(): { target: MediaTarget; playing: boolean; area: number; disabled: boolean }[];
  /** A remote element's event, as the MAIN world saw it. */
  onRemote(media: RemoteMedia): void;
  /** Remote element `id`'s latest snapshot, or `null` when it is not tracked. */
  remote(id: number): RemoteMedia | null;
  /**
   * An event the first stage saw before this watcher ran (`type` at epoch ms `at`, `byUser`
   * whether the user had just acted), or the state of an element already playing (`'playing'`).
   */
  replay(element: HTMLMediaElement, type: string, at: number, byUser: boolean): void;
  /** Tracks the document's media elements that play now (the agent came after they started). */
  adoptPlaying(): void;
  /** Removes the listeners (a newer agent took over). */
  stop(): void;
}

/**
 * Starts watching. `onChange` runs (synchronously, inside the media event) whenever an element's
 * reportable state may have changed.
 */
export function watchMediaElements(onChange: () => void): MediaElementWatcher {
  const tracked: Tracked[] = [];

  function find(target: MediaTarget): Tracked | undefined {
    return tracked.find((t) =>
      target.element ? t.target.element === target.element : t.target.remoteId === target.remoteId,
    );
  }

  function track(target: MediaTarget): Tracked {
    const known = find(target);
    if (known) return known;
    const t: Tracked = {
      target,
      remote: null,
      lastPlayedAt: 0,
      lastAudibleAt: null,
      startedAt: null,
      startedByUser: false,
      playAt: null,
      playByUser: false,
      wasAudible: false,
      width: 0,
      height: 0,
    };
    if (tracked.length >= MAX_TRACKED) {
      // Forget the least recently played element that is not playing now.
      let victim = -1;
      tracked.forEach((c, i) => {
        const older = victim < 0 || c.lastPlayedAt < (tracked[victim] as Tracked).lastPlayedAt;
        if (!isPlaying(factsOf(c)) && older) victim = i;
      });
      tracked.splice(Math.max(victim, 0), 1);
    }
    tracked.push(t);
    return t;
  }

  /** Applies event `type` (at epoch ms `now`; `byUser`: transient activation then) to `t`. */
  function update(t: Tracked, type: string, now: number, byUser: boolean): void {
    const facts = factsOf(t);
    if (isPlaying(facts)) t.lastPlayedAt = now;
    const audible = isAudible(facts);
    if ((type === 'play' || type === 'playing') && !t.wasAudible && t.playAt === null) {
      t.playAt = now;
      t.playByUser = byUser;
    } else if (type === 'pause' || type === 'ended' || type === 'emptied') {
      t.playAt = null;
    }
    if (audible !== t.wasAudible) {
      t.lastAudibleAt = now; // start or end of an audible stretch
      t.wasAudible = audible;
      // The sound that a play started: a start of audible playback, what may move audio focus
      // (docs/architecture.md § Focus policy), with whether the user had just acted in this frame.
      // Sound that comes back by itself (an unmute, a volume raised by script) is no start.
      if (audible && t.playAt !== null && now - t.playAt <= START_WINDOW_MS) {
        t.startedAt = now;
        t.startedByUser = t.playByUser;
      }
      if (audible) t.playAt = null;
    }
    if (t.remote) {
      // Its intrinsic size: a detached element has no rendered one, a shadow-tree one is not
      // worth the layout the MAIN world would force on each event.
      t.width = finiteOr(t.remote.values.videoWidth ?? 0, 0);
      t.height = finiteOr(t.remote.values.videoHeight ?? 0, 0);
    } else if (SIZE_EVENTS.has(type) && t.target.element instanceof HTMLVideoElement) {
      t.width = t.target.element.offsetWidth;
      t.height = t.target.element.offsetHeight;
    }
    onChange();
  }

  function onMediaEvent(event: Event): void {
    const target = event.target;
    if (!(target instanceof HTMLMediaElement)) return;
    update(
      track({ element: target, remoteId: null }),
      event.type,
      Date.now(),
      navigator.userActivation?.isActive === true,
    );
  }

  for (const type of MEDIA_EVENTS) window.addEventListener(type, onMediaEvent, true);

  /**
   * A `<track kind="chapters">` whose cues finished loading (its `load` event, which does not
   * bubble, and which a document does not pass on to `window`: DOM § 4.2 "get the parent"; so the
   * listener is on `document`, in the capture phase): the chapters changed, even while the media
   * is paused and sends no event of its own (src/content/agent/page-metadata.ts
   * `readTrackChapters`).
   */
  function onTrackLoad(event: Event): void {
    const target = event.target;
    if (target instanceof HTMLTrackElement && target.kind === 'chapters') onChange();
  }
  document.addEventListener('load', onTrackLoad, true);

  function primaryTracked(): Tracked | null {
    let best: Tracked | null = null;
    let bestScore = -1;
    for (const t of tracked) {
      // Only media that has made sound is media use, as in Chrome's media hub: a paused <video>,
      // a muted background loop or a call's muted self-view is not a session.
      if (t.lastAudibleAt === null) continue;
      const facts = factsOf(t);
      const playing = isPlaying(facts);
      const score = (playing ? 2 : 0) + (playing && isAudible(facts) ? 1 : 0);
      if (
        best === null ||
        score > bestScore ||
        (score === bestScore && t.lastPlayedAt > best.lastPlayedAt) ||
        (score === bestScore &&
          t.lastPlayedAt === best.lastPlayedAt &&
          t.width * t.height > best.width * best.height)
      ) {
        best = t;
        bestScore = score;
      }
    }
    return best;
  }

  return {
    primary: () => primaryTracked()?.target ?? null,
    primaryState(): MediaElementState | null {
      const t = primaryTracked();
      if (!t) return null;
      const f = factsOf(t);
      const d = f.duration;
      return {
        kind: f.video ? 'video' : 'audio',
        playing: isPlaying(f),
        muted: f.muted,
        volume: Math.min(1, Math.max(0, finiteOr(f.volume, 1))),
        audible: isAudible(f),
        lastAudibleAt: t.lastAudibleAt,
        startedAt: t.startedAt,
        startedByUser: t.startedByUser,
        position: {
          duration: d >= 0 && d <= LIMITS.seconds ? d : null,
          playbackRate: Math.min(
            LIMITS.playbackRate,
            Math.max(-LIMITS.playbackRate, finiteOr(f.playbackRate, 1)),
          ),
          position: Math.min(LIMITS.seconds, Math.max(0, finiteOr(f.currentTime, 0))),
          updatedAt: f.at,
        },
        width: Math.min(100_000, Math.max(0, t.width)),
        height: Math.min(100_000, Math.max(0, t.height)),
        pictureInPicture: f.pictureInPicture,
        disablePictureInPicture: f.disablePictureInPicture,
      };
    },
    videos() {
      return tracked.flatMap((t) => {
        const f = factsOf(t);
        if (!f.video) return [];
        const el = t.target.element as HTMLVideoElement | null;
        const area = el ? el.videoWidth * el.videoHeight : t.width * t.height;
        return [
          {
            target: t.target,
            playing: isPlaying(f) && (!el || el.readyState >= 1),
            area,
            disabled: f.disablePictureInPicture,
          },
        ];
      });
    },
    onRemote(media) {
      const t = track({ element: null, remoteId: media.id });
      t.remote = media;
      // Transient activation lasts seconds; the few milliseconds the message took do not matter.
      update(t, media.event, media.at, navigator.userActivation?.isActive === true);
    },
    remote: (id) => find({ element: null, remoteId: id })?.remote ?? null,
    replay(element, type, at, byUser) {
      update(track({ element, remoteId: null }), type, at, byUser);
    },
    adoptPlaying() {
      for (const element of document.querySelectorAll<HTMLMediaElement>('video, audio')) {
        if (!element.paused && !element.ended) {
          update(track({ element, remoteId: null }), 'playing', Date.now(), false);
        }
      }
    },
    stop() {
      for (const type of MEDIA_EVENTS) window.removeEventListener(type, onMediaEvent, true);
      document.removeEventListener('load', onTrackLoad, true);
    },
  };
}
