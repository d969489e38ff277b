/** The name of each automatic picture-in-picture mode (`AutoPipMode`, src/shared/settings.ts). */
import { t } from '../shared/i18n';
import type { AutoPipMode } from '../shared/settings';

export const AUTO_PIP_MODE_LABELS: Record<AutoPipMode, () => string> = {
  off: () => t('autoPipModeOff'),
  video: () => t('autoPipModeVideo'),
  'video-and-audio': () => t('autoPipModeVideoAndAudio'),
};
