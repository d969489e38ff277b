import { useId } from 'preact/hooks';
import type { AutoPipMode } from '../../shared/settings';

/** The choices, in order, with what each does. */
const CHOICES: { mode: AutoPipMode; label: string; hint: string }[] = [
  { mode: 'off', label: 'Off', hint: 'Switching tabs never opens picture-in-picture.' },
  {
    mode: 'video',
    label: 'Videos only',
    hint: 'A playing video opens in picture-in-picture when you switch tabs.',
  },
  {
    mode: 'video-and-audio',
    label: 'Videos and audio',
    hint: 'Audio opens a mini player with its title, artwork and controls.',
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
      <legend>Automatic picture-in-picture</legend>
      <p class="hint">When you switch away from a tab that is playing:</p>
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
            <label for={`${id}-${choice.mode}`}>{choice.label}</label>
            <span class="hint" id={`${id}-${choice.mode}-hint`}>
              {choice.hint}
            </span>
          </div>
        ))}
      </div>
      <div class="note">
        <p>
          Chrome opens automatic picture-in-picture only on secure (https) pages, and only when the
          site's own "Automatic picture-in-picture" setting allows it. Extensions cannot change that
          setting; you can, in Chrome's site settings.
        </p>
        <button type="button" class="secondary" onClick={openChromeSettings}>
          Open Chrome's site settings
        </button>
      </div>
    </fieldset>
  );
}
