/**
 * Where the front-matter block ends, and the usual block (a bare `---` line, LF or CRLF, closed by
 * a `---` line) split without gray-matter, with the very text and body gray-matter gives: loading it
 * costs more than parsing a file. Anything else (a language after `---`, CR line endings, an
 * unclosed block) is left to gray-matter (front-matter.ts). test/unit/front-matter-differential.test.ts
 * holds this to gray-matter.
 */

export interface SimpleSplit {
  /** The YAML text exactly as gray-matter hands it to its engine: from after `---` (so starting with the rest of that line) to before the closing line's "\n". */
  yaml: string;
  /** True when gray-matter finds the block empty (blank or only comment lines) and parses nothing. */
  empty: boolean;
  /** Offset of the YAML text in the file. */
  yamlOffset: number;
  /** Offset of the body in the file. */
  bodyOffset: number;
}

/**
 * gray-matter closes the block at the first line that starts with "---"; find it the same way so
 * that an unclosed block is reported instead of swallowing the whole file. `at` is the offset of the
 * "\n" that ends the block's last line.
 */
export function findClosingLine(text: string, from: number): { at: number; bodyOffset: number } | null {
  const index = text.indexOf('\n---', from);
  if (index === -1) return null;
  let bodyOffset = index + 4;
  if (text[bodyOffset] === '\r') bodyOffset++;
  if (text[bodyOffset] === '\n') bodyOffset++;
  return { at: index, bodyOffset };
}

/** The split of a text (without BOM) that opens with a bare `---` line and has a closing line; else null. */
export function splitSimpleFrontMatter(text: string): SimpleSplit | null {
  if (!text.startsWith('---') || text.charAt(3) === '-') return null;
  // The first line must end in "\n" or "\r\n", where gray-matter looks for it too (a lone "\r" it
  // does not take for a line end), and hold nothing but spaces after "---": no language.
  let lineEnd = 3;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  if (!(text[lineEnd] === '\n' || (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n'))) return null;
  if (text.slice(3, lineEnd).trim() !== '') return null;
  const closing = findClosingLine(text, lineEnd);
  if (!closing) return null;
  const yaml = text.slice(3, closing.at);
  // gray-matter's test for an empty block, comment lines dropped.
  const block = yaml.includes('#') ? yaml.replace(/^\s*#[^\n]+/gm, '') : yaml;
  return { yaml, empty: block.trim() === '', yamlOffset: 3, bodyOffset: closing.bodyOffset };
}
