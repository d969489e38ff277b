import { describe, expect, it } from 'vitest';
import { MUSIC_ACTIONS, sessionView } from '../../tests/support/fixtures';
import type { SessionView } from './contract';
import { type Control, controlsFor, playbackLabel } from './controls';
import type { MediaSessionActionName } from './media-session-actions';

/** The shared `sessionView`, playing, with no actions, key `7:0:DOC` on `.../watch`. */
function view(overrides: Partial<SessionView> = {}): SessionView {
  return sessionView({
    key: '7:0:DOC',
    pageUrl: 'https://player.test/watch',
    playbackState: 'playing',
    actions: [],
    ...overrides,
  });
}

/** The track handlers without `seekto`. */
const MUSIC = MUSIC_ACTIONS.filter((a) => a !== 'seekto');

function labels(controls: Control[]): string[] {
  return controls.map((c) => c.label);
}

function byId(controls: Control[], id: string): Control {
  const control = controls.find((c) => c.id === id);
  if (!control) throw new Error(`no control ${id} in ${controls.map((c) => c.id).join(', ')}`);
  return control;
}

describe('controlsFor', () => {
  describe('a music session with every track action', () => {
    it.each<{ state: SessionView['playbackState']; toggle: string }>([
      { state: 'playing', toggle: 'Pause' },
      { state: 'paused', toggle: 'Play' },
      { state: 'none', toggle: 'Play' },
    ])('$state shows "$toggle" in the canonical order', ({ state, toggle }) => {
      const controls = controlsFor(view({ actions: MUSIC, playbackState: state }), 10);
      expect(labels(controls)).toEqual([
        'Previous track',
        'Seek backward 10 seconds',
        toggle,
        'Seek forward 10 seconds',
        'Next track',
        'Stop',
        'Mute tab',
        'Go to tab',
      ]);
    });

    it('keeps the canonical order whatever order the page registered its handlers in', () => {
      const shuffled: MediaSessionActionName[] = [
        'stop',
        'nexttrack',
        'seekforward',
        'pause',
        'play',
        'seekbackward',
        'previoustrack',
      ];
      expect(labels(controlsFor(view({ actions: shuffled }), 10))).toEqual(
        labels(controlsFor(view({ actions: MUSIC }), 10)),
      );
    });

    it('gives each control a unique id, its action as intent and a matching icon', () => {
      const controls = controlsFor(view({ actions: MUSIC }), 10);
      expect(new Set(controls.map((c) => c.id)).size).toBe(controls.length);
      expect(controls.map((c) => c.id)).toEqual([
        'previoustrack',
        'seekbackward',
        'pause',
        'seekforward',
        'nexttrack',
        'stop',
        'mute-tab',
        'go-to-tab',
      ]);
      for (const control of controls.slice(0, 6)) {
        const seek = control.id === 'seekbackward' || control.id === 'seekforward';
        expect(control.intent).toEqual({
          kind: 'action',
          details: seek ? { action: control.id, seekOffset: 10 } : { action: control.id },
        });
        expect(control.icon).toBe(control.id);
      }
    });

    it('does not duplicate a button when an action is listed twice', () => {
      const controls = controlsFor(view({ actions: ['play', 'play', 'pause', 'pause'] }), 10);
      expect(labels(controls)).toEqual(['Pause', 'Mute tab', 'Go to tab']);
    });
  });

  describe('play / pause', () => {
    it.each<{
      name: string;
      state: SessionView['playbackState'];
      actions: MediaSessionActionName[];
      expected: 'play' | 'pause' | null;
    }>([
      { name: 'playing, both', state: 'playing', actions: ['play', 'pause'], expected: 'pause' },
      { name: 'paused, both', state: 'paused', actions: ['play', 'pause'], expected: 'play' },
      { name: 'idle, both', state: 'none', actions: ['play', 'pause'], expected: 'play' },
      { name: 'playing, only play', state: 'playing', actions: ['play'], expected: 'play' },
      { name: 'paused, only pause', state: 'paused', actions: ['pause'], expected: 'pause' },
      { name: 'idle, only pause', state: 'none', actions: ['pause'], expected: 'pause' },
      { name: 'playing, only pause', state: 'playing', actions: ['pause'], expected: 'pause' },
      { name: 'paused, only play', state: 'paused', actions: ['play'], expected: 'play' },
      { name: 'playing, neither', state: 'playing', actions: ['nexttrack'], expected: null },
      { name: 'paused, neither', state: 'paused', actions: [], expected: null },
    ])('$name → $expected', ({ state, actions, expected }) => {
      const controls = controlsFor(view({ playbackState: state, actions }), 10);
      const toggles = controls.filter((c) => c.id === 'play' || c.id === 'pause');
      if (expected === null) {
        expect(toggles).toEqual([]);
        return;
      }
      expect(toggles).toEqual([
        {
          id: expected,
          label: expected === 'play' ? 'Play' : 'Pause',
          icon: expected,
          primary: true,
          intent: { kind: 'action', details: { action: expected } },
        },
      ]);
    });
  });

  describe('a call session', () => {
    const CALL: MediaSessionActionName[] = ['togglemicrophone', 'togglecamera', 'hangup'];

    it.each<{
      microphoneActive: boolean | null;
      label: string;
      icon: string;
      off: boolean;
    }>([
      { microphoneActive: true, label: 'Mute microphone', icon: 'microphone-on', off: false },
      { microphoneActive: false, label: 'Unmute microphone', icon: 'microphone-off', off: true },
      // Unknown state (the page never called setMicrophoneActive): assume on.
      { microphoneActive: null, label: 'Mute microphone', icon: 'microphone-on', off: false },
    ])(
      'microphoneActive $microphoneActive → "$label"',
      ({ microphoneActive, label, icon, off }) => {
        const control = byId(
          controlsFor(view({ actions: CALL, microphoneActive }), 10),
          'togglemicrophone',
        );
        expect(control).toEqual({
          id: 'togglemicrophone',
          label,
          icon,
          off,
          primary: false,
          intent: { kind: 'action', details: { action: 'togglemicrophone' } },
        });
      },
    );

    it.each<{ cameraActive: boolean | null; label: string; icon: string; off: boolean }>([
      { cameraActive: true, label: 'Turn camera off', icon: 'camera-on', off: false },
      { cameraActive: false, label: 'Turn camera on', icon: 'camera-off', off: true },
      { cameraActive: null, label: 'Turn camera off', icon: 'camera-on', off: false },
    ])('cameraActive $cameraActive → "$label"', ({ cameraActive, label, icon, off }) => {
      const control = byId(controlsFor(view({ actions: CALL, cameraActive }), 10), 'togglecamera');
      expect(control).toEqual({
        id: 'togglecamera',
        label,
        icon,
        off,
        primary: false,
        intent: { kind: 'action', details: { action: 'togglecamera' } },
      });
    });

    it('orders microphone, camera, hang up, then the tab controls', () => {
      const controls = controlsFor(
        view({
          actions: ['hangup', 'togglecamera', 'togglemicrophone'],
          microphoneActive: false,
          cameraActive: true,
        }),
        10,
      );
      expect(labels(controls)).toEqual([
        'Unmute microphone',
        'Turn camera off',
        'Hang up',
        'Mute tab',
        'Go to tab',
      ]);
      expect(byId(controls, 'hangup')).toEqual({
        id: 'hangup',
        label: 'Hang up',
        icon: 'hangup',
        primary: false,
        intent: { kind: 'action', details: { action: 'hangup' } },
      });
    });

    it('shows no microphone or camera toggle when the page did not register one', () => {
      const controls = controlsFor(
        view({ actions: ['hangup'], microphoneActive: true, cameraActive: true }),
        10,
      );
      expect(labels(controls)).toEqual(['Hang up', 'Mute tab', 'Go to tab']);
    });
  });

  describe('mute tab', () => {
    it.each<{ tabMuted: boolean; label: string; icon: string; muted: boolean }>([
      { tabMuted: false, label: 'Mute tab', icon: 'volume-on', muted: true },
      { tabMuted: true, label: 'Unmute tab', icon: 'volume-off', muted: false },
    ])('tabMuted $tabMuted → "$label", sets muted $muted', ({ tabMuted, label, icon, muted }) => {
      const control = byId(controlsFor(view({ tabMuted }), 10), 'mute-tab');
      expect(control).toEqual({
        id: 'mute-tab',
        label,
        icon,
        off: tabMuted,
        primary: false,
        intent: { kind: 'mute-tab', muted },
      });
    });
  });

  it('always offers mute tab and go to tab, even with no actions', () => {
    const controls = controlsFor(view({ actions: [] }), 10);
    expect(controls).toEqual([
      {
        id: 'mute-tab',
        label: 'Mute tab',
        icon: 'volume-on',
        off: false,
        primary: false,
        intent: { kind: 'mute-tab', muted: true },
      },
      {
        id: 'go-to-tab',
        label: 'Go to tab',
        icon: 'go-to-tab',
        primary: false,
        intent: { kind: 'focus-tab' },
      },
    ]);
  });

  it('shows previous / next slide for a presentation', () => {
    const controls = controlsFor(view({ actions: ['nextslide', 'previousslide'] }), 10);
    expect(labels(controls)).toEqual(['Previous slide', 'Next slide', 'Mute tab', 'Go to tab']);
    expect(byId(controls, 'previousslide').icon).toBe('previousslide');
    expect(byId(controls, 'nextslide').intent).toEqual({
      kind: 'action',
      details: { action: 'nextslide' },
    });
  });

  it('shows skip ad after stop and before slides', () => {
    const controls = controlsFor(
      view({ actions: ['nextslide', 'skipad', 'stop', 'play'], playbackState: 'paused' }),
      10,
    );
    expect(labels(controls)).toEqual([
      'Play',
      'Stop',
      'Skip ad',
      'Next slide',
      'Mute tab',
      'Go to tab',
    ]);
    expect(byId(controls, 'skipad').intent).toEqual({
      kind: 'action',
      details: { action: 'skipad' },
    });
  });

  it('shows no button for actions the popup has no button for', () => {
    const controls = controlsFor(
      view({ actions: ['seekto', 'togglescreenshare', 'voiceactivity'] }),
      10,
    );
    expect(labels(controls)).toEqual(['Mute tab', 'Go to tab']);
  });

  it.each<{
    name: string;
    kind: 'audio' | 'video' | null;
    actions: MediaSessionActionName[];
    pip: boolean;
    expected: string[];
  }>([
    {
      name: 'an audio session',
      kind: 'audio',
      actions: ['play'],
      pip: false,
      expected: ['Play', 'Mute tab', 'Go to tab'],
    },
    {
      name: 'a video',
      kind: 'video',
      actions: [],
      pip: false,
      expected: ['Enter picture-in-picture', 'Mute tab', 'Go to tab'],
    },
    {
      name: 'a video in picture-in-picture',
      kind: 'video',
      actions: [],
      pip: true,
      expected: ['Exit picture-in-picture', 'Mute tab', 'Go to tab'],
    },
    {
      name: 'a page with its own enterpictureinpicture handler',
      kind: 'audio',
      actions: ['enterpictureinpicture'],
      pip: false,
      expected: ['Enter picture-in-picture', 'Mute tab', 'Go to tab'],
    },
  ])('picture-in-picture button for $name', ({ kind, actions, pip, expected }) => {
    const controls = controlsFor(
      view({ kind, actions, pictureInPicture: pip, playbackState: 'paused' }),
      10,
    );
    expect(labels(controls)).toEqual(expected);
    const button = controls.find((c) => c.id === 'picture-in-picture');
    if (button) expect(button.intent).toEqual({ kind: 'picture-in-picture' });
  });

  it('has no picture-in-picture button where the browser cannot open it (Firefox)', () => {
    for (const [kind, actions] of [
      ['video', []],
      ['audio', ['enterpictureinpicture']],
    ] as const) {
      const controls = controlsFor(view({ kind, actions: [...actions] }), 10, {
        pictureInPicture: false,
      });
      expect(labels(controls)).toEqual(['Mute tab', 'Go to tab']);
    }
  });

  it('puts exactly the transport controls in the primary row', () => {
    const every: MediaSessionActionName[] = [
      ...MUSIC,
      'skipad',
      'previousslide',
      'nextslide',
      'togglemicrophone',
      'togglecamera',
      'hangup',
    ];
    const controls = controlsFor(view({ actions: every }), 10);
    expect(controls.filter((c) => c.primary).map((c) => c.id)).toEqual([
      'previoustrack',
      'seekbackward',
      'pause',
      'seekforward',
      'nexttrack',
    ]);
    expect(controls.filter((c) => !c.primary).map((c) => c.id)).toEqual([
      'stop',
      'skipad',
      'previousslide',
      'nextslide',
      'togglemicrophone',
      'togglecamera',
      'hangup',
      'mute-tab',
      'go-to-tab',
    ]);
  });

  it('only the toggles carry an off flag', () => {
    const controls = controlsFor(
      view({ actions: [...MUSIC, 'togglemicrophone', 'togglecamera', 'hangup'] }),
      10,
    );
    expect(controls.filter((c) => 'off' in c).map((c) => c.id)).toEqual([
      'togglemicrophone',
      'togglecamera',
      'mute-tab',
    ]);
  });

  it.each([5, 10, 30])('names the seek buttons with the seek offset %i', (offset) => {
    const controls = controlsFor(view({ actions: ['seekbackward', 'seekforward'] }), offset);
    expect(byId(controls, 'seekbackward').label).toBe(`Seek backward ${offset} seconds`);
    expect(byId(controls, 'seekforward').label).toBe(`Seek forward ${offset} seconds`);
  });
});

describe('playbackLabel', () => {
  it.each<[SessionView['playbackState'], string]>([
    ['playing', 'Playing'],
    ['paused', 'Paused'],
    ['none', 'Idle'],
  ])('%s → %s', (state, label) => {
    expect(playbackLabel(state)).toBe(label);
  });
});
