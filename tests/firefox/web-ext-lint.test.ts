/**
 * Issue #15: the Firefox build is an add-on Firefox and addons.mozilla.org take. Runs Mozilla's
 * add-ons linter (`web-ext lint`, the pinned devDependency) on `dist-firefox/` and asserts no
 * errors, and that the built manifest is the Firefox one (src/shared/firefox-manifest.ts).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/chromium.mjs';
import { DIST_FIREFOX, GECKO_ID } from '../../scripts/lib/firefox.mjs';

interface LintMessage {
  code: string;
  message: string;
  file?: string;
}

describe('the Firefox build', () => {
  it('has the Firefox manifest', () => {
    const manifest = JSON.parse(readFileSync(join(DIST_FIREFOX, 'manifest.json'), 'utf8'));
    expect(manifest.browser_specific_settings.gecko).toMatchObject({
      id: GECKO_ID,
      data_collection_permissions: { required: ['none'] },
    });
    expect(manifest.background.scripts).toHaveLength(1);
    expect(manifest.background).not.toHaveProperty('service_worker');
    expect(manifest.content_scripts.map((s: { world?: string }) => s.world)).toEqual([
      'MAIN',
      undefined,
    ]);
  });

  it('has every page its manifest names', () => {
    const manifest = JSON.parse(readFileSync(join(DIST_FIREFOX, 'manifest.json'), 'utf8'));
    const pages = [
      manifest.action.default_popup,
      manifest.options_ui.page,
      manifest.sidebar_action.default_panel,
      ...manifest.background.scripts,
      ...manifest.content_scripts.flatMap((s: { js: string[] }) => s.js),
    ];
    expect(pages.filter((page: string) => !existsSync(join(DIST_FIREFOX, page)))).toEqual([]);
  });

  it('passes `web-ext lint` without errors', async () => {
    const bin = join(ROOT, 'node_modules/.bin/web-ext');
    // web-ext exits non-zero when there are errors; the JSON report is on stdout either way.
    const { stdout } = await promisify(execFile)(
      bin,
      ['lint', '--source-dir', DIST_FIREFOX, '--output', 'json', '--no-config-discovery'],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as { errors: LintMessage[]; warnings: LintMessage[] };
    expect(report.errors.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`)).toEqual([]);
  });
});
