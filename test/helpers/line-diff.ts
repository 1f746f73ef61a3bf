/**
 * A line diff as a list of operations, for tests that check which lines an edit changes. Over
 * jsdiff's `diffArrays` (the library src/render/unified-diff.ts prints `--dry-run` hunks from).
 */
import { diffArrays } from 'diff';

/** One line of an edit script: kept (' '), removed ('-') or added ('+'), with its line break. */
export type LineOp = { kind: ' ' | '-' | '+'; line: string };

/** Lines with their `\n` kept; a `\r` before it stays part of the line, as git shows it. */
export function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

/** A shortest edit script from `a` to `b` (removals before additions where they meet). */
export function diffLines(a: readonly string[], b: readonly string[]): LineOp[] {
  const ops: LineOp[] = [];
  for (const change of diffArrays([...a], [...b])) {
    const kind = change.added ? '+' : change.removed ? '-' : ' ';
    for (const line of change.value) ops.push({ kind, line });
  }
  return ops;
}
