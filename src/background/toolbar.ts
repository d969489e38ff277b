/**
 * The toolbar icon. At rest: its tooltip names the session the keys control (the active one) and,
 * when the user turned it on, its badge counts the playing sessions. After a keyboard command: a
 * short badge for `NOTICE_MS` with the notice's words as the tooltip, then the resting state again;
 * the notice itself stays for an open popup while it is recent (`NOTICE_SHOWN_MS`). The words come
 * from src/shared/notice-text.ts and the i18n messages; page text is quoted, shortened and
 * attributed to its host there.
 */
import type { Notice } from '../shared/contract';
import { formatNumber, t } from '../shared/i18n';
import { noticeText, quoteTitle } from '../shared/notice-text';

/** Milliseconds a notice's badge stays on the toolbar icon. */
export const NOTICE_MS = 2000;
/** Milliseconds an open popup keeps showing the last notice. */
export const NOTICE_SHOWN_MS = 8000;

/** What the toolbar needs from its surroundings (`browser.action`, timers, the clock). */
export interface ToolbarDeps {
  setBadgeText(text: string): void;
  setTitle(title: string): void;
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  later(fn: () => void, ms: number): () => void;
  /** Epoch ms. */
  now(): number;
  /** A notice was shown (the popup feed pushes it). */
  onNotice(): void;
}

/** What the icon shows when no notice is up (src/background/toolbar-status.ts computes it). */
export interface RestingStatus {
  /** Playing sessions to count on the badge, or `null` when the count is off (the default). */
  count: number | null;
  /** The session the keys control: its title and host; `null` when there is none. */
  active: { title: string; host: string } | null;
}

/** The toolbar. */
export interface Toolbar {
  notify(notice: Notice): void;
  /** Shows `status` now, or once the notice on the icon has expired. */
  rest(status: RestingStatus): void;
  /** The last notice while it is recent, else `null`. */
  notice(): Notice | null;
}

/** The badge for a notice: `PiP` when picture-in-picture went elsewhere, `!` for a failure, `–`
 * when there was nothing to do. */
export function badgeFor(notice: Notice): string {
  switch (notice.code) {
    case 'no-response':
    case 'pip-refused':
      return '!';
    case 'pip-this-tab':
      return notice.outcome === 'used' ? 'PiP' : '–';
    default:
      return '–';
  }
}

/** The resting badge (the count, when on and not zero) and tooltip. */
export function restingText(status: RestingStatus): { badge: string; title: string } {
  return {
    badge: status.count ? formatNumber(status.count) : '',
    title: status.active
      ? t('toolbarKeysControl', quoteTitle(status.active.title, status.active.host))
      : t('extName'), // the manifest's default_title
  };
}

/** Creates the toolbar; it starts at rest with nothing to show (the manifest's title, no badge). */
export function createToolbar(deps: ToolbarDeps): Toolbar {
  let last: { notice: Notice; at: number } | null = null;
  let cancel: (() => void) | null = null;
  let resting: RestingStatus = { count: null, active: null };
  // What the icon shows, so that a status that changes nothing makes no `chrome.action` call.
  let shown = { badge: '', title: t('extName') };
  const show = (badge: string, title: string) => {
    if (badge !== shown.badge) deps.setBadgeText(badge);
    if (title !== shown.title) deps.setTitle(title);
    shown = { badge, title };
  };
  const showResting = () => {
    const { badge, title } = restingText(resting);
    show(badge, title);
  };
  return {
    notify(notice) {
      last = { notice, at: deps.now() };
      show(badgeFor(notice), t('toolbarNotice', noticeText(notice)));
      cancel?.();
      cancel = deps.later(() => {
        cancel = null;
        showResting();
      }, NOTICE_MS);
      deps.onNotice();
    },
    rest(status) {
      resting = status;
      if (cancel === null) showResting();
    },
    notice() {
      return last && deps.now() - last.at < NOTICE_SHOWN_MS ? last.notice : null;
    },
  };
}
