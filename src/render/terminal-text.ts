/**
 * Text on a terminal: widths, padding and truncation. The sanitisers live in `../safe-text.ts`,
 * shared with the command line's output guard.
 */
import stringWidth from 'string-width';

export { sanitizeForTerminal, sanitizeLine } from '../safe-text.js';

/**
 * Columns a string takes on a terminal, by grapheme cluster and East Asian width (string-width):
 * wide East Asian characters and emoji (`⚡`, `✅`, a ZWJ sequence such as `👩‍🚀`) take two,
 * combining marks none. Colour escapes take none.
 */
export function displayWidth(text: string): number {
  // Most of a report is printable ASCII and the tree's and bars' characters, a column each:
  // measured without splitting it into grapheme clusters (string-width gives the same, tested).
  return ONE_COLUMN_EACH.test(text) ? text.length : stringWidth(text);
}

/** Printable ASCII, `·`, `•`, `–`, `—`, `…`, arrows, box drawing and block elements: one column each. */
export const ONE_COLUMN_EACH = /^[\x20-\x7e\u00b7\u2022\u2013\u2014\u2026\u2190-\u2193\u2500-\u259f]*$/;

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Cuts to at most `width` columns, ending with "…" when anything was cut; never splits a grapheme
 * cluster (an emoji sequence or a letter with its marks). A width below 1 gives "…" when anything
 * was cut.
 */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = displayWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}
