import { t } from '../../shared/i18n';
import { AUTO_PIP_MODES, type AutoPipMode } from '../../shared/settings';

/** Each mode's name, as the options page names it too. */
export const AUTO_PIP_MODE_LABELS: Record<AutoPipMode, () => string> = {
  off: () => t('autoPipModeOff'),
  video: () => t('autoPipModeVideo'),
  'video-and-audio': () => t('autoPipModeVideoAndAudio'),
};

/**
 * The automatic picture-in-picture setting, in the popup's footer (issue #4: settings shown in the
 * options page and in the popup). Changes apply to open tabs at once.
 */
export function AutoPipSetting({
  mode,
  onChange,
}: {
  mode: AutoPipMode;
  onChange: (mode: AutoPipMode) => void;
}) {
  return (
    <label class="setting">
      <span>{t('popupAutoPipLabel')}</span>
      <select
        value={mode}
        onChange={(event) =>
          onChange((event.currentTarget as HTMLSelectElement).value as AutoPipMode)
        }
      >
        {AUTO_PIP_MODES.map((m) => (
          <option key={m} value={m}>
            {AUTO_PIP_MODE_LABELS[m]()}
          </option>
        ))}
      </select>
    </label>
  );
}
