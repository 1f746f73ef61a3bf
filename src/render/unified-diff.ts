/**
 * Unified diffs for `--dry-run`: what an edit would change, in the format `git apply` and `patch -p1`
 * read. The hunks come from jsdiff (`structuredPatch`: Myers' diff in memory linear in the texts'
 * sizes plus the edit script's length); this module only prints them. Lines keep their carriage
 * returns; a last line without a line break is marked as such.
 */
import { structuredPatch } from 'diff/lib/patch/create.js';

export interface DiffInput {
  /** Path shown for the old side; null for a file that does not exist yet. */
  oldPath: string | null;
  newPath: string;
  oldText: string;
  newText: string;
}

export interface DiffStyle {
  meta(text: string): string;
  removed(text: string): string;
  added(text: string): string;
  /** Applied to file content lines, e.g. to make them safe on a terminal. */
  content(text: string): string;
}

const PLAIN: DiffStyle = { meta: (t) => t, removed: (t) => t, added: (t) => t, content: (t) => t };

const NO_NEWLINE = '\\ No newline at end of file';

/**
 * The unified diff from `input.oldText` to `input.newText` with `context` unchanged lines around
 * each change (hunks closer than twice that are joined), `--- a/old` / `+++ b/new` headers
 * (`--- /dev/null` for a new file), and `\ No newline at end of file` after a last line without a
 * line break. Lines are compared with their `\n` (a `\r` before it is part of the line, as git
 * shows it). `style` colours headers and changed lines and makes content lines safe to print.
 * Returns '' when the texts are equal; else the diff, ending in a line break.
 */
export function renderUnifiedDiff(input: DiffInput, style: DiffStyle = PLAIN, context = 3): string {
  if (input.oldText === input.newText) return '';
  const patch = structuredPatch('', '', input.oldText, input.newText, undefined, undefined, { context });
  if (patch.hunks.length === 0) return '';
  const out = [style.meta(input.oldPath === null ? '--- /dev/null' : `--- a/${input.oldPath}`), style.meta(`+++ b/${input.newPath}`)];
  for (const hunk of patch.hunks) {
    // jsdiff counts an empty side from the line after it; unified diffs name the line before.
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    out.push(style.meta(`@@ -${range(oldStart, hunk.oldLines)} +${range(newStart, hunk.newLines)} @@`));
    for (const line of hunk.lines) {
      const kind = line[0];
      if (kind === '\\') {
        out.push(NO_NEWLINE);
        continue;
      }
      const text = `${kind}${style.content(line.slice(1))}`;
      out.push(kind === '-' ? style.removed(text) : kind === '+' ? style.added(text) : text);
    }
  }
  return `${out.join('\n')}\n`;
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}
