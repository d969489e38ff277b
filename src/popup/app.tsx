import { useMemo, useRef } from 'preact/hooks';
import { plural, t } from '../shared/i18n';
import { DEFAULT_SEEK_OFFSET_SECONDS } from '../shared/media-session-actions';
import { noticeText } from '../shared/notice-text';
import type { BrowserFeatures } from '../shared/platform';
import { AUTO_PIP_MODES, type AutoPipMode, KEYS_RULES, type KeysRule } from '../shared/settings';
import { AUTO_PIP_MODE_LABELS } from '../ui/auto-pip-labels';
import { KEYS_RULE_LABELS } from '../ui/keys-rule-labels';
import { useStore } from '../ui/use-store';
import { FooterSetting } from './components/footer-setting';
import { Icon } from './components/icon';
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
  /** The favicon URL of a page, or `null` where the browser has no favicon cache (no icon). */
  faviconFor: (pageUrl: string) => string | null;
  /** Seconds for seek backward / forward (the user's setting). */
  seekOffset?: number;
  /** `chrome.commands.getAll()`; the shortcuts section is left out without it. */
  loadShortcuts?: () => Promise<Shortcut[]>;
  navigation?: PopupNavigation;
  /** The automatic picture-in-picture setting and how to change it; left out when absent. */
  autoPip?: { mode: AutoPipMode; set(mode: AutoPipMode): void };
  /** The keys rule and how to change it; left out when absent. */
  keys?: { rule: KeysRule; set(rule: KeysRule): void };
  /** Opens the deck in the browser's side panel; the button is left out without it (the panel). */
  openSidePanel?: () => void;
  /** What the browser offers (src/shared/platform.ts), for the cards; default Chromium. */
  features?: BrowserFeatures;
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
  keys,
  openSidePanel,
  features,
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
          keysRule={keys?.rule}
          features={features}
        />
      )}
      {loadShortcuts && (
        <Shortcuts load={loadShortcuts} openSettings={navigation.openShortcutSettings} />
      )}
      <div class="footer">
        {autoPip && (
          <FooterSetting
            label={t('popupAutoPipLabel')}
            choices={AUTO_PIP_MODES}
            labels={AUTO_PIP_MODE_LABELS}
            value={autoPip.mode}
            onChange={autoPip.set}
          />
        )}
        {keys && (
          <FooterSetting
            label={t('keysRuleLabel')}
            choices={KEYS_RULES}
            labels={KEYS_RULE_LABELS}
            value={keys.rule}
            onChange={keys.set}
          />
        )}
        <div class="links">
          {openSidePanel && (
            <button type="button" class="link" onClick={openSidePanel}>
              <Icon name="side-panel" size={14} />
              {t('openSidePanel')}
            </button>
          )}
          <button type="button" class="link" onClick={navigation.openOptions}>
            {t('allSettings')}
          </button>
        </div>
      </div>
    </main>
  );
}
