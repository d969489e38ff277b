/**
 * The words for each keys rule (`KeysRule`, src/shared/settings.ts), shared by the popup's footer
 * and badge and the options page, so that a rule has one name wherever it appears.
 */
import { t } from '../shared/i18n';
import type { KeysRule } from '../shared/settings';

/** Each rule's short name (the popup's list, the badge's tooltip, the options page's choices). */
export const KEYS_RULE_LABELS: Record<KeysRule, () => string> = {
  'most-recent': () => t('keysRuleMostRecent'),
  'current-tab': () => t('keysRuleCurrentTab'),
  'pinned-only': () => t('keysRulePinnedOnly'),
};

/** Each rule, said in full (the options page). */
export const KEYS_RULE_HINTS: Record<KeysRule, () => string> = {
  'most-recent': () => t('keysRuleHintMostRecent'),
  'current-tab': () => t('keysRuleHintCurrentTab'),
  'pinned-only': () => t('keysRuleHintPinnedOnly'),
};
