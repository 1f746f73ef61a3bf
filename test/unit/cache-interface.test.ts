/**
 * The facts cache sits behind one door, src/io/file-facts.ts (readFacts, factsOfContents,
 * configFacts): nothing else opens the cache's modules, so that how facts are stored can change
 * without touching the rest of okr, and a damaged cache never reaches the core.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { sourceFiles } from '../helpers/source-files.js';

/** The cache's own modules, which may use each other (file-signature.ts is a stat helper the lister uses too). */
const CACHE_MODULES = ['facts-cache', 'facts-codec', 'cache-writer', 'cache-writer-worker', 'cache-folder', 'parse-pool', 'parse-worker'];

describe('the facts cache', () => {
  it('is opened only through src/io/file-facts.ts', () => {
    const importers: string[] = [];
    for (const file of sourceFiles(path.join(REPO_ROOT, 'src'))) {
      const name = path.basename(file, '.ts');
      if (CACHE_MODULES.includes(name) || name === 'file-facts') continue;
      const source = readFileSync(file, 'utf8');
      // Value imports (and dynamic ones) only: `import type` of a shape is fine.
      for (const match of source.matchAll(/^import (?!type )[^;]*from '([^']+)'|import\('([^']+)'\)/gm)) {
        const target = path.basename(match[1] ?? match[2]!, '.js');
        if (CACHE_MODULES.includes(target)) importers.push(`${path.relative(REPO_ROOT, file)} → ${target}`);
      }
    }
    expect(importers).toEqual([]);
  });

  it('is not known to the pure core', () => {
    for (const folder of ['parse', 'model', 'compute', 'edit']) {
      for (const file of sourceFiles(path.join(REPO_ROOT, 'src', folder))) {
        expect(readFileSync(file, 'utf8'), file).not.toMatch(/from '\.\.\/io\//);
      }
    }
  });
});
