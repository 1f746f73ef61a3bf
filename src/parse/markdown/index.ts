/**
 * The one module that loads micromark. Finds GFM task-list items exactly as remark + remark-gfm
 * parse them, plus the `[/]` (in progress) and `[-]` (cancelled) extensions (task-marker.ts),
 * and the `<!-- kr: id -->` links that tie a section or an item of any file to key results.
 *
 * Speed: a body that cannot hold a task item is not parsed at all; the block structure comes from a
 * fast scan that follows micromark exactly (blocks.ts), and inline Markdown is worked out
 * only in the paragraphs whose text is shown or that hold a comment (inline.ts, else
 * micromark's text tokenizer). Bodies the scan does not follow (HTML blocks, tables, definitions,
 * tabs in indentation) are cut into parts that parse the same apart (segments.ts): the
 * parts the scan follows take the fast path, the others a micromark parse each, read the way remark
 * would build its tree. A differential test holds every path to the result of unified + remark-parse
 * + remark-gfm.
 *
 * Bounds: micromark's work on one body is counted and capped (budget.ts); a body over the
 * cap throws MarkdownTooComplex, which file-facts.ts reports as `file-too-complex`.
 */
import { createRequire } from 'node:module';
import type { Event } from 'micromark-util-types';
import { budgetParser, checkPartLength, setPartOffset, startBudget } from './budget.js';
import { scanBlocks, type Block, type ItemBlock } from './blocks.js';
import { partStarts } from './segments.js';
import { pushAll } from '../../model/arrays.js';
import { MARKER, MARKER_CANCELLED, MARKER_IN_PROGRESS, taskMarkerSyntax } from './task-marker.js';
import { simpleInlineText } from './inline.js';
import type { KrLink, MarkdownFacts, MarkdownTaskItem, TaskState } from './types.js';

/**
 * micromark, loaded on first use: most workspaces never need it (the block scan and the quick
 * inline reading cover them), and loading it is a good part of a small workspace's parse time.
 * require() of these ES modules is synchronous, like the parse that needs them.
 */
interface Micromark {
  parse: typeof import('micromark').parse;
  postprocess: typeof import('micromark').postprocess;
  preprocess: typeof import('micromark').preprocess;
  gfm: typeof import('micromark-extension-gfm').gfm;
  gfmStrikethrough: typeof import('micromark-extension-gfm-strikethrough').gfmStrikethrough;
  gfmTaskListItem: typeof import('micromark-extension-gfm-task-list-item').gfmTaskListItem;
  decodeString: typeof import('micromark-util-decode-string').decodeString;
}

let loadedMicromark: Micromark | undefined;

function micromark(): Micromark {
  if (loadedMicromark) return loadedMicromark;
  const require = createRequire(import.meta.url);
  const core = require('micromark') as typeof import('micromark');
  loadedMicromark = {
    parse: core.parse,
    postprocess: core.postprocess,
    preprocess: core.preprocess,
    gfm: (require('micromark-extension-gfm') as typeof import('micromark-extension-gfm')).gfm,
    gfmStrikethrough: (require('micromark-extension-gfm-strikethrough') as typeof import('micromark-extension-gfm-strikethrough')).gfmStrikethrough,
    gfmTaskListItem: (require('micromark-extension-gfm-task-list-item') as typeof import('micromark-extension-gfm-task-list-item')).gfmTaskListItem,
    decodeString: (require('micromark-util-decode-string') as typeof import('micromark-util-decode-string')).decodeString,
  };
  return loadedMicromark;
}

export type { KrLink, MarkdownFacts, MarkdownTaskItem, TaskState } from './types.js';
export { MAX_MARKDOWN_DEFINITIONS, MAX_MARKDOWN_PART, MAX_MARKDOWN_WORK } from './budget.js';

/** `[` then a space, tab, line ending, `x`, `X`, `/` or `-`, then `]`: without one, no task item. */
const MAY_HOLD_TASK = /\[(?:[ \txX/-]\]|\r|\n)/;

/** A `<!--` comment that may name a key result (`kr:`, in any case and spacing): links are read even without task items. */
const MAY_HOLD_LINK = /<!--[\s\S]*?kr\s*:/i;

export { MarkdownTooComplex } from './budget.js';

/**
 * The task items of a Markdown body (offsets into `markdown`). Throws MarkdownTooComplex when the
 * body takes more of micromark's work than one file may (see budget.ts): its `offset` is
 * where the part being parsed starts.
 */
export function parseMarkdownTasks(markdown: string): MarkdownFacts {
  if (!MAY_HOLD_TASK.test(markdown) && !MAY_HOLD_LINK.test(markdown)) return { tasks: [], links: [] };
  startBudget();
  const blocks = scanBlocks(markdown);
  const collector = newCollector(null);
  if (blocks) tasksFromBlocks(markdown, blocks, collector);
  else tasksInParts(markdown, collector);
  return { tasks: collector.tasks, links: collector.links };
}

/**
 * The same result through one micromark parse of the whole body, without a budget: the reference
 * for the other paths in tests.
 */
export function parseMarkdownTasksFully(markdown: string): MarkdownFacts {
  startBudget(Infinity);
  const collector = newCollector(documentParser());
  tasksFromEvents(documentEvents(markdown, collector.parser!), collector);
  return { tasks: collector.tasks, links: collector.links };
}

/** What the parts of a body add to, in order. */
interface Collector {
  tasks: MarkdownTaskItem[];
  /** Every link of a heading or list item read so far. */
  links: KrLink[];
  sections: Section[];
  /** Offset in the body of the part being read. */
  base: number;
  /** The body's parser, holding its definitions, when parts of it go to micromark. */
  parser: Parser | null;
  /** Whether the body may define links: then no text is read without micromark. */
  definitions: boolean;
}

function newCollector(parser: Parser | null): Collector {
  return { tasks: [], links: [], sections: [], base: 0, parser, definitions: false };
}

/** Parts that parse the same apart are grouped up to this many characters for the block scan. */
const GROUP_LENGTH = 64 * 1024;

/**
 * A body the block scan does not follow as a whole: in parts (segments.ts), grouped for the
 * scan; a group it does not follow is taken part by part, and a part it does not follow goes to
 * micromark. Definitions apply to the whole body, so the parts that may hold some are parsed
 * first, into the one parser all parts use.
 */
function tasksInParts(markdown: string, collector: Collector): void {
  const starts = partStarts(markdown);
  starts.push(markdown.length);
  const parser = documentParser();
  collector.parser = parser;
  const hasDefinitions = markdown.includes(']:');
  collector.definitions = hasDefinitions;
  if (hasDefinitions) {
    for (let i = 0; i + 1 < starts.length; i++) {
      const part = markdown.slice(starts[i], starts[i + 1]);
      if (!part.includes(']:')) continue;
      checkPartLength(part.length, starts[i]!);
      setPartOffset(starts[i]!);
      documentEvents(part, parser);
    }
  }
  let i = 0;
  while (i + 1 < starts.length) {
    let j = i + 1;
    while (j + 1 < starts.length && starts[j + 1]! - starts[i]! <= GROUP_LENGTH) j++;
    const group = markdown.slice(starts[i], starts[j]);
    const blocks = hasDefinitions && group.includes(']:') ? null : scanBlocks(group);
    if (blocks) {
      collector.base = starts[i]!;
      tasksFromBlocks(group, blocks, collector);
    } else {
      for (let k = i; k < j; k++) {
        const part = j === i + 1 ? group : markdown.slice(starts[k], starts[k + 1]);
        collector.base = starts[k]!;
        const partBlocks = j === i + 1 || (hasDefinitions && part.includes(']:')) ? null : scanBlocks(part);
        if (partBlocks) {
          tasksFromBlocks(part, partBlocks, collector);
        } else if (mayMatter(part)) {
          checkPartLength(part.length, starts[k]!);
          setPartOffset(starts[k]!);
          tasksFromEvents(documentEvents(part, parser), collector);
        }
      }
    }
    i = j;
  }
}

/**
 * False when a part can change nothing in the result: no task item, no `<!--` comment, and no
 * heading (which would close sections).
 */
function mayMatter(part: string): boolean {
  return MAY_HOLD_TASK.test(part) || part.includes('<!--') || part.includes('#') || /^[ \t>]*(?:=+|-+)[ \t]*$/m.test(part);
}

// ---------------------------------------------------------------------------------------------
// Shared rules

const KR_COMMENT = /^<!--\s*kr\s*:\s*([\s\S]*?)\s*-->$/i;

function krLinks(html: string, offset: number, into: KrLink[]): void {
  const match = KR_COMMENT.exec(html);
  if (!match) return;
  for (const id of match[1]!.split(/[\s,]+/)) {
    if (id !== '') into.push({ id, offset });
  }
}

/** Task text as shown: whitespace runs (line breaks included) become one space. */
function normalizeText(text: string): string {
  // Most task texts are that already: testing is far cheaper than making the same string again.
  if (!NOT_NORMAL.test(text)) return text;
  return text.replace(/\s+/g, ' ').trim();
}

/** Whitespace other than single spaces between words: what normalizeText changes. */
const NOT_NORMAL = /[^\S ]| {2}|^ | $/;

interface Section {
  depth: number;
  links: KrLink[];
}

function enterSection(sections: Section[], depth: number, links: KrLink[]): void {
  while (sections.length > 0 && sections[sections.length - 1]!.depth >= depth) sections.pop();
  sections.push({ depth, links });
}

function currentSectionLinks(sections: Section[]): KrLink[] | null {
  for (let i = sections.length - 1; i >= 0; i--) {
    if (sections[i]!.links.length > 0) return sections[i]!.links;
  }
  return null;
}

function stateOfCheck(value: number): TaskState {
  switch (value) {
    case 120: // x
    case 88: // X
      return 'done';
    case 47: // /
      return 'in-progress';
    case 45: // -
      return 'cancelled';
    default:
      return 'open';
  }
}

// ---------------------------------------------------------------------------------------------
// Fast path: block scan, then inline parsing of single paragraphs.

interface ItemInfo {
  taskIndex: number | null;
  /** Links of the item or, failing that, of its nearest enclosing item that has some. */
  links: KrLink[] | null;
}

function tasksFromBlocks(markdown: string, blocks: readonly Block[], collector: Collector): void {
  const { tasks, sections, base } = collector;
  const items = new Map<ItemBlock, ItemInfo>();
  for (const block of blocks) {
    if (block.kind === 'heading') {
      const content = joinLines(markdown, block.lines);
      const links = content.includes('<!--') ? readInline(content, block.lines, false, collector).links : [];
      pushAll(collector.links, links);
      enterSection(sections, block.depth, links);
      continue;
    }
    const parentInfo = block.parent ? items.get(block.parent)! : null;
    const info: ItemInfo = { taskIndex: null, links: parentInfo?.links ?? null };
    items.set(block, info);
    if (!block.paragraph) continue;
    const content = joinLines(markdown, block.paragraph);
    const check = block.checkable ? readCheck(content) : null;
    const hasComment = content.includes('<!--');
    if (!check && !hasComment) continue;
    let text = '';
    let ownLinks: KrLink[] = [];
    const simple = check && !hasComment && !collector.definitions ? (isPlainText(content, 3) ? content.slice(3) : simpleInlineText(content, 3)) : null;
    if (simple !== null) {
      text = normalizeText(simple);
    } else {
      const inline = readInline(content, block.paragraph, block.checkable, collector);
      text = inline.text;
      ownLinks = inline.links;
    }
    if (ownLinks.length > 0) info.links = ownLinks;
    pushAll(collector.links, ownLinks);
    if (!check) continue;
    const sectionLinks = currentSectionLinks(sections);
    let parentTask: number | null = null;
    for (let ancestor = block.parent; ancestor; ancestor = ancestor.parent) {
      const index = items.get(ancestor)!.taskIndex;
      if (index !== null) {
        parentTask = index;
        break;
      }
    }
    info.taskIndex = tasks.length;
    if (parentTask !== null) tasks[parentTask]!.isGroup = true;
    tasks.push({
      offset: base + block.offset,
      checkboxOffset: base + block.paragraph[0]!,
      state: check,
      text,
      parent: parentTask,
      isGroup: false,
      links: info.links ?? sectionLinks ?? [],
      linkedBy: info.links ? 'item' : sectionLinks ? 'section' : null,
    });
  }
}

/** The content of a paragraph or heading as its inline parser sees it: lines joined by `\n`. */
function joinLines(markdown: string, lines: readonly number[]): string {
  if (lines.length === 2) return markdown.slice(lines[0], lines[1]);
  let content = markdown.slice(lines[0], lines[1]);
  for (let i = 2; i < lines.length; i += 2) content += '\n' + markdown.slice(lines[i], lines[i + 1]);
  return content;
}

/**
 * The state of the check a list item's first content opens with, as GFM (and our markers) read it:
 * `[`, a space, tab, line ending, `x`, `X`, `/` or `-`, `]`, then a line ending, or spaces and tabs
 * followed by anything.
 */
function readCheck(content: string): TaskState | null {
  if (content.charCodeAt(0) !== 91 || content.charCodeAt(2) !== 93) return null;
  const value = content.charCodeAt(1);
  if (!(value === 32 || value === 9 || value === 10 || value === 120 || value === 88 || value === 47 || value === 45)) return null;
  const next = content.charCodeAt(3);
  if (next === 10) return stateOfCheck(value);
  if (next !== 32 && next !== 9) return null;
  for (let i = 4; i < content.length; i++) {
    const code = content.charCodeAt(i);
    if (code !== 32 && code !== 9) return stateOfCheck(value);
  }
  return null;
}

/** True when no inline construct can start in `content` from `from`: its text is itself. */
function isPlainText(content: string, from: number): boolean {
  for (let i = from; i < content.length; i++) {
    switch (content.charCodeAt(i)) {
      case 92: // \
      case 96: // `
      case 42: // *
      case 95: // _
      case 91: // [
      case 60: // <
      case 38: // &
      case 126: // ~
        return false;
    }
  }
  return true;
}

type Parser = ReturnType<Micromark['parse']>;
let inlineParser: Parser | undefined;
let inlineParserWithoutLiterals: Parser | undefined;

/**
 * GFM's literal autolinks need `www.`, `http://`, `https://` or `@`, and their construct is tried at
 * the start of every word: without those, a parser without it gives the same events, much faster.
 * (Footnote calls need definitions, and bodies with definitions do not come this way.)
 */
function inlineParserFor(content: string): Parser {
  const { parse, gfm, gfmStrikethrough, gfmTaskListItem } = micromark();
  if (/@|www\.|https?:\/\//i.test(content)) return (inlineParser ??= budgetParser(parse({ extensions: [gfm(), taskMarkerSyntax] })));
  return (inlineParserWithoutLiterals ??= budgetParser(
    parse({
      extensions: [gfmStrikethrough(), gfmTaskListItem(), taskMarkerSyntax],
    }),
  ));
}

/** A parser for one body (it collects the body's definitions), counting its work. */
function documentParser(): Parser {
  const { parse, gfm } = micromark();
  return budgetParser(parse({ extensions: [gfm(), taskMarkerSyntax] }));
}

interface InlineFacts {
  /** Text of the paragraph without its check and its top-level HTML, normalized. */
  text: string;
  /** `<!-- kr: ... -->` comments that are direct children of the paragraph or heading. */
  links: KrLink[];
}

/**
 * Parses one paragraph's inline content with micromark (GFM and our markers), as the text
 * tokenizer sees it inside the whole document, and reads what mdast-util-to-string would.
 */
function readInline(content: string, lines: readonly number[], firstContentOfListItem: boolean, collector: Collector): InlineFacts {
  const { postprocess, preprocess } = micromark();
  setPartOffset(collector.base + lines[0]!);
  // With the body's parser when the body may define links: it knows its definitions.
  const tokenizer = (collector.definitions && collector.parser ? collector.parser : inlineParserFor(content)).text();
  if (firstContentOfListItem) tokenizer._gfmTasklistFirstContentOfListItem = true;
  const events = postprocess(tokenizer.write(preprocess()(content, undefined, true)));
  const base = collector.base;
  return inlineFacts(events, 0, events.length, (offset) => base + toDocumentOffset(lines, offset));
}

/**
 * The text and top-level kr comments of the inline events `events[start..end)`, as remark's tree
 * would give them: text as mdast-util-to-string reads it (a hard break as a space), without the
 * comments and other HTML that are direct children of the paragraph or heading.
 */
function inlineFacts(events: readonly Event[], start: number, end: number, documentOffset: (offset: number) => number): InlineFacts {
  let text = '';
  const links: KrLink[] = [];
  let phrasing = 0; // inside emphasis, strong, link, image or strikethrough
  let hidden = 0; // inside a link's destination or title, a reference's label, a footnote call
  let image = 0; // inside an image: remark keeps its text as `alt`, where a hard break is nothing
  let afterBreak = false; // remark folds the line ending after a hard break into the break
  let html: string | null = null;
  let htmlTopLevel = false;
  let htmlStart = 0;
  for (let index = start; index < end; index++) {
    const [kind, token, context] = events[index]!;
    const type: string = token.type;
    if (kind === 'enter') {
      switch (type) {
        case 'image':
          image++;
          phrasing++;
          break;
        case 'emphasis':
        case 'strong':
        case 'link':
        case 'strikethrough':
          phrasing++;
          break;
        case 'resource':
        case 'reference':
        case 'gfmFootnoteCall':
          hidden++;
          break;
        case 'htmlText':
          html = '';
          htmlTopLevel = phrasing === 0;
          htmlStart = token.start.offset;
          break;
      }
      continue;
    }
    if (afterBreak && type !== 'lineEnding') afterBreak = false;
    switch (type) {
      case 'image':
        image--;
        phrasing--;
        break;
      case 'emphasis':
      case 'strong':
      case 'link':
      case 'strikethrough':
        phrasing--;
        break;
      case 'resource':
      case 'reference':
      case 'gfmFootnoteCall':
        hidden--;
        break;
      case 'htmlTextData':
        if (html !== null) html += context.sliceSerialize(token);
        break;
      case 'htmlText':
        if (html !== null && hidden === 0) {
          if (htmlTopLevel) krLinks(html, documentOffset(htmlStart), links);
          else text += html;
        }
        html = null;
        break;
      case 'lineEnding':
        if (html !== null) html += '\n';
        else if (afterBreak) afterBreak = false;
        else if (hidden === 0) text += '\n';
        break;
      case 'data':
      case 'codeTextData':
      case 'characterEscapeValue':
      case 'autolinkProtocol':
      case 'autolinkEmail':
      case 'literalAutolinkHttp':
      case 'literalAutolinkWww':
      case 'literalAutolinkEmail':
        if (hidden === 0) text += context.sliceSerialize(token);
        break;
      case 'characterReference':
        if (hidden === 0) text += micromark().decodeString(context.sliceSerialize(token));
        break;
      case 'hardBreakEscape':
      case 'hardBreakTrailing':
        if (hidden === 0 && image === 0) text += ' ';
        afterBreak = true;
        break;
    }
  }
  return { text: normalizeText(text), links };
}

/** Maps an offset in joined content (see joinLines) back to the document. */
function toDocumentOffset(lines: readonly number[], offset: number): number {
  let lineStartInContent = 0;
  for (let i = 0; i < lines.length; i += 2) {
    const length = lines[i + 1]! - lines[i]!;
    if (offset <= lineStartInContent + length || i + 2 >= lines.length) return lines[i]! + (offset - lineStartInContent);
    lineStartInContent += length + 1;
  }
  return offset;
}

// ---------------------------------------------------------------------------------------------
// Full path: micromark's events for the whole body, read the way remark builds its tree.

/** micromark's events for `markdown` with `parser` (which collects definitions, and counts). */
function documentEvents(markdown: string, parser: Parser): Event[] {
  const { postprocess, preprocess } = micromark();
  // The parser serves several parts of a body: its note of lazy lines is by line number.
  parser.lazy = {};
  return postprocess(parser.document().write(preprocess()(markdown, undefined, true)));
}

/** A list item as remark would build it, with what a task needs. */
interface TreeItem {
  offset: number;
  parent: TreeItem | null;
  hasChild: boolean;
  /** Comments in its first child, when that is a paragraph. */
  ownLinks: KrLink[];
  /** Text of its first paragraph (remark-gfm takes the text from there). */
  text: string | null;
  /** Set by the last check in a paragraph directly in the item, as remark-gfm sets `checked`. */
  checked: TaskState | null;
  marker: TaskState | null;
  checkOffset: number;
  /** The links of the section the item starts in. */
  sectionLinks: KrLink[] | null;
}

type Frame = { list: true; item: TreeItem | null } | { list: false };

const FLOW_BLOCKS = new Set(['codeFenced', 'codeIndented', 'htmlFlow', 'thematicBreak', 'table', 'definition']);

/** Task items from micromark's events for a part of the body (offsets from `collector.base`). */
function tasksFromEvents(events: readonly Event[], collector: Collector): void {
  const { tasks, sections, base } = collector;
  const same = (offset: number) => base + offset;
  const items: TreeItem[] = [];
  const frames: Frame[] = [];
  /** The item a block starting now is a direct child of, if any. */
  const parentItem = (): TreeItem | null => {
    const top = frames[frames.length - 1];
    return top?.list ? top.item : null;
  };
  /** Notes a new block in the current item; returns the item when it is its first child. */
  const startBlock = (): TreeItem | null => {
    const item = parentItem();
    if (!item || item.hasChild) return null;
    item.hasChild = true;
    return item;
  };

  for (let index = 0; index < events.length; index++) {
    const [kind, token] = events[index]!;
    const type: string = token.type;
    if (kind === 'exit') {
      if (type === 'listOrdered' || type === 'listUnordered' || type === 'blockQuote' || type === 'gfmFootnoteDefinition') frames.pop();
      continue;
    }
    if (type === 'listOrdered' || type === 'listUnordered') {
      startBlock();
      frames.push({ list: true, item: null });
    } else if (type === 'blockQuote' || type === 'gfmFootnoteDefinition') {
      startBlock();
      frames.push({ list: false });
    } else if (type === 'listItemPrefix') {
      const frame = frames[frames.length - 1];
      if (!frame?.list) continue;
      let parent: TreeItem | null = null;
      for (let i = frames.length - 2; i >= 0 && !parent; i--) {
        const outer = frames[i]!;
        if (outer.list) parent = outer.item;
      }
      frame.item = {
        offset: base + token.start.offset,
        parent,
        hasChild: false,
        ownLinks: [],
        text: null,
        checked: null,
        marker: null,
        checkOffset: base + token.start.offset,
        sectionLinks: currentSectionLinks(sections),
      };
      items.push(frame.item);
    } else if (type === 'atxHeading' || type === 'setextHeading') {
      startBlock();
      const close = closingIndex(events, index);
      let depth = 0;
      let contentStart = -1;
      let contentEnd = -1;
      for (let i = index + 1; i < close; i++) {
        const [innerKind, inner] = events[i]!;
        const innerType: string = inner.type;
        if (innerType === 'atxHeadingSequence' && depth === 0) depth = inner.end.offset - inner.start.offset;
        else if (innerType === 'setextHeadingLineSequence') depth = events[i]![2].sliceSerialize(inner).charCodeAt(0) === 61 ? 1 : 2;
        else if ((innerType === 'atxHeadingText' || innerType === 'setextHeadingText') && innerKind === 'enter') contentStart = i + 1;
        else if ((innerType === 'atxHeadingText' || innerType === 'setextHeadingText') && innerKind === 'exit') contentEnd = i;
      }
      const links = contentStart === -1 ? [] : inlineFacts(events, contentStart, contentEnd, same).links;
      pushAll(collector.links, links);
      enterSection(sections, depth, links);
      index = close;
    } else if (type === 'paragraph') {
      const item = parentItem();
      const firstChild = startBlock();
      const close = closingIndex(events, index);
      if (item) {
        const facts = inlineFacts(events, index + 1, close, same);
        if (firstChild) {
          item.ownLinks = facts.links;
          pushAll(collector.links, facts.links);
        }
        item.text ??= facts.text;
        for (let i = index + 1; i < close; i++) {
          const [innerKind, inner] = events[i]!;
          const innerType: string = inner.type;
          if (innerKind !== 'enter') continue;
          if (innerType === 'taskListCheck' || innerType === MARKER) item.checkOffset = base + inner.start.offset;
          else if (innerType === 'taskListCheckValueChecked') item.checked = 'done';
          else if (innerType === 'taskListCheckValueUnchecked') item.checked = 'open';
          else if (innerType === MARKER_IN_PROGRESS) item.marker = 'in-progress';
          else if (innerType === MARKER_CANCELLED) item.marker = 'cancelled';
        }
      }
      index = close;
    } else if (FLOW_BLOCKS.has(type)) {
      startBlock();
      index = closingIndex(events, index);
    }
  }

  const taskIndex = new Map<TreeItem, number>();
  const itemLinks = new Map<TreeItem, KrLink[] | null>();
  for (const item of items) {
    const inherited = item.parent ? itemLinks.get(item.parent)! : null;
    const links = item.ownLinks.length > 0 ? item.ownLinks : inherited;
    itemLinks.set(item, links);
    const state = item.checked ?? item.marker;
    if (state === null) continue;
    let parentTask: number | null = null;
    for (let ancestor = item.parent; ancestor && parentTask === null; ancestor = ancestor.parent) {
      parentTask = taskIndex.get(ancestor) ?? null;
    }
    taskIndex.set(item, tasks.length);
    if (parentTask !== null) tasks[parentTask]!.isGroup = true;
    tasks.push({
      offset: item.offset,
      checkboxOffset: item.checkOffset,
      state,
      text: item.text ?? '',
      parent: parentTask,
      isGroup: false,
      links: links ?? item.sectionLinks ?? [],
      linkedBy: links ? 'item' : item.sectionLinks ? 'section' : null,
    });
  }
}

/** Index of the exit event of the token entered at `index`. */
function closingIndex(events: readonly Event[], index: number): number {
  const token = events[index]![1];
  for (let i = index + 1; i < events.length; i++) {
    if (events[i]![1] === token) return i;
  }
  return events.length - 1;
}

/**
 * End offset of the list item that starts at `itemOffset` (its last content character, nested items
 * included), or null when no list item starts there. For inserting a sibling after an item. Ends
 * where remark's tree ends the item. Throws MarkdownTooComplex when the part of the body that holds
 * the item takes more work than a file may.
 */
export function listItemEnd(markdown: string, itemOffset: number): number | null {
  // Only the part that holds the item and the next one (see segments.ts): no list item
  // crosses a part, but where micromark ends a block left open (a fence) depends on the next line.
  const starts = partStarts(markdown);
  let part = starts.length - 1;
  while (part > 0 && starts[part]! > itemOffset) part--;
  const base = starts[part]!;
  const end = listItemEndIn(markdown.slice(base, part + 2 < starts.length ? starts[part + 2] : markdown.length), itemOffset - base);
  return end === null ? null : base + end;
}

function listItemEndIn(markdown: string, itemOffset: number): number | null {
  startBudget();
  const events = documentEvents(markdown, documentParser());
  const start = events.findIndex(([kind, token]) => kind === 'enter' && token.type === 'listItemPrefix' && token.start.offset === itemOffset);
  if (start === -1) return null;
  // The item ends at the next item of its list or at the end of its list.
  let depth = 0;
  let end = events.length - 1;
  for (let index = start + 1; index < events.length; index++) {
    const [kind, token] = events[index]!;
    const type: string = token.type;
    if (type === 'listOrdered' || type === 'listUnordered' || type === 'blockQuote') {
      if (kind === 'enter') depth++;
      else if (depth-- === 0) {
        end = index;
        break;
      }
    } else if (depth === 0 && kind === 'enter' && type === 'listItemPrefix') {
      end = index;
      break;
    }
  }
  // Trailing line endings (and the prefixes on their lines) are not part of it.
  let lineEnding = -1;
  for (let index = end - 1; index > start; index--) {
    const [kind, token] = events[index]!;
    const type: string = token.type;
    if (type === 'lineEnding' || type === 'lineEndingBlank') {
      if (kind === 'enter') lineEnding = index;
    } else if (!LINE_PREFIXES.has(type)) {
      break;
    }
  }
  return lineEnding !== -1 ? events[lineEnding]![1].start.offset : events[end]![1].end.offset;
}

const LINE_PREFIXES = new Set(['linePrefix', 'blockQuotePrefix', 'blockQuotePrefixWhitespace', 'blockQuoteMarker', 'listItemIndent']);

/** A leaf block of a Markdown text, as micromark reads it. */
export interface LeafBlock {
  /** micromark's token type: `paragraph`, `atxHeading`, `setextHeading`, `codeFenced`, `codeIndented`, `htmlFlow`, `thematicBreak`, `table`, `definition`. */
  kind: string;
  /** The containers it is in, outermost first, e.g. `blockQuote>listUnordered`. */
  containers: string;
  /** Offsets into the text given, its first character and the one after its last. */
  start: number;
  end: number;
}

const LEAF_BLOCKS = new Set(['paragraph', 'atxHeading', 'setextHeading', 'codeFenced', 'codeIndented', 'htmlFlow', 'thematicBreak', 'table', 'definition']);
const CONTAINERS = new Set(['listOrdered', 'listUnordered', 'blockQuote']);

/**
 * The window of `markdown` that an insertion at `offset` can change the blocks of: from the start of
 * the part holding it to the start of the part after the next one (segments.ts: no block crosses a
 * part, but one left open ends where the next line says), as offsets `start` and `end`.
 */
export function blockWindow(markdown: string, offset: number): { start: number; end: number } {
  const starts = partStarts(markdown);
  let part = starts.length - 1;
  while (part > 0 && starts[part]! > offset) part--;
  return { start: starts[part]!, end: part + 2 < starts.length ? starts[part + 2]! : markdown.length };
}

/**
 * The leaf blocks of `markdown` in document order with their containers (micromark with GFM and
 * okr's task markers), for checking that an edit left every block but its own as it was. Offsets are
 * into `markdown`. Throws MarkdownTooComplex when it takes more work than one file may.
 */
export function leafBlocks(markdown: string): LeafBlock[] {
  startBudget();
  const events = documentEvents(markdown, documentParser());
  const blocks: LeafBlock[] = [];
  const containers: string[] = [];
  let inLeaf = 0;
  for (const [kind, token] of events) {
    const type: string = token.type;
    if (inLeaf === 0 && CONTAINERS.has(type)) {
      if (kind === 'enter') containers.push(type);
      else containers.pop();
    } else if (LEAF_BLOCKS.has(type)) {
      if (kind === 'enter' && inLeaf++ === 0) blocks.push({ kind: type, containers: containers.join('>'), start: token.start.offset, end: token.end.offset });
      else if (kind === 'exit') inLeaf--;
    }
  }
  return blocks;
}
