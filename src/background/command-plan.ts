/**
 * Keyboard commands and media keys: what each command asks of the session it acts on. Pure: the
 * service worker resolves the session (src/background/commands.ts), asks `planCommand`, and hands
 * the intent to the one dispatcher that the popup's buttons use too.
 */
import {
  type ActionDetails,
  COMMAND_NAMES,
  type CommandName,
  type Notice,
  type SessionIntent,
  type SessionView,
} from '../shared/contract';

/** What a command does: an intent for the session, or nothing, with a notice saying why. */
export type CommandPlan =
  | { kind: 'intent'; intent: SessionIntent }
  | { kind: 'refuse'; notice: Notice };

/** Whether `name` is one of our commands (Chrome passes any string it was configured with). */
export function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

/**
 * The plan for `command` on session `view` (`null`: nothing to control). Play/pause pauses a
 * playing session and plays any other, falling back to whichever of the two the session handles;
 * track and seek commands need the session to handle them; seek commands carry
 * `seekOffsetSeconds`; stop falls back to pause.
 */
export function planCommand(
  command: CommandName,
  view: SessionView | null,
  seekOffsetSeconds: number,
): CommandPlan {
  if (!view) return { kind: 'refuse', notice: { code: 'nothing-to-control' } };
  const can = (a: ActionDetails['action']) => view.actions.includes(a);
  const intent = (i: SessionIntent): CommandPlan => ({ kind: 'intent', intent: i });
  const refuse = (): CommandPlan => ({
    kind: 'refuse',
    notice: { code: 'cannot', command, title: view.title, host: view.host },
  });
  const action = (details: ActionDetails): CommandPlan =>
    can(details.action) ? intent({ kind: 'action', details }) : refuse();
  switch (command) {
    case 'play-pause': {
      const want = view.playbackState === 'playing' ? 'pause' : 'play';
      const other = want === 'pause' ? 'play' : 'pause';
      if (can(want)) return intent({ kind: 'action', details: { action: want } });
      return action({ action: other });
    }
    case 'next-track':
      return action({ action: 'nexttrack' });
    case 'previous-track':
      return action({ action: 'previoustrack' });
    case 'seek-backward':
      return action({ action: 'seekbackward', seekOffset: seekOffsetSeconds });
    case 'seek-forward':
      return action({ action: 'seekforward', seekOffset: seekOffsetSeconds });
    case 'stop':
      return can('stop') ? action({ action: 'stop' }) : action({ action: 'pause' });
    case 'mute-tab':
      return intent({ kind: 'mute-tab', muted: !view.tabMuted });
    case 'go-to-tab':
      return intent({ kind: 'focus-tab' });
    case 'toggle-picture-in-picture':
      return view.kind === 'video' || can('enterpictureinpicture')
        ? intent({ kind: 'picture-in-picture' })
        : refuse();
  }
}
