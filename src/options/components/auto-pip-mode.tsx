import { useId } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { AutoPipMode } from '../../shared/settings';

/** The choices, in order, with what each does (in the UI language, when drawn). */
const CHOICES: { mode: AutoPipMode; label: () => string; hint: () => string }[] = [
  { mode: 'off', label: () => t('autoPipModeOff'), hint: () => t('autoPipHintOff') },
  { mode: 'video', label: () => t('autoPipModeVideo'), hint: () => t('autoPipHintVideo') },
  {
    mode: 'video-and-audio',
    label: () => t('autoPipModeVideoAndAudio'),
    hint: () => t('autoPipHintVideoAndAudio'),
  },
];

/**
 * "Automatic picture-in-picture": off, videos only, or videos and audio, and why Chrome
 * may still not open it: only on https pages, and only where the site's own "Automatic
 * picture-in-picture" setting allows it, which an extension cannot change (docs/architecture.md
 * § Automatic picture-in-picture), hence the button to Chrome's site settings.
 */
export function AutoPipChoice({
  mode,
  onChange,
  openChromeSettings,
}: {
  mode: AutoPipMode;
  onChange: (mode: AutoPipMode) => void;
  openChromeSettings: () => void;
}) {
  const id = useId();
  return (
    <fieldset class="group">
      <legend>{t('autoPipHeading')}</legend>
      <p class="hint">{t('autoPipWhen')}</p>
      <div class="choices">
        {CHOICES.map((choice) => (
          <div class="choice" key={choice.mode}>
            <input
              type="radio"
              name={`${id}-mode`}
              id={`${id}-${choice.mode}`}
              value={choice.mode}
              checked={mode === choice.mode}
              aria-describedby={`${id}-${choice.mode}-hint`}
              onChange={() => onChange(choice.mode)}
            />
            <label for={`${id}-${choice.mode}`}>{choice.label()}</label>
            <span class="hint" id={`${id}-${choice.mode}-hint`}>
              {choice.hint()}
            </span>
          </div>
        ))}
      </div>
      <div class="note">
        <p>{t('autoPipChromeNote')}</p>
        <button type="button" class="secondary" onClick={openChromeSettings}>
          {t('openChromeSiteSettings')}
        </button>
      </div>
    </fieldset>
  );
}
