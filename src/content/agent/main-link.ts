/**
 * The session agent's end of the private port to the MAIN world (src/shared/channel.ts): says
 * `hello`, validates everything that comes back (`MainToAgentSchema`; a message that fails is
 * dropped and counted), keeps the page's latest `PageRecord`, and numbers the calls it makes into
 * the page so that each answer finds its caller.
 */
import {
  type ActionOutcome,
  type AgentToMain,
  type MainToAgent,
  MainToAgentSchema,
  type PageCall,
  type PageRecord,
  parseMessage,
  type RemoteMedia,
} from '../../shared/contract';

/** Most milliseconds a call waits for the MAIN world's answer (picture-in-picture is async). */
const CALL_TIMEOUT_MS = 3000;

/** What the link tells the agent. */
export interface MainLinkEvents {
  /** A new record (after `hello`, and on every change the page made). */
  onRecord(record: PageRecord): void;
  /** An event of a media element outside the document. */
  onRemote(media: RemoteMedia): void;
}

/** The agent's link to the MAIN world. */
export interface MainLink {
  /** The page's latest record, or `null` before the first one came. */
  record(): PageRecord | null;
  /** Runs `call` in the page; resolves to its outcome (`'unsupported'` if no answer comes). */
  call(call: PageCall): Promise<ActionOutcome>;
  /** Gives the MAIN world a key to answer to (`CopyKeys`, src/shared/channel.ts). */
  giveKey(key: string): void;
  /** Messages from the MAIN world refused so far. */
  dropped(): number;
  /** Stops listening (a newer agent took over). */
  close(): void;
}

/** Takes `port` over (its `onmessage`) and says `hello`. */
export function linkToMain(port: MessagePort, events: MainLinkEvents): MainLink {
  let latest: PageRecord | null = null;
  let dropped = 0;
  let nextId = 1;
  const pending = new Map<number, (outcome: ActionOutcome) => void>();

  const handlers: {
    [T in MainToAgent['type']]: (message: Extract<MainToAgent, { type: T }>) => void;
  } = {
    activity: () => {}, // meant for the first stage, which loaded us
    record: ({ record }) => {
      latest = record;
      events.onRecord(record);
    },
    remote: ({ media }) => events.onRemote(media),
    answer: ({ id, outcome }) => {
      pending.get(id)?.(outcome);
      pending.delete(id);
    },
  };

  port.onmessage = (event: MessageEvent) => {
    const parsed = parseMessage(MainToAgentSchema, event.data);
    if (!parsed.ok) {
      dropped++;
      return;
    }
    (handlers[parsed.value.type] as (message: MainToAgent) => void)(parsed.value);
  };

  const send = (message: AgentToMain) => port.postMessage(message);
  send({ type: 'hello' });

  return {
    record: () => latest,
    call(call) {
      const id = nextId++;
      return new Promise<ActionOutcome>((resolve) => {
        pending.set(id, resolve);
        send({ type: 'call', id, call });
        setTimeout(() => {
          if (pending.delete(id)) resolve('unsupported');
        }, CALL_TIMEOUT_MS);
      });
    },
    giveKey: (key) => send({ type: 'copy-key', key }),
    dropped: () => dropped,
    close() {
      port.onmessage = null;
      for (const resolve of pending.values()) resolve('unsupported');
      pending.clear();
    },
  };
}
