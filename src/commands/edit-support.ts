/** What the editing commands share: paths to show, locations in errors, dry runs and safe writes. */
import path from 'node:path';
import { LineIndex } from '../parse/text-position.js';
import { spliceBytes, type Splice } from '../edit/splice.js';
import { EditError } from '../edit/yaml-edit.js';
import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';
import { createFileExclusive, releaseSnapshot, writeFileAtomic, type FileSnapshot, type WriteHooks } from '../io/write-file-atomic.js';
import { writeAs } from '../output.js';
import { createStyle, detectColorLevel } from '../render/style.js';
import { sanitizeForTerminal, sanitizeLine } from '../render/terminal-text.js';
import { renderUnifiedDiff, type DiffStyle } from '../render/unified-diff.js';

export interface EditFlags {
  dryRun?: boolean;
}

/**
 * A path as the user should see it: relative to the working directory when inside it, with `/`,
 * made safe to print (`sanitizeLine`: control and bidirectional characters shown escaped). Only for
 * showing: never open what it returns.
 */
export function displayPath(context: CommandContext, absolute: string): string {
  const relative = path.relative(context.cwd, absolute);
  const shown = relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
  return sanitizeLine(shown.split(path.sep).join('/'));
}

/** `file:line:column` of an offset into a snapshot's text. */
export function locate(file: string, text: string, offset: number | null): string {
  if (offset === null) return file;
  const at = new LineIndex(text).locate(offset);
  return `${file}:${at.line}:${at.column}`;
}

/** Runs a planner; an EditError becomes a one-line user error at its location. */
export function plan<T>(file: string, text: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof EditError) throw new UserError(`${locate(file, text, error.offset)}: ${error.message} (nothing written)`);
    throw error;
  }
}

/** A self-check of an edit failed: a bug in okr, never written. */
export function refuseUnverified(file: string, reason: string): never {
  throw new UserError(`${file}: refusing to write: ${reason}. Nothing was written; please report this with the file.`);
}

function decodeWithBom(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

async function diffStyle(context: CommandContext): Promise<DiffStyle> {
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
function writePatch(context: CommandContext, diff: string): void {
  writeAs(context.stdout, context.stdout.isTTY ? 'text' : 'patch', diff);
}

export interface EditResult {
  text: string;
  bytes: Uint8Array;
  written: boolean;
}

/**
 * Applies splices to a file read for editing: prints the diff on a dry run, else writes atomically
 * (writeFileAtomic). Either way the snapshot's lock is released when it returns.
 */
export async function commitEdit(
  snapshot: FileSnapshot,
  splices: readonly Splice[],
  flags: EditFlags,
  context: CommandContext,
  hooks?: WriteHooks,
): Promise<EditResult> {
  const bytes = spliceBytes(snapshot.bytes, snapshot.bomLength, snapshot.text, splices);
  const text = decodeWithBom(bytes.subarray(snapshot.bomLength));
  if (flags.dryRun) {
    writePatch(
      context,
      renderUnifiedDiff(
        { oldPath: snapshot.displayPath, newPath: snapshot.displayPath, oldText: decodeWithBom(snapshot.bytes), newText: decodeWithBom(bytes) },
        await diffStyle(context),
      ),
    );
    await releaseSnapshot(snapshot);
    return { text, bytes, written: false };
  }
  await writeFileAtomic(snapshot, bytes, hooks);
  return { text, bytes, written: true };
}

/** Creates a new file, or prints it as a diff on a dry run. */
export async function commitNewFile(
  absolutePath: string,
  shownPath: string,
  root: string,
  content: string,
  flags: EditFlags,
  context: CommandContext,
  hooks?: WriteHooks,
): Promise<boolean> {
  if (flags.dryRun) {
    writePatch(context, renderUnifiedDiff({ oldPath: null, newPath: shownPath, oldText: '', newText: content }, await diffStyle(context)));
    return false;
  }
  await createFileExclusive(absolutePath, new TextEncoder().encode(content), shownPath, root, hooks);
  return true;
}

/** Said on stderr after a dry run, so that stdout holds only the diff. */
export function noteDryRun(context: CommandContext): void {
  context.stderr.write('dry run: nothing written\n');
}

/** Text from a file, safe to show on one line. */
export function quote(text: string): string {
  const shown = sanitizeLine(text.length > 80 ? `${text.slice(0, 79)}…` : text);
  return shown.includes('"') ? `“${shown}”` : `"${shown}"`;
}
