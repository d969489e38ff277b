import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import manifest from './manifest.json' with { type: 'json' };

// One build for every execution context. The two content scripts are `*.iife.ts` so that
// @crxjs/vite-plugin bundles them as self-contained IIFEs: the MAIN-world wrapper must run
// synchronously at document_start, before the page's first inline script, which the default
// async `import()` loader would miss.
/**
 * Wraps each content-script bundle (`src/content/*.iife.js`) in `try { … } catch {}`. The
 * MAIN-world script runs in the page's realm: injected late into a page that already replaced or
 * broke a built-in it reads while starting, its exception would reach the page's `error` handlers
 * as the page's own. The source files catch in every callback; this covers the code that runs
 * while the bundle itself is evaluated (module initialisation included). The bridge gets the same,
 * so that nothing of ours lands in the page's console either.
 */
/** The MAIN-world bundle, and the string the worker's code holds until the build inlines it. */
const MAIN_WORLD_FILE = 'src/content/main-world.iife.js';
const MAIN_WORLD_PLACEHOLDER = '__MEDIA_DECK_MAIN_WORLD__';

function guardContentScripts(): Plugin {
  return {
    name: 'media-deck:guard-content-scripts',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const guarded: string[] = [];
      let mainWorld = '';
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !/^src\/content\/[^/]+\.iife\.js$/.test(file.fileName))
          continue;
        // Strict mode for all of it: a sloppy function of ours would be visible to a page function
        // it calls, through `pageFunction.caller` (natively `null`, a Blink binding calls it).
        // The bundle must be a single IIFE, or its top-level declarations would leak into the page.
        const source = String(file.source);
        if (!/^\s*\(function\s*\(/.test(source)) {
          this.error(`${file.fileName} is not a single IIFE; it cannot be guarded safely`);
        }
        // The newlines keep a trailing line comment of the bundle from swallowing the `}`.
        file.source = `"use strict";try{\n${source}\n}catch(e){}\n`;
        guarded.push(file.fileName);
        if (file.fileName === MAIN_WORLD_FILE) mainWorld = source;
      }
      // The MAIN world as a function for the worker's late injection
      // (src/background/main-world-function.ts): the same bundle, guarded the same way, its
      // `MEDIA_DECK_CHANNEL` a parameter and its `MEDIA_DECK_RESULT` a local, out of the page's reach.
      if (!mainWorld) this.error(`${MAIN_WORLD_FILE} was not in the bundle`);
      const asFunction = `(function(MEDIA_DECK_CHANNEL){"use strict";var MEDIA_DECK_RESULT="inert";try{\n${mainWorld}\n}catch(e){}\nreturn MEDIA_DECK_RESULT;})`;
      let inlined = 0;
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        for (const quote of ['"', "'", '`']) {
          const placeholder = `${quote}${MAIN_WORLD_PLACEHOLDER}${quote}`;
          if (!file.code.includes(placeholder)) continue;
          file.code = file.code.split(placeholder).join(asFunction);
          inlined++;
        }
      }
      if (inlined !== 1) this.error(`expected the MAIN-world placeholder once, found ${inlined}`);
      // @crxjs/vite-plugin emits the IIFEs in its own generateBundle, before this one: if that
      // ever changes, fail the build rather than ship unguarded scripts.
      if (guarded.length !== 2) {
        this.error(
          `expected 2 content-script bundles to guard, found ${guarded.join(', ') || 'none'}`,
        );
      }
    },
  };
}

export default defineConfig({
  plugins: [preact(), crx({ manifest }), guardContentScripts()],
  build: {
    target: 'chrome134',
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
          globalSetup: ['tests/support/global-setup.ts'],
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
