/**
 * The popup's Port: the service worker pushes a `DeckSnapshot` on connect and after every change,
 * and takes the popup's commands (run an action, pin, mute the tab, go to the tab).
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { type PopupToWorker, PopupToWorkerSchema, parseMessage } from '../shared/contract';
import type { Deck } from './deck';
import { focusTab, muteTab, runAction, togglePictureInPicture } from './session-control';

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

/** Serves one popup Port until it closes. */
export function servePopupPort(port: Runtime.Port, deck: Deck): void {
  if (!isExtensionPage(port.sender)) {
    deck.reject('popup-sender');
    port.disconnect();
    return;
  }
  deck.popups.add(port);
  port.onDisconnect.addListener(() => deck.popups.delete(port));
  port.onMessage.addListener((raw: unknown) => {
    const parsed = parseMessage(PopupToWorkerSchema, raw);
    if (!parsed.ok) {
      deck.reject('popup-message');
      return;
    }
    // Right after a restart the registry is still being read from `chrome.storage.session` (a
    // popup reconnects at once, and its first click may come with it): handle the message once it
    // is back, rather than look the session up in an empty registry and drop the click.
    if (deck.isRestored()) handlePopupMessage(deck, parsed.value);
    else void deck.ready.then(() => handlePopupMessage(deck, parsed.value));
  });
  // Before the restore, the snapshot would be empty; the restore's own push reaches this popup.
  if (deck.isRestored()) deck.pushToPopups(port);
}

/**
 * Carries out one popup command. Synchronous up to the browser call, so the click's user gesture
 * reaches the tab (TESTING.md § User activation).
 */
function handlePopupMessage(deck: Deck, message: PopupToWorker): void {
  if (message.type === 'pin') {
    if (deck.registry.pin(message.key)) deck.changed();
    return;
  }
  const session = deck.registry.get(message.key);
  if (!session) return;
  if (message.type === 'media-action') void runAction(deck, session, message.details, 'popup');
  else if (message.type === 'picture-in-picture')
    void togglePictureInPicture(deck, session, 'session', 'popup');
  else if (message.type === 'mute-tab') muteTab(session, message.muted);
  else if (message.type === 'focus-tab') focusTab(session);
}
