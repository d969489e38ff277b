/**
 * The options page's "Pause others, resume after" switches (docs/architecture.md § Pause others,
 * resume after).
 */
import { useId } from 'preact/hooks';
import { t } from '../../shared/i18n';

/** A checkbox with its label and the hint that describes it. */
function Checkbox({
  label,
  hint,
  checked,
  disabled = false,
  onChange,
}: {
  label: string;
  hint: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div class="choice">
      <input
        type="checkbox"
        id={`${id}-input`}
        checked={checked}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      <label for={`${id}-input`}>{label}</label>
      <span class="hint" id={`${id}-hint`}>
        {hint}
      </span>
    </div>
  );
}

/**
 * "When media starts playing": pause the other playing media (off by default), and resume the
 * most recent of them when that media is paused or ends (src/background/pause-others.ts). The
 * exempt sites are a host list beside it (src/options/options-app.tsx).
 */
export function PauseOthersChoice({
  pauseOthers,
  resumeAfter,
  onChange,
}: {
  pauseOthers: boolean;
  resumeAfter: boolean;
  onChange: (patch: { pauseOthers?: boolean; resumeAfter?: boolean }) => void;
}) {
  return (
    <div class="group pause-others">
      <Checkbox
        label={t('pauseOthersLabel')}
        hint={t('pauseOthersHint')}
        checked={pauseOthers}
        onChange={(on) => onChange({ pauseOthers: on })}
      />
      <Checkbox
        label={t('resumeAfterLabel')}
        hint={t('resumeAfterHint')}
        checked={resumeAfter}
        disabled={!pauseOthers}
        onChange={(on) => onChange({ resumeAfter: on })}
      />
    </div>
  );
}
