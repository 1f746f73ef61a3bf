/**
 * Templates for new files and entries: a workspace's own in `.okr/templates/`, else the ones that
 * ship with okr in `templates/`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import { describeFsError } from './workspace-files.js';

export const BUILT_IN_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));
export const WORKSPACE_TEMPLATES = '.okr/templates';

export interface Template {
  /** Where it came from, for messages: `.okr/templates/objective.md` or `templates/objective.md` of okr. */
  origin: string;
  source: string;
}

/** `name` is a path below the templates folder, with `/`. */
export async function loadTemplate(root: string, name: string): Promise<Template> {
  const own = path.join(root, WORKSPACE_TEMPLATES, name);
  try {
    return { origin: `${WORKSPACE_TEMPLATES}/${name}`, source: await readFile(own, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new UserError(`${WORKSPACE_TEMPLATES}/${name}: cannot be read: ${describeFsError(error)}`);
    }
  }
  try {
    return { origin: `okr's built-in templates/${name}`, source: await readFile(path.join(BUILT_IN_TEMPLATES, name), 'utf8') };
  } catch (error) {
    throw new UserError(`built-in template ${name} cannot be read: ${describeFsError(error)} (is okr installed completely?)`);
  }
}
