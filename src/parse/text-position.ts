import type { Location } from '../model/problem.js';

/**
 * Maps string offsets to 1-based line and column as git, GitHub and `grep -n` count them: only LF
 * ends a line (CRLF counts once, its CR being the last character of the line), and a lone CR is a
 * character like any other, so a file with CR-only line endings is one line. Columns are UTF-16
 * code units from 1, counted from the last LF. (Markdown structure still takes a lone CR as a line
 * ending, as CommonMark says: only the reported numbers follow LF.)
 */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  /** Line and column (both from 1) of a UTF-16 offset into the text. */
  locate(offset: number): Location {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  }

  /** Offset of the first character of a 1-based line (clamped to the first and last line). */
  lineStart(line: number): number {
    return this.lineStarts[Math.min(Math.max(line, 1), this.lineStarts.length) - 1]!;
  }

  /** How many lines the text has: one more than its LFs (a text ending in LF has an empty last line). */
  get lineCount(): number {
    return this.lineStarts.length;
  }
}

/**
 * The lines of `text` as `file:line` numbers them (LineIndex): split at LF, a CRLF's CR dropped, a
 * lone CR kept inside its line.
 */
export function splitReportedLines(text: string): string[] {
  return text.split(/\r?\n/);
}
