/** The TypeScript files below a folder, for tests that read okr's own source. */
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Absolute paths of every `.ts` file below `dir`, sorted. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
