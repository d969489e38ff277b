/**
 * The popup's Port: only the extension's own pages may open one. It joins the popup feed, and each
 * message it sends (`PopupToWorker`, validated) is handled by the entry its type names: an intent
 * goes to the dispatcher, carried out synchronously up to the browser call so that the click's user
 * gesture reaches the tab (docs/testing.md § User activation); `shown` tells the feed the popup
 * drew its last snapshot.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { type PopupToWorker, PopupToWorkerSchema, parseMessage } from '../shared/contract';
import type { Session } from '../shared/session';
import type { Diagnostics } from './diagnostics';
import type { IntentDispatcher } from './intent-dispatcher';
import type { PopupFeed } from './popup-feed';

/**
 * Whether `sender` is one of this extension's own pages (the popup, the options page, or the popup
 * opened as a tab). Content scripts share the extension id but run on web URLs, so the URL decides.
 */
export function isExtensionPage(sender: Runtime.MessageSender | undefined): boolean {
  return (
    sender?.id === browser.runtime.id &&
    typeof sender.url === 'string' &&
    sender.url.startsWith(browser.runtime.getURL(''))
  );
}

/** What serving popup Ports needs from its surroundings. */
export interface PopupPortDeps {
  feed: PopupFeed;
  dispatcher: IntentDispatcher;
  /** A session by key (`SessionRegistry.get`). */
  session(key: string): Session | undefined;
  /** Whether the registry was restored after a worker start, and a promise for when it is. */
  isRestored(): boolean;
  ready: Promise<void>;
  diagnostics: Pick<Diagnostics, 'reject'>;
}

type Handlers = {
  [T in PopupToWorker['type']]: (
    message: Extract<PopupToWorker, { type: T }>,
    port: Runtime.Port,
  ) => void;
};

/** Creates the popup Port server: `serve` takes one Port named `POPUP_PORT`. */
export function createPopupPorts(deps: PopupPortDeps): { serve(port: Runtime.Port): void } {
  const handlers: Handlers = {
    intent: ({ key, intent }) => {
      const session = deps.session(key);
      if (session) void deps.dispatcher.dispatch(session, intent, 'popup');
    },
    shown: (_message, port) => deps.feed.shown(port),
  };
  const handle = (message: PopupToWorker, port: Runtime.Port) =>
    (handlers[message.type] as (message: PopupToWorker, port: Runtime.Port) => void)(message, port);

  return {
    serve(port) {
      if (!isExtensionPage(port.sender)) {
        deps.diagnostics.reject('popup-sender');
        port.disconnect();
        return;
      }
      port.onDisconnect.addListener(() => deps.feed.remove(port));
      port.onMessage.addListener((raw: unknown) => {
        const parsed = parseMessage(PopupToWorkerSchema, raw);
        if (!parsed.ok) {
          deps.diagnostics.reject('popup-message');
          return;
        }
        // Right after a restart the registry is still being read from `chrome.storage.session` (a
        // popup reconnects at once, and its first click may come with it): handle the message once
        // it is back, rather than look the session up in an empty registry and drop the click.
        if (deps.isRestored()) handle(parsed.value, port);
        else void deps.ready.then(() => handle(parsed.value, port));
      });
      // Before the restore the snapshot would be empty; the restore's own push reaches this popup.
      if (deps.isRestored()) deps.feed.add(port);
      else void deps.ready.then(() => deps.feed.add(port));
    },
  };
}
