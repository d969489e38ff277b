/**
 * The build is Firefox's (vite.config.ts defines `import.meta.env.MODE`: `production` for Chromium,
 * `firefox`). A constant, so each build keeps only its own branch, and Chromium's content scripts
 * carry none of Firefox's. The content scripts' one answer to "which browser"; the extension pages
 * and the background ask src/shared/platform.ts at run time instead.
 */
export const FIREFOX = import.meta.env.MODE === 'firefox';
