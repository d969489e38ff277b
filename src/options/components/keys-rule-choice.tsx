/**
 * The options page's keys-rule setting (docs/architecture.md § The keys rule); the rules and their
 * labels come from src/shared/settings.ts and src/ui/keys-rule-labels.ts.
 */
import { useId } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { KEYS_RULES, type KeysRule } from '../../shared/settings';
import { KEYS_RULE_HINTS, KEYS_RULE_LABELS } from '../../ui/keys-rule-labels';

/**
 * "Media keys and shortcuts": which media the keys act on (the keys rule,
 * src/background/keys-rule.ts), each rule with what it does. The popup's footer offers the same
 * choice, and its badge marks the session the rule picks now.
 */
export function KeysRuleChoice({
  rule,
  onChange,
}: {
  rule: KeysRule;
  onChange: (rule: KeysRule) => void;
}) {
  const id = useId();
  return (
    <fieldset class="group">
      <legend>{t('keysRuleLabel')}</legend>
      <div class="choices">
        {KEYS_RULES.map((r) => (
          <div class="choice" key={r}>
            <input
              type="radio"
              name={`${id}-rule`}
              id={`${id}-${r}`}
              value={r}
              checked={rule === r}
              aria-describedby={`${id}-${r}-hint`}
              onChange={() => onChange(r)}
            />
            <label for={`${id}-${r}`}>{KEYS_RULE_LABELS[r]()}</label>
            <span class="hint" id={`${id}-${r}-hint`}>
              {KEYS_RULE_HINTS[r]()}
            </span>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
