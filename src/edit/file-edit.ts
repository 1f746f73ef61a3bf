/**
 * The contract every edit of an existing file keeps (`okr done`, `reopen`, `checkin`, `new kr`,
 * `new task` into a file): a planner reads the file as it is and gives its splices together with
 * the check of the result. The command line's edit pipeline (`applyEdit`, src/commands/apply-edit.ts)
 * applies the splices, parses the edited text and writes it only when `verify` finds nothing wrong.
 * Pure: no I/O.
 */
import type { FileFacts } from '../model/types.js';
import type { Splice } from './splice.js';

/** A file on one side of an edit: its text (after any BOM) and the facts parsed from that text. */
export interface EditSide {
  text: string;
  facts: FileFacts;
}

/** A planned change of one file. */
export interface FileEdit {
  /** Offsets into the text before the edit (after any BOM); none when there is nothing to change. */
  splices: readonly Splice[];
  /**
   * Checks the edited file against the plan: `after` is `before` with the splices applied, parsed.
   * Returns what would go wrong, as a sentence that completes "refusing to write: …", or null when
   * the edit does exactly what was planned. Never throws.
   */
  verify(before: EditSide, after: EditSide): string | null;
}

/**
 * Whether the edit adds errors to the file: null when `after` has no more error-severity problems
 * than `before`, else a sentence naming the first error that `before` does not have.
 */
export function noNewErrors(before: FileFacts, after: FileFacts): string | null {
  const errors = (facts: FileFacts) => facts.problems.filter((p) => p.severity === 'error');
  const was = errors(before);
  const now = errors(after);
  if (now.length <= was.length) return null;
  const known = new Set(was.map((p) => `${p.rule}\0${p.message}`));
  const added = now.find((p) => !known.has(`${p.rule}\0${p.message}`)) ?? now[now.length - 1]!;
  return `it would make the file invalid (${added.message})`;
}
