/**
 * The isolated world's first stage injected late (src/background/inject-open-tabs.ts): into a page
 * that already ran, after an install, update or enable, right after the late MAIN world. The worker
 * leaves `{ secret, main }` under `INJECTION_KEY` first: the secret the MAIN world listens for,
 * and what that MAIN world did. The channel event is named by the secret when the MAIN world
 * started with it; by the copy key an earlier copy answers to when that copy wraps the frame; and
 * it is not sent at all when the MAIN world could do nothing. A page
 * that already plays, or has declared its session, gets its agent at once.
 */
import { INJECTION_KEY, type LateResult, lateChannelEvent } from '../shared/channel';
import { startFirstStage } from './bridge/first-stage';

const scope = globalThis as unknown as Record<string, unknown>;
const injection = scope[INJECTION_KEY] as { secret: string; main: LateResult } | undefined;
delete scope[INJECTION_KEY];

const existing = injection?.main.startsWith('existing:') ? injection.main.slice(9) : null;
const channelEvent =
  injection?.main === 'started'
    ? lateChannelEvent(injection.secret)
    : existing
      ? lateChannelEvent(existing)
      : null;
const requestAgent = startFirstStage(channelEvent);

const session = navigator.mediaSession as MediaSession | undefined;
const playing = [...document.querySelectorAll<HTMLMediaElement>('video, audio')].some(
  (element) => !element.paused && !element.ended,
);
if (playing || session?.metadata || (session && session.playbackState !== 'none')) requestAgent();
