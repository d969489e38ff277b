/**
 * The words for a `Notice` (src/shared/contract.ts): what the toolbar tooltip and the popup say
 * about the last command. The service worker sends codes; this is the one place that turns them
 * into text, from the i18n messages (src/shared/i18n.ts). Text a page supplied (a title) is
 * shortened and attributed to its host, so a page cannot fill the tooltip or pose as Media Deck.
 */
import type { CommandName, Notice } from './contract';
import { t } from './i18n';

/** Most characters of a page's title quoted in a notice. */
export const QUOTED_TITLE_CHARS = 60;

/** `title` in the language's quotes, cut to `QUOTED_TITLE_CHARS` with an ellipsis, with its host after it. */
export function quoteTitle(title: string, host: string): string {
  const flat = title.replace(/\s+/g, ' ').trim();
  const short =
    flat.length > QUOTED_TITLE_CHARS ? `${flat.slice(0, QUOTED_TITLE_CHARS - 1).trimEnd()}…` : flat;
  return host ? t('quotedTitle', short, host) : t('quotedTitleNoHost', short);
}

/** The sentence for a command the session lacks, about `media` (a quoted title). */
const LACKS: Record<CommandName, (media: string) => string> = {
  'play-pause': (media) => t('noticeCannotPlayPause', media),
  'next-track': (media) => t('noticeNoNextTrack', media),
  'previous-track': (media) => t('noticeNoPreviousTrack', media),
  'seek-backward': (media) => t('noticeCannotSeekBackward', media),
  'seek-forward': (media) => t('noticeCannotSeekForward', media),
  stop: (media) => t('noticeCannotStop', media),
  'mute-tab': (media) => t('noticeCannotMute', media),
  'toggle-picture-in-picture': (media) => t('noticeNoPipVideo', media),
  'go-to-tab': (media) => t('noticeNoTab', media),
};

/** The sentence for `notice`, e.g. `“Song” (player.test) has no next track`. */
export function noticeText(notice: Notice): string {
  switch (notice.code) {
    case 'nothing-to-control':
      return t('noticeNothingToControl');
    case 'nothing-pinned':
      return t('noticeNothingPinned');
    case 'cannot':
      return LACKS[notice.command](quoteTitle(notice.title, notice.host));
    case 'no-response':
      return t('noticeNoResponse', quoteTitle(notice.title, notice.host));
    case 'no-playing-video':
      return t('noticeNoPlayingVideo', quoteTitle(notice.title, notice.host));
    case 'pip-refused':
      return t('noticePipRefused');
    case 'pip-this-tab': {
      const about =
        notice.title !== undefined
          ? quoteTitle(notice.title, notice.host ?? '')
          : t('noticeActiveMedia');
      const why = {
        'nothing-to-control': () => t('noticeNothingToControl'),
        'active-has-no-video': () => t('noticeNoPipVideo', about),
        'active-elsewhere': () => t('noticeActiveElsewhere'),
        waking: () => t('noticeWaking'),
      }[notice.because]();
      return notice.outcome === 'used'
        ? t('noticePipUsedThisTab', why)
        : t('noticePipNoVideoHere', why);
    }
  }
}
