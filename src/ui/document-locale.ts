import { type MessageKey, t, textDirection } from '../shared/i18n';

/**
 * Puts an extension page in the UI language: `lang` from the messages in use (`messagesLocale`,
 * English when Chrome fell back to it), `dir` from Chrome's `@@bidi_dir` (so a right-to-left UI
 * mirrors the layout; CSS uses logical properties), and the document's title from `titleKey`.
 */
export function localizeDocument(doc: Document, titleKey: MessageKey): void {
  doc.documentElement.lang = t('messagesLocale');
  doc.documentElement.dir = textDirection();
  doc.title = t(titleKey);
}
