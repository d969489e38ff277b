/**
 * The popup's words for why a session is not armed for automatic picture-in-picture
 * (`AutoPipReason`, src/shared/contract.ts), from the i18n messages (src/shared/i18n.ts), and which
 * reasons the user can change in Media Deck's own settings.
 */
import type { AutoPipReason } from '../shared/contract';
import { t } from '../shared/i18n';

/** The reason as a sentence, e.g. "Automatic picture-in-picture is blocked for video.test". */
export function autoPipReasonText(reason: AutoPipReason, host: string): string {
  switch (reason) {
    case 'blocked-host':
      return t('autoPipReasonBlockedHost', host);
    case 'setting-off':
      return t('autoPipReasonSettingOff');
    case 'videos-only':
      return t('autoPipReasonVideosOnly');
    case 'video-disallows':
      return t('autoPipReasonVideoDisallows');
    case 'insecure-page':
      return t('autoPipReasonInsecurePage');
    case 'embedded-frame':
      return t('autoPipReasonEmbeddedFrame');
    case 'not-playing':
      return t('autoPipReasonNotPlaying');
    case 'not-audible':
      return t('autoPipReasonNotAudible');
    case 'other-window':
      return t('autoPipReasonOtherWindow');
  }
}

/** Whether Media Deck's own settings decide `reason` (so the popup offers to open them). */
export function isFixableInSettings(reason: AutoPipReason): boolean {
  return reason === 'blocked-host' || reason === 'setting-off' || reason === 'videos-only';
}
