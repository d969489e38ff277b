/**
 * Setup of the `unit` vitest project (vite.config.ts): an English `chrome.i18n` for every test
 * file, as Chrome would give an extension in an English UI (src/shared/i18n.ts reads it).
 */
import { installFakeI18n } from './fake-i18n';

installFakeI18n('en');
