/**
 * The one path by which the user acts on a session, whatever they pressed (a popup button, a
 * keyboard command or media key, the mini player): a `SessionIntent` (src/shared/contract.ts),
 * carried out by the handler its kind names. Every handler reaches the browser synchronously (no
 * `await` before `tabs.sendMessage` or `tabs.update`), so the caller's user gesture survives, and
 * records the outcome in the diagnostics.
 */
import type { ActionOutcome, SessionIntent, WorkerToAgent } from '../shared/contract';
import type { Session } from '../shared/session';
import type { ActionRecord } from './diagnostics';
import type { FrameTarget, requestFrame } from './frame-messenger';

/**
 * Where an intent came from, for the diagnostics: the popup, a command or media key, or Media
 * Deck's own policy (pause others, resume after: src/background/pause-others-runner.ts).
 */
export type IntentSource = 'popup' | 'command' | 'policy';

/**
 * How an intent went: the frame's `ActionOutcome` (its handler, its element, unsupported, failed;
 * `'failed'` too when the frame could not be reached), or `'done'` for what the browser does by
 * itself (mute, focus) and for pin changes.
 */
export type IntentOutcome = ActionOutcome | 'done';

/** What the dispatcher needs from its surroundings. */
export interface IntentDispatcherDeps {
  /** `requestFrame` (src/background/frame-messenger.ts). */
  request: typeof requestFrame;
  /** Pins a session, or unpins with `null` (`SessionRegistry.pin`). */
  pin(key: string | null): void;
  /** Moves a session to the top of the focus stack (`SessionRegistry.raise`). */
  raise(key: string): void;
  /** Runs `fn` in a later task (`setTimeout`): past the user gesture of the current event. */
  later(fn: () => void): void;
  /** Removes a session whose frame is gone (`SessionRegistry.removeSession`). */
  removeSession(key: string): void;
  /** Mutes or unmutes a tab (`tabs.update`). */
  muteTab(tabId: number, muted: boolean): void;
  /** Brings a tab and its window to the front. */
  focusTab(tabId: number): void;
  /** Records an outcome (diagnostics). */
  record(record: ActionRecord): void;
  /** A monotonic clock in ms (`performance.now`), to time the outcome. */
  clock(): number;
  /** Epoch ms, to date the outcome. */
  now(): number;
}

/** How an intent reaches the page. */
export interface DispatchOptions {
  /**
   * Whether the user's gesture (of the click or key press being handled) goes with it: the request
   * to the frame is made at once. Without it, the request waits for a later task, so the page's
   * handler runs with no user activation (docs/architecture.md § Running an intent). Default true.
   */
  userGesture?: boolean;
}

/** The dispatcher. */
export interface IntentDispatcher {
  /**
   * Carries out `intent` on `session`. Playing a session from Media Deck makes it the active one.
   * Never rejects.
   */
  dispatch(
    session: Session,
    intent: SessionIntent,
    source: IntentSource,
    options?: DispatchOptions,
  ): Promise<IntentOutcome>;
  /**
   * Toggles picture-in-picture for the largest playing video in the top frame of `tabId` (when the
   * worker cannot name a session in time to keep the user's gesture). Never rejects.
   */
  pictureInPictureInTab(tabId: number, source: IntentSource): Promise<ActionOutcome>;
}

type Handlers = {
  [K in SessionIntent['kind']]: (
    session: Session,
    intent: Extract<SessionIntent, { kind: K }>,
    source: IntentSource,
    userGesture: boolean,
  ) => Promise<IntentOutcome>;
};

/** Creates the dispatcher. */
export function createIntentDispatcher(deps: IntentDispatcherDeps): IntentDispatcher {
  /** Sends a request the page's MAIN world carries out, and records how it went. */
  function toFrame(
    target: FrameTarget,
    key: string,
    message: Exclude<WorkerToAgent, { type: 'announce' }>,
    label: string,
    source: IntentSource,
    userGesture = true,
  ): Promise<ActionOutcome> {
    const started = deps.clock();
    const at = deps.now();
    const request = () => deps.request(target, message) as Promise<ActionOutcome | null>;
    const sent = userGesture
      ? request()
      : new Promise<ActionOutcome | null>((resolve) =>
          deps.later(() => void request().then(resolve)),
        );
    return sent.then((answer) => {
      const outcome = answer ?? 'failed';
      deps.record({ key, action: label, outcome, source, at, ms: deps.clock() - started });
      return outcome;
    });
  }

  function done(session: Session, label: string, source: IntentSource): Promise<IntentOutcome> {
    deps.record({
      key: session.key,
      action: label,
      outcome: 'done',
      source,
      at: deps.now(),
      ms: 0,
    });
    return Promise.resolve('done');
  }

  const handlers: Handlers = {
    action: (session, { details }, source, userGesture) => {
      if (details.action === 'play') deps.raise(session.key);
      const sent = toFrame(
        session,
        session.key,
        { type: 'run-action', details },
        details.action,
        source,
        userGesture,
      );
      return sent.then((outcome) => {
        // No answer at all: the frame is gone, and its session with it.
        if (outcome === 'failed') deps.removeSession(session.key);
        return outcome;
      });
    },
    'picture-in-picture': (session, _intent, source, userGesture) =>
      toFrame(
        session,
        session.key,
        { type: 'picture-in-picture', target: 'session' },
        'picture-in-picture',
        source,
        userGesture,
      ),
    'mute-tab': (session, { muted }, source) => {
      deps.muteTab(session.tabId, muted);
      return done(session, muted ? 'mute-tab' : 'unmute-tab', source);
    },
    'focus-tab': (session, _intent, source) => {
      deps.focusTab(session.tabId);
      return done(session, 'focus-tab', source);
    },
    pin: (session, _intent, source) => {
      deps.pin(session.key);
      return done(session, 'pin', source);
    },
    unpin: (session, _intent, source) => {
      deps.pin(null);
      return done(session, 'unpin', source);
    },
    'set-element': (session, { setting }, source, userGesture) =>
      toFrame(
        session,
        session.key,
        { type: 'set-element', setting },
        setting.property === 'volume' ? 'set-volume' : 'set-playback-rate',
        source,
        userGesture,
      ),
  };

  return {
    dispatch(session, intent, source, options = {}) {
      const handler = handlers[intent.kind] as (
        session: Session,
        intent: SessionIntent,
        source: IntentSource,
        userGesture: boolean,
      ) => Promise<IntentOutcome>;
      return handler(session, intent, source, options.userGesture ?? true);
    },
    pictureInPictureInTab(tabId, source) {
      return toFrame(
        { tabId, frameId: 0 },
        `${tabId}:0`,
        { type: 'picture-in-picture', target: 'largest-video' },
        'picture-in-picture',
        source,
      );
    },
  };
}
