/**
 * Unified diffs for `--dry-run`: what an edit would change, in the format `git apply` and `patch -p1`
 * read. Lines keep their carriage returns; a last line without a line break is marked as such.
 */

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

type Op = { kind: ' ' | '-' | '+'; line: string };

export function renderUnifiedDiff(input: DiffInput, style: DiffStyle = PLAIN, context = 3): string {
  const oldLines = splitLines(input.oldText);
  const newLines = splitLines(input.newText);
  const ops = diffLines(oldLines, newLines);
  if (!ops.some((op) => op.kind !== ' ')) return '';
  const out = [
    style.meta(input.oldPath === null ? '--- /dev/null' : `--- a/${input.oldPath}`),
    style.meta(`+++ b/${input.newPath}`),
  ];
  for (const hunk of groupHunks(ops, context)) {
    out.push(style.meta(`@@ -${range(hunk.oldStart, hunk.oldCount)} +${range(hunk.newStart, hunk.newCount)} @@`));
    for (const op of hunk.ops) {
      const hasBreak = op.line.endsWith('\n');
      const body = style.content(hasBreak ? op.line.slice(0, -1) : op.line);
      const text = `${op.kind}${body}`;
      out.push(op.kind === '-' ? style.removed(text) : op.kind === '+' ? style.added(text) : text);
      if (!hasBreak) out.push('\\ No newline at end of file');
    }
  }
  return `${out.join('\n')}\n`;
}

/** Lines with their `\n` kept; a `\r` before it stays part of the line, as git shows it. */
export function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}

interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  ops: Op[];
}

function groupHunks(ops: readonly Op[], context: number): Hunk[] {
  const changed = ops.map((op, i) => (op.kind === ' ' ? -1 : i)).filter((i) => i !== -1);
  const hunks: Hunk[] = [];
  let i = 0;
  while (i < changed.length) {
    let from = Math.max(0, changed[i]! - context);
    let to = Math.min(ops.length, changed[i]! + context + 1);
    let j = i + 1;
    while (j < changed.length && changed[j]! - context <= to) {
      to = Math.min(ops.length, changed[j]! + context + 1);
      j++;
    }
    let oldLine = 1;
    let newLine = 1;
    for (let k = 0; k < from; k++) {
      if (ops[k]!.kind !== '+') oldLine++;
      if (ops[k]!.kind !== '-') newLine++;
    }
    const slice = ops.slice(from, to);
    const oldCount = slice.filter((op) => op.kind !== '+').length;
    const newCount = slice.filter((op) => op.kind !== '-').length;
    hunks.push({
      oldStart: oldCount === 0 ? oldLine - 1 : oldLine,
      oldCount,
      newStart: newCount === 0 ? newLine - 1 : newLine,
      newCount,
      ops: slice,
    });
    from = to;
    i = j;
  }
  return hunks;
}

/** A shortest edit script (Myers), after trimming the common start and end. */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const head: Op[] = a.slice(0, prefix).map((line) => ({ kind: ' ', line }));
  const tail: Op[] = a.slice(a.length - suffix).map((line) => ({ kind: ' ', line }));
  const middle = myers(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix));
  return [...head, ...middle, ...tail];
}

function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back through the saved frontiers.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const frontier = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && frontier[offset + k - 1]! < frontier[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : frontier[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[x - 1]! });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) ops.push({ kind: '+', line: b[y - 1]! });
      else ops.push({ kind: '-', line: a[x - 1]! });
      x = prevX;
      y = prevY;
    }
  }
  return ops.reverse();
}
