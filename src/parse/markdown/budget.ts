/**
 * A budget on micromark's work for one file, so that no Markdown within the size limit takes
 * unbounded time or memory. micromark is linear on usual Markdown but not on everything: a run of
 * unclosed HTML comments, links or emphasis marks in one paragraph makes it scan the rest of the
 * paragraph again and again, and every link reference definition is looked up in a list of all
 * earlier ones. The parser is kept; its constructs are wrapped to count the steps it takes:
 *
 * - every construct attempted, character consumed and token entered (one step each), including
 *   those of attempts that fail and are undone: that is where the quadratic cases spend their time;
 * - the scans that consume nothing: a resolver's pass over a paragraph's events (an eighth of a step
 *   per event), emphasis matching (each run of `*` or `_` may be compared with every event before
 *   it), and a closing `]`'s search for its opening `[`.
 *
 * Definitions are kept in a set rather than micromark's array, and their number is capped.
 * Once a file's steps pass the limit, the parse stops with MarkdownTooComplex.
 */
import type { Construct, Effects, Event, Resolver, TokenizeContext } from 'micromark-util-types';

/**
 * Steps of micromark's work allowed per file: under a second on this 2-core machine, and within
 * 300 MB even for the costliest steps (a step costs 0.3 to 2 µs and up to about 200 bytes while the
 * parse lasts: an event or two, and garbage to collect).
 */
export const MAX_MARKDOWN_WORK = 1_000_000;

/**
 * The longest part of a body (see segments.ts) that goes to micromark as a whole: its
 * events take some hundred bytes per character, and a step costs more in a long part.
 */
export const MAX_MARKDOWN_PART = 128 * 1024;

/** Link reference and footnote definitions allowed per file. */
export const MAX_MARKDOWN_DEFINITIONS = 10_000;

/** Why a body was not read to the end: its parse went over one of the bounds above. */
export class MarkdownTooComplex extends Error {
  /**
   * `bound`: 'work', 'definitions' or 'part'; `offset`: where the part of the body being parsed
   * when the bound was passed starts (an offset into the body given to the parser).
   */
  constructor(
    readonly bound: 'work' | 'definitions' | 'part',
    readonly offset: number,
  ) {
    super(
      bound === 'work'
        ? `Markdown takes more than ${MAX_MARKDOWN_WORK} steps to parse`
        : bound === 'definitions'
          ? `more than ${MAX_MARKDOWN_DEFINITIONS} definitions`
          : `a part of more than ${MAX_MARKDOWN_PART} characters for the full parser`,
    );
    this.name = 'MarkdownTooComplex';
  }
}

let used = 0;
let limit = MAX_MARKDOWN_WORK;
let definitions = 0;
/** Offset of the part being parsed, for the error. */
let partOffset = 0;

/** Starts a file's budget of `work` steps (parse calls until the next start share it). */
export function startBudget(work = MAX_MARKDOWN_WORK): void {
  used = 0;
  limit = work;
  definitions = 0;
  partOffset = 0;
}

/** Names the offset of the part about to be parsed, reported if the budget runs out in it. */
export function setPartOffset(offset: number): void {
  partOffset = offset;
}

/** Throws MarkdownTooComplex when `length` characters are more than one part may be. */
export function checkPartLength(length: number, offset: number): void {
  if (length > MAX_MARKDOWN_PART) throw new MarkdownTooComplex('part', offset);
}

/** Steps used since startBudget. */
export function usedWork(): number {
  return used;
}

function charge(steps: number): void {
  used += steps;
  if (used > limit) throw new MarkdownTooComplex('work', partOffset);
}

/**
 * Definitions as micromark keeps them (`includes` and `push`, on `parser.defined` and
 * `parser.gfmFootnotes`), in a set, counted against the cap.
 */
class DefinitionSet {
  private readonly set = new Set<string>();
  includes(id: string): boolean {
    return this.set.has(id);
  }
  push(id: string): number {
    if (!this.set.has(id)) {
      if (++definitions > MAX_MARKDOWN_DEFINITIONS) throw new MarkdownTooComplex('definitions', partOffset);
      this.set.add(id);
    }
    return this.set.size;
  }
  get length(): number {
    return this.set.size;
  }
}

/** What a micromark parser needs for the budget: its constructs and its definition lists. */
export interface BudgetedParser {
  constructs: unknown;
  defined: unknown;
  gfmFootnotes?: unknown;
}

/**
 * Makes `parser` (from micromark's `parse()`) count its work against the current budget, with its
 * definitions in a set. Returns the same parser.
 */
export function budgetParser<P extends BudgetedParser>(parser: P): P {
  parser.defined = new DefinitionSet();
  parser.gfmFootnotes = new DefinitionSet();
  const wrapped = new Map<unknown, unknown>();
  const constructs = parser.constructs as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const [field, map] of Object.entries(constructs)) {
    // attentionMarkers and disable hold character codes and names, not constructs.
    if (field === 'attentionMarkers' || field === 'disable' || map === null || typeof map !== 'object') {
      result[field] = map;
      continue;
    }
    const out: Record<string, unknown> = {};
    for (const [code, value] of Object.entries(map as Record<string, unknown>)) {
      out[code] = Array.isArray(value) ? value.map((item) => wrapConstruct(item, wrapped)) : wrapConstruct(value, wrapped);
    }
    result[field] = out;
  }
  parser.constructs = result;
  return parser;
}

const patchedEffects = new WeakSet<Effects>();

/** Counts every character consumed and token entered by the tokenizer that owns `effects`. */
function patchEffects(effects: Effects): void {
  if (patchedEffects.has(effects)) return;
  patchedEffects.add(effects);
  const { consume, enter } = effects;
  effects.consume = (code) => {
    if (++used > limit) throw new MarkdownTooComplex('work', partOffset);
    consume(code);
  };
  effects.enter = (type, fields) => {
    if (++used > limit) throw new MarkdownTooComplex('work', partOffset);
    return enter(type, fields);
  };
}

function wrapConstruct(value: unknown, wrapped: Map<unknown, unknown>): unknown {
  if (value === null || typeof value !== 'object') return value;
  const known = wrapped.get(value);
  if (known) return known;
  const construct = value as Construct;
  const copy: Construct = { ...construct };
  const tokenize = construct.tokenize as Construct['tokenize'] | undefined;
  if (tokenize) {
    const isLabelEnd = construct.name === 'labelEnd';
    copy.tokenize = function (this: TokenizeContext, effects, ok, nok) {
      patchEffects(effects);
      // An attempt: micromark saves and restores its state around it.
      // A `]` looks back through the paragraph's events for its `[`.
      charge(isLabelEnd ? 1 + this.events.length / 8 : 1);
      return tokenize.call(this, effects, ok, nok);
    };
  }
  for (const key of ['resolve', 'resolveAll', 'resolveTo'] as const) {
    const resolver = construct[key];
    if (resolver) copy[key] = wrapResolver(resolver, construct.name === 'attention' && key === 'resolveAll', wrapped);
  }
  wrapped.set(value, copy);
  return copy;
}

function wrapResolver(resolver: Resolver, isAttention: boolean, wrapped: Map<unknown, unknown>): Resolver {
  // The same function for the same resolver: micromark runs each resolveAll once, by identity.
  const known = wrapped.get(resolver);
  if (known) return known as Resolver;
  const counted: Resolver = (events: Event[], context: TokenizeContext) => {
    let steps = events.length / 8;
    if (isAttention) {
      let sequences = 0;
      for (const event of events) if (event[0] === 'enter' && event[1].type === 'attentionSequence') sequences++;
      steps += (sequences * events.length) / 64;
    }
    charge(steps);
    return resolver(events, context);
  };
  wrapped.set(resolver, counted);
  return counted;
}
