/**
 * What the isolated world's first stage (src/content/bridge.iife.ts) leaves for the session agent
 * (src/content/session-agent.ts) in their shared isolated world, under `STAGE_KEY`
 * (src/shared/channel.ts). The page cannot see an isolated world's globals.
 */

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
  /** The isolated end of the channel to the MAIN world; the agent takes its `onmessage` over. */
  port: MessagePort;
  /** Play events seen so far (the latest 16). */
  seen: SeenPlay[];
  /** Stops listening for activity; called by the agent once it runs. */
  detach(): void;
  /** Set by the agent: retires it (a newer copy of the content scripts came into this world). */
  retire?: () => void;
}
