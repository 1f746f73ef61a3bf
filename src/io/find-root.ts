/**
 * Which workspace a directory belongs to: the nearest folder at or above it holding okr.config.yaml
 * (or okr.config.yml, read the same; a folder holding both is refused).
 */
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILES } from '../model/config.js';
import { UserError } from '../errors.js';

export interface WorkspaceLocation {
  /** The workspace root, absolute: the folder holding the config, else the directory asked about. */
  root: string;
  /** The config file's name at the root (okr.config.yaml or okr.config.yml), or null when there is none. */
  configFile: string | null;
  /**
   * The directory asked about relative to the root, with `/`, when it is below the root (a report
   * then shows only what is under it); null when it is the root itself.
   */
  scope: string | null;
}

/**
 * The workspace around `dir` (absolute, or relative to the process's directory): the nearest
 * folder at or above it holding a config file, its scope being `dir`'s place below it; else `dir`
 * itself without a config. Throws a UserError (exit 1) naming both files when a folder on the way
 * holds both okr.config.yaml and okr.config.yml.
 */
export async function locateWorkspace(dir: string): Promise<WorkspaceLocation> {
  const start = path.resolve(dir);
  for (let current = start; ;) {
    const configFile = await configFileIn(current);
    if (configFile !== null) {
      const relative = path.relative(current, start).split(path.sep).join('/');
      return { root: current, configFile, scope: relative === '' ? null : relative };
    }
    const parent = path.dirname(current);
    if (parent === current) return { root: start, configFile: null, scope: null };
    current = parent;
  }
}

/**
 * The name of the config file in `dir` (anything at the name counts, even a link or a folder: the
 * loader says what is wrong with it), or null. Throws a UserError when both names are there.
 */
export async function configFileIn(dir: string): Promise<string | null> {
  const present: string[] = [];
  for (const name of CONFIG_FILES) {
    if (await lstat(path.join(dir, name)).catch(() => null)) present.push(name);
  }
  if (present.length > 1) {
    throw new UserError(
      `${present.map((name) => path.join(dir, name)).join(' and ')} both exist: okr reads one config per workspace; merge them into ${present[0]} and remove the other`,
    );
  }
  return present[0] ?? null;
}
