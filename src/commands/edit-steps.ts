/**
 * The two halves of the edit pipeline (apply-edit.ts): prepare (read and lock, plan, apply, parse,
 * verify) and finish (write, or print the dry run's diff), so that an edit of several files can
 * verify every file before it writes any.
 */
import type { EditSide, FileEdit } from '../edit/file-edit.js';
import { applySplices, spliceBytes } from '../edit/splice.js';
import { parseOkrText } from '../parse/file-facts.js';
import type { CommandContext } from '../context.js';
import { readFileForEdit, releaseSnapshot, writeFileAtomic, type FileSnapshot, type WriteHooks } from '../io/edit-file.js';
import { patchPathMapper } from '../io/repository-root.js';
import { writeAs } from '../output.js';
import { createStyle, detectColorLevel } from '../render/style.js';
import { sanitizeForTerminal } from '../render/terminal-text.js';
import type { DiffStyle } from '../render/unified-diff.js';
import type { AppliedEdit, EditTarget } from './apply-edit.js';
import { plan as planOrRefuse, refuseUnverified, type EditFlags } from './edit-support.js';

/** An edit read, planned and verified but not yet written; its snapshot holds the file's lock. */
export interface PreparedEdit<P extends FileEdit> extends AppliedEdit<P> {
  target: EditTarget;
  snapshot: FileSnapshot;
  /** The file's new bytes, or null when there is nothing to change. */
  bytes: Uint8Array | null;
}

/**
 * The first half of applyEdit: read (and lock), plan, apply, parse and verify, writing nothing. The
 * caller must end it with releaseSnapshot(prepared.snapshot) on every path (after finishEdit). On
 * an error the lock is released here and the error propagates.
 */
export async function prepareEdit<P extends FileEdit>(target: EditTarget, makePlan: (before: EditSide) => P, flags: EditFlags): Promise<PreparedEdit<P>> {
  const { shown } = target;
  const snapshot = await readFileForEdit(target.absolutePath, shown, target.root, target.maxFileSize, { lock: !flags.dryRun });
  try {
    const before: EditSide = { text: snapshot.text, facts: parseOkrText(shown, snapshot.text) };
    const plan = planOrRefuse(shown, snapshot.text, () => makePlan(before));
    if (plan.splices.length === 0) return { target, snapshot, plan, before, after: null, bytes: null, written: false };
    const afterText = applySplices(snapshot.text, plan.splices);
    const after: EditSide = { text: afterText, facts: parseOkrText(shown, afterText) };
    const problem = plan.verify(before, after);
    if (problem) refuseUnverified(shown, problem);
    const bytes = spliceBytes(snapshot.bytes, snapshot.bomLength, snapshot.text, plan.splices);
    return { target, snapshot, plan, before, after, bytes, written: false };
  } catch (error) {
    await releaseSnapshot(snapshot);
    throw error;
  }
}

/**
 * The second half of applyEdit: writes a prepared edit atomically, or on a dry run prints its diff
 * (without the "dry run" note: the caller says it once). Returns true when the file was written.
 * Does not release the snapshot.
 */
export async function finishEdit(prepared: PreparedEdit<FileEdit>, flags: EditFlags, context: CommandContext, hooks?: WriteHooks): Promise<boolean> {
  const { snapshot, bytes, target } = prepared;
  if (bytes === null) return false;
  if (flags.dryRun) {
    // Paths from the repository root (or the workspace root outside git), as git apply and patch -p1 want them.
    const file = (await patchPathMapper(target.root))(target.absolutePath);
    const diff = { oldPath: file, newPath: file, oldText: decodeWithBom(snapshot.bytes), newText: decodeWithBom(bytes) };
    const { renderUnifiedDiff } = await import('../render/unified-diff.js');
    writePatch(context, renderUnifiedDiff(diff, await diffStyle(context)));
    return false;
  }
  await writeFileAtomic(snapshot, bytes, hooks);
  return true;
}

/** Bytes as text, keeping a BOM as U+FEFF. */
export function decodeWithBom(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/** The colours of a dry run's diff on stdout. */
export async function diffStyle(context: CommandContext): Promise<DiffStyle> {
  const style = await createStyle(detectColorLevel(Boolean(context.stdout.isTTY), context.env));
  // On a terminal or in a GitHub Actions log, escape sequences in a file are shown, not obeyed;
  // in a pipe elsewhere the diff keeps the file's bytes, so that it applies as a patch.
  const shown = Boolean(context.stdout.isTTY) || context.env.GITHUB_ACTIONS === 'true';
  return {
    meta: (text) => style.bold(text),
    removed: (text) => style.error(text),
    added: (text) => style.status('done', text),
    content: (text) => (shown ? sanitizeForTerminal(text.replace(/\r$/, '')) : text),
  };
}

/** A dry run's diff: on a terminal it is text like any other; in a pipe its content lines keep the file's bytes. */
export function writePatch(context: CommandContext, diff: string): void {
  writeAs(context.stdout, context.stdout.isTTY ? 'text' : 'patch', diff);
}
