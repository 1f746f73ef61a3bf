/**
 * What the editing commands share: their flags, paths to show, locations in errors and refusals.
 * The edit pipeline itself is apply-edit.ts.
 */
import path from 'node:path';
import { LineIndex } from '../parse/text-position.js';
import { EditError } from '../edit/yaml-edit.js';
import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';
import { sanitizeLine } from '../render/terminal-text.js';
import type { KeyResult, WorkspaceModel } from '../model/link.js';
import type { Measure } from '../model/types.js';
import { didYouMean } from '../model/suggest.js';

/** The flag every editing command takes. */
export interface EditFlags {
  /** Print the change as a unified diff; write nothing. */
  dryRun?: boolean;
}

/**
 * A path as the user should see it, with `/`, made safe to print (`sanitizeLine`: control and
 * bidirectional characters shown escaped): relative to the working directory when inside it, or
 * when both it and the working directory are inside the workspace `root` (`../objectives/o.md` from
 * `tasks/`, as eslint does); else absolute. Only for showing: never open what it returns.
 */
export function displayPath(context: CommandContext, absolute: string, root?: string): string {
  const relative = path.relative(context.cwd, absolute);
  const sameWorkspace = root !== undefined && isInside(root, context.cwd) && isInside(root, absolute);
  const shown = relative === '' || ((relative.startsWith('..') || path.isAbsolute(relative)) && !sameWorkspace) ? absolute : relative;
  return sanitizeLine(shown.split(path.sep).join('/'));
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
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

/** Text from a file, safe to show on one line. */
export function quote(text: string): string {
  const shown = sanitizeLine(text.length > 80 ? `${text.slice(0, 79)}…` : text);
  return shown.includes('"') ? `“${shown}”` : `"${shown}"`;
}

/**
 * The key result an edit names by id, refusing (UserError) an id that is declared more than once
 * (listing every declaration: neither copy is edited), one that is not declared (with "did you
 * mean"), and, when `needsMeasure` (a check-in), one that is invalid: a value written there would
 * not count.
 */
export function keyResultToEdit(model: WorkspaceModel, krId: string, needsMeasure: boolean): KeyResult & { measure: Measure | null } {
  const declared = model.duplicateIds.keyResults.get(krId);
  if (declared) {
    const places =
      declared
        .slice(0, 10)
        .map((d) => `${d.file}:${d.line}:${d.column}`)
        .join(', ') + (declared.length > 10 ? ` and ${declared.length - 10} more` : '');
    throw new UserError(`key result id "${krId}" is declared ${declared.length} times (${places}): rename all but one before editing it`);
  }
  const kr = model.keyResultsById.get(krId);
  if (!kr) {
    const errors = model.problems.some((p) => p.severity === 'error') ? ' (the workspace has errors: okr lint lists them)' : '';
    throw new UserError(`"${krId}" is not a key result in this workspace${didYouMean(krId, model.keyResultsById.keys())}${errors}`);
  }
  if (needsMeasure && (kr.measure === null || kr.invalid !== null)) {
    throw new UserError(
      `key result "${krId}" (${kr.file}:${kr.line}:${kr.column}) is invalid: ${kr.invalid ?? 'its measure cannot be read'}: fix it first (okr lint lists the problems)`,
    );
  }
  return kr;
}
