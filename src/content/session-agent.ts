/**
 * The session agent, the isolated world's second stage (docs/architecture.md § Two stages): the
 * service worker injects it with `scripting.executeScript` into one frame's document when that
 * frame has its first media activity (src/background/agent-loader.ts), so pages without media never
 * load it. It takes the channel to the MAIN world over from the first stage
 * (src/content/bridge.iife.ts), replays what the first stage saw, and from then on does
 * everything the frame needs: watches its media elements, reads its metadata, reports its
 * `FrameState` to the worker, carries the worker's requests (actions, picture-in-picture,
 * automatic picture-in-picture with the mini player) into the page, and validates what the MAIN
 * world sends.
 *
 * Built as one self-contained script (vite.config.ts, `buildSessionAgent`), not listed in the
 * manifest and not a web-accessible resource, so a page cannot probe for it.
 */
import { AGENT_KEY, STAGE_KEY } from '../shared/channel';
import {
  type FrameAnswer,
  type FrameState,
  parseMessage,
  type WorkerToAgent,
  WorkerToAgentSchema,
} from '../shared/contract';
import { applyElementSetting, performAction } from './agent/action-runner';
import { createAutoPip } from './agent/auto-pip';
import { createCoalescer } from './agent/coalescer';
import { linkToMain } from './agent/main-link';
import { watchMediaElements } from './agent/media-element-watcher';
import { togglePictureInPicture } from './agent/picture-in-picture';
import { buildFrameState, createReporter } from './agent/reporter';
import { extensionApi, linkToWorker } from './agent/worker-link';
import type { FirstStage } from './first-stage';

/** Least milliseconds between two state messages to the service worker. */
const MIN_INTERVAL_MS = 100;
/** Most milliseconds the first report waits for the MAIN world's first record. */
const RECORD_WAIT_MS = 250;

/** Marks a first stage that an agent already took over (the worker injected it twice). */
const TAKEN = Symbol.for('media-deck:agent');

function startAgent(stage: FirstStage): void {
  stage.detach();
  const scope = globalThis as unknown as Record<string, unknown>;
  const key = scope[AGENT_KEY];
  delete scope[AGENT_KEY];
  const main = linkToMain(stage.port, {
    onRecord(record) {
      autoPip.onRecord(record);
      reporter.metadataChanged(); // a record follows every metadata change the page makes
      reporter.schedule();
    },
    onRemote(remote) {
      media.onRemote(remote);
    },
  });
  // First thing: the key this activation's copies answer to, so that a copy injected after an
  // update finds this frame's (`CopyKeys`, src/shared/channel.ts).
  if (typeof key === 'string') main.giveKey(key);
  const media = watchMediaElements(() => reporter.schedule());
  const worker = linkToWorker(
    () => coalescer,
    () => main.dropped(),
  );
  const coalescer = createCoalescer({
    minIntervalMs: MIN_INTERVAL_MS,
    now: Date.now,
    later: (fn, ms) => setTimeout(fn, ms),
    send: (state) => worker.post(state),
  });
  // The MAIN world answers `hello` at once; one that never does (a page broke what it needs, or it
  // is an earlier copy of another version) is not waited for longer than this.
  let recordDue = true;
  setTimeout(() => {
    recordDue = false;
    reporter.schedule();
  }, RECORD_WAIT_MS);
  const reporter = createReporter(
    () => main.record(),
    () => recordDue,
    media,
    (state: FrameState) => {
      coalescer.push(state);
      autoPip.onState(state);
    },
  );
  const run = (details: Parameters<typeof performAction>[0]) => {
    void performAction(details, main, media);
  };
  const autoPip = createAutoPip(main, media, () => buildFrameState(main.record(), media), run);

  /** What the service worker asks, by type, each answered as `FRAME_ANSWERS` pairs it. */
  const fromWorker: {
    [T in WorkerToAgent['type']]: (
      message: Extract<WorkerToAgent, { type: T }>,
    ) => Promise<FrameAnswer<T>> | FrameAnswer<T>;
  } = {
    // The worker asks whether this document still has a session (after a restart,
    // src/background/revalidate-sessions.ts): answer, and re-post the state on a new Port so that
    // the worker sees this frame's later disconnect again.
    announce: () => worker.announce(),
    'run-action': ({ details }) => performAction(details, main, media),
    'picture-in-picture': ({ target }) =>
      togglePictureInPicture(target, main, media).then((outcome) => {
        reporter.schedule(); // `pictureInPicture` of the primary element may have changed
        return outcome;
      }),
    'auto-pip': ({ arm, seekOffset, artwork }) => autoPip.set(arm, seekOffset, artwork),
    'set-element': ({ setting }) => applyElementSetting(setting, main, media),
  };

  const onMessage = (
    raw: unknown,
    _sender: unknown,
    sendResponse: (answer: unknown) => void,
  ): boolean => {
    if (worker.gone()) return false;
    const parsed = parseMessage(WorkerToAgentSchema, raw);
    if (!parsed.ok) return false;
    const handler = fromWorker[parsed.value.type] as (message: WorkerToAgent) => unknown;
    Promise.resolve(handler(parsed.value)).then(sendResponse, () => sendResponse(undefined));
    return true; // answered asynchronously
  };
  extensionApi.runtime.onMessage.addListener(onMessage);

  stage.retire = () => {
    worker.retire();
    main.close();
    media.stop();
    extensionApi.runtime.onMessage.removeListener(onMessage);
  };

  // What happened before we came: the plays the first stage saw, then whatever plays now.
  for (const play of stage.seen) media.replay(play.element, play.type, play.at, play.byUser);
  stage.seen.length = 0;
  media.adoptPlaying();
  reporter.schedule();
}

const stage = (globalThis as unknown as Record<string, FirstStage | undefined>)[STAGE_KEY];
if (stage && !(stage as unknown as Record<symbol, boolean>)[TAKEN]) {
  (stage as unknown as Record<symbol, boolean>)[TAKEN] = true;
  startAgent(stage);
}
