/**
 * Which sessions get automatic picture-in-picture when the user switches tabs (issue #4, DESIGN.md
 * § Picture-in-picture), and, for the others, why not, in words the popup shows. Pure.
 *
 * Chrome opens automatic picture-in-picture only for a top-frame, https (or file) page that is
 * playing, was audible in the last 2 s, holds audio focus, has no other picture-in-picture window
 * open, and whose site setting "Automatic picture-in-picture" is Allow (or has high media
 * engagement) — https://developer.chrome.com/blog/automatic-picture-in-picture. The extension
 * cannot read or change that site setting, so an armed session may still not open; the popup says
 * how to allow it.
 */
import type { FrameState } from './contract';
import { effectivePlaybackState } from './session';
import { hostMatches, type Settings } from './settings';

/** What the MAIN world should open on a tab switch. */
export type AutoPipKind = 'video' | 'audio';

/** The decision for one session. */
export interface AutoPipDecision {
  /** What to arm, or `null` to disarm. */
  arm: AutoPipKind | null;
  /** Why it is not armed (for the popup), `null` when armed. */
  reason: string | null;
}

/** What the decision needs to know about a session. */
export interface AutoPipInput {
  origin: string;
  frameId: number;
  state: FrameState;
  tabAudible: boolean;
  /** Another session (any tab) shows picture-in-picture now. */
  otherPictureInPicture: boolean;
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return '';
  }
}

/**
 * Decides whether to arm `input`'s session, following the user's `settings`: block list first,
 * then allow list (video and audio), then the global mode; then Chrome's own conditions we can see.
 */
export function decideAutoPip(input: AutoPipInput, settings: Settings): AutoPipDecision {
  const host = hostOf(input.origin);
  const { state } = input;
  const off = (reason: string): AutoPipDecision => ({ arm: null, reason });
  if (settings.autoPipBlockHosts.some((h) => hostMatches(host, h)))
    return off(`Automatic picture-in-picture is blocked for ${host}`);
  const allowed = settings.autoPipAllowHosts.some((h) => hostMatches(host, h));
  const mode = allowed ? 'video-and-audio' : settings.autoPictureInPicture;
  if (mode === 'off') return off('Automatic picture-in-picture is off in the settings');
  const kind: AutoPipKind = state.media?.kind === 'video' ? 'video' : 'audio';
  if (kind === 'audio' && mode === 'video')
    return off('Automatic picture-in-picture is on for videos only');
  if (kind === 'video' && state.media?.disablePictureInPicture)
    return off('This video does not allow picture-in-picture');
  if (!/^(https:|file:)/.test(input.origin))
    return off('Chrome opens automatic picture-in-picture only on secure (https) pages');
  if (input.frameId !== 0)
    return off(
      'The player is in an embedded frame; Chrome only opens automatic picture-in-picture for the page itself',
    );
  if (effectivePlaybackState(state) !== 'playing') return off('Not playing');
  const audible = state.media?.audible === true || input.tabAudible;
  if (!audible) return off('Not playing sound (muted or silent)');
  if (input.otherPictureInPicture) return off('Another picture-in-picture window is open');
  return { arm: kind, reason: null };
}
