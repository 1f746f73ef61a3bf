/**
 * The one module that loads the `yaml` package, and the only reader of YAML in okr: parses YAML text
 * as data (YAML 1.2 core schema, no custom tags, unique keys, bounded aliases), finds the source
 * range of a value by its path in the parsed Document, and describes nodes for edits.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair } from 'yaml';
import { findDeepYamlNesting, formatSize, MAX_FRONT_MATTER_LENGTH, MAX_YAML_NESTING } from './limits.js';
import { cutText, MAX_EXCERPT } from '../model/problem.js';
import type { RuleId } from '../model/rules.js';

export interface YamlIssue {
  /** Offset into the parsed text. */
  offset: number;
  rule: RuleId;
  message: string;
}

/** Where the nodes of a parsed text are: for locateYamlPath and mappingKeyOffsets. */
export type YamlTree = Document;

export interface ParsedYaml {
  data: unknown;
  /** Null when the text was refused unread (too large, too deep). */
  tree: YamlTree | null;
  /** The `yaml` Document, for edits (describeYamlPath); the same as `tree`. */
  readonly document: Document | null;
  issues: YamlIssue[];
}

/** Tags of the core schema: harmless, they only force a type. Anything else is refused. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => `tag:yaml.org,2002:${name}`));

/** Aliases resolved while converting one document; keeps a "billion laughs" document small. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses `text` (one YAML document) with the `yaml` package. Never throws: a text over 256 kB or
 * nested deeper than 64 levels is refused unread (`yaml-too-large`, `nesting-too-deep`, tree null);
 * the first syntax error only (`yaml-syntax`; an unclosed quote where it opens), duplicate keys
 * before it (`duplicate-key`), tags outside the core schema
 * (`yaml-tag`) and aliases that expand too much (`yaml-alias`) are issues, with data undefined.
 * Issue offsets are UTF-16 offsets into `text`.
 */
export function parseYaml(text: string): ParsedYaml {
  return guard(text) ?? parseWithYaml(text);
}

/** Refuses texts too large or too deeply nested to parse safely. */
function guard(text: string): ParsedYaml | null {
  if (text.length > MAX_FRONT_MATTER_LENGTH) {
    return refused(Math.max(0, text.search(/\S/)), 'yaml-too-large', `YAML is ${formatSize(text.length)}, over the ${formatSize(MAX_FRONT_MATTER_LENGTH)} limit: not read`);
  }
  const deep = findDeepYamlNesting(text);
  if (deep) {
    return refused(deep.offset, 'nesting-too-deep', `YAML nests deeper than ${MAX_YAML_NESTING} levels: not read`);
  }
  return null;
}

function parseWithYaml(text: string): ParsedYaml {
  const document = parseDocument(text, {
    version: '1.2',
    schema: 'core',
    customTags: [],
    merge: true,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    keepSourceTokens: false,
    lineCounter: new LineCounter(),
    // The library's warnings (a collection used as a key is made a string) would go to stderr raw.
    logLevel: 'error',
  });
  const issues: YamlIssue[] = [];
  // One syntax error per text, the first (as tsc and eslint report parse errors): after it the
  // parser's reading is a guess, and what follows is mostly its echo. Duplicate keys before it
  // stand; those after it are dropped with the rest.
  let firstSyntax: (typeof document.errors)[number] | null = null;
  for (const error of document.errors) {
    if (error.code !== 'DUPLICATE_KEY' && (firstSyntax === null || error.pos[0] < firstSyntax.pos[0])) firstSyntax = error;
  }
  for (const error of document.errors) {
    if (error.code === 'DUPLICATE_KEY') {
      if (firstSyntax === null || error.pos[0] < firstSyntax.pos[0]) {
        issues.push({ offset: error.pos[0], rule: 'duplicate-key', message: describeYamlError(error.code, error.message) });
      }
    } else if (error === firstSyntax) {
      const unclosed = error.code === 'MISSING_CHAR' && /quote/i.test(error.message) ? unclosedQuoteStart(document, error.pos[0]) : null;
      if (unclosed !== null) {
        issues.push({ offset: unclosed, rule: 'yaml-syntax', message: 'YAML syntax error: this quote is never closed: add the closing quote' });
      } else {
        issues.push({ offset: error.pos[0], rule: 'yaml-syntax', message: describeYamlError(error.code, error.message) });
      }
    }
  }
  if (issues.length > 0) return { data: undefined, tree: document, document, issues };
  visit(document, {
    Node(_key, node) {
      if (node.tag && !CORE_TAGS.has(node.tag)) {
        issues.push({
          offset: tagOffset(text, node.range?.[0] ?? 0),
          rule: 'yaml-tag',
          message: `YAML tag "${shortTag(node.tag)}" is not supported: front-matter is plain data; remove the tag`,
        });
      }
    },
  });
  if (issues.length > 0) return { data: undefined, tree: document, document, issues };
  try {
    return { data: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), tree: document, document, issues };
  } catch (error) {
    const message =
      error instanceof ReferenceError && /alias/i.test(error.message)
        ? `too many YAML aliases (more than ${MAX_ALIAS_COUNT}): the document expands too much to read safely`
        : `YAML could not be read: ${error instanceof Error ? error.message : String(error)}`;
    return { data: undefined, tree: document, document, issues: [{ offset: Math.max(0, text.search(/\S/)), rule: 'yaml-alias', message }] };
  }
}

/** A node's range leaves out its tag: point at the `!` before it when it is on the same line. */
function tagOffset(text: string, nodeStart: number): number {
  let bang = text.lastIndexOf('!', nodeStart);
  if (bang === -1 || /[\r\n]/.test(text.slice(bang, nodeStart))) return nodeStart;
  while (bang > 0 && !/[\s,[{]/.test(text[bang - 1]!)) bang--;
  return bang;
}

function refused(offset: number, rule: RuleId, message: string): ParsedYaml {
  return { data: undefined, tree: null, document: null, issues: [{ offset, rule, message }] };
}

/** Where the quoted scalar that an unclosed-quote error ends in starts, or null. */
function unclosedQuoteStart(document: Document, errorOffset: number): number | null {
  let start: number | null = null;
  visit(document, {
    Scalar(_key, node) {
      const range = node.range;
      if (range && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && range[0] < errorOffset && range[1] >= errorOffset) {
        start = range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return start;
}

function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

function describeYamlError(code: string, message: string): string {
  const firstLine = message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace(/;? *(?:please )?use YAML\.\w+\(\)/i, '');
  if (code === 'DUPLICATE_KEY') return 'duplicate key: each key may appear only once in a mapping';
  // The library's own advice ("please use YAML.parseAllDocuments()") is for programmers, not users.
  if (code === 'MULTIPLE_DOCS') return 'YAML syntax error: the front-matter holds more than one YAML document (a "---" or "..." line inside it starts a new one)';
  // The yaml library quotes the offending source ("unexpected scalar token …: "text""): cut to an excerpt.
  const shortened = firstLine.replace(/"((?:[^"\\]|\\.)*)"/g, (whole: string, inner: string) => (inner.length > MAX_EXCERPT ? JSON.stringify(cutText(unquote(whole))) : whole));
  return `YAML syntax error: ${shortened.charAt(0).toLowerCase()}${shortened.slice(1)}`;
}

function unquote(quoted: string): string {
  try {
    return String(JSON.parse(quoted));
  } catch {
    return quoted.slice(1, -1);
  }
}

export type PathSegment = string | number;

/**
 * Start offset (UTF-16, into the parsed text) of the node at `path`, or of its key when `at` is
 * 'key'; when there is no such node, of its nearest ancestor (a key without a value: the key).
 */
export function locateYamlPath(tree: YamlTree, path: readonly PathSegment[], at: 'key' | 'value' = 'value'): number {
  let node: unknown = tree.contents;
  let best = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    let pair: Pair | undefined;
    let next: unknown;
    if (isAlias(node)) break;
    if (isMap(node)) {
      pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      next = pair?.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    } else break;
    const isLast = i === path.length - 1;
    if (isLast && at === 'key' && pair) return rangeStart(pair.key) ?? best;
    if (next === undefined || next === null) {
      // The key exists with no value (`owner:`): point at the key.
      if (pair) return rangeStart(pair.key) ?? best;
      break;
    }
    best = rangeStart(next) ?? (pair ? rangeStart(pair.key) : undefined) ?? best;
    node = next;
  }
  return best;
}

/**
 * Every key of the mapping at `path` with its start offset (UTF-16, into the parsed text), in source
 * order, for unknown-key checks; merge keys (`<<`) left out. Empty when there is no mapping there.
 */
export function mappingKeyOffsets(tree: YamlTree, path: readonly PathSegment[]): Map<string, number> {
  let node: unknown = tree.contents;
  for (const segment of path) {
    if (isMap(node)) node = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment))?.value;
    else if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
    else return new Map();
  }
  const offsets = new Map<string, number>();
  if (isMap(node)) {
    for (const item of node.items) {
      // Merge keys (`<<`) are YAML, not keys of ours.
      if (isPair(item) && isScalar(item.key) && (typeof item.key.value === 'string' || typeof item.key.value === 'number') && item.key.value !== '<<') {
        offsets.set(String(item.key.value), rangeStart(item.key) ?? 0);
      }
    }
  }
  return offsets;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/** Where and how a node is written, for edits that splice the source: offsets into the parsed text. */
export interface YamlNodeShape {
  kind: 'map' | 'seq' | 'scalar' | 'alias';
  /** A flow collection (`{...}` or `[...]`); false for block collections and scalars. */
  flow: boolean;
  /** Start of the node. */
  start: number;
  /** End of the value itself: before any comment, and for scalars before the line break. */
  end: number;
  /** Scalars: the value as read. */
  value?: unknown;
  /** Scalars: how the value is written. */
  style?: 'plain' | 'single-quoted' | 'double-quoted' | 'block';
}

export interface YamlPairShape {
  key: string;
  keyStart: number;
  keyEnd: number;
  keyStyle: YamlNodeShape['style'];
  /** Null when the key has no value node at all. */
  value: YamlNodeShape | null;
}

export interface YamlCollectionShape extends YamlNodeShape {
  /** Maps: the pairs, in source order. */
  pairs: YamlPairShape[];
  /** Sequences: the items, in source order. */
  items: YamlNodeShape[];
}

/** The node at `path` with its direct children (offsets into the parsed text), or null when there is no such node. */
export function describeYamlPath(document: Document, path: readonly PathSegment[]): YamlCollectionShape | null {
  let node: unknown = document.contents;
  for (const segment of path) {
    if (isMap(node)) node = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment))?.value;
    else if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
    else return null;
    if (node === undefined || node === null) return null;
  }
  const shape = shapeOf(node);
  if (!shape) return null;
  const pairs: YamlPairShape[] = [];
  const items: YamlNodeShape[] = [];
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isScalar(item.key) || !item.key.range) continue;
      const keyShape = shapeOf(item.key)!;
      pairs.push({ key: String(item.key.value), keyStart: keyShape.start, keyEnd: keyShape.end, keyStyle: keyShape.style, value: shapeOf(item.value) });
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const itemShape = shapeOf(item);
      if (itemShape) items.push(itemShape);
    }
  }
  return { ...shape, pairs, items };
}

function shapeOf(node: unknown): YamlNodeShape | null {
  const range = (node as Node | null | undefined)?.range;
  if (!range) return null;
  const [start, end] = range;
  if (isMap(node)) return { kind: 'map', flow: Boolean(node.flow), start, end };
  if (isSeq(node)) return { kind: 'seq', flow: Boolean(node.flow), start, end };
  if (isAlias(node)) return { kind: 'alias', flow: false, start, end };
  if (isScalar(node)) {
    const style =
      node.type === 'QUOTE_DOUBLE'
        ? 'double-quoted'
        : node.type === 'QUOTE_SINGLE'
          ? 'single-quoted'
          : node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL'
            ? 'block'
            : 'plain';
    return { kind: 'scalar', flow: false, start, end, value: node.value, style };
  }
  return null;
}

/**
 * A value written as one YAML scalar that reads back as the same value: plain when that is safe,
 * else double-quoted. `json` writes JSON (for `---json` front-matter); `flow` is safe inside `{}`/`[]`.
 * Throws for a number that is not finite.
 */
export function formatYamlScalar(value: string | number | boolean, context: 'block' | 'flow' | 'json'): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return Object.is(value, -0) ? '0' : String(value);
  }
  if (typeof value === 'boolean') return String(value);
  const quoted = JSON.stringify(value);
  if (context === 'json' || value !== value.trim() || /[\n\r\t\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(value)) return quoted;
  const plain = value;
  const probe = context === 'flow' ? `{ k: ${plain} }` : `k: ${plain}`;
  const read = parseYaml(probe);
  const data = read.data as Record<string, unknown> | undefined;
  return read.issues.length === 0 && data !== null && typeof data === 'object' && data.k === value && Object.keys(data).length === 1 ? plain : quoted;
}

/**
 * What can still be read of a document that has errors (the `yaml` package recovers around them),
 * as plain data; undefined when nothing can. For naming what a broken file declares, never for
 * counting it. Never throws.
 */
export function readDamagedDocument(document: Document): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return undefined;
  }
}
