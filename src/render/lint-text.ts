/**
 * The human report of `okr lint`: problems grouped by file, each with the offending source line and
 * a caret under the column, then a count.
 */
import { pushAll } from '../model/arrays.js';
import type { Problem } from '../model/problem.js';
import type { Style } from './style.js';
import { displayWidth, sanitizeForTerminal, sanitizeLine } from './terminal-text.js';
import { plural } from './words.js';

export interface LintTextOptions {
  style: Style;
  /** The text of a 1-based line of a file, or null when it cannot be shown. */
  sourceLine: (file: string, line: number) => string | null;
  /** How to show a problem's (workspace-relative) path; default: as it is. */
  showPath?: (file: string) => string;
}

/** Source lines longer than this are shown as a window around the column. */
const MAX_SOURCE_WIDTH = 100;

export function renderLintText(problems: readonly Problem[], options: LintTextOptions): string {
  const { style } = options;
  if (problems.length === 0) return 'No problems found.\n';
  const out: string[] = [];
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) {
    const list = byFile.get(p.file);
    if (list) list.push(p);
    else byFile.set(p.file, [p]);
  }
  for (const [file, list] of byFile) {
    out.push(style.bold(sanitizeLine(options.showPath ? options.showPath(file) : file)));
    for (const p of list) {
      const severity = p.severity === 'error' ? style.error('error') : style.warning('warning');
      out.push(`  ${p.line}:${p.column}  ${severity}  ${sanitizeLine(p.message)}  ${style.dim(`(${p.rule})`)}`);
      const source = options.sourceLine(file, p.line);
      if (source !== null) pushAll(out, codeFrame(source, p.line, p.column, style));
    }
    out.push('');
  }
  out.push(summaryLine(problems, style));
  return `${out.join('\n')}\n`;
}

/** `  12 │ text` and a caret under the column; tabs and control characters made visible as in the message. */
function codeFrame(source: string, line: number, column: number, style: Style): string[] {
  const gutter = String(line);
  const blank = ' '.repeat(gutter.length);
  const { text, caretAt } = windowAround(source, column);
  return [`    ${style.dim(`${gutter} │`)} ${text}`, `    ${style.dim(`${blank} │`)} ${' '.repeat(caretAt)}${style.error('^')}`];
}

/** How much of a long source line (UTF-16 units each side of the column) is looked at for its window. */
const MAX_SOURCE_SLICE = 8 * MAX_SOURCE_WIDTH;

function windowAround(line: string, lineColumn: number): { text: string; caretAt: number } {
  // A long line (a CR-only file is one line) is cut near the column first, so that many problems
  // on one line each cost a window, not the line.
  const { source, column, cutBefore, cutAfter } = sliceAround(line, lineColumn);
  const chars = [...source.replace(/\t/g, ' ')];
  // Columns count UTF-16 code units; walk code points to find the one the column falls in.
  let units = 0;
  let index = 0;
  while (index < chars.length && units + chars[index]!.length <= column - 1) {
    units += chars[index]!.length;
    index++;
  }
  const safe = chars.map((char) => sanitizeForTerminal(char));
  const widths = safe.map((char) => displayWidth(char));
  let start = 0;
  let end = chars.length;
  const total = widths.reduce((a, b) => a + b, 0);
  if (total > MAX_SOURCE_WIDTH) {
    // Keep about a third of the window before the caret.
    start = index;
    let used = 0;
    while (start > 0 && used + widths[start - 1]! <= MAX_SOURCE_WIDTH / 3) used += widths[--start]!;
    end = start;
    used = 0;
    while (end < chars.length && used + widths[end]! <= MAX_SOURCE_WIDTH) used += widths[end++]!;
  }
  const prefix = start > 0 || cutBefore ? '…' : '';
  const suffix = end < chars.length || cutAfter ? '…' : '';
  const caretAt = displayWidth(prefix) + widths.slice(start, index).reduce((a, b) => a + b, 0);
  return { text: `${prefix}${safe.slice(start, end).join('')}${suffix}`.trimEnd(), caretAt };
}

export function summaryLine(problems: readonly Problem[], style: Style): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const words = `${plural(problems.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  return errors > 0 ? style.error(`✖ ${words}`) : style.warning(`⚠ ${words}`);
}

/** `line` cut to MAX_SOURCE_SLICE units each side of `column` (never inside a surrogate pair), and the column in the cut. */
function sliceAround(line: string, column: number): { source: string; column: number; cutBefore: boolean; cutAfter: boolean } {
  if (line.length <= 2 * MAX_SOURCE_SLICE) return { source: line, column, cutBefore: false, cutAfter: false };
  let from = Math.max(0, column - 1 - MAX_SOURCE_SLICE);
  let to = Math.min(line.length, column - 1 + MAX_SOURCE_SLICE);
  if (from > 0 && isLowSurrogate(line.charCodeAt(from))) from--;
  if (to < line.length && isLowSurrogate(line.charCodeAt(to))) to++;
  return { source: line.slice(from, to), column: column - from, cutBefore: from > 0, cutAfter: to < line.length };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
