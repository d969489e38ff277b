/**
 * Loads the session agent (src/content/session-agent.ts) into a frame's document when its first
 * stage asks (`AgentRequest`: the frame had its first media activity; docs/architecture.md § Two
 * stages), with `scripting.executeScript` into exactly that document. Which frame and document
 * comes from the message's sender, never from the message. A tab gets at most `AGENT_BUDGET.burst` agents at once and `AGENT_BUDGET.rate` a second after
 * that, so a page that makes hundreds of media iframes makes the worker inject in step with what
 * it can serve (a frame over the budget is told when to ask again).
 */
import type { Runtime } from 'webextension-polyfill';
import { type AgentAnswer, AgentRequestSchema, parseMessage } from '../shared/contract';
import type { Diagnostics } from './diagnostics';
import { frameIdentity } from './frame-port';

/** Agents one tab may get: `burst` at once, then `rate` a second. */
export const AGENT_BUDGET = { rate: 10, burst: 40 };

/** What loading agents needs from its surroundings. */
export interface AgentLoaderDeps {
  /** Injects the agent into document `documentId` of tab `tabId`; rejects when Chrome refuses. */
  inject(tabId: number, documentId: string): Promise<void>;
  /** Injects the agent into every frame of tab `tabId`; rejects when Chrome refuses. */
  injectAll(tabId: number): Promise<void>;
  /** Whether tab `tabId` holds any session. */
  hasSession(tabId: number): boolean;
  /** Runs `fn` after `ms` milliseconds (`setTimeout`). */
  later(fn: () => void, ms: number): void;
  /** Epoch ms. */
  now(): number;
  diagnostics: Pick<Diagnostics, 'reject' | 'agentLoaded'>;
}

/** The agent loader. */
export interface AgentLoader {
  /** Answers one `runtime.onMessage` message; `undefined` for one that is not an agent request. */
  handle(message: unknown, sender: Runtime.MessageSender): Promise<AgentAnswer> | undefined;
  /**
   * Tab `tabId` became audible. If after `UNEXPLAINED_AUDIO_MS` it still holds no session, its
   * sound comes from media no first stage saw start (a detached `new Audio()`, or one in a shadow
   * tree, with no `MediaSession` call): every frame gets the agent, whose coming makes the MAIN
   * world watch such elements (src/content/main-world/remote-media.ts).
   */
  onAudible(tabId: number): void;
  /** Forgets a closed tab's budget. */
  forgetTab(tabId: number): void;
}

/** Milliseconds a tab may play sound unexplained before its frames get the agent. */
export const UNEXPLAINED_AUDIO_MS = 1000;

/** Creates the loader. */
export function createAgentLoader(deps: AgentLoaderDeps): AgentLoader {
  /** Documents whose agent is being injected: a second request meanwhile waits for it. */
  const injecting = new Map<string, Promise<AgentAnswer>>();
  const buckets = new Map<number, { tokens: number; at: number }>();

  /** Takes a token of tab `tabId`; returns 0, or the milliseconds until one is there. */
  function take(tabId: number): number {
    const now = deps.now();
    const bucket = buckets.get(tabId) ?? { tokens: AGENT_BUDGET.burst, at: now };
    bucket.tokens = Math.min(
      AGENT_BUDGET.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * AGENT_BUDGET.rate,
    );
    bucket.at = now;
    buckets.set(tabId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / AGENT_BUDGET.rate) * 1000);
  }

  function load(tabId: number, documentId: string): Promise<AgentAnswer> {
    const pending = injecting.get(documentId);
    if (pending) return pending;
    const wait = take(tabId);
    if (wait > 0) return Promise.resolve({ retryAfterMs: wait });
    // A document asks again only with a new first stage (the content scripts injected again, in a
    // new isolated world after an update): then it needs the agent again too. An agent injected
    // twice into one isolated world starts once (src/content/session-agent.ts).
    const loaded = deps.inject(tabId, documentId).then(
      () => {
        deps.diagnostics.agentLoaded();
        return true;
      },
      () => false, // the document went away, or Chrome refused it
    );
    injecting.set(documentId, loaded);
    void loaded.then(() => injecting.delete(documentId));
    return loaded;
  }

  return {
    handle(message, sender) {
      const parsed = parseMessage(AgentRequestSchema, message);
      if (!parsed.ok) {
        // Nothing else comes by `runtime.sendMessage`: a malformed request, dropped and counted.
        deps.diagnostics.reject('agent-request');
        return undefined;
      }
      const identity = frameIdentity(sender);
      const lifecycle = (sender as { documentLifecycle?: string }).documentLifecycle;
      if (!identity || lifecycle === 'prerender') {
        deps.diagnostics.reject('agent-request');
        return Promise.resolve(false);
      }
      return load(identity.tabId, identity.documentId);
    },
    onAudible(tabId) {
      deps.later(() => {
        if (deps.hasSession(tabId) || take(tabId) > 0) return;
        deps.injectAll(tabId).then(
          () => deps.diagnostics.agentLoaded(),
          () => {}, // the tab went away, or Chrome refused it
        );
      }, UNEXPLAINED_AUDIO_MS);
    },
    forgetTab(tabId) {
      buckets.delete(tabId);
    },
  };
}
