/**
 * The Markdown reader is fenced in src/parse/markdown/: the rest of src/ reaches it only through
 * its entry point, index.ts, and its modules import each other without a cycle (shared shapes live
 * in types.ts). Tests may look inside it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { sourceFiles } from '../helpers/source-files.js';

const SRC = path.join(REPO_ROOT, 'src');
const MARKDOWN = path.join(SRC, 'parse', 'markdown');

/**
 * The files a module imports or re-exports, statically or with `import()` (relative specifiers
 * only), as absolute `.ts` paths. The code base writes specifiers in single quotes.
 */
function localImports(file: string): string[] {
  const found: string[] = [];
  for (const match of readFileSync(file, 'utf8').matchAll(/\b(?:from|import)\s*\(?\s*'(\.[^']*)'/g)) {
    found.push(path.resolve(path.dirname(file), match[1]!).replace(/\.js$/, '.ts'));
  }
  return found;
}

describe('the Markdown reader in src/parse/markdown', () => {
  it('is imported from the rest of src/ only through index.ts', () => {
    const entry = path.join(MARKDOWN, 'index.ts');
    const outside = sourceFiles(SRC).filter((file) => !file.startsWith(MARKDOWN + path.sep));
    const reachingIn = outside.flatMap((file) =>
      localImports(file)
        .filter((target) => target.startsWith(MARKDOWN + path.sep) && target !== entry)
        .map((target) => `${path.relative(REPO_ROOT, file)} imports ${path.relative(REPO_ROOT, target)}`),
    );
    expect(reachingIn).toEqual([]);
  });

  it('has no import cycle among its modules', () => {
    const files = sourceFiles(MARKDOWN);
    const imports = new Map(files.map((file) => [file, localImports(file).filter((target) => target.startsWith(MARKDOWN + path.sep))]));
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.basename(f)).join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const target of imports.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
