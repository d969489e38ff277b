import { describe, expect, it } from 'vitest';
import { MUSIC_ACTIONS, sessionView } from '../../tests/support/fixtures';
import {
  COMMAND_NAMES,
  type CommandName,
  OPEN_SIDE_PANEL_COMMAND,
  type SessionView,
} from '../shared/contract';
import { isCommandName, planCommand } from './command-plan';

const MUSIC = MUSIC_ACTIONS;

describe('planCommand', () => {
  it.each<{ name: string; command: CommandName; view: Partial<SessionView>; plan: unknown }>([
    {
      name: 'play-pause on a playing session pauses',
      command: 'play-pause',
      view: { playbackState: 'playing', actions: MUSIC },
      plan: { kind: 'intent', intent: { kind: 'action', details: { action: 'pause' } } },
    },
    {
      name: 'play-pause on a paused session plays',
      command: 'play-pause',
      view: { playbackState: 'paused', actions: MUSIC },
      plan: { kind: 'intent', intent: { kind: 'action', details: { action: 'play' } } },
    },
    {
      name: 'play-pause on an idle session plays',
      command: 'play-pause',
      view: { playbackState: 'none', actions: MUSIC },
      plan: { kind: 'intent', intent: { kind: 'action', details: { action: 'play' } } },
    },
    {
      name: 'play-pause falls back to pause when play is not handled',
      command: 'play-pause',
      view: { playbackState: 'paused', actions: ['pause'] },
      plan: { kind: 'intent', intent: { kind: 'action', details: { action: 'pause' } } },
    },
    {
      name: 'play-pause falls back to play when pause is not handled',
      command: 'play-pause',
      view: { playbackState: 'playing', actions: ['play'] },
      plan: { kind: 'intent', intent: { kind: 'action', details: { action: 'play' } } },
    },
    {
      name: 'play-pause with neither',
      command: 'play-pause',
      view: { actions: ['nexttrack'] },
      plan: {
        kind: 'refuse',
        notice: { code: 'cannot', command: 'play-pause', title: 'Song', host: 'player.test' },
      },
    },
    {
      name: 'next track',
      command: 'next-track',
      view: { actions: MUSIC },
      plan: { kind: 'intent', intent: { kind: 'action', details: { action: 'nexttrack' } } },
    },
    {
      name: 'next track unsupported',
      command: 'next-track',
      view: { actions: ['play'] },
      plan: {
        kind: 'refuse',
        notice: { code: 'cannot', command: 'next-track', title: 'Song', host: 'player.test' },
      },
    },
    {
      name: 'previous track',
      command: 'previous-track',
      view: { actions: MUSIC },
      plan: { kind: 'intent', intent: { kind: 'action', details: { action: 'previoustrack' } } },
    },
    {
      name: 'seek backward carries the offset',
      command: 'seek-backward',
      view: { actions: MUSIC },
      plan: {
        kind: 'intent',
        intent: { kind: 'action', details: { action: 'seekbackward', seekOffset: 15 } },
      },
    },
    {
      name: 'seek forward carries the offset',
      command: 'seek-forward',
      view: { actions: MUSIC },
      plan: {
        kind: 'intent',
        intent: { kind: 'action', details: { action: 'seekforward', seekOffset: 15 } },
      },
    },
    {
      name: 'stop',
      command: 'stop',
      view: { actions: MUSIC },
      plan: { kind: 'intent', intent: { kind: 'action', details: { action: 'stop' } } },
    },
    {
      name: 'stop falls back to pause',
      command: 'stop',
      view: { actions: ['play', 'pause'] },
      plan: { kind: 'intent', intent: { kind: 'action', details: { action: 'pause' } } },
    },
    {
      name: 'mute an unmuted tab',
      command: 'mute-tab',
      view: { tabMuted: false },
      plan: { kind: 'intent', intent: { kind: 'mute-tab', muted: true } },
    },
    {
      name: 'unmute a muted tab',
      command: 'mute-tab',
      view: { tabMuted: true },
      plan: { kind: 'intent', intent: { kind: 'mute-tab', muted: false } },
    },
    {
      name: 'go to tab',
      command: 'go-to-tab',
      view: {},
      plan: { kind: 'intent', intent: { kind: 'focus-tab' } },
    },
    {
      name: 'picture-in-picture for a video',
      command: 'toggle-picture-in-picture',
      view: { kind: 'video' },
      plan: { kind: 'intent', intent: { kind: 'picture-in-picture' } },
    },
    {
      name: 'picture-in-picture by the page handler',
      command: 'toggle-picture-in-picture',
      view: { kind: 'audio', actions: ['enterpictureinpicture'] },
      plan: { kind: 'intent', intent: { kind: 'picture-in-picture' } },
    },
    {
      name: 'no picture-in-picture for audio',
      command: 'toggle-picture-in-picture',
      view: { kind: 'audio' },
      plan: {
        kind: 'refuse',
        notice: {
          code: 'cannot',
          command: 'toggle-picture-in-picture',
          title: 'Song',
          host: 'player.test',
        },
      },
    },
  ])('$name', ({ command, view, plan }) => {
    expect(planCommand(command, sessionView(view), 15)).toEqual(plan);
  });

  it.each(COMMAND_NAMES)('%s with no active session does nothing and says so', (command) => {
    expect(planCommand(command, null, 10)).toEqual({
      kind: 'refuse',
      notice: { code: 'nothing-to-control' },
    });
  });
});

describe('isCommandName', () => {
  it('accepts the manifest commands and nothing else', () => {
    for (const name of COMMAND_NAMES) expect(isCommandName(name)).toBe(true);
    for (const name of ['_execute_action', 'play', '', 'PLAY-PAUSE', 'toString'])
      expect(isCommandName(name)).toBe(false);
  });

  it('matches the commands declared in manifest.json, with the side panel command apart', async () => {
    const manifest = (await import('../../manifest.json')).default as {
      commands: Record<string, unknown>;
    };
    expect(Object.keys(manifest.commands).sort()).toEqual(
      [...COMMAND_NAMES, OPEN_SIDE_PANEL_COMMAND].sort(),
    );
    expect(isCommandName(OPEN_SIDE_PANEL_COMMAND)).toBe(false);
  });
});
