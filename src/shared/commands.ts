/**
 * Keyboard commands and media keys (issue #3): what each command does to the active session.
 * Pure: the service worker asks `planCommand` and carries the plan out through the same action
 * path as the popup.
 */
import type { ActionDetails, SessionView } from './contract';

/** The commands declared in manifest.json (`chrome.commands`). */
export const COMMAND_NAMES = [
  'play-pause',
  'next-track',
  'previous-track',
  'seek-backward',
  'seek-forward',
  'stop',
  'mute-tab',
  'toggle-picture-in-picture',
  'go-to-tab',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** What a command does. */
export type CommandPlan =
  | { kind: 'action'; details: ActionDetails }
  | { kind: 'mute-tab'; muted: boolean }
  | { kind: 'focus-tab' }
  | { kind: 'picture-in-picture' }
  /** Nothing to do; `reason` is shown to the user (badge title, popup notice). */
  | { kind: 'nothing'; reason: string };

/** Whether `name` is one of our commands (Chrome passes any string it was configured with). */
export function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

/**
 * The plan for `command` on the active session `view` (`null`: nothing to control).
 * Play/pause pauses a playing session and plays any other, falling back to whichever of the two
 * the session handles; track and seek commands need the session to handle them;
 * seek commands carry `seekOffset` in seconds.
 */
export function planCommand(
  command: CommandName,
  view: SessionView | null,
  seekOffsetSeconds: number,
): CommandPlan {
  if (!view) return { kind: 'nothing', reason: 'Nothing to control' };
  const can = (a: ActionDetails['action']) => view.actions.includes(a);
  const action = (details: ActionDetails, what: string): CommandPlan =>
    can(details.action)
      ? { kind: 'action', details }
      : { kind: 'nothing', reason: `“${view.title}” has no ${what}` };
  switch (command) {
    case 'play-pause': {
      const want = view.playbackState === 'playing' ? 'pause' : 'play';
      const other = want === 'pause' ? 'play' : 'pause';
      if (can(want)) return { kind: 'action', details: { action: want } };
      if (can(other)) return { kind: 'action', details: { action: other } };
      return { kind: 'nothing', reason: `“${view.title}” cannot play or pause` };
    }
    case 'next-track':
      return action({ action: 'nexttrack' }, 'next track');
    case 'previous-track':
      return action({ action: 'previoustrack' }, 'previous track');
    case 'seek-backward':
      return action({ action: 'seekbackward', seekOffset: seekOffsetSeconds }, 'seek backward');
    case 'seek-forward':
      return action({ action: 'seekforward', seekOffset: seekOffsetSeconds }, 'seek forward');
    case 'stop':
      return can('stop')
        ? { kind: 'action', details: { action: 'stop' } }
        : action({ action: 'pause' }, 'stop');
    case 'mute-tab':
      return { kind: 'mute-tab', muted: !view.tabMuted };
    case 'go-to-tab':
      return { kind: 'focus-tab' };
    case 'toggle-picture-in-picture':
      return view.kind === 'video' || can('enterpictureinpicture')
        ? { kind: 'picture-in-picture' }
        : { kind: 'nothing', reason: `“${view.title}” has no video for picture-in-picture` };
  }
}
