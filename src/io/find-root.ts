import { access } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE } from '../model/config.js';

/** The nearest ancestor of `cwd` (itself included) that holds okr.config.yaml, else `cwd`. */
export async function findWorkspaceRoot(cwd: string): Promise<string> {
  let dir = path.resolve(cwd);
  for (;;) {
    try {
      await access(path.join(dir, CONFIG_FILE));
      return dir;
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) return path.resolve(cwd);
      dir = parent;
    }
  }
}
