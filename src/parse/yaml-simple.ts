/**
 * A quick reader for the simple YAML that nearly all front-matter is: block mappings of plain keys,
 * one-line values (plain scalars, quoted scalars without escapes, flow lists of plain scalars), and
 * block lists of such values or of such mappings. It gives exactly the data that `yaml` gives for
 * the same text (YAML 1.2 core schema) and the same start offset for every node, at a fraction of
 * the cost; for anything else it gives null and yaml.ts parses the text fully. Whatever it is not
 * sure of (comments, anchors, tags, tabs, multi-line scalars, escapes, odd or repeated keys, lone
 * CRs, unusual characters) it leaves to the full parse.
 * test/unit/yaml-differential.test.ts holds it to `yaml`.
 */

/** A node with the start offset `yaml` gives it (`range[0]`). An empty value is a scalar too. */
export type SimpleNode = SimpleScalar | SimpleMap | SimpleSeq;

export interface SimpleScalar {
  kind: 'scalar';
  start: number;
}

export interface SimplePair {
  key: string;
  keyStart: number;
  value: SimpleNode;
}

export interface SimpleMap {
  kind: 'map';
  start: number;
  pairs: SimplePair[];
}

export interface SimpleSeq {
  kind: 'seq';
  start: number;
  items: SimpleNode[];
}

/** A text the simple reader read: its data and its root mapping. */
export class SimpleYaml {
  constructor(
    readonly data: unknown,
    readonly root: SimpleMap,
  ) {}
}

/** Thrown inside the reader when the text is not of the simple kind; never escapes it. */
const NOT_SIMPLE = new Error('not simple YAML');

/**
 * Characters the reader accepts anywhere: printable ones, without tabs, BOMs, C1 controls, line and
 * paragraph separators or lone surrogates; a CR only as part of CRLF.
 */
const UNSUPPORTED_CHARACTER = /[^\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]|\r(?!\n)/u;

/** Implicit keys can be much longer; these are the keys front-matter has. */
const MAX_KEY_LENGTH = 128;

/** Plain scalars may not start with these (YAML indicators); `-` may when a non-space follows. */
const BLOCK_PLAIN_FIRST = new Set(['?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);

/** Items of a flow list: no indicator at all, so no item can be read two ways. */
const FLOW_PLAIN_ITEM = /^[^\s?:,[\]{}#&*!|>'"%@`-][^:,[\]{}#'"]*$/;

interface Line {
  /** Offset of the line's first character. */
  start: number;
  /** Leading spaces. */
  indent: number;
  /** End of the content: before trailing spaces and the line break. */
  end: number;
  /** End of the line before its line break (CRLF or LF). */
  eol: number;
}

/** The data and node offsets of `text`, or null when it is not simple YAML. */
export function readSimpleYaml(text: string): SimpleYaml | null {
  if (UNSUPPORTED_CHARACTER.test(text)) return null;
  const lines = contentLines(text);
  const first = lines[0];
  if (!first || first.indent !== 0) return null;
  const reader = new SimpleReader(text, lines);
  try {
    const { node, data } = reader.readMap(0, first.start);
    if (reader.index !== lines.length) return null;
    return new SimpleYaml(data, node);
  } catch (error) {
    if (error === NOT_SIMPLE) return null;
    throw error;
  }
}

/** The lines that hold something; blank lines mean nothing outside multi-line scalars. */
function contentLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    let next = text.indexOf('\n', start);
    if (next === -1) next = text.length;
    const eol = next > start && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
    let end = eol;
    while (end > start && text.charCodeAt(end - 1) === 32) end--;
    let indent = 0;
    while (start + indent < end && text.charCodeAt(start + indent) === 32) indent++;
    if (start + indent < end) lines.push({ start, indent, end, eol });
    start = next + 1;
  }
  return lines;
}

class SimpleReader {
  index = 0;

  constructor(
    private readonly text: string,
    private readonly lines: readonly Line[],
  ) {}

  /**
   * A block mapping whose keys stand at column `column`; its first key starts at `offset` on the
   * current line (after a list item's "- ", or at the line's indentation).
   */
  readMap(column: number, offset: number): { node: SimpleMap; data: Record<string, unknown> } {
    const { text, lines } = this;
    const node: SimpleMap = { kind: 'map', start: offset, pairs: [] };
    const data: Record<string, unknown> = {};
    for (;;) {
      const line = lines[this.index]!;
      const colon = this.keyEnd(offset, line.end);
      if (colon === -1) throw NOT_SIMPLE;
      const key = text.slice(offset, colon);
      if (typeof resolvePlainScalar(key) !== 'string' || key === '__proto__' || Object.hasOwn(data, key)) throw NOT_SIMPLE;
      let valueStart = colon + 1;
      while (valueStart < line.end && text.charCodeAt(valueStart) === 32) valueStart++;
      let value: { node: SimpleNode; data: unknown };
      if (valueStart < line.end) {
        value = this.readInline(valueStart, line.end);
        this.index++;
      } else {
        this.index++;
        const next = lines[this.index];
        if (next && next.indent === column && this.isListItem(next)) {
          value = this.readSeq(next.indent, column);
        } else if (next && next.indent > column) {
          value = this.isListItem(next) ? this.readSeq(next.indent, column) : this.readMap(next.indent, next.start + next.indent);
        } else {
          // No value: `yaml` places the empty scalar after the colon and the spaces that follow it.
          value = { node: { kind: 'scalar', start: line.eol }, data: null };
        }
      }
      node.pairs.push({ key, keyStart: offset, value: value.node });
      data[key] = value.data;
      const next = lines[this.index];
      if (!next || next.indent < column) return { node, data };
      if (next.indent > column) throw NOT_SIMPLE;
      offset = next.start + next.indent;
    }
  }

  /** A block list whose "-" stand at column `column`, the value of a key at column `keyColumn`. */
  private readSeq(column: number, keyColumn: number): { node: SimpleSeq; data: unknown[] } {
    const { text, lines } = this;
    const node: SimpleSeq = { kind: 'seq', start: lines[this.index]!.start + column, items: [] };
    const data: unknown[] = [];
    for (;;) {
      const line = lines[this.index]!;
      let offset = line.start + column + 1;
      while (offset < line.end && text.charCodeAt(offset) === 32) offset++;
      if (offset >= line.end) throw NOT_SIMPLE; // an empty item
      let item: { node: SimpleNode; data: unknown };
      if (this.keyEnd(offset, line.end) !== -1) {
        item = this.readMap(offset - line.start, offset);
      } else {
        item = this.readInline(offset, line.end);
        this.index++;
      }
      node.items.push(item.node);
      data.push(item.data);
      const next = lines[this.index];
      if (!next || next.indent < column) return { node, data };
      if (next.indent > column) throw NOT_SIMPLE;
      if (!this.isListItem(next)) {
        // Only a list written at its key's column ends at a line there: the next key.
        if (column === keyColumn) return { node, data };
        throw NOT_SIMPLE;
      }
    }
  }

  /** A value that fills the rest of its line, from `offset` to `end`. */
  private readInline(offset: number, end: number): { node: SimpleNode; data: unknown } {
    const { text } = this;
    const first = text[offset]!;
    const node: SimpleScalar = { kind: 'scalar', start: offset };
    if (first === '"') {
      const close = text.indexOf('"', offset + 1);
      if (close + 1 !== end) throw NOT_SIMPLE;
      const content = text.slice(offset + 1, close);
      if (content.includes('\\')) throw NOT_SIMPLE;
      return { node, data: content };
    }
    if (first === "'") {
      let content = '';
      let from = offset + 1;
      for (;;) {
        const quote = text.indexOf("'", from);
        if (quote === -1 || quote >= end) throw NOT_SIMPLE;
        content += text.slice(from, quote);
        if (text[quote + 1] !== "'") {
          if (quote + 1 !== end) throw NOT_SIMPLE;
          return { node, data: content };
        }
        content += "'";
        from = quote + 2;
      }
    }
    if (first === '[') return this.readFlowSeq(offset, end);
    const source = text.slice(offset, end);
    if (!isSimpleBlockPlain(source)) throw NOT_SIMPLE;
    return { node, data: resolvePlainScalar(source) };
  }

  /** `[a, b]` of plain scalars, closed on its line. */
  private readFlowSeq(offset: number, end: number): { node: SimpleSeq; data: unknown[] } {
    const { text } = this;
    const node: SimpleSeq = { kind: 'seq', start: offset, items: [] };
    const data: unknown[] = [];
    let at = skipSpaces(text, offset + 1, end);
    if (text[at] === ']') {
      if (at + 1 !== end) throw NOT_SIMPLE;
      return { node, data };
    }
    for (;;) {
      let stop = at;
      while (stop < end && text[stop] !== ',' && text[stop] !== ']') stop++;
      if (stop >= end) throw NOT_SIMPLE;
      let itemEnd = stop;
      while (itemEnd > at && text.charCodeAt(itemEnd - 1) === 32) itemEnd--;
      const source = text.slice(at, itemEnd);
      if (!FLOW_PLAIN_ITEM.test(source)) throw NOT_SIMPLE;
      node.items.push({ kind: 'scalar', start: at });
      data.push(resolvePlainScalar(source));
      if (text[stop] === ']') {
        if (stop + 1 !== end) throw NOT_SIMPLE;
        return { node, data };
      }
      at = skipSpaces(text, stop + 1, end);
      if (text[at] === ']' || text[at] === ',') throw NOT_SIMPLE; // a trailing or empty entry
    }
  }

  /** The offset of the colon when a plain key followed by ": " (or ":" at the end) starts at `offset`. */
  private keyEnd(offset: number, end: number): number {
    const { text } = this;
    let at = offset;
    const first = text.charCodeAt(at);
    if (!(isLetter(first) || first === 95)) return -1;
    at++;
    while (at < end) {
      const code = text.charCodeAt(at);
      if (isLetter(code) || (code >= 48 && code <= 57) || code === 95 || code === 45) at++;
      else break;
    }
    if (at - offset > MAX_KEY_LENGTH || text.charCodeAt(at) !== 58) return -1;
    return at + 1 === end || text.charCodeAt(at + 1) === 32 ? at : -1;
  }

  /** "- " or a lone "-" at the line's indentation. */
  private isListItem(line: Line): boolean {
    const at = line.start + line.indent;
    return this.text.charCodeAt(at) === 45 && (at + 1 === line.end || this.text.charCodeAt(at + 1) === 32);
  }
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function skipSpaces(text: string, from: number, end: number): number {
  while (from < end && text.charCodeAt(from) === 32) from++;
  return from;
}

/** A one-line plain scalar in block context that means itself: no indicator, comment or mapping. */
function isSimpleBlockPlain(source: string): boolean {
  const first = source[0]!;
  if (BLOCK_PLAIN_FIRST.has(first)) return false;
  if (first === '-' && (source.length === 1 || source[1] === ' ')) return false;
  return !source.includes(': ') && !source.endsWith(':') && !source.includes(' #');
}

/**
 * What a plain scalar means in the YAML 1.2 core schema, tried in the order `yaml` tries its tags:
 * null, bool, octal, decimal and hexadecimal ints, .inf/.nan, floats; else a string.
 */
export function resolvePlainScalar(source: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(source)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(source)) return source[0] === 't' || source[0] === 'T';
  if (/^0o[0-7]+$/.test(source)) return parseInt(source.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(source)) return parseInt(source, 10);
  if (/^0x[0-9a-fA-F]+$/.test(source)) return parseInt(source.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(source)) {
    return source.slice(-3).toLowerCase() === 'nan' ? NaN : source[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(source)) return parseFloat(source);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(source)) return parseFloat(source);
  return source;
}

/** Start of the node at `path` (or of its key); the same answer as locateYamlPath on the Document. */
export function locateSimplePath(root: SimpleNode, path: readonly (string | number)[], at: 'key' | 'value'): number {
  let node = root;
  let best = node.start;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    let pair: SimplePair | undefined;
    let next: SimpleNode | undefined;
    if (node.kind === 'map') {
      pair = node.pairs.find((item) => item.key === String(segment));
      next = pair?.value;
    } else if (node.kind === 'seq' && typeof segment === 'number') {
      next = node.items[segment];
    } else break;
    if (i === path.length - 1 && at === 'key' && pair) return pair.keyStart;
    if (next === undefined) {
      if (pair) return pair.keyStart;
      break;
    }
    best = next.start;
    node = next;
  }
  return best;
}

/** Offsets of the keys of the mapping at `path`; the same answer as mappingKeyOffsets on the Document. */
export function simpleMappingKeyOffsets(root: SimpleNode, path: readonly (string | number)[]): Map<string, number> {
  let node: SimpleNode | undefined = root;
  for (const segment of path) {
    if (node?.kind === 'map') node = node.pairs.find((item) => item.key === String(segment))?.value;
    else if (node?.kind === 'seq' && typeof segment === 'number') node = node.items[segment];
    else return new Map();
  }
  const offsets = new Map<string, number>();
  if (node?.kind === 'map') for (const pair of node.pairs) offsets.set(pair.key, pair.keyStart);
  return offsets;
}
