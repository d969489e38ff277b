/**
 * The words for a `Notice` (src/shared/contract.ts): what the toolbar tooltip and the popup say
 * about the last command. The service worker sends codes; this is the one place that turns them
 * into text. Text a page supplied (a title) is shortened and attributed to its host, so a page
 * cannot fill the tooltip or pose as Media Deck.
 */
import type { CommandName, Notice } from './contract';

/** Most characters of a page's title quoted in a notice. */
export const QUOTED_TITLE_CHARS = 60;

/** `title` in quotes, cut to `QUOTED_TITLE_CHARS` with an ellipsis, with its host after it. */
export function quoteTitle(title: string, host: string): string {
  const flat = title.replace(/\s+/g, ' ').trim();
  const short =
    flat.length > QUOTED_TITLE_CHARS ? `${flat.slice(0, QUOTED_TITLE_CHARS - 1).trimEnd()}…` : flat;
  return host ? `“${short}” (${host})` : `“${short}”`;
}

/** What a command needed that the session lacks, as "has no …" / "cannot …". */
const LACKS: Record<CommandName, string> = {
  'play-pause': 'cannot play or pause',
  'next-track': 'has no next track',
  'previous-track': 'has no previous track',
  'seek-backward': 'cannot seek backward',
  'seek-forward': 'cannot seek forward',
  stop: 'cannot stop',
  'mute-tab': 'cannot be muted',
  'toggle-picture-in-picture': 'has no video for picture-in-picture',
  'go-to-tab': 'has no tab to go to',
};

/** The sentence for `notice`, e.g. `“Song” (player.test) has no next track`. */
export function noticeText(notice: Notice): string {
  switch (notice.code) {
    case 'nothing-to-control':
      return 'Nothing to control';
    case 'cannot':
      return `${quoteTitle(notice.title, notice.host)} ${LACKS[notice.command]}`;
    case 'no-response':
      return `${quoteTitle(notice.title, notice.host)} did not respond`;
    case 'no-playing-video':
      return `${quoteTitle(notice.title, notice.host)} has no playing video`;
    case 'pip-refused':
      return 'Chrome refused picture-in-picture';
    case 'pip-this-tab': {
      const about =
        notice.title !== undefined
          ? quoteTitle(notice.title, notice.host ?? '')
          : 'The active media';
      const why = {
        'nothing-to-control': 'Nothing to control',
        'active-has-no-video': `${about} has no video for picture-in-picture`,
        'active-elsewhere': 'The active media is in another tab',
        waking: 'Media Deck was starting up',
      }[notice.because];
      return notice.outcome === 'used'
        ? `${why}: used this tab's video for picture-in-picture`
        : `${why}, and this tab has no playing video for picture-in-picture`;
    }
  }
}
