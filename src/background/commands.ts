/**
 * Keyboard commands and media keys (issue #3): each acts on the active session (DESIGN.md
 * § Active session) through the same path as the popup. When the registry is in memory the whole
 * path is synchronous, so the key press's user gesture reaches the page (needed for
 * picture-in-picture and for `play()` under the autoplay policy). When the service worker was
 * asleep, the registry is still being restored; picture-in-picture then cannot wait for it and
 * uses the current tab's largest playing video, and says so.
 */
import browser, { type Tabs } from 'webextension-polyfill';
import { type CommandName, isCommandName, planCommand } from '../shared/commands';
import type { Session } from '../shared/session';
import { toSessionView } from '../shared/session';
import type { Deck } from './deck';
import { focusTab, muteTab, runAction, togglePictureInPicture } from './session-control';
import { settings } from './settings';

/** The active session, with its popup view (for `planCommand`). */
function activeSession(deck: Deck): Session | null {
  const key = deck.registry.activeKey();
  return key ? (deck.registry.get(key) ?? null) : null;
}

/** Carries out `command` now, synchronously up to the browser call. */
function runCommand(deck: Deck, command: CommandName, tab: Tabs.Tab | undefined): void {
  const session = activeSession(deck);
  const view = session
    ? toSessionView(session, deck.registry.tab(session.tabId), { active: true, pinned: false })
    : null;
  const plan = planCommand(command, view, settings().seekOffsetSeconds);
  if (plan.kind === 'nothing' || !session) {
    if (command === 'toggle-picture-in-picture' && tab?.id !== undefined) {
      pictureInPictureInCurrentTab(
        deck,
        tab.id,
        plan.kind === 'nothing' ? plan.reason : 'Nothing to control',
      );
      return;
    }
    deck.notify(plan.kind === 'nothing' ? plan.reason : 'Nothing to control', '–');
    return;
  }
  switch (plan.kind) {
    case 'action':
      void runAction(deck, session, plan.details, 'command').then((outcome) => {
        if (outcome !== 'handler' && outcome !== 'element')
          deck.notify(`“${view?.title}” did not respond`, '!');
      });
      return;
    case 'picture-in-picture':
      void togglePictureInPicture(deck, session, 'session', 'command').then((outcome) => {
        if (outcome === 'unsupported') deck.notify(`“${view?.title}” has no playing video`, '–');
        else if (outcome === 'failed') deck.notify('Chrome refused picture-in-picture', '!');
      });
      return;
    case 'mute-tab':
      muteTab(session, plan.muted);
      return;
    case 'focus-tab':
      focusTab(session);
  }
}

/** The fallback: the current tab's largest playing video, with a notice saying so. */
function pictureInPictureInCurrentTab(deck: Deck, tabId: number, why: string): void {
  void togglePictureInPicture(deck, { tabId, frameId: 0 }, 'largest-video', 'command').then(
    (outcome) => {
      if (outcome === 'element')
        deck.notify(`${why}: used this tab's video for picture-in-picture`, 'PiP');
      else deck.notify(`${why}, and this tab has no playing video`, '–');
    },
  );
}

/** Registers the `chrome.commands` listener. Call synchronously at the service worker's top level. */
export function listenToCommands(deck: Deck): void {
  browser.commands.onCommand.addListener((command: string, tab?: Tabs.Tab) => {
    if (!isCommandName(command)) return;
    if (deck.isRestored()) {
      runCommand(deck, command, tab);
      return;
    }
    // Woken by this key press: the registry is still loading. Picture-in-picture needs the gesture
    // now, so it goes to the current tab (and says so if that is not the active session's).
    if (command === 'toggle-picture-in-picture' && tab?.id !== undefined) {
      const tabId = tab.id;
      void togglePictureInPicture(deck, { tabId, frameId: 0 }, 'largest-video', 'command').then(
        async (outcome) => {
          await deck.ready;
          const active = activeSession(deck);
          if (outcome !== 'element')
            deck.notify('Picture-in-picture needs a playing video in this tab', '–');
          else if (active && active.tabId !== tabId)
            deck.notify("Used this tab's video: the active media is in another tab", 'PiP');
        },
      );
      return;
    }
    void deck.ready.then(() => runCommand(deck, command, tab));
  });
}
