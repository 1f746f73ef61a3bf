/**
 * The library's way to write an edit: the command line's edit pipeline (`applyEdit`,
 * src/commands/apply-edit.ts: read under the file's lock, plan, re-parse, verify, write atomically),
 * with plain options instead of a command context.
 */
import path from 'node:path';
import type { EditSide, FileEdit } from '../edit/file-edit.js';
import type { CommandContext, OutputStream } from '../context.js';
import type { WriteHooks } from '../io/edit-file.js';
import { applyEdit, type AppliedEdit, type EditTarget } from '../commands/apply-edit.js';

export type { AppliedEdit } from '../commands/apply-edit.js';

/** Where an edit happens and how. */
export interface EditFileOptions {
  /** The workspace the file must be inside (an absolute directory): a file outside it, or a link leading out of it, is refused. */
  root: string;
  /** Plan, parse and verify, but write nothing (the result's `after` holds the edited text). */
  dryRun?: boolean;
  /** The largest file read for editing, in bytes (default: 5 MB, or OKR_MAX_FILE_SIZE). */
  maxFileSize?: number;
}

/**
 * Edits the existing file `file` (absolute, or relative to the process's working directory) with
 * the plan `makePlan` gives for its current text and facts, e.g.
 * `(before) => taskEdit(before, tasksOnLine(before.facts, 12)[0], 'done')`.
 * The file is read under okr's lock, the plan is applied and the result parsed and verified
 * (`plan.verify`), then written atomically. Resolves to the plan and both sides (`after` null when
 * the plan has no splices, `written` false on a dry run). Throws a UserError when the file cannot be
 * read or written, changed meanwhile, the planner refuses (EditError, at file:line:column) or the
 * result fails verification: nothing is written then.
 */
export function editFile<P extends FileEdit>(file: string, makePlan: (before: EditSide) => P, options: EditFileOptions, hooks?: WriteHooks): Promise<AppliedEdit<P>> {
  const absolutePath = path.resolve(file);
  const root = path.resolve(options.root);
  const target: EditTarget = { absolutePath, shown: path.relative(root, absolutePath).split(path.sep).join('/'), root };
  if (options.maxFileSize !== undefined) target.maxFileSize = options.maxFileSize;
  return applyEdit(target, makePlan, { dryRun: options.dryRun ?? false }, silentContext(options.root), hooks);
}

/** A command context whose output goes nowhere: the library reports through return values. */
function silentContext(cwd: string): CommandContext {
  const quiet: OutputStream = { write: () => true, isTTY: false };
  return { cwd, env: process.env, stdout: quiet, stderr: quiet, stdinIsTTY: false, now: () => new Date() };
}
