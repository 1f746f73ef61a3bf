/**
 * Templates for new files and entries: a workspace's own in `.okr/templates/`, else the ones that
 * ship with okr in `templates/`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import { describeFsError, readGuardedFile, RefusedFileError } from './guarded-file.js';
import { findInvalidUtf8 } from '../parse/utf8.js';
import { formatSize } from '../parse/limits.js';

export const BUILT_IN_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));
export const WORKSPACE_TEMPLATES = '.okr/templates';

export interface Template {
  /** Where it came from, for messages: `.okr/templates/objective.md` or `templates/objective.md` of okr. */
  origin: string;
  source: string;
}

/** The most bytes a template may have. */
export const MAX_TEMPLATE_SIZE = 256 * 1024;

/**
 * The template `name` (a path below the templates folder, with `/`): the workspace's own when
 * `.okr/templates/<name>` exists, read only as a regular file inside the real workspace root of at
 * most MAX_TEMPLATE_SIZE bytes of UTF-8 (guarded-file.ts); else okr's built-in one. Throws a
 * UserError naming the template when the workspace's own cannot be used.
 */
export async function loadTemplate(root: string, name: string): Promise<Template> {
  const origin = `${WORKSPACE_TEMPLATES}/${name}`;
  const own = path.join(root, WORKSPACE_TEMPLATES, name);
  try {
    const { bytes } = readGuardedFile(own, { root, maxBytes: MAX_TEMPLATE_SIZE, followLinks: false });
    if (findInvalidUtf8(bytes) !== -1) throw new UserError(`${origin}: file is not valid UTF-8: save it as UTF-8`);
    return { origin, source: bytes.toString('utf8') };
  } catch (error) {
    if (!(error instanceof RefusedFileError)) throw error;
    if (error.reason === 'too-large') throw new UserError(`${origin}: file is over the ${formatSize(MAX_TEMPLATE_SIZE)} a template may have`);
    if (error.reason !== 'missing' || error.message !== 'no such file or directory') {
      throw new UserError(`${origin}: cannot be read: ${error.message}`);
    }
  }
  try {
    return { origin: `okr's built-in templates/${name}`, source: await readFile(path.join(BUILT_IN_TEMPLATES, name), 'utf8') };
  } catch (error) {
    throw new UserError(`built-in template ${name} cannot be read: ${describeFsError(error)} (is okr installed completely?)`);
  }
}
