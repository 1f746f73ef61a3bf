/**
 * Splices that change YAML front-matter in place: replace one scalar, add a key to a mapping, add an
 * item to a sequence. New text follows the style around it (block or flow, indentation, JSON keys,
 * line breaks) and nothing else moves.
 */
import { splitFrontMatter, type SplitFile } from '../parse/front-matter.js';
import { columnOf, contentEndBefore, insertLinesAfter, lineBreakNear, lineStartOf, type Splice } from './splice.js';
import { describeYamlPath, type PathSegment, type YamlCollectionShape, type YamlNodeShape } from '../parse/yaml.js';

/** The file cannot be edited as asked; `offset` (into the text) locates the reason when there is one. */
export class EditError extends Error {
  readonly offset: number | null;
  constructor(message: string, offset: number | null = null) {
    super(message);
    this.name = 'EditError';
    this.offset = offset;
  }
}

/**
 * A value to add: one scalar written the same way everywhere, or a collection given in both forms,
 * as lines of a block node (indentation relative to it) and as one flow line.
 */
export type YamlInsert = { inline: string } | { block: string[]; flow: string };

/** Front-matter that parsed cleanly, with shapes located in the whole file's text. */
export class FrontMatterEditor {
  readonly split: SplitFile;
  constructor(readonly text: string) {
    this.split = splitFrontMatter(text);
    const issue = this.split.issues[0];
    if (issue) throw new EditError(`the front-matter has an error (${issue.message}): fix it first`, issue.offset);
    if (!this.split.document) throw new EditError('the file has no front-matter', 0);
  }

  get data(): unknown {
    return this.split.data;
  }

  /** The node at `path` with offsets into the file's text, or null. */
  node(path: readonly PathSegment[]): YamlCollectionShape | null {
    const shape = describeYamlPath(this.split.document!, path);
    if (!shape) return null;
    const by = this.split.yamlOffset;
    const move = <T extends YamlNodeShape>(node: T): T => ({ ...node, start: node.start + by, end: node.end + by });
    return {
      ...move(shape),
      pairs: shape.pairs.map((pair) => ({ ...pair, keyStart: pair.keyStart + by, keyEnd: pair.keyEnd + by, value: pair.value ? move(pair.value) : null })),
      items: shape.items.map(move),
    };
  }

  /** True when the mapping is JSON-like (`---json` front-matter): keys in double quotes. */
  isJson(map: YamlCollectionShape): boolean {
    return map.flow && map.pairs.length > 0 && map.pairs.every((pair) => pair.keyStyle === 'double-quoted');
  }

  key(map: YamlCollectionShape, name: string): string {
    return this.isJson(map) ? JSON.stringify(name) : name;
  }

  /** Replaces a scalar value with `literal`. */
  replaceScalar(node: YamlNodeShape, literal: string): Splice {
    if (node.kind !== 'scalar' && node.kind !== 'alias') throw new EditError('expected a single value here', node.start);
    if (node.style === 'block') throw new EditError('a block scalar (| or >) cannot be replaced here', node.start);
    return { start: node.start, end: node.end, insert: literal };
  }

  /**
   * Adds `name: value` to a mapping: after the pair named `after` when given, else after the last
   * pair. A block mapping gets new lines at its keys' indentation; a flow mapping gets `, name: value`.
   */
  addPair(map: YamlCollectionShape, name: string, value: YamlInsert, after?: string): Splice {
    if (map.kind !== 'map') throw new EditError('expected a mapping of keys to values', map.start);
    const anchor = after === undefined ? map.pairs[map.pairs.length - 1] : map.pairs.find((pair) => pair.key === after);
    if (!anchor) throw new EditError(`cannot find where to add "${name}"`, map.start);
    const anchorEnd = anchor.value && anchor.value.end > anchor.keyEnd ? anchor.value.end : anchor.keyEnd;
    if (map.flow) {
      return { start: anchorEnd, end: anchorEnd, insert: `, ${this.key(map, name)}: ${'inline' in value ? value.inline : value.flow}` };
    }
    const indent = this.indentAt(map.pairs[0]!.keyStart);
    const end = contentEndBefore(this.text, anchorEnd, anchor.keyStart);
    const lines = 'inline' in value ? [`${indent}${name}: ${value.inline}`] : [`${indent}${name}:`, ...value.block.map((line) => (line === '' ? '' : `${indent}  ${line}`))];
    return insertLinesAfter(this.text, end, lines);
  }

  /** Gives a key that has no value (`name:`) a block value on the lines below it. */
  fillEmptyKey(map: YamlCollectionShape, name: string, value: YamlInsert): Splice {
    const pair = map.pairs.find((p) => p.key === name);
    if (!pair) throw new EditError(`"${name}" is missing`, map.start);
    if (map.flow) throw new EditError(`"${name}" has no value: give it one, such as [], by hand first`, pair.keyStart);
    if ('inline' in value) {
      if (this.text[pair.keyEnd] !== ':') throw new EditError(`"${name}" has no value: give it one by hand first`, pair.keyStart);
      return { start: pair.keyEnd + 1, end: pair.keyEnd + 1, insert: ` ${value.inline}` };
    }
    const indent = this.indentAt(pair.keyStart);
    return insertLinesAfter(
      this.text,
      pair.keyEnd,
      value.block.map((line) => (line === '' ? '' : `${indent}  ${line}`)),
    );
  }

  /** Adds an item at the end of a sequence, in its style. */
  appendItem(seq: YamlCollectionShape, value: YamlInsert): Splice {
    if (seq.kind !== 'seq') throw new EditError('expected a list', seq.start);
    const last = seq.items[seq.items.length - 1];
    const flow = 'inline' in value ? value.inline : value.flow;
    const block = 'inline' in value ? [value.inline] : value.block;
    if (seq.flow) {
      if (!last) return { start: seq.start + 1, end: seq.start + 1, insert: flow };
      return { start: last.end, end: last.end, insert: `, ${flow}` };
    }
    if (!last) throw new EditError('expected a list with items', seq.start);
    const dashIndent = this.indentAt(seq.start);
    const lastPrefix = this.text.slice(lineStartOf(this.text, last.start), last.start);
    const regular = /^ *- +$/.test(lastPrefix);
    const first = regular ? lastPrefix : `${dashIndent}- `;
    const rest = regular ? ' '.repeat(lastPrefix.length) : `${dashIndent}  `;
    const end = contentEndBefore(this.text, last.end, last.start);
    const lines = block.map((line, i) => (i === 0 ? first + line : line === '' ? '' : rest + line));
    return insertLinesAfter(this.text, end, lines);
  }

  /**
   * Adds an item to a sequence before its item `index` (0-based; the number of items appends, as
   * appendItem), in its style: a flow list gets `value, ` before that item; a block list gets the
   * item's lines just after the line where the item above ends (comments between them stay below
   * the new item), or before the list's first `-` for index 0, with the dash and indentation of the
   * item it goes before. Throws EditError when `seq` is not a sequence or `index` is out of range.
   */
  insertItem(seq: YamlCollectionShape, index: number, value: YamlInsert): Splice {
    if (seq.kind !== 'seq') throw new EditError('expected a list', seq.start);
    if (index === seq.items.length) return this.appendItem(seq, value);
    const next = seq.items[index];
    if (!next || index < 0) throw new EditError(`the list has no item ${index + 1}`, seq.start);
    const flow = 'inline' in value ? value.inline : value.flow;
    const block = 'inline' in value ? [value.inline] : value.block;
    if (seq.flow) return { start: next.start, end: next.start, insert: `${flow}, ` };
    const nextPrefix = this.text.slice(lineStartOf(this.text, next.start), next.start);
    const dashIndent = this.indentAt(seq.start);
    const regular = /^ *- +$/.test(nextPrefix);
    const first = regular ? nextPrefix : `${dashIndent}- `;
    const rest = regular ? ' '.repeat(nextPrefix.length) : `${dashIndent}  `;
    const lines = block.map((line, i) => (i === 0 ? first + line : line === '' ? '' : rest + line));
    if (index > 0) {
      const previous = seq.items[index - 1]!;
      return insertLinesAfter(this.text, contentEndBefore(this.text, previous.end, previous.start), lines);
    }
    const lineStart = lineStartOf(this.text, seq.start);
    if (!/^ *$/.test(this.text.slice(lineStart, seq.start))) throw new EditError('the list does not start on a line of its own', seq.start);
    const eol = lineBreakNear(this.text, seq.start);
    return { start: lineStart, end: lineStart, insert: lines.map((line) => line + eol).join('') };
  }

  /**
   * Adds an item at the end of the list `name` of a mapping at `path`, creating the list when the
   * key is missing or has no value; an empty `[]` in a block mapping becomes a block list.
   * `item.block` holds the item's lines without the leading "- ".
   */
  appendToList(path: readonly PathSegment[], name: string, item: { block: string[]; flow: string }): Splice[] {
    const map = this.node(path);
    if (!map || map.kind !== 'map') throw new EditError('expected a mapping of keys to values', map?.start ?? 0);
    const asBlockList = [`- ${item.block[0]}`, ...item.block.slice(1).map((line) => (line === '' ? '' : `  ${line}`))];
    const pair = map.pairs.find((p) => p.key === name);
    if (!pair) return [this.addPair(map, name, { block: asBlockList, flow: `[${item.flow}]` })];
    if (pair.value === null || (pair.value.kind === 'scalar' && pair.value.value === null)) {
      return [this.fillEmptyKey(map, name, { block: asBlockList, flow: `[${item.flow}]` })];
    }
    const list = this.node([...path, name]);
    if (!list || list.kind !== 'seq') throw new EditError(`"${name}" is not a list`, pair.value.start);
    if (list.flow && list.items.length === 0 && !map.flow && this.text[pair.keyEnd] === ':') {
      const between = this.text.slice(pair.keyEnd + 1, list.start);
      if (/^[ \t]*$/.test(between)) {
        return [{ start: pair.keyEnd + 1, end: list.end, insert: '' }, this.fillEmptyKey(map, name, { block: asBlockList, flow: '' })];
      }
    }
    return [this.appendItem(list, item)];
  }

  private indentAt(offset: number): string {
    const column = columnOf(this.text, offset);
    const prefix = this.text.slice(offset - column, offset);
    if (/\t/.test(prefix)) throw new EditError('the front-matter is indented with tabs', offset);
    return ' '.repeat(column);
  }
}

/** Deep equality of plain data, ignoring the order of mapping keys. */
export function sameData(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
    }
    return v;
  });
}
