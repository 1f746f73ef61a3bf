/**
 * Splits a Markdown body into parts that parse the same apart as together, so that a body the block
 * scan cannot follow is parsed a part at a time: the parts the scan follows take the fast path, and
 * only the others go to micromark, each with its own events (the memory of one part, not the body).
 *
 * A part starts at a line at column 0 where every block of the lines before is closed for sure:
 * - a bullet list item with content (`- x`, `* x`, `+ x`, not a thematic break), or an ATX heading:
 *   either interrupts a paragraph, and a line at column 0 continues no list item, block quote or
 *   footnote definition, nor starts a lazy line;
 * - any other line at column 0 right after a blank line;
 * and no top-level block that spans such lines may be open: fenced code, HTML blocks (those of kinds
 * 1 to 5 run to their end marker, the others to a blank line) and GFM tables (to a blank line). These
 * are tracked generously: every line that could open one (at any indentation under four columns, in
 * any container) counts as opening it, and an open one is closed only by a line that closes it at the
 * top level. When in doubt there is no boundary, and the part is longer.
 */

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

const HTML_RAW_START: readonly [RegExp, string][] = [
  [/^<(script|pre|style|textarea)(?=[\s>]|$)/i, ''],
  [/^<!--/, '-->'],
  [/^<\?/, '?>'],
  [/^<![A-Za-z]/, '>'],
  [/^<!\[CDATA\[/, ']]>'],
];

/**
 * Offsets in `markdown` where parts start, in order, the first being 0. Linear in the body's length.
 */
export function partStarts(markdown: string): number[] {
  const starts = [0];
  let fences: Fence[] = [];
  // End markers of open HTML blocks of kinds 1 to 5, and whether they were opened in a container.
  const raw = new Map<string, boolean>();
  /** An HTML block of kind 6 or 7, or a table, may be open until the next blank line. */
  let untilBlank = false;
  /** Too many fences to follow: no more parts. */
  let lost = false;
  let previousBlank = true;
  const length = markdown.length;
  let start = 0;
  while (start < length && !lost) {
    let end = start;
    while (end < length) {
      const code = markdown.charCodeAt(end);
      if (code === LF || code === CR) break;
      end++;
    }
    const line = markdown.slice(start, end);
    const blank = isBlank(line);
    const first = line.charCodeAt(0);
    if (!blank && first !== SPACE && first !== TAB) {
      // A line at column 0 ends every container, and what was opened in one (none is lazy).
      if (fences.length > 0) fences = fences.filter((fence) => !fence.contained);
      for (const [endMarker, contained] of raw) if (contained) raw.delete(endMarker);
    }
    if (start > 0 && fences.length === 0 && raw.size === 0 && !untilBlank && !blank && isBoundary(line, previousBlank)) starts.push(start);
    const clean = fences.length === 0 && raw.size === 0 && !untilBlank;

    if (blank) {
      untilBlank = false;
    } else {
      // Close what this line closes at the top level. A fence that may not have been open in
      // micromark (it may have been code, or in a container) may be opened by the same line instead.
      let closedFence = false;
      if (fences.length > 0) {
        const kept: Fence[] = [];
        for (const fence of fences) {
          const size = closingFenceSize(line, fence.marker);
          if (size < fence.size) kept.push(fence);
          else if (!fence.certain) kept.push({ marker: fence.marker, size, certain: false, contained: false });
          closedFence ||= size >= fence.size;
        }
        fences = dedupe(kept);
      }
      if (raw.size > 0) {
        const lower = line.toLowerCase();
        for (const endMarker of raw.keys()) if (lower.includes(endMarker)) raw.delete(endMarker);
      }
      // Open what this line may open, in any container.
      const at = contentStart(line);
      if (at !== -1 && !closedFence) {
        const contained = hasContainerPrefix(line, at);
        const code = line.charCodeAt(at);
        if (code === 96 || code === 126) {
          const size = fenceOpeningSize(line, at);
          // Certain: at column 0 with nothing else open, it is a fence at the top level.
          if (size > 0) fences = dedupe([...fences, { marker: code, size, certain: at === 0 && clean, contained }]);
        } else if (code === 60 /* < */) {
          const content = line.slice(at);
          const kind = HTML_RAW_START.find(([pattern]) => pattern.test(content));
          if (kind) {
            const endMarker = kind[1] === '' ? `</${/^<([a-z]+)/i.exec(content)![1]!.toLowerCase()}>` : kind[1];
            const opener = kind[0].exec(content)![0].length;
            if (!content.slice(opener).toLowerCase().includes(endMarker)) raw.set(endMarker, contained && raw.get(endMarker) !== false);
          } else {
            untilBlank = true;
          }
        }
      }
      if (line.includes('|')) untilBlank = true;
      if (fences.length > MAX_FENCES) lost = true;
    }
    previousBlank = blank;
    if (end >= length) break;
    start = markdown.charCodeAt(end) === CR && markdown.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
  }
  return starts;
}

/** A fence that may be open at the top level. */
interface Fence {
  marker: number;
  size: number;
  /** Opened at column 0 when nothing else was open: micromark has it open for sure. */
  certain: boolean;
  /** Opened after a container prefix (`>`, a list marker): it ends with its container. */
  contained: boolean;
}

/** Fences followed at once at most: beyond, no more parts start. */
const MAX_FENCES = 64;

function dedupe(fences: Fence[]): Fence[] {
  if (fences.length < 2) return fences;
  const seen = new Set<string>();
  return fences.filter((fence) => {
    const key = `${fence.marker} ${fence.size} ${fence.certain} ${fence.contained}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isBlank(line: string): boolean {
  for (let index = 0; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code !== SPACE && code !== TAB) return false;
  }
  return true;
}

/** Whether `>` or a list marker comes before `at` in `line`. */
function hasContainerPrefix(line: string, at: number): boolean {
  for (let index = 0; index < at; index++) {
    const code = line.charCodeAt(index);
    if (code !== SPACE && code !== TAB) return true;
  }
  return false;
}

/**
 * A line at column 0 that starts a part when nothing spans it (see the module's comment). A list
 * item starting there is read differently when micromark takes it for interrupting something (an
 * ordered list must start at 1, no item may be empty), which it may do even after a blank line
 * (indented code spans blank lines): such items start no part.
 */
function isBoundary(line: string, previousBlank: boolean): boolean {
  const code = line.charCodeAt(0);
  if (code === SPACE || code === TAB || isDigit(code)) return false;
  if (code === 45 || code === 42 || code === 43) {
    // A bullet, whitespace, then content that starts no other container; not a thematic break.
    if (/^[-*+](?:[ \t]|$)/.test(line)) return /^[-*+][ \t]+[^\s\d>*+-]/.test(line) && !/^(?:[-*_][ \t]*){3,}$/.test(line);
  }
  if (previousBlank) return true;
  if (code === 35 /* # */) return /^#{1,6}(?:[ \t]|$)/.test(line);
  return false;
}

/**
 * Index in `line` after container-like prefixes (`>`, list markers, spaces and tabs) when what is
 * left starts under four columns of indentation after the last of them, else -1.
 */
function contentStart(line: string): number {
  let index = 0;
  for (;;) {
    let columns = 0;
    while (index < line.length) {
      const code = line.charCodeAt(index);
      if (code === SPACE) columns++;
      else if (code === TAB) columns += 4 - (columns % 4);
      else break;
      index++;
    }
    const code = line.charCodeAt(index);
    const next = line.charCodeAt(index + 1);
    const followedBySpace = index + 1 >= line.length || next === SPACE || next === TAB;
    if (code === 62 /* > */) {
      index++;
      continue;
    }
    if ((code === 45 || code === 42 || code === 43) && followedBySpace) {
      index++;
      continue;
    }
    if (code >= 48 && code <= 57) {
      let digits = index;
      while (digits < line.length && digits - index < 9 && isDigit(line.charCodeAt(digits))) digits++;
      const delimiter = line.charCodeAt(digits);
      const after = line.charCodeAt(digits + 1);
      if ((delimiter === 46 || delimiter === 41) && (digits + 1 >= line.length || after === SPACE || after === TAB)) {
        index = digits + 1;
        continue;
      }
    }
    return columns < 4 ? index : -1;
  }
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Size of a fence opening at `at`, or 0 (a backtick fence's info may hold no backtick). */
function fenceOpeningSize(line: string, at: number): number {
  const marker = line.charCodeAt(at);
  let index = at;
  while (line.charCodeAt(index) === marker) index++;
  const size = index - at;
  if (size < 3) return 0;
  if (marker === 96 && line.indexOf('`', index) !== -1) return 0;
  return size;
}

/** Size of a closing fence of `marker` at the top level (up to three spaces, only whitespace after), or 0. */
function closingFenceSize(line: string, marker: number): number {
  let index = 0;
  while (index < 3 && line.charCodeAt(index) === SPACE) index++;
  const at = index;
  while (line.charCodeAt(index) === marker) index++;
  for (let rest = index; rest < line.length; rest++) {
    const code = line.charCodeAt(rest);
    if (code !== SPACE && code !== TAB) return 0;
  }
  return index - at;
}
