import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import manifest from './manifest.json' with { type: 'json' };

// One build for every execution context. The two content scripts are `*.iife.ts` so that
// @crxjs/vite-plugin bundles them as self-contained IIFEs: the MAIN-world wrapper must run
// synchronously at document_start, before the page's first inline script, which the default
// async `import()` loader would miss.
export default defineConfig({
  plugins: [preact(), crx({ manifest })],
  build: {
    target: 'chrome116',
    sourcemap: false,
    emptyOutDir: true,
  },
  // vitest: `unit` runs the pure logic and the Preact views in happy-dom; `browser` drives the
  // built extension in Debian's Chromium through playwright-core (needs `npm run build` first).
  test: {
    projects: [
      {
        plugins: [preact()],
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/global-setup.ts'],
          fileParallelism: false,
          // Chrome's own media timing (when it marks a tab audible, when automatic
          // picture-in-picture considers a tab eligible) can make a rare first attempt miss on a
          // loaded 2-core machine. One retry keeps CI from failing on that; a real failure fails
          // twice, and vitest reports every retried test.
          retry: 1,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
