/**
 * Fitting the status tree (text.ts) into a terminal's width. Titles are shortened first; then the
 * long "not counted: …" / "incomplete: …" words of the last column, the bar, and owners; when even
 * that does not fit, each row takes two lines (the label, then its cells). Ids, percentages and
 * measures with numbers are never cut. Widths are display columns (terminal-text.ts).
 */
import { maxOf } from '../model/arrays.js';
import { displayWidth, truncate } from './terminal-text.js';

/** One row of the tree, its texts already made safe to print. */
export interface LayoutRow {
  /** Tree guides and branch before the label, such as `│  ├─ ` or `│  • `. */
  tree: string;
  /** The guides that continue below the row, for its second line in the two-line layout. */
  cont: string;
  /** The id (or its stand-in), never cut. */
  id: string;
  title: string;
  owner: string;
  measure: string;
  /** Whether `measure` is words that may be shortened (why an item is not counted), not numbers. */
  measureShrinks: boolean;
}

/** How to draw the rows. */
export interface TreeLayout {
  /** Each row as two lines: its label, then its cells under it. */
  twoLines: boolean;
  /** The width the labels are padded to (one-line layout), or 0. */
  labelWidth: number;
  barWidth: number;
  ownerWidth: number;
  measureWidth: number;
  label(row: LayoutRow): string;
  owner(row: LayoutRow): string;
  measure(row: LayoutRow): string;
}

const SEP = 2;
const PERCENT = 4;
/** A title is not shortened below this many columns while anything else can give. */
const MIN_TITLE = 20;
const MIN_MEASURE = 16;
const MIN_OWNER = 8;

const labelOf = (row: LayoutRow, titleWidth: number | null): string => {
  if (titleWidth === null || displayWidth(row.title) <= titleWidth) return `${row.id} · ${row.title}`;
  return titleWidth < 2 ? row.id : `${row.id} · ${truncate(row.title, titleWidth)}`;
};

/**
 * Lays out `rows` in `width` columns (null: a pipe or file, where nothing is cut). `statusWidth` is
 * the widest status word. Every line fits unless a tree guide and an id alone are wider than the
 * terminal.
 */
export function layoutTree(rows: readonly LayoutRow[], statusWidth: number, width: number | null): TreeLayout {
  const widest = (texts: string[]) => Math.max(0, maxOf(texts.map(displayWidth)));
  const fixedMeasure = widest(rows.filter((r) => !r.measureShrinks).map((r) => r.measure));
  const natural = { owner: widest(rows.map((r) => r.owner)), measure: widest(rows.map((r) => r.measure)) };
  const labelNatural = widest(rows.map((r) => r.tree + labelOf(r, null)));
  const make = (twoLines: boolean, labelWidth: number, barWidth: number, ownerCap: number | null, measureCap: number | null): TreeLayout => {
    const ownerWidth = ownerCap === null ? natural.owner : Math.min(natural.owner, ownerCap);
    const measureWidth = measureCap === null ? natural.measure : Math.min(natural.measure, Math.max(measureCap, fixedMeasure));
    return {
      twoLines,
      labelWidth,
      barWidth,
      ownerWidth,
      measureWidth,
      label: (row) => {
        if (width === null) return labelOf(row, null);
        const room = (twoLines ? width : labelWidth) - displayWidth(row.tree) - displayWidth(row.id) - 3;
        return labelOf(row, Math.max(0, room));
      },
      owner: (row) => truncate(row.owner, ownerWidth),
      measure: (row) => (row.measureShrinks ? truncate(row.measure, measureWidth) : row.measure),
    };
  };
  if (width === null) return make(false, labelNatural, 10, null, null);
  const cells = (layout: TreeLayout) =>
    SEP + layout.barWidth + SEP + PERCENT + SEP + statusWidth + (layout.ownerWidth > 0 ? SEP + layout.ownerWidth : 0) + (layout.measureWidth > 0 ? SEP + layout.measureWidth : 0);
  const minLabel = widest(rows.map((r) => r.tree + labelOf(r, Math.min(MIN_TITLE, displayWidth(r.title)))));
  // Each attempt: the bar's width, the owners' cap, whether the measure words shrink.
  const attempts: [number, number | null, boolean][] = [
    [10, null, false],
    [10, null, true],
    [5, null, true],
    [5, MIN_OWNER, true],
  ];
  /** The widest the shrinking measure words may be when `used` columns go to everything else. */
  const measureRoom = (used: number, bar: number, ownerCap: number | null) => {
    const rest = make(false, 0, bar, ownerCap, 0);
    return Math.max(MIN_MEASURE, width - used - (cells(rest) - (rest.measureWidth > 0 ? SEP + rest.measureWidth : 0)) - SEP);
  };
  for (const [bar, ownerCap, shrink] of attempts) {
    const measureCap = shrink ? measureRoom(minLabel, bar, ownerCap) : null;
    const room = width - cells(make(false, 0, bar, ownerCap, measureCap));
    if (room >= minLabel) return make(false, Math.min(labelNatural, room), bar, ownerCap, measureCap);
  }
  // Two lines a row: the cells go under the label, after the guides that continue there.
  const cont = widest(rows.map((r) => r.cont));
  for (const [bar, ownerCap, shrink] of attempts) {
    const layout = make(true, 0, bar, ownerCap, shrink ? measureRoom(cont - SEP, bar, ownerCap) : null);
    if (cont + cells(layout) - SEP <= width) return layout;
  }
  return make(true, 0, 5, MIN_OWNER, MIN_MEASURE);
}

/**
 * `text` split after each `separator` into lines of at most `width` columns (null: one line), so
 * that a headline or summary wraps between its parts instead of being cut. A part wider than the
 * width stays whole on its own line.
 */
export function wrapAt(text: string, separator: string, width: number | null): string[] {
  if (width === null || displayWidth(text) <= width) return [text];
  const parts = text.split(separator);
  const lines: string[] = [];
  let line = '';
  parts.forEach((part, i) => {
    const piece = i < parts.length - 1 ? `${part}${separator.trimEnd()}` : part;
    const joined = line === '' ? piece : `${line} ${piece}`;
    if (line !== '' && displayWidth(joined) > width) {
      lines.push(line);
      line = piece;
    } else line = joined;
  });
  lines.push(line);
  return lines;
}
