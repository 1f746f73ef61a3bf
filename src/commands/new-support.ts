/** What `okr new objective|kr|task` share: ids, folders, templates and checks of what they render. */
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { WorkspaceModel } from '../model/link.js';
import { parseOkrText, type FileFacts } from '../parse/file-facts.js';
import { isValidId, slugify, uniqueId } from '../model/slug.js';
import type { NewKeyResult } from '../edit/key-results.js';
import { renderTemplate, TemplateError, type TemplateValue } from '../edit/template.js';
import { describeSchemaIssues, validateKeyResult } from '../parse/schema.js';
import { parseYaml } from '../parse/yaml.js';
import { UsageError, UserError } from '../errors.js';
import { loadTemplate } from '../io/templates.js';
import type { EditFlags } from './edit-support.js';
import type { InputFlags } from './ask.js';

export interface NewFlags extends EditFlags, InputFlags {
  dir?: string;
}

export async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** Objective and key result ids share one namespace here, so that an id always names one thing. */
export function isIdTaken(model: WorkspaceModel, id: string): boolean {
  return model.objectivesById.has(id) || model.keyResultsById.has(id) || model.duplicateIds.objectives.has(id) || model.duplicateIds.keyResults.has(id);
}

/** `--id` as given (valid and free), else one made from the title. */
export function chooseId(model: WorkspaceModel, given: string | undefined, title: string, fallback: string, isFree: (id: string) => boolean = () => true): string {
  if (given !== undefined) {
    if (!isValidId(given)) throw new UsageError(`--id "${given}" is not a valid id: use lowercase letters, digits, ".", "_" and "-", starting with a letter or digit`);
    if (isIdTaken(model, given)) throw new UserError(`--id "${given}" is already used in this workspace: choose another`);
    if (!isFree(given)) throw new UserError(`--id "${given}": a file for it already exists: choose another id, or --file`);
    return given;
  }
  return uniqueId(slugify(title) || fallback, (id) => isIdTaken(model, id) || !isFree(id));
}

/**
 * Where a new file of a kind goes: the folder all existing ones share; with none yet, `preferred`
 * (created when missing); with several folders, `preferred` when it exists, else the root.
 */
export async function folderFor(root: string, files: readonly string[], preferred: string): Promise<string> {
  const folders = new Set(files.map((file) => path.posix.dirname(file)));
  if (folders.size === 1) {
    const [only] = folders;
    return path.join(root, only === '.' ? '' : only!);
  }
  const candidate = path.join(root, preferred);
  return folders.size === 0 || (await exists(candidate)) ? candidate : root;
}

/** Renders a template, turning template mistakes into errors that name the template. */
export async function render(root: string, name: string, values: Record<string, TemplateValue>, yaml: 'all' | 'front-matter'): Promise<{ origin: string; text: string }> {
  const template = await loadTemplate(root, name);
  try {
    return { origin: template.origin, text: renderTemplate(template.source, values, yaml) };
  } catch (error) {
    if (error instanceof TemplateError) throw new UserError(`${template.origin}:${error.line}: ${error.message}`);
    throw error;
  }
}

/** Parses a rendered file and refuses it when it has errors: a broken template must not write a broken file. */
export function checkRendered(origin: string, shownPath: string, text: string): FileFacts {
  const facts = parseOkrText(shownPath, text);
  const error = facts.problems.find((problem) => problem.severity === 'error');
  if (error) {
    throw new UserError(`${origin} renders a file with an error (line ${error.line}, column ${error.column}: ${error.message}): fix the template (nothing written)`);
  }
  return facts;
}

/** A new file must lie inside the workspace and end in .md, or okr would never read it. */
export function checkNewFilePath(root: string, absolute: string, shown: string): void {
  const relative = path.relative(root, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new UsageError(`${shown} is outside the workspace (${root}): okr would not read it`);
  if (!absolute.toLowerCase().endsWith('.md')) throw new UsageError(`${shown} does not end in .md: okr would not read it`);
  if (relative.split(path.sep).some((part) => part.startsWith('.') || part === 'node_modules')) {
    throw new UsageError(`${shown} is in a folder okr skips (a dot-folder or node_modules)`);
  }
}

/**
 * The rendered `key-result.yaml` template as lines and as data (a NewKeyResult); it must be one
 * valid key result with id `id`, else a UserError names the template.
 */
export function readKeyResultEntry(origin: string, text: string, id: string): NewKeyResult {
  const parsed = parseYaml(text);
  const issue = parsed.issues[0];
  if (issue) throw new UserError(`${origin} renders invalid YAML (${issue.message}): fix the template (nothing written)`);
  const data = parsed.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new UserError(`${origin} must render a mapping of keys to values (nothing written)`);
  const result = validateKeyResult(data);
  if (!result.success) {
    const first = describeSchemaIssues(result.error, data)[0];
    throw new UserError(`${origin} renders an invalid key result (${first?.message ?? 'schema error'}): fix the template (nothing written)`);
  }
  if ((data as Record<string, unknown>).id !== id) throw new UserError(`${origin} must keep "id: {{id}}" (nothing written)`);
  const lines = text.split(/\r\n|\n|\r/);
  // The first line takes the list's "- ", so it must be a key; comments before it are dropped.
  while (lines.length > 0 && /^\s*(#.*)?$/.test(lines[0]!)) lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return { lines, data: data as Record<string, unknown> };
}
