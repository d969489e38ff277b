/**
 * What the isolated world's first stage (src/content/bridge.iife.ts) leaves for the session agent
 * (src/content/session-agent.ts) in their shared isolated world, under `STAGE_KEY`
 * (src/shared/channel.ts). The page cannot see an isolated world's globals.
 */

import { lateChannelEvent } from '../shared/channel';

/** A `play`/`playing` event seen before the agent came, for it to replay. */
export interface SeenPlay {
  element: HTMLMediaElement;
  type: string;
  /** Epoch ms. */
  at: number;
  /** The frame had transient user activation then. */
  byUser: boolean;
}

/** What the first stage leaves in this isolated world for the session agent (`STAGE_KEY`). */
export interface FirstStage {
  /**
   * The secret or key that names the event under which the MAIN world takes its end of the port
   * (`lateChannelEvent`, src/shared/channel.ts; `null`: the MAIN world could not start). The port
   * is made only when needed (`connectMain`).
   */
  portKey: string | null;
  /** The isolated end of the port to the MAIN world, once made (the agent takes its `onmessage`). */
  port?: MessagePort;
  /** Play events seen so far (the latest 16). */
  seen: SeenPlay[];
  /** Stops listening for activity; called by the agent once it runs. */
  detach(): void;
  /** Set by the agent: retires it (a newer copy of the content scripts came into this world). */
  retire?: () => void;
}

/**
 * The isolated end of `stage`'s port to the MAIN world: made on the first call, when the MAIN world
 * gets the other end (synchronously, inside this dispatch, which only listeners of that event
 * type see), and the same port after.
 */
export function connectMain(stage: FirstStage): MessagePort {
  if (stage.port) return stage.port;
  const channel = new MessageChannel();
  stage.port = channel.port1;
  if (stage.portKey !== null) {
    const type = lateChannelEvent(stage.portKey);
    window.dispatchEvent(new MessageEvent(type, { ports: [channel.port2] }));
  }
  return channel.port1;
}
