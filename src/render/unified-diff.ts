/**
 * Unified diffs for `--dry-run`: what an edit would change, in the format `git apply` and `patch -p1`
 * read. The hunks come from jsdiff (`structuredPatch`: Myers' diff in memory linear in the texts'
 * sizes plus the edit script's length); this module only prints them. Lines keep their carriage
 * returns; a last line without a line break is marked as such.
 */
import { structuredPatch } from 'diff/lib/patch/create.js';

export interface DiffInput {
  /**
   * The old side's path relative to where the patch applies (the repository root), with `/`; null
   * for a file that does not exist yet.
   */
  oldPath: string | null;
  /** The new side's path, as oldPath. */
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
  // Myers' diff takes time in the product of the texts' length and the number of edits: past
  // MAX_EDITS, one hunk replaces the changed middle (after the lines both texts start and end with).
  const patch = structuredPatch('', '', input.oldText, input.newText, undefined, undefined, { context, maxEditLength: MAX_EDITS }) ?? {
    hunks: [wholeChangeHunk(input.oldText, input.newText, context)],
  };
  if (patch.hunks.length === 0) return '';
  const out = [style.meta(input.oldPath === null ? '--- /dev/null' : `--- ${patchFileName('a/', input.oldPath)}`), style.meta(`+++ ${patchFileName('b/', input.newPath)}`)];
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

/** Characters that make git quote a path; a name starting or ending with white space is quoted too. */
const NEEDS_QUOTES = /["\\\u0000-\u001f\u007f]|^\s|\s$/;
const C_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\u0007': '\\a' };

/**
 * A file name in a `---`/`+++` line, as `git diff` writes it, so that both `git apply` and
 * `patch -p1` read it back: `prefix` (`a/`, `b/`) and `file` (with `/`) as they are, with a tab after
 * a name holding a space (git's and GNU diff's end of the name); C-quoted (`"a/x\"y.md"`, bytes
 * outside ASCII in octal) when it holds a quote, backslash or control character or starts or ends
 * with white space.
 */
export function patchFileName(prefix: string, file: string): string {
  const name = prefix + file;
  if (!NEEDS_QUOTES.test(file)) return name.includes(' ') ? `${name}\t` : name;
  let quoted = '';
  for (const byte of new TextEncoder().encode(name)) {
    const char = String.fromCharCode(byte);
    const escape = C_ESCAPES[char];
    if (escape !== undefined) quoted += escape;
    else if (byte < 0x20 || byte >= 0x7f) quoted += `\\${byte.toString(8).padStart(3, '0')}`;
    else quoted += char;
  }
  return `"${quoted}"`;
}

/** Edits (lines removed plus lines added) past which the diff is one hunk over the changed middle. */
const MAX_EDITS = 1000;

interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

/**
 * One hunk, in jsdiff's shape, that removes the old text's lines between the lines both texts start
 * and end with and adds the new text's: a valid patch found in linear time, for changes too large
 * to diff line by line. `context` common lines are kept on each side.
 */
function wholeChangeHunk(oldText: string, newText: string, context: number): Hunk {
  const oldLines = splitLines(oldText);
  const newLines = splitLines(newText);
  let prefix = 0;
  while (prefix < oldLines.length && prefix < newLines.length && oldLines[prefix] === newLines[prefix]) prefix++;
  let suffix = 0;
  while (suffix < oldLines.length - prefix && suffix < newLines.length - prefix && oldLines[oldLines.length - 1 - suffix] === newLines[newLines.length - 1 - suffix]) suffix++;
  const before = Math.min(context, prefix);
  const after = Math.min(context, suffix);
  const lines: string[] = [];
  const push = (kind: string, line: string) => {
    lines.push(kind + line.replace(/\n$/, ''));
    if (!line.endsWith('\n')) lines.push(NO_NEWLINE);
  };
  for (let i = prefix - before; i < prefix; i++) push(' ', oldLines[i]!);
  for (let i = prefix; i < oldLines.length - suffix; i++) push('-', oldLines[i]!);
  for (let i = prefix; i < newLines.length - suffix; i++) push('+', newLines[i]!);
  for (let i = oldLines.length - suffix; i < oldLines.length - suffix + after; i++) push(' ', oldLines[i]!);
  const oldCount = oldLines.length - suffix + after - (prefix - before);
  const newCount = newLines.length - suffix + after - (prefix - before);
  return { oldStart: prefix - before + 1, oldLines: oldCount, newStart: prefix - before + 1, newLines: newCount, lines };
}

/** Lines with their `\n` (a `\r` stays part of the line); the last one may lack it. */
function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}
