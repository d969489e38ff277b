/**
 * Keyboard commands and media keys (`chrome.commands`): each acts on the active session
 * (docs/architecture.md § Focus policy) through the same dispatcher as the popup. When the registry
 * is in memory the whole path is synchronous, so the key press's user gesture reaches the page
 * (needed for picture-in-picture and for `play()` under the autoplay policy). When the service
 * worker was asleep, the registry is still being restored; picture-in-picture then cannot wait for
 * it and uses the current tab's largest playing video, and says so.
 */
import type { CommandName, Notice } from '../shared/contract';
import type { Session, TabInfo } from '../shared/session';
import { toSessionView } from '../shared/session';
import { isCommandName, planCommand } from './command-plan';
import type { IntentDispatcher } from './intent-dispatcher';

/** What the command handler needs from its surroundings. */
export interface CommandDeps {
  /** Whether the registry was restored after a worker start (then the path can stay sync). */
  isRestored(): boolean;
  /** Resolves once it is. */
  ready: Promise<void>;
  /**
   * The session the keys act on (the keys rule), or `null`. `currentTabId`: the tab Chrome says
   * the command came with (the focused window's active tab), when it says one.
   */
  activeSession(currentTabId?: number): Session | null;
  /** What `chrome.tabs` says of a tab, if known. */
  tab(tabId: number): TabInfo | undefined;
  /** Seconds that seek commands move (the user's setting). */
  seekOffset(): number;
  /** Whether the keys act on the pinned session only (the keys rule), to say so when none is. */
  pinnedOnly(): boolean;
  dispatcher: IntentDispatcher;
  notify(notice: Notice): void;
}

/** Creates the `chrome.commands.onCommand` listener. */
export function createCommandHandler(
  deps: CommandDeps,
): (command: string, tab?: { id?: number }) => void {
  /** Carries out `command` now, synchronously up to the browser call. */
  function run(command: CommandName, tabId: number | undefined): void {
    const session = deps.activeSession(tabId);
    const view = session
      ? toSessionView(session, deps.tab(session.tabId), { active: true, pinned: false })
      : null;
    const plan = planCommand(command, view, deps.seekOffset());
    if (plan.kind === 'refuse' || !session || !view) {
      let notice: Notice = plan.kind === 'refuse' ? plan.notice : { code: 'nothing-to-control' };
      if (notice.code === 'nothing-to-control' && deps.pinnedOnly())
        notice = { code: 'nothing-pinned' };
      // The current tab's video stands in for a session without one; not when the keys act on
      // the pinned media only and none is pinned: the user chose to have nothing else acted on.
      if (
        command === 'toggle-picture-in-picture' &&
        tabId !== undefined &&
        notice.code !== 'nothing-pinned'
      ) {
        pictureInPictureHere(
          tabId,
          notice.code === 'cannot'
            ? { because: 'active-has-no-video', title: notice.title, host: notice.host }
            : { because: 'nothing-to-control' },
        );
        return;
      }
      deps.notify(notice);
      return;
    }
    const about = { title: view.title, host: view.host };
    // The key press's gesture goes only where the user meant it: to a frame they have interacted
    // with, or to a tab's own page; never to a frame they never touched (an ad's).
    const userGesture = session.state.activated || session.frameId === 0;
    void deps.dispatcher
      .dispatch(session, plan.intent, 'command', { userGesture })
      .then((outcome) => {
        if (plan.intent.kind === 'action') {
          if (outcome !== 'handler' && outcome !== 'element')
            deps.notify({ code: 'no-response', ...about });
        } else if (plan.intent.kind === 'picture-in-picture') {
          if (outcome === 'unsupported') deps.notify({ code: 'no-playing-video', ...about });
          else if (outcome === 'failed') deps.notify({ code: 'pip-refused' });
        }
      });
  }

  /** The fallback: the current tab's largest playing video, with a notice saying so. */
  function pictureInPictureHere(
    tabId: number,
    why: Pick<Extract<Notice, { code: 'pip-this-tab' }>, 'because' | 'title' | 'host'>,
  ): void {
    void deps.dispatcher.pictureInPictureInTab(tabId, 'command').then((outcome) => {
      deps.notify({
        code: 'pip-this-tab',
        outcome: outcome === 'element' ? 'used' : 'no-video',
        ...why,
      });
    });
  }

  return (command, tab) => {
    if (!isCommandName(command)) return;
    if (deps.isRestored()) {
      run(command, tab?.id);
      return;
    }
    // Woken by this key press: the registry is still loading. Picture-in-picture needs the gesture
    // now, so it goes to the current tab (and says so if that is not the active session's).
    if (command === 'toggle-picture-in-picture' && tab?.id !== undefined) {
      const tabId = tab.id;
      void deps.dispatcher.pictureInPictureInTab(tabId, 'command').then(async (outcome) => {
        await deps.ready;
        const active = deps.activeSession(tabId);
        if (outcome !== 'element') {
          deps.notify({ code: 'pip-this-tab', outcome: 'no-video', because: 'waking' });
        } else if (active && active.tabId !== tabId) {
          deps.notify({ code: 'pip-this-tab', outcome: 'used', because: 'active-elsewhere' });
        }
      });
      return;
    }
    void deps.ready.then(() => run(command, tab?.id));
  };
}
