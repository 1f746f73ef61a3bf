/**
 * The check every insertion of lines into a Markdown body can share: apart from the blocks of the
 * inserted lines, the document has the same blocks as before, in the same containers and with the
 * same text. It catches an insertion that would change a block around it (a code block left open at
 * the end of an item, a paragraph the new line would continue, a list it would split).
 */
import { blockWindow, leafBlocks, MarkdownTooComplex, type LeafBlock } from '../parse/markdown/index.js';
import type { Splice } from './splice.js';

/**
 * Whether inserting `splice` (an insertion: `start === end`) into `before` (a file's text after any BOM;
 * front-matter parses the same on both sides) changes no block but those that hold inserted text. `after` is
 * `before` with the splice applied. Compares the blocks of the window around the insertion
 * (blockWindow): kinds, containers and source text. Returns null when nothing else changes, else a
 * sentence that completes "refusing to write: …". Never throws.
 */
export function otherBlocksUnchanged(before: string, after: string, splice: Splice): string | null {
  const inserted = splice.insert.length - (splice.end - splice.start);
  const window = blockWindow(before, splice.start);
  const was = before.slice(window.start, window.end);
  const now = after.slice(window.start, window.end + inserted);
  let wasBlocks: LeafBlock[];
  let nowBlocks: LeafBlock[];
  try {
    wasBlocks = leafBlocks(was);
    nowBlocks = leafBlocks(now);
  } catch (error) {
    if (error instanceof MarkdownTooComplex) return 'the Markdown around the new line is too complex to check that nothing else changes';
    throw error;
  }
  // micromark ends a block left open (a fence never closed) after the line break that follows it
  // when more text follows: blocks are compared without their trailing line breaks.
  wasBlocks = wasBlocks.map((block) => withoutTrailingBreaks(was, block));
  nowBlocks = nowBlocks.map((block) => withoutTrailingBreaks(now, block));
  const from = splice.start - window.start;
  const to = from + splice.insert.length;
  // A block is the same when its kind, containers, text and place (before the insertion, or after it by its length) are.
  const describe = (text: string, block: LeafBlock, shift: number) => `${block.containers}|${block.kind}|${block.start - shift}|${text.slice(block.start, block.end)}`;
  const wasList = wasBlocks.map((block) => describe(was, block, 0));
  const nowList = nowBlocks.filter((block) => block.end <= from || block.start >= to).map((block) => describe(now, block, block.start >= to ? inserted : 0));
  for (let i = 0; i < Math.max(wasList.length, nowList.length); i++) {
    if (wasList[i] !== nowList[i]) {
      const at = window.start + (wasBlocks[i]?.start ?? was.length);
      return `the new line would change the Markdown block at line ${lineAt(before, at)} (its text, or the block it is in)`;
    }
  }
  return null;
}

function withoutTrailingBreaks(text: string, block: LeafBlock): LeafBlock {
  let end = block.end;
  while (end > block.start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return { ...block, end };
}

/** The line (from 1) holding `offset`. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) line++;
  return line;
}
