/**
 * Edits as splices of the original text: every byte outside a splice stays exactly as it was, so a
 * file keeps its line endings, BOM, final newline (or lack of one), comments and spacing.
 */

/** Replace `text[start, end)` with `insert`. Offsets are in the file's text after any BOM. */
export interface Splice {
  start: number;
  end: number;
  insert: string;
}

/** Sorts splices by position, keeping the given order of insertions at the same offset; refuses overlaps. */
function ordered(splices: readonly Splice[], length: number): Splice[] {
  const sorted = splices
    .map((splice, index) => ({ splice, index }))
    .sort((a, b) => a.splice.start - b.splice.start || a.index - b.index)
    .map(({ splice }) => splice);
  let previousEnd = 0;
  for (const splice of sorted) {
    if (splice.start < 0 || splice.end < splice.start || splice.end > length) {
      throw new Error(`splice [${splice.start}, ${splice.end}) is outside the text (length ${length})`);
    }
    if (splice.start < previousEnd) throw new Error(`splices overlap at offset ${splice.start}`);
    previousEnd = splice.end;
  }
  return sorted;
}

/**
 * `text` with every splice applied (offsets into `text`, UTF-16 code units); insertions at the same
 * offset keep their given order. Throws Error on a splice outside the text or on overlapping splices.
 */
export function applySplices(text: string, splices: readonly Splice[]): string {
  let out = '';
  let at = 0;
  for (const splice of ordered(splices, text.length)) {
    out += text.slice(at, splice.start) + splice.insert;
    at = splice.end;
  }
  return out + text.slice(at);
}

/**
 * Applies text splices to the file's bytes: `text` is `bytes` decoded (valid UTF-8) without its
 * BOM of `bomLength` bytes. Bytes between splices are copied, never re-encoded.
 */
export function spliceBytes(bytes: Uint8Array, bomLength: number, text: string, splices: readonly Splice[]): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let textAt = 0;
  let byteAt = bomLength;
  let copiedTo = 0;
  for (const splice of ordered(splices, text.length)) {
    byteAt += utf8Length(text.slice(textAt, splice.start));
    const byteEnd = byteAt + utf8Length(text.slice(splice.start, splice.end));
    chunks.push(bytes.subarray(copiedTo, byteAt), encoder.encode(splice.insert));
    copiedTo = byteEnd;
    byteAt = byteEnd;
    textAt = splice.end;
  }
  chunks.push(bytes.subarray(copiedTo));
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      length += 4;
      i++;
    } else length += 3;
  }
  return length;
}

/** Offset of the first character of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** Offset of the line break that ends the line holding `offset`, or the text's length on the last line. */
export function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The line break used at the end of the line holding `offset`; else the file's first; else LF. */
export function lineBreakNear(text: string, offset: number): string {
  const end = lineEndOf(text, offset);
  if (end < text.length) return text[end] === '\r' ? (text[end + 1] === '\n' ? '\r\n' : '\r') : '\n';
  return detectLineBreak(text);
}

/** The first line break in `text` (`\r\n`, `\n` or `\r`), or `\n` when it has none. */
export function detectLineBreak(text: string): string {
  const match = /\r\n|\n|\r/.exec(text);
  return match ? match[0] : '\n';
}

/** Backs up from `offset` over spaces, tabs and line breaks, not before `floor`: the end of the last content. */
export function contentEndBefore(text: string, offset: number, floor = 0): number {
  let i = offset;
  while (i > floor && /[ \t\r\n]/.test(text[i - 1]!)) i--;
  return i;
}

/**
 * A splice that adds whole lines after the line holding `offset`: it goes just before that line's
 * break, led by a break of the same kind, so a file without a final newline still has none.
 */
export function insertLinesAfter(text: string, offset: number, lines: readonly string[]): Splice {
  const at = lineEndOf(text, offset);
  const eol = lineBreakNear(text, offset);
  return { start: at, end: at, insert: lines.map((line) => eol + line).join('') };
}

/** Column of `offset` in its line, counted in UTF-16 units from 0. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}
