/**
 * The toolbar icon as a place to answer a keyboard command: a short badge for `NOTICE_MS` with the
 * notice's words as the icon's tooltip, and the notice itself for an open popup while it is recent
 * (`NOTICE_SHOWN_MS`). The words come from src/shared/notice-text.ts and the i18n messages.
 */
import type { Notice } from '../shared/contract';
import { t } from '../shared/i18n';
import { noticeText } from '../shared/notice-text';

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

/** The toolbar. */
export interface Toolbar {
  notify(notice: Notice): void;
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

/** Creates the toolbar. */
export function createToolbar(deps: ToolbarDeps): Toolbar {
  let last: { notice: Notice; at: number } | null = null;
  let cancel: (() => void) | null = null;
  return {
    notify(notice) {
      last = { notice, at: deps.now() };
      deps.setBadgeText(badgeFor(notice));
      deps.setTitle(t('toolbarNotice', noticeText(notice)));
      cancel?.();
      cancel = deps.later(() => {
        cancel = null;
        deps.setBadgeText('');
        deps.setTitle(t('extName')); // the manifest's default_title
      }, NOTICE_MS);
      deps.onNotice();
    },
    notice() {
      return last && deps.now() - last.at < NOTICE_SHOWN_MS ? last.notice : null;
    },
  };
}
