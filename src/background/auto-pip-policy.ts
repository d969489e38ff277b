/**
 * Which sessions get automatic picture-in-picture when the user switches tabs (docs/architecture.md
 * § Automatic picture-in-picture), and, for the others, why not, as a code the popup puts in words.
 * Pure.
 *
 * Chrome opens automatic picture-in-picture only for a top-frame, https (or file) page that is
 * playing, was audible in the last 2 s, holds audio focus, has no other picture-in-picture window
 * open, and whose site setting "Automatic picture-in-picture" is Allow (or has high media
 * engagement) — https://developer.chrome.com/blog/automatic-picture-in-picture. The extension
 * cannot read or change that site setting, so an armed session may still not open; the popup says
 * how to allow it.
 */
import type { AutoPipKind, AutoPipReason, FrameState } from '../shared/contract';
import { hostMatches, hostOf } from '../shared/hosts';
import { effectivePlaybackState } from '../shared/session';
import type { Settings } from '../shared/settings';

/** The decision for one session. */
export type AutoPipDecision =
  | { arm: AutoPipKind; reason: null }
  /** Not armed, and why. */
  | { arm: null; reason: AutoPipReason };

/** What the decision needs to know about a session. */
export interface AutoPipInput {
  origin: string;
  frameId: number;
  state: FrameState;
  tabAudible: boolean;
  /** Another session (any tab) shows picture-in-picture now. */
  otherPictureInPicture: boolean;
}

/**
 * Decides whether to arm `input`'s session, following the user's `settings`: block list first,
 * then allow list (video and audio), then the global mode; then Chrome's own conditions we can see.
 */
export function decideAutoPip(input: AutoPipInput, settings: Settings): AutoPipDecision {
  const host = hostOf(input.origin);
  const { state } = input;
  const off = (reason: AutoPipReason): AutoPipDecision => ({ arm: null, reason });
  if (settings.autoPipBlockHosts.some((h) => hostMatches(host, h))) return off('blocked-host');
  const allowed = settings.autoPipAllowHosts.some((h) => hostMatches(host, h));
  const mode = allowed ? 'video-and-audio' : settings.autoPictureInPicture;
  if (mode === 'off') return off('setting-off');
  const kind: AutoPipKind = state.media?.kind === 'video' ? 'video' : 'audio';
  if (kind === 'audio' && mode === 'video') return off('videos-only');
  if (kind === 'video' && state.media?.disablePictureInPicture) return off('video-disallows');
  if (!/^(https:|file:)/.test(input.origin)) return off('insecure-page');
  if (input.frameId !== 0) return off('embedded-frame');
  if (effectivePlaybackState(state) !== 'playing') return off('not-playing');
  const audible = state.media?.audible === true || input.tabAudible;
  if (!audible) return off('not-audible');
  if (input.otherPictureInPicture) return off('other-window');
  return { arm: kind, reason: null };
}
