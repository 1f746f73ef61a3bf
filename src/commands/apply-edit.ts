/**
 * The edit pipeline of every editing command: read (and lock) → plan → re-parse → verify → write, or
 * print the change as a unified diff with `--dry-run`. Commands only choose the plan (src/edit, under
 * the FileEdit contract of src/edit/file-edit.ts) or render the new files.
 */
import { rmdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { EditSide, FileEdit } from '../edit/file-edit.js';
import type { CommandContext } from '../context.js';
import { createFileExclusive, makeDirectoryInside, releaseSnapshot, type WriteHooks } from '../io/edit-file.js';
import { patchPathMapper } from '../io/repository-root.js';
import type { EditFlags } from './edit-support.js';
import { diffStyle, finishEdit, prepareEdit, writePatch } from './edit-steps.js';

/** The file an edit changes. */
export interface EditTarget {
  absolutePath: string;
  /** The path as shown to the user (displayPath): in messages and in the dry run's diff. */
  shown: string;
  /** The workspace the file must be inside. */
  root: string;
  /** The largest file read for editing, in bytes (default: readFileForEdit's). */
  maxFileSize?: number;
}

/** What applyEdit did: the plan, the file before and after (null when the plan had no splices). */
export interface AppliedEdit<P extends FileEdit> {
  plan: P;
  before: EditSide;
  after: EditSide | null;
  /** True when the file was written; false on a dry run or when there was nothing to change. */
  written: boolean;
}

/**
 * Edits one existing file. Reads it for editing (locked unless `flags.dryRun`; the lock is released
 * on every path), parses it, asks `makePlan` for the edit (an EditError becomes a UserError at its
 * location, "nothing written"), and when it has splices applies them, parses the result and refuses
 * (UserError) unless `plan.verify` passes; then writes the file atomically, or on a dry run prints
 * the diff and says so on stderr. Other errors (UserError from the planner, a concurrent change)
 * propagate; nothing is written then.
 */
export async function applyEdit<P extends FileEdit>(
  target: EditTarget,
  makePlan: (before: EditSide) => P,
  flags: EditFlags,
  context: CommandContext,
  hooks?: WriteHooks,
): Promise<AppliedEdit<P>> {
  const prepared = await prepareEdit(target, makePlan, flags);
  try {
    const written = await finishEdit(prepared, flags, context, hooks);
    if (flags.dryRun && prepared.after !== null) noteDryRun(context);
    return { plan: prepared.plan, before: prepared.before, after: prepared.after, written };
  } finally {
    await releaseSnapshot(prepared.snapshot);
  }
}

/** A file to create, already rendered and checked. */
export interface NewFile {
  absolutePath: string;
  /** The path as shown to the user (displayPath). */
  shown: string;
  text: string;
}

/**
 * Creates new files inside `root`, all or nothing: the folders they need (makeDirectoryInside), then
 * each file, never replacing one (createFileExclusive); when any step fails, the files and folders
 * created so far are removed and the error propagates. On a dry run prints each as a diff, says so on
 * stderr and creates nothing. Returns true when the files were written.
 */
export async function createFiles(root: string, files: readonly NewFile[], flags: EditFlags, context: CommandContext, hooks?: WriteHooks): Promise<boolean> {
  if (flags.dryRun) {
    const style = await diffStyle(context);
    // Loaded only for a dry run: an edit that writes needs no diff.
    const { renderUnifiedDiff } = await import('../render/unified-diff.js');
    const patchPath = await patchPathMapper(root);
    for (const file of files) writePatch(context, renderUnifiedDiff({ oldPath: null, newPath: patchPath(file.absolutePath), oldText: '', newText: file.text }, style));
    noteDryRun(context);
    return false;
  }
  const createdFiles: string[] = [];
  const createdDirs: string[] = [];
  try {
    for (const file of files) {
      for (const dir of await makeDirectoryInside(path.dirname(file.absolutePath), root, file.shown)) createdDirs.push(dir);
      await createFileExclusive(file.absolutePath, new TextEncoder().encode(file.text), file.shown, root, hooks);
      createdFiles.push(file.absolutePath);
    }
  } catch (error) {
    for (const file of createdFiles.reverse()) await unlink(file).catch(() => undefined);
    for (const dir of createdDirs.reverse()) await rmdir(dir).catch(() => undefined);
    throw error;
  }
  return true;
}

/** Said on stderr after a dry run, so that stdout holds only the diff. */
export function noteDryRun(context: CommandContext): void {
  context.stderr.write('dry run: nothing written\n');
}
