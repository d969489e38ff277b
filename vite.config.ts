import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { build as rolldownBuild } from 'rolldown';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import manifest from './manifest.json' with { type: 'json' };
import packageJson from './package.json' with { type: 'json' };
import { AGENT_SCRIPT, BRIDGE_LATE_SCRIPT } from './src/shared/channel';
import { firefoxManifest } from './src/shared/firefox-manifest';

// One build for every execution context. The two content scripts are `*.iife.ts` so that
// @crxjs/vite-plugin bundles them as self-contained IIFEs: the MAIN-world wrapper must run
// synchronously at document_start, before the page's first inline script, which the default
// async `import()` loader would miss.
/** The MAIN-world bundle, whose frames are named `<anonymous>` (see `guardContentScripts`). */
const MAIN_WORLD_FILE = 'src/content/main-world.iife.js';
/** The late MAIN world's entry, and the string the worker's code holds until the build inlines it. */
const MAIN_WORLD_LATE_ENTRY = 'src/content/main-world-late.ts';
const MAIN_WORLD_PLACEHOLDER = '__MEDIA_DECK_MAIN_WORLD__';
/** Scripts the worker injects with `scripting.executeScript({ files })`, by entry. */
const INJECTED_SCRIPTS = [
  { entry: 'src/content/session-agent.ts', file: AGENT_SCRIPT },
  { entry: 'src/content/bridge-late.ts', file: BRIDGE_LATE_SCRIPT },
];

/**
 * V8's explicit compile hint (Chrome 136+; https://v8.dev/blog/explicit-compile-hints): compile
 * every function of the file with the file, rather than pre-parsing each and parsing it again at
 * its first call. Content scripts get no code cache, and ours call most of their functions on the
 * way in, so the double parse was most of what they cost: `npm run bench` (page section) measured
 * the frame's script time about 45 % lower with it, with media and without. Other engines read a
 * comment. It must be the file's first line.
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/**
 * Tree-shaking for the isolated world's injected scripts (the agent, the late first stage). Every
 * `v.…()` call of src/shared/contract.ts, and `keyedVariant`, is pure: rolldown does not read
 * valibot's own `@__NO_SIDE_EFFECTS__` marks (rolldown/rolldown#5890), and property reads such as
 * `LIMITS.url` kept the statements that hold them. Without it the agent built every schema of the
 * contract, the popup's and the worker's too, in every frame that loads it: about 0.4 ms of
 * its 0.9 ms of schemas, as marks around each statement measured on the music fixture. Not for the
 * MAIN world, where a property read may be a page's getter and must stay where the source has it.
 */
const ISOLATED_TREESHAKE = {
  manualPureFunctions: ['v', 'keyedVariant'],
  propertyReadSideEffects: false as const,
};

/**
 * Bundles `entry` into one minified IIFE with rolldown (the bundler under vite), for the build
 * `mode` (`import.meta.env.MODE`, as vite defines it for the rest of the build: `production`, or
 * `firefox`), tree-shaken by `treeshake` (rolldown's defaults when absent).
 */
async function bundleIife(
  entry: string,
  mode: string,
  treeshake?: typeof ISOLATED_TREESHAKE,
): Promise<string> {
  const result = await rolldownBuild({
    input: entry,
    platform: 'browser',
    write: false,
    transform: { define: { 'import.meta.env.MODE': JSON.stringify(mode) } },
    treeshake,
    output: { format: 'iife', minify: true },
  });
  const chunks = result.output.filter((o) => o.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`${entry} built into ${chunks.length} chunks`);
  return chunks[0]?.code ?? '';
}

/**
 * Wraps each content-script bundle (`src/content/*.iife.js`) in `try { … } catch {}`. The
 * MAIN-world script runs in the page's realm: injected late into a page that already replaced or
 * broke a built-in it reads while starting, its exception would reach the page's `error` handlers
 * as the page's own. The source files catch in every callback; this covers the code that runs
 * while the bundle itself is evaluated (module initialisation included). The bridge gets the same,
 * so that nothing of ours lands in the page's console either.
 */
function guardContentScripts(mode: string): Plugin {
  return {
    name: 'media-deck:guard-content-scripts',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const guarded: string[] = [];
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
        // The newlines keep a trailing line comment of the bundle from swallowing the `}`. The
        // MAIN world's frames are named `<anonymous>` in `Error.stack`: a page function that one of
        // our wrappers must call (to convert an argument) sees one frame of ours below it, and
        // that frame must not print `chrome-extension://<id>` (docs/architecture.md § The page
        // cannot tell).
        const name = file.fileName === MAIN_WORLD_FILE ? '//# sourceURL=<anonymous>\n' : '';
        file.source = `${COMPILE_HINT}"use strict";try{\n${source}\n}catch{}\n${name}`;
        guarded.push(file.fileName);
      }
      // @crxjs/vite-plugin emits the IIFEs in its own generateBundle, before this one: if that
      // ever changes, fail the build rather than ship unguarded scripts.
      if (guarded.length !== 2) {
        this.error(
          `expected 2 content-script bundles to guard, found ${guarded.join(', ') || 'none'}`,
        );
      }
      // The late MAIN world as a function for the worker's injection
      // (src/background/main-world-function.ts), guarded the same way, its `MEDIA_DECK_CHANNEL` a
      // parameter and its `MEDIA_DECK_RESULT` a local, out of the page's reach.
      const late = await bundleIife(MAIN_WORLD_LATE_ENTRY, mode);
      const asFunction = `(function(MEDIA_DECK_CHANNEL){"use strict";var MEDIA_DECK_RESULT="inert";try{\n${late}\n}catch{}\nreturn MEDIA_DECK_RESULT;})`;
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
    },
  };
}

/**
 * Builds the isolated-world scripts the worker injects itself (`INJECTED_SCRIPTS`): the session
 * agent, the isolated world's second stage (docs/architecture.md § Two stages), and the first
 * stage for a late injection. Each is one self-contained IIFE, emitted as a plain file of the
 * extension: not in the manifest's `content_scripts` (which every frame would pay for), nor a
 * web-accessible resource (which a page could probe). Guarded like the content scripts.
 */
function buildInjectedScripts(mode: string): Plugin {
  return {
    name: 'media-deck:injected-scripts',
    apply: 'build',
    async generateBundle() {
      for (const { entry, file } of INJECTED_SCRIPTS) {
        const code = await bundleIife(entry, mode, ISOLATED_TREESHAKE);
        this.emitFile({
          type: 'asset',
          fileName: file,
          source: `${COMPILE_HINT}"use strict";try{\n${code}\n}catch{}\n`,
        });
      }
    },
  };
}

/**
 * `vite build` builds for Chromium into `dist/`; `vite build --mode firefox`
 * (`npm run build:firefox`) builds the same source into `dist-firefox/` with the Firefox manifest
 * (src/shared/firefox-manifest.ts), @crxjs/vite-plugin's `browser: 'firefox'` emitting the
 * background as `background.scripts`.
 */
export default defineConfig(({ mode }) => {
  const firefox = mode === 'firefox';
  // The version is package.json's alone: manifest.json has none, so the two cannot disagree.
  const versioned = { ...manifest, version: packageJson.version };
  return {
    plugins: [
      preact(),
      firefox
        ? crx({ manifest: firefoxManifest(versioned) as typeof versioned, browser: 'firefox' })
        : crx({ manifest: versioned }),
      guardContentScripts(mode),
      buildInjectedScripts(mode),
    ],
    build: {
      target: firefox ? 'firefox140' : 'chrome134',
      outDir: firefox ? 'dist-firefox' : 'dist',
      // @crxjs/vite-plugin builds the pages the manifest names, but knows no `sidebar_action`:
      // Firefox's sidebar page (the side panel's) is one more input.
      ...(firefox ? { rollupOptions: { input: ['src/sidepanel/index.html'] } } : {}),
      sourcemap: false,
      emptyOutDir: true,
    },
    // vitest: `unit` runs the pure logic and the Preact views in happy-dom; `browser` drives the
    // built extension in Debian's Chromium through playwright-core (needs `npm run build` first);
    // `firefox` drives `dist-firefox/` in Debian's Firefox ESR through puppeteer-core over WebDriver
    // BiDi (needs `npm run build:firefox`; docs/testing.md § Real Firefox).
    test: {
      projects: [
        {
          plugins: [preact()],
          test: {
            name: 'unit',
            include: ['src/**/*.test.{ts,tsx}'],
            environment: 'happy-dom',
            setupFiles: ['tests/support/unit-setup.ts'],
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
        {
          test: {
            name: 'firefox',
            include: ['tests/firefox/**/*.test.ts'],
            environment: 'node',
            globalSetup: ['tests/support/firefox-global-setup.ts'],
            fileParallelism: false,
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  };
});
