/**
 * Performs a `MediaSessionAction` in the page (docs/architecture.md § Running an intent): the
 * page's own handler when it registered one (called by the MAIN world, with a
 * `MediaSessionActionDetails` dictionary as Chrome builds it); otherwise the primary media
 * element's own behaviour, here in the isolated world for an element in the document, or by the
 * MAIN world for one outside it.
 */

import type {
  ActionDetails,
  ActionOutcome,
  ElementSetting,
  PageActionDetails,
  RemoteMedia,
  RemoteOperation,
} from '../../shared/contract';
import { handles } from '../../shared/contract';
import { DEFAULT_SEEK_OFFSET_SECONDS } from '../../shared/media-session-actions';
import type { MainLink } from './main-link';
import type { MediaElementWatcher } from './media-element-watcher';

/** `details` as the MAIN world copies it into the page: present members, dictionary order. */
export function toPageDetails(details: ActionDetails): PageActionDetails {
  const pairs: PageActionDetails = [['action', details.action]];
  if (details.fastSeek !== undefined) pairs.push(['fastSeek', details.fastSeek]);
  if (details.seekOffset !== undefined) pairs.push(['seekOffset', details.seekOffset]);
  if (details.seekTime !== undefined) pairs.push(['seekTime', details.seekTime]);
  return pairs;
}

function runOnElement(el: HTMLMediaElement, details: ActionDetails): ActionOutcome {
  switch (details.action) {
    case 'play':
      // A rejected play() (the autoplay policy) is ours to swallow: this world's promise.
      el.play().catch(() => {});
      return 'element';
    case 'pause':
      el.pause();
      return 'element';
    case 'stop':
      el.pause();
      el.currentTime = 0;
      return 'element';
    case 'seekbackward':
    case 'seekforward': {
      const offset = details.seekOffset ?? DEFAULT_SEEK_OFFSET_SECONDS;
      const target = el.currentTime + (details.action === 'seekforward' ? offset : -offset);
      const duration = el.duration;
      el.currentTime = Math.max(0, Number.isFinite(duration) ? Math.min(duration, target) : target);
      return 'element';
    }
    case 'seekto':
      if (details.seekTime === undefined) return 'unsupported';
      if (details.fastSeek === true && typeof el.fastSeek === 'function')
        el.fastSeek(details.seekTime);
      else el.currentTime = details.seekTime;
      return 'element';
    default:
      return 'unsupported';
  }
}

/**
 * The native operation that does `details` on a remote element whose last snapshot is `media`
 * (its position extrapolated to now), or `null` when a bare element cannot do it. `stop` is a
 * pause followed by a seek to 0.
 */
export function remoteOperation(
  details: ActionDetails,
  media: RemoteMedia,
  now: number,
): { operation: RemoteOperation; value: number } | null {
  switch (details.action) {
    case 'play':
    case 'pause':
      return { operation: details.action, value: 0 };
    case 'seekbackward':
    case 'seekforward': {
      const { paused, playbackRate = 1, currentTime = 0, duration } = media.values;
      const playing = paused === false;
      const elapsed = playing ? ((now - media.at) / 1000) * playbackRate : 0;
      const offset = details.seekOffset ?? DEFAULT_SEEK_OFFSET_SECONDS;
      let target = currentTime + elapsed + (details.action === 'seekforward' ? offset : -offset);
      if (duration !== undefined && Number.isFinite(duration)) target = Math.min(duration, target);
      return { operation: 'currentTime', value: Math.max(0, target) };
    }
    case 'seekto':
      if (details.seekTime === undefined) return null;
      return { operation: 'currentTime', value: details.seekTime }; // exact: see `RemoteOperation`
    default:
      return null;
  }
}

/** Does `details` on remote element `id` through the MAIN world. */
async function runOnRemote(
  id: number,
  details: ActionDetails,
  main: MainLink,
  media: MediaElementWatcher,
): Promise<ActionOutcome> {
  const snapshot = media.remote(id);
  if (!snapshot) return 'unsupported';
  if (details.action === 'stop') {
    await main.call({ kind: 'remote', id, operation: 'pause', value: 0 });
    return main.call({ kind: 'remote', id, operation: 'currentTime', value: 0 });
  }
  const step = remoteOperation(details, snapshot, Date.now());
  return step ? main.call({ kind: 'remote', id, ...step }) : 'unsupported';
}

/**
 * Carries out `details` in the page and resolves to which path ran: `'handler'`, `'element'`, or
 * `'unsupported'` when neither applies (`'failed'` when the element threw). Exceptions of the
 * page's handler are the page's (reported to it, as for any callback the browser invokes).
 */
export async function performAction(
  details: ActionDetails,
  main: MainLink,
  media: MediaElementWatcher,
): Promise<ActionOutcome> {
  if (handles(main.record(), details.action)) {
    return main.call({ kind: 'handler', details: toPageDetails(details) });
  }
  const target = media.primary();
  if (!target) return 'unsupported';
  if (target.element === null) return runOnRemote(target.remoteId, details, main, media);
  try {
    return runOnElement(target.element, details);
  } catch {
    return 'failed';
  }
}

/**
 * Sets the primary media element's speed or volume (`setting`), as the element's own controls
 * would: the page sees its `ratechange` or `volumechange`. A volume above 0 also unmutes the
 * element, as a volume slider does. Resolves
 * to `'element'`, `'unsupported'` (no element), or `'failed'` (the element refused the value).
 */
export async function applyElementSetting(
  setting: ElementSetting,
  main: MainLink,
  media: MediaElementWatcher,
): Promise<ActionOutcome> {
  const target = media.primary();
  if (!target) return 'unsupported';
  if (target.element === null) {
    const id = target.remoteId;
    const outcome = await main.call({
      kind: 'remote',
      id,
      operation: setting.property,
      value: setting.value,
    });
    if (
      outcome === 'element' &&
      setting.property === 'volume' &&
      setting.value > 0 &&
      media.remote(id)?.values.muted === true
    ) {
      return main.call({ kind: 'remote', id, operation: 'muted', value: 0 });
    }
    return outcome;
  }
  try {
    const el = target.element;
    if (setting.property === 'playbackRate') {
      el.playbackRate = setting.value;
    } else {
      el.volume = setting.value;
      if (setting.value > 0 && el.muted) el.muted = false;
    }
    return 'element';
  } catch {
    return 'failed';
  }
}
