import { useMemo, useRef } from 'preact/hooks';
import { plural, t } from '../shared/i18n';
import { DEFAULT_SEEK_OFFSET_SECONDS } from '../shared/media-session-actions';
import { noticeText } from '../shared/notice-text';
import type { AutoPipMode } from '../shared/settings';
import { useStore } from '../ui/use-store';
import { AutoPipSetting } from './components/auto-pip-setting';
import type { CardCommands } from './components/session-card';
import { SessionList } from './components/session-list';
import { type Shortcut, Shortcuts } from './components/shortcuts';
import type { DeckStore } from './deck-store';

/** Browser navigation the popup needs; injected so the views stay testable without a browser. */
export interface PopupNavigation {
  /** chrome://extensions/shortcuts */
  openShortcutSettings(): void;
  /** Chrome's site settings for `origin` (automatic picture-in-picture is Chrome's to allow). */
  openSiteSettings(pageUrl: string): void;
  /** Media Deck's options page. */
  openOptions(): void;
}

interface AppProps {
  store: DeckStore;
  faviconFor: (pageUrl: string) => string;
  /** Seconds for seek backward / forward (the user's setting). */
  seekOffset?: number;
  /** `chrome.commands.getAll()`; the shortcuts section is left out without it. */
  loadShortcuts?: () => Promise<Shortcut[]>;
  navigation?: PopupNavigation;
  /** The automatic picture-in-picture setting and how to change it; left out when absent. */
  autoPip?: { mode: AutoPipMode; set(mode: AutoPipMode): void };
}

const NO_NAVIGATION: PopupNavigation = {
  openShortcutSettings: () => {},
  openSiteSettings: () => {},
  openOptions: () => {},
};

/**
 * The popup: the active session first and marked, then the others; an empty state when nothing
 * plays. All data comes from the store; every click becomes one `SessionIntent` for the worker.
 */
export function App({
  store,
  faviconFor,
  seekOffset = DEFAULT_SEEK_OFFSET_SECONDS,
  loadShortcuts,
  navigation = NO_NAVIGATION,
  autoPip,
}: AppProps) {
  const { snapshot, connected } = useStore(store);
  const sessions = snapshot?.sessions ?? [];
  // One object for the popup's life, so that cards whose session did not change skip rendering.
  const latest = useRef(sessions);
  latest.current = sessions;
  const commands = useMemo<CardCommands>(
    () => ({
      intent: (key, intent) => store.send({ type: 'intent', key, intent }),
      openSiteSettings: (key) => {
        const view = latest.current.find((s) => s.key === key);
        if (view) navigation.openSiteSettings(view.pageUrl);
      },
      openOptions: () => navigation.openOptions(),
    }),
    [store, navigation],
  );

  return (
    <main class="deck">
      <header>
        <h1>{t('extName')}</h1>
        {snapshot && sessions.length > 0 && (
          <span class="count">{plural('sessionCount', sessions.length)}</span>
        )}
      </header>
      {snapshot?.notice && (
        <p class="notice" role="status">
          {noticeText(snapshot.notice)}
        </p>
      )}
      {!snapshot ? (
        <p class="status" role="status">
          {connected ? t('loading') : t('reconnecting')}
        </p>
      ) : sessions.length === 0 ? (
        <div class="empty" role="status">
          <p class="empty-title">{t('emptyTitle')}</p>
          <p>{t('emptyHint')}</p>
        </div>
      ) : (
        <SessionList
          sessions={sessions}
          commands={commands}
          seekOffset={seekOffset}
          faviconFor={faviconFor}
        />
      )}
      {loadShortcuts && (
        <Shortcuts load={loadShortcuts} openSettings={navigation.openShortcutSettings} />
      )}
      <div class="footer">
        {autoPip && <AutoPipSetting mode={autoPip.mode} onChange={autoPip.set} />}
        <button type="button" class="link" onClick={navigation.openOptions}>
          {t('allSettings')}
        </button>
      </div>
    </main>
  );
}
