/**
 * The string literals of a built bundle, as a page could collect them from the extension's files
 * (`chrome-extension://<id>/…` is fetchable from any page for web-accessible files, and the store
 * serves every version to anyone): string literals, template literals and the literal parts of
 * templates with substitutions. Parsed with TypeScript's parser, so that no quote, escape or
 * regular expression is mistaken for one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { DIST } from './harness';

/** The built MAIN-world content script (`vite.config.ts`, `MAIN_WORLD_FILE`). */
export const MAIN_WORLD_BUNDLE = join(DIST, 'src/content/main-world.iife.js');

/** Every distinct string of at least `minLength` characters in the JavaScript file `path`, sorted. */
export function bundleStrings(path: string, minLength: number): string[] {
  const source = ts.createSourceFile(
    path,
    readFileSync(path, 'utf8'),
    ts.ScriptTarget.Latest,
    false,
    ts.ScriptKind.JS,
  );
  const found = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      if (node.text.length >= minLength) found.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...found].sort();
}
