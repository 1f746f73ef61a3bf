/**
 * The one module that loads the `yaml` package: parses YAML text as data (YAML 1.2 core schema,
 * no custom tags, unique keys, bounded aliases) and finds the source range of a value by its path.
 * Simple texts, most front-matter, are read by yaml-simple.ts with the same result; the `yaml`
 * Document that edits need is then built on first use.
 */
import { createRequire } from 'node:module';
import type { Document, Node, Pair } from 'yaml';
import { findDeepYamlNesting, formatSize, MAX_FRONT_MATTER_LENGTH, MAX_YAML_NESTING } from './limits.js';
import { locateSimplePath, readSimpleYaml, simpleMappingKeyOffsets, SimpleYaml } from './yaml-simple.js';
import { cutText, MAX_EXCERPT } from '../model/problem.js';

type YamlLibrary = typeof import('yaml');
let loadedYaml: YamlLibrary | undefined;

/**
 * The `yaml` package, loaded on first use: a workspace of simple front-matter never needs it, and
 * loading it costs about as much as parsing a hundred files. require() of it is synchronous, like
 * the parse that needs it.
 */
function yaml(): YamlLibrary {
  return (loadedYaml ??= createRequire(import.meta.url)('yaml') as YamlLibrary);
}

export interface YamlIssue {
  /** Offset into the parsed text. */
  offset: number;
  rule: string;
  message: string;
}

/** Where the nodes of a parsed text are: for locateYamlPath and mappingKeyOffsets. */
export type YamlTree = Document | SimpleYaml;

export interface ParsedYaml {
  data: unknown;
  /** Null when the text was refused unread (too large, too deep). */
  tree: YamlTree | null;
  /** The `yaml` Document, for edits (describeYamlPath): parsed on first use when the text was simple. */
  readonly document: Document | null;
  issues: YamlIssue[];
}

/** Tags of the core schema: harmless, they only force a type. Anything else is refused. */
const CORE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => `tag:yaml.org,2002:${name}`),
);

/** Aliases resolved while converting one document; keeps a "billion laughs" document small. */
const MAX_ALIAS_COUNT = 100;

/**
 * Reads front-matter YAML (YAML 1.2, core schema, unique keys, at most 100 aliases expanded). Data
 * and locations come from the simple reader when it follows the text, else from the `yaml` parser;
 * `document` (for edits) is parsed on first use. Problems are returned as `issues` (offsets into
 * `text`; rules yaml-syntax, duplicate-key, yaml-tag, yaml-alias, yaml-too-large, nesting-too-deep,
 * with `data` undefined), never thrown; a text over the size or nesting limit is not parsed
 * (`tree` null).
 */
export function parseYaml(text: string): ParsedYaml {
  const guarded = guard(text);
  if (guarded) return guarded;
  const simple = readSimpleYaml(text);
  if (!simple) return parseWithYaml(text);
  let document: Document | null | undefined;
  return {
    data: simple.data,
    tree: simple,
    get document() {
      return (document ??= parseWithYaml(text).document);
    },
    issues: [],
  };
}

/** The same as parseYaml, always through the `yaml` parser: the reference for the simple reader. */
export function parseYamlFully(text: string): ParsedYaml {
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
  const { LineCounter, parseDocument, visit } = yaml();
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
  for (const error of document.errors) {
    const rule = error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax';
    const unclosed = error.code === 'MISSING_CHAR' && /quote/i.test(error.message) ? unclosedQuoteStart(document, error.pos[0]) : null;
    if (unclosed !== null) {
      issues.push({ offset: unclosed, rule, message: 'YAML syntax error: this quote is never closed: add the closing quote' });
    } else {
      issues.push({ offset: error.pos[0], rule, message: describeYamlError(error.code, error.message) });
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

function refused(offset: number, rule: string, message: string): ParsedYaml {
  return { data: undefined, tree: null, document: null, issues: [{ offset, rule, message }] };
}

/** Where the quoted scalar that an unclosed-quote error ends in starts, or null. */
function unclosedQuoteStart(document: Document, errorOffset: number): number | null {
  const { visit } = yaml();
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
  const firstLine = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') return 'duplicate key: each key may appear only once in a mapping';
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

/** Start offset of the node at `path` (or of its key, when `at` is 'key'), else of its nearest ancestor. */
export function locateYamlPath(tree: YamlTree, path: readonly PathSegment[], at: 'key' | 'value' = 'value'): number {
  if (tree instanceof SimpleYaml) return locateSimplePath(tree.root, path, at);
  const { isAlias, isMap, isScalar, isSeq } = yaml();
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

/** Offsets of every key of the mapping at `path`, in source order, for unknown-key checks. */
export function mappingKeyOffsets(tree: YamlTree, path: readonly PathSegment[]): Map<string, number> {
  if (tree instanceof SimpleYaml) return simpleMappingKeyOffsets(tree.root, path);
  const { isMap, isPair, isScalar, isSeq } = yaml();
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

/** The node at `path` with its direct children, or null when there is no such node. */
export function describeYamlPath(document: Document, path: readonly PathSegment[]): YamlCollectionShape | null {
  const { isMap, isScalar, isSeq } = yaml();
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
  const { isAlias, isMap, isScalar, isSeq } = yaml();
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
