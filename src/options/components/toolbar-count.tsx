/**
 * The options page's toolbar setting (docs/architecture.md § The service worker: `toolbar.ts`).
 */
import { useId } from 'preact/hooks';
import { t } from '../../shared/i18n';

/**
 * "Toolbar icon": whether the icon's badge counts the playing sessions (off by default, as the
 * badge otherwise speaks only after a keyboard command: src/background/toolbar.ts).
 */
export function ToolbarCount({
  checked,
  onChange,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div class="group toolbar-count">
      <div class="choice">
        <input
          type="checkbox"
          id={`${id}-input`}
          checked={checked}
          aria-describedby={`${id}-hint`}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        <label for={`${id}-input`}>{t('toolbarCountLabel')}</label>
        <span class="hint" id={`${id}-hint`}>
          {t('toolbarCountHint')}
        </span>
      </div>
    </div>
  );
}
