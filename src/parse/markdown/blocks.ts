/**
 * A fast, exact scan of the block structure of a Markdown body: the list items (with their nesting
 * and first paragraph) and the headings, in document order. It follows micromark's document and
 * flow tokenizers line by line, quirks included, for the constructs task files are made of: block
 * quotes, lists, paragraphs (with lazy continuation), ATX and setext headings, thematic breaks,
 * fenced and indented code. On anything else it may meet (HTML blocks, definitions, footnotes,
 * tables, tabs in indentation, NUL) it gives up and returns null, and the caller parses the body
 * with remark. Inline content is not parsed here: the caller does that for the few paragraphs
 * whose text it needs.
 */

export interface HeadingBlock {
  kind: 'heading';
  depth: number;
  /** Content ranges, one per line: [start, end, start, end, ...], line endings excluded. */
  lines: number[];
}

export interface ItemBlock {
  kind: 'item';
  /** Offset of the item's marker. */
  offset: number;
  /** The list item this one is nested in, or null. */
  parent: ItemBlock | null;
  /**
   * The item's first child when it is a paragraph, as content ranges like HeadingBlock.lines: the
   * first from the paragraph's first character, the others from the end of their container prefixes.
   */
  paragraph: number[] | null;
  /** True when that paragraph is the item's first content, where a task check can be. */
  checkable: boolean;
}

export type Block = HeadingBlock | ItemBlock;

interface MutableItem extends ItemBlock {
  hasChild: boolean;
}

const QUOTE = 0;
const LIST = 1;

interface QuoteContainer {
  kind: typeof QUOTE;
}

interface ListContainer {
  kind: typeof LIST;
  ordered: boolean;
  /** Char code of the bullet, or of the `.`/`)` after an ordered item's number. */
  marker: number;
  /** Columns of the current item's prefix: continuation lines must be indented this much. */
  size: number;
  initialBlankLine: boolean;
  furtherBlankLines: boolean;
  item: MutableItem;
}

type Container = QuoteContainer | ListContainer;

const NONE = 0;
const PARAGRAPH = 1;
const FENCED = 2;
const INDENTED = 3;

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

/** Thrown to give up the scan, caught by identity in scanBlocks; made once, so a throw captures no stack. */
class Bail extends Error {}
const BAIL = new Bail();

/** Block structure of `markdown`, or null when it uses a construct this scanner leaves to remark. */
export function scanBlocks(markdown: string): Block[] | null {
  if (markdown.includes(']:') || markdown.includes('[\t') || markdown.includes('\0')) return null;
  try {
    return new BlockScanner(markdown).run();
  } catch (error) {
    if (error === BAIL) return null;
    throw error;
  }
}

interface ListStart {
  /** Offset after the prefix, where the item's content starts. */
  end: number;
  ordered: boolean;
  marker: number;
  size: number;
  blank: boolean;
}

class BlockScanner {
  private readonly text: string;
  private readonly blocks: Block[] = [];
  private readonly stack: Container[] = [];

  // The flow: the leaf blocks between container changes (micromark's `childFlow`).
  private flowOpen = false;
  private construct = NONE;
  private paragraph: number[] = [];
  private paragraphOwner: MutableItem | null = null;
  private paragraphCheckable = false;
  private fenceMarker = 0;
  private fenceSize = 0;
  /** The item whose prefix the flow started right after, and how far its first content may be. */
  private regionItem: MutableItem | null = null;
  /** 0: nothing yet in the flow; 1: one empty line; 2: anything else. */
  private regionState = 0;

  constructor(text: string) {
    this.text = text;
  }

  run(): Block[] {
    const text = this.text;
    const length = text.length;
    let start = 0;
    while (start < length) {
      let end = start;
      while (end < length) {
        const code = text.charCodeAt(end);
        if (code === LF || code === CR) break;
        end++;
      }
      this.line(start, end);
      if (end >= length) break;
      start = text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
    }
    this.closeFlow();
    this.exitContainers(0);
    return this.blocks;
  }

  private line(start: number, end: number): void {
    const text = this.text;
    this.guardLine(start, end);
    const stack = this.stack;
    let pos = start;
    let continued = 0;
    /** micromark's document-level `interrupt`: whether a new container would interrupt the flow. */
    let interrupt = false;
    let afterItemPrefix = false;
    let siblingStarted = false;

    // 1. Continue the open containers.
    while (continued < stack.length) {
      const container = stack[continued]!;
      if (container.kind === QUOTE) {
        const at = pos + this.spaces(pos, end, 3);
        if (text.charCodeAt(at) !== 62 /* > */) break;
        pos = at + 1;
        if (text.charCodeAt(pos) === SPACE) pos++;
        continued++;
        afterItemPrefix = false;
        continue;
      }
      if (this.isBlank(pos, end)) {
        container.furtherBlankLines = container.furtherBlankLines || container.initialBlankLine;
        pos += this.spaces(pos, end, container.size);
        continued++;
        afterItemPrefix = false;
        continue;
      }
      const indented = !container.furtherBlankLines && text.charCodeAt(pos) === SPACE;
      container.furtherBlankLines = false;
      container.initialBlankLine = false;
      if (indented && this.spaces(pos, end, container.size) === container.size) {
        pos += container.size;
        continued++;
        afterItemPrefix = false;
        continue;
      }
      // Not in the current item: maybe the next item of the same list.
      interrupt = false;
      const at = pos + this.spaces(pos, end, 3);
      const next = this.listStart(at, end, at - pos, container, false);
      if (!next) break;
      continued++;
      this.closeFlow();
      this.exitContainers(continued);
      container.size = next.size;
      container.initialBlankLine = next.blank;
      container.furtherBlankLines = false;
      container.item = this.startItem(at, continued - 1);
      pos = next.end;
      afterItemPrefix = true;
      siblingStarted = true;
      break;
    }

    // 2. Open new containers.
    let lazy = false;
    const skipContainers = !siblingStarted && continued === stack.length && this.flowOpen && this.construct === FENCED;
    if (!skipContainers) {
      if (!siblingStarted && continued === stack.length && this.flowOpen) {
        interrupt = this.construct === PARAGRAPH || this.construct === INDENTED;
      }
      let opened = false;
      for (;;) {
        const at = pos + this.spaces(pos, end, 3);
        const code = text.charCodeAt(at);
        if (code === 62 /* > */) {
          if (!opened) this.openContainers(continued);
          opened = true;
          this.markChild();
          stack.push({ kind: QUOTE });
          pos = at + 1;
          if (text.charCodeAt(pos) === SPACE) pos++;
          afterItemPrefix = false;
          continue;
        }
        const list = this.listStart(at, end, at - pos, null, interrupt);
        if (!list) break;
        if (!opened) this.openContainers(continued);
        opened = true;
        this.markChild();
        const item = this.startItem(at, stack.length);
        stack.push({
          kind: LIST,
          ordered: list.ordered,
          marker: list.marker,
          size: list.size,
          initialBlankLine: list.blank,
          furtherBlankLines: false,
          item,
        });
        pos = list.end;
        afterItemPrefix = true;
      }
      if (!opened && !siblingStarted) lazy = continued !== stack.length;
    }

    // 3. The rest of the line is flow.
    if (!this.flowOpen) {
      this.flowOpen = true;
      this.construct = NONE;
      this.regionItem = afterItemPrefix ? (stack[stack.length - 1] as ListContainer).item : null;
      this.regionState = 0;
    }
    this.flow(pos, end, lazy, continued);
  }

  /** Constructs this scanner does not follow: give up on the body. */
  private guardLine(start: number, end: number): void {
    const text = this.text;
    // Tabs in indentation: their width depends on the column.
    // In fenced code outside any container a tab there only means "not a closing fence".
    const inTopLevelFence = this.construct === FENCED && this.stack.length === 0;
    let index = start;
    for (; index < end; index++) {
      const code = text.charCodeAt(index);
      if (code === TAB) {
        if (inTopLevelFence) break;
        throw BAIL;
      }
      if (!isPrefixChar(code)) break;
    }
    // A GFM table needs a delimiter row: `|`, `:` and `-` only (besides container prefixes).
    let dash = false;
    let pipeOrColon = false;
    for (index = start; index < end; index++) {
      const code = text.charCodeAt(index);
      if (code === 45) dash = true;
      else if (code === 124 || code === 58) pipeOrColon = true;
      else if (code !== SPACE && code !== TAB && !isPrefixChar(code)) return;
    }
    if (dash && pipeOrColon) throw BAIL;
  }

  private openContainers(continued: number): void {
    this.closeFlow();
    this.exitContainers(continued);
  }

  private flow(pos: number, end: number, lazy: boolean, continued: number): void {
    const text = this.text;
    switch (this.construct) {
      case FENCED: {
        if (lazy) break;
        // A closing fence: up to three spaces (a tab there reaches the fifth column), the marker.
        let at = pos;
        while (at < end && at - pos < 3 && text.charCodeAt(at) === SPACE) at++;
        if (text.charCodeAt(at) === this.fenceMarker) {
          let index = at;
          while (index < end && text.charCodeAt(index) === this.fenceMarker) index++;
          if (index - at >= this.fenceSize && this.isBlank(index, end)) this.construct = NONE;
        }
        return;
      }
      case INDENTED: {
        if (lazy) break;
        if (this.isBlank(pos, end) || this.spaces(pos, end, 4) === 4) return;
        break;
      }
      case PARAGRAPH: {
        if (this.isBlank(pos, end)) {
          this.endParagraph();
          break;
        }
        // A continuation line goes to the inline parser whole, indentation included (it matters
        // inside code spans); only the container prefixes are gone.
        const indent = this.spaces(pos, end, Infinity);
        const at = pos + indent;
        if (indent >= 4) {
          this.paragraph.push(pos, end);
          return;
        }
        const interruption = this.paragraphInterruption(at, end, lazy);
        if (interruption === 0) {
          this.paragraph.push(pos, end);
          return;
        }
        if (interruption > 0) {
          // A setext underline: the paragraph was a heading.
          this.blocks.push({ kind: 'heading', depth: interruption, lines: this.paragraph });
          this.paragraph = [];
          this.paragraphOwner = null;
          this.construct = NONE;
          return;
        }
        this.endParagraph();
        break;
      }
    }
    this.construct = NONE;
    // A new block in the flow. On a lazy line, the containers it did not continue end before it.
    if (lazy) this.exitContainers(continued);
    this.startBlock(pos, end, lazy);
  }

  private startBlock(pos: number, end: number, lazy: boolean): void {
    const text = this.text;
    if (this.isBlank(pos, end)) {
      this.regionState = this.regionState === 0 && pos === end ? 1 : 2;
      return;
    }
    const indent = this.spaces(pos, end, Infinity);
    const firstEvent = this.regionState;
    this.regionState = 2;
    if (indent >= 4) {
      this.markChild();
      // Indented code checks at each line ending whether that line was lazy: started on a lazy
      // line, it ends with it.
      this.construct = lazy ? NONE : INDENTED;
      return;
    }
    const at = pos + indent;
    const code = text.charCodeAt(at);
    if (code === 35 /* # */) {
      const depth = this.atxDepth(at, end);
      if (depth > 0) {
        this.markChild();
        this.blocks.push({ kind: 'heading', depth, lines: this.atxContent(at + depth, end) });
        return;
      }
    } else if (code === 96 /* ` */ || code === 126 /* ~ */) {
      const size = this.fenceOpening(at, end);
      if (size > 0) {
        this.markChild();
        this.construct = FENCED;
        this.fenceMarker = code;
        this.fenceSize = size;
        return;
      }
    } else if (code === 45 /* - */ || code === 42 /* * */ || code === 95 /* _ */) {
      if (this.isThematicBreak(at, end, code)) {
        this.markChild();
        return;
      }
    } else if (code === 60 /* < */) {
      throw BAIL; // maybe an HTML block
    }
    // A paragraph. micromark lets it hold a task check when it is the first content of the flow
    // that started right after a list item's prefix, and gives the check to whatever list item the
    // paragraph is in: after lazy lines, that may be an item of which it is not the first child.
    const top = this.stack[this.stack.length - 1];
    const owner = this.markChild();
    const firstContent = this.regionItem !== null && indent === 0 && (firstEvent === 0 || firstEvent === 1);
    if (firstContent && owner === null && top?.kind === LIST && code === 91 /* [ */) throw BAIL;
    this.construct = PARAGRAPH;
    this.paragraph = [at, end];
    this.paragraphOwner = owner;
    this.paragraphCheckable = firstContent && owner !== null;
  }

  /** 0: the line continues the paragraph; -1: it ends it; 1 or 2: it is a setext underline of that depth. */
  private paragraphInterruption(at: number, end: number, lazy: boolean): number {
    const text = this.text;
    const code = text.charCodeAt(at);
    switch (code) {
      case 35: // #
        return this.atxDepth(at, end) > 0 ? -1 : 0;
      case 61: // =
        return !lazy && this.isSetextUnderline(at, end, code) ? 1 : 0;
      case 45: // -
        if (!lazy && this.isSetextUnderline(at, end, code)) return 2;
        return this.isThematicBreak(at, end, code) ? -1 : 0;
      case 42: // *
      case 95: // _
        return this.isThematicBreak(at, end, code) ? -1 : 0;
      case 96: // `
      case 126: // ~
        return this.fenceOpening(at, end) > 0 ? -1 : 0;
      case 60: // <
        throw BAIL; // maybe an HTML block, which may interrupt
      default:
        return 0;
    }
  }

  /** Marks the innermost item as having a child; returns it when this is its first child. */
  private markChild(): MutableItem | null {
    const top = this.stack[this.stack.length - 1];
    if (!top || top.kind !== LIST) return null;
    const item = top.item;
    if (item.hasChild) return null;
    item.hasChild = true;
    return item;
  }

  private startItem(offset: number, depth: number): MutableItem {
    let parent: MutableItem | null = null;
    for (let index = depth - 1; index >= 0; index--) {
      const container = this.stack[index]!;
      if (container.kind === LIST) {
        parent = container.item;
        break;
      }
    }
    const item: MutableItem = { kind: 'item', offset, parent, paragraph: null, checkable: false, hasChild: false };
    this.blocks.push(item);
    return item;
  }

  private endParagraph(): void {
    const owner = this.paragraphOwner;
    if (owner) {
      owner.paragraph = this.paragraph;
      owner.checkable = this.paragraphCheckable;
    }
    this.paragraph = [];
    this.paragraphOwner = null;
  }

  private closeFlow(): void {
    if (!this.flowOpen) return;
    if (this.construct === PARAGRAPH) this.endParagraph();
    this.construct = NONE;
    this.flowOpen = false;
    this.regionItem = null;
  }

  private exitContainers(size: number): void {
    if (this.stack.length > size) this.stack.length = size;
  }

  /**
   * micromark's list item start at `at` (after `initialSize` spaces): a new list when `list` is
   * null, else the next item of `list`.
   */
  private listStart(at: number, end: number, initialSize: number, list: ListContainer | null, interrupt: boolean): ListStart | null {
    const text = this.text;
    const code = text.charCodeAt(at);
    const ordered = list ? list.ordered : !(code === 42 || code === 43 || code === 45);
    let markerEnd: number;
    let marker: number;
    if (!ordered) {
      if (list ? code !== list.marker : !(code === 42 || code === 43 || code === 45)) return null;
      if ((code === 42 || code === 45) && this.isThematicBreak(at, end, code)) return null;
      marker = code;
      markerEnd = at + 1;
    } else {
      if (!isDigit(code)) return null;
      if (interrupt && code !== 49 /* 1 */) return null;
      let index = at;
      while (index < end && isDigit(text.charCodeAt(index)) && index - at < 9) index++;
      const delimiter = text.charCodeAt(index);
      if (interrupt && index - at >= 2) return null;
      if (list ? delimiter !== list.marker : delimiter !== 46 && delimiter !== 41) return null;
      marker = delimiter;
      markerEnd = index + 1;
    }
    if (this.isBlank(markerEnd, end)) {
      if (interrupt) return null;
      return { end: markerEnd, ordered, marker, size: initialSize + 1 + (markerEnd - at), blank: true };
    }
    const whitespace = this.spaces(markerEnd, end, 4);
    let contentStart: number;
    if (whitespace >= 1 && !isSpaceOrTab(text.charCodeAt(markerEnd + whitespace))) contentStart = markerEnd + whitespace;
    else if (text.charCodeAt(markerEnd) === SPACE) contentStart = markerEnd + 1;
    else return null;
    return { end: contentStart, ordered, marker, size: initialSize + (contentStart - at), blank: false };
  }

  /** Number of spaces at `from`, at most `max`. Tabs in indentation make the scan give up. */
  private spaces(from: number, end: number, max: number): number {
    const text = this.text;
    let index = from;
    while (index < end && index - from < max) {
      const code = text.charCodeAt(index);
      if (code === SPACE) index++;
      else if (code === TAB) throw BAIL;
      else break;
    }
    return index - from;
  }

  private isBlank(from: number, end: number): boolean {
    const text = this.text;
    for (let index = from; index < end; index++) {
      const code = text.charCodeAt(index);
      if (code !== SPACE && code !== TAB) return false;
    }
    return true;
  }

  /** Depth of an ATX heading opening at `at`, or 0. */
  private atxDepth(at: number, end: number): number {
    const text = this.text;
    let index = at;
    while (index < end && text.charCodeAt(index) === 35 && index - at < 7) index++;
    const depth = index - at;
    if (depth > 6) return 0;
    return index === end || isSpaceOrTab(text.charCodeAt(index)) ? depth : 0;
  }

  /** The heading text after the opening sequence: whitespace and a closing sequence removed. */
  private atxContent(from: number, end: number): number[] {
    const text = this.text;
    let start = from;
    while (start < end && isSpaceOrTab(text.charCodeAt(start))) start++;
    let stop = end;
    while (stop > start && isSpaceOrTab(text.charCodeAt(stop - 1))) stop--;
    let sequence = stop;
    while (sequence > start && text.charCodeAt(sequence - 1) === 35) sequence--;
    if (sequence < stop && (sequence === start || isSpaceOrTab(text.charCodeAt(sequence - 1)))) {
      stop = sequence;
      while (stop > start && isSpaceOrTab(text.charCodeAt(stop - 1))) stop--;
    }
    return [start, stop];
  }

  private isThematicBreak(at: number, end: number, marker: number): boolean {
    const text = this.text;
    let count = 0;
    for (let index = at; index < end; index++) {
      const code = text.charCodeAt(index);
      if (code === marker) count++;
      else if (code !== SPACE && code !== TAB) return false;
    }
    return count >= 3;
  }

  private isSetextUnderline(at: number, end: number, marker: number): boolean {
    const text = this.text;
    let index = at;
    while (index < end && text.charCodeAt(index) === marker) index++;
    return this.isBlank(index, end);
  }

  /** Length of the fence opening a fenced code block at `at`, or 0. */
  private fenceOpening(at: number, end: number): number {
    const text = this.text;
    const marker = text.charCodeAt(at);
    let index = at;
    while (index < end && text.charCodeAt(index) === marker) index++;
    const size = index - at;
    if (size < 3) return 0;
    if (marker === 96) {
      for (; index < end; index++) if (text.charCodeAt(index) === 96) return 0;
    }
    return size;
  }
}

/** Characters that can make up container prefixes and indentation. */
function isPrefixChar(code: number): boolean {
  return (
    code === SPACE ||
    code === TAB ||
    code === 62 /* > */ ||
    code === 45 /* - */ ||
    code === 42 /* * */ ||
    code === 43 /* + */ ||
    code === 46 /* . */ ||
    code === 41 /* ) */ ||
    isDigit(code)
  );
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isSpaceOrTab(code: number): boolean {
  return code === SPACE || code === TAB;
}
