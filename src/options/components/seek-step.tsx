/**
 * The options page's seek step: the `seekOffset`, in seconds, that seek backward / forward pass to
 * the page's handlers (docs/architecture.md § Running an intent).
 */
import { useId, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';

/** Fewest and most seconds of the seek step. */
const MIN_SECONDS = 1;
const MAX_SECONDS = 300;

/** The seek step from what the user typed: a whole number of seconds, 1 to 300, else `null`. */
export function parseSeekStep(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const seconds = Number(trimmed);
  return seconds >= MIN_SECONDS && seconds <= MAX_SECONDS ? seconds : null;
}

/**
 * "Seek step": how many seconds seek backward / forward move (popup buttons and keyboard
 * commands). Saved on `change` (Enter, leaving the field, or the arrows); an invalid value shows an
 * error, stays in the field to be fixed, and is not saved.
 */
export function SeekStep({
  seconds,
  onChange,
}: {
  seconds: number;
  onChange: (n: number) => void;
}) {
  const id = useId();
  /** What the user typed and has not been saved, or `null` to show the setting. */
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const describedBy = error === null ? `${id}-hint` : `${id}-hint ${id}-error`;

  return (
    <div class="group seek-step">
      <div class="field">
        <label for={`${id}-input`}>{t('seekStepLabel')}</label>
        <div class="row">
          <input
            id={`${id}-input`}
            type="number"
            inputMode="numeric"
            min={MIN_SECONDS}
            max={MAX_SECONDS}
            step={1}
            value={draft ?? String(seconds)}
            aria-invalid={error !== null}
            aria-describedby={describedBy}
            onInput={(event) => {
              setDraft(event.currentTarget.value);
              setError(null);
            }}
            onChange={(event) => {
              const value = parseSeekStep(event.currentTarget.value);
              if (value === null) {
                setDraft(event.currentTarget.value);
                setError(t('seekStepInvalid', MIN_SECONDS, MAX_SECONDS));
                return;
              }
              setDraft(null);
              setError(null);
              onChange(value);
            }}
          />
          <span class="unit">{t('seekStepUnit')}</span>
        </div>
        <p class="hint" id={`${id}-hint`}>
          {t('seekStepHint', MIN_SECONDS, MAX_SECONDS)}
        </p>
        {error !== null && (
          <p class="error" role="alert" id={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
