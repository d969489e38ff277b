import { describe, expect, it } from 'vitest';
import { frameState, media, metadata } from '../../tests/support/fixtures';
import type { AutoPipReason } from '../shared/contract';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings';
import { type AutoPipInput, decideAutoPip } from './auto-pip-policy';

const playingVideo = frameState({
  metadata: metadata(),
  media: media({ kind: 'video', playing: true, audible: true }),
});
const playingAudio = frameState({
  metadata: metadata(),
  media: media({ kind: 'audio', playing: true, audible: true }),
});

function input(overrides: Partial<AutoPipInput> = {}): AutoPipInput {
  return {
    origin: 'https://video.test',
    frameId: 0,
    state: playingVideo,
    tabAudible: true,
    otherPictureInPicture: false,
    ...overrides,
  };
}
const settings = (overrides: Partial<Settings> = {}): Settings => ({
  ...DEFAULT_SETTINGS,
  ...overrides,
});

describe('decideAutoPip', () => {
  it.each<{
    name: string;
    input: AutoPipInput;
    settings: Settings;
    arm: 'video' | 'audio' | null;
    reason?: AutoPipReason;
  }>([
    {
      name: 'a playing, audible https video is armed by default',
      input: input(),
      settings: settings(),
      arm: 'video',
    },
    {
      name: 'audio is not armed in videos-only mode',
      input: input({ state: playingAudio }),
      settings: settings(),
      arm: null,
      reason: 'videos-only',
    },
    {
      name: 'audio is armed in video-and-audio mode',
      input: input({ state: playingAudio }),
      settings: settings({ autoPictureInPicture: 'video-and-audio' }),
      arm: 'audio',
    },
    {
      name: 'a page with only a media session (no element) counts as audio',
      input: input({ state: frameState({ metadata: metadata(), playbackState: 'playing' }) }),
      settings: settings({ autoPictureInPicture: 'video-and-audio' }),
      arm: 'audio',
    },
    {
      name: 'mode off',
      input: input(),
      settings: settings({ autoPictureInPicture: 'off' }),
      arm: null,
      reason: 'setting-off',
    },
    {
      name: 'a blocked host',
      input: input(),
      settings: settings({ autoPipBlockHosts: ['video.test'] }),
      arm: null,
      reason: 'blocked-host',
    },
    {
      name: 'a blocked parent domain',
      input: input({ origin: 'https://www.video.test' }),
      settings: settings({ autoPipBlockHosts: ['video.test'] }),
      arm: null,
      reason: 'blocked-host',
    },
    {
      name: 'block wins over allow',
      input: input(),
      settings: settings({ autoPipAllowHosts: ['video.test'], autoPipBlockHosts: ['video.test'] }),
      arm: null,
      reason: 'blocked-host',
    },
    {
      name: 'an allowed host gets audio even when the mode is off',
      input: input({ state: playingAudio, origin: 'https://radio.test' }),
      settings: settings({ autoPictureInPicture: 'off', autoPipAllowHosts: ['radio.test'] }),
      arm: 'audio',
    },
    {
      name: 'an http page',
      input: input({ origin: 'http://video.test' }),
      settings: settings(),
      arm: null,
      reason: 'insecure-page',
    },
    {
      name: 'a file page is allowed',
      input: input({ origin: 'file://' }),
      settings: settings(),
      arm: 'video',
    },
    {
      name: 'an embedded frame',
      input: input({ frameId: 3 }),
      settings: settings(),
      arm: null,
      reason: 'embedded-frame',
    },
    {
      name: 'paused',
      input: input({
        state: frameState({ media: media({ kind: 'video', playing: false, audible: false }) }),
      }),
      settings: settings(),
      arm: null,
      reason: 'not-playing',
    },
    {
      name: 'muted and the tab silent',
      input: input({
        tabAudible: false,
        state: frameState({
          media: media({ kind: 'video', playing: true, audible: false, muted: true }),
        }),
      }),
      settings: settings(),
      arm: null,
      reason: 'not-audible',
    },
    {
      name: 'another picture-in-picture window',
      input: input({ otherPictureInPicture: true }),
      settings: settings(),
      arm: null,
      reason: 'other-window',
    },
    {
      name: 'a video that disables picture-in-picture',
      input: input({
        state: frameState({
          media: media({
            kind: 'video',
            playing: true,
            audible: true,
            disablePictureInPicture: true,
          }),
        }),
      }),
      settings: settings(),
      arm: null,
      reason: 'video-disallows',
    },
  ])('$name', ({ input: i, settings: s, arm, reason }) => {
    const decision = decideAutoPip(i, s);
    expect(decision.arm).toBe(arm);
    if (arm) expect(decision.reason).toBeNull();
    else expect(decision.reason).toBe(reason);
  });
});
