/**
 * The one module that imports remark. Finds GFM task-list items exactly as remark-gfm parses them,
 * plus the `[/]` (in progress) and `[-]` (cancelled) extensions, and the `<!-- kr: id -->` links
 * that tie a section or an item of any file to key results.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toString } from 'mdast-util-to-string';
import type { Heading, ListItem, Nodes, Paragraph, Root } from 'mdast';

export type TaskState = 'done' | 'open' | 'in-progress' | 'cancelled';

export interface KrLink {
  id: string;
  /** Offset of the comment that names it, in the parsed text. */
  offset: number;
}

export interface MarkdownTaskItem {
  /** Offset of the list item's first character (its bullet). */
  offset: number;
  /** Offset of the checkbox `[`. */
  checkboxOffset: number;
  state: TaskState;
  text: string;
  /** Index of the nearest enclosing task item in the returned list, or null. */
  parent: number | null;
  /** True when task items are nested under this one: only leaves count. */
  isGroup: boolean;
  /** Links that apply to this item: its own, else its nearest list item's, else its section's. */
  links: KrLink[];
  linkedBy: 'item' | 'section' | null;
}

export interface MarkdownFacts {
  tasks: MarkdownTaskItem[];
}

const processor = unified().use(remarkParse).use(remarkGfm);

const KR_COMMENT = /^<!--\s*kr\s*:\s*([\s\S]*?)\s*-->$/i;
const EXTENSION_MARKER = /^\[([/-])\][ \t]+(?=\S)/;

export function parseMarkdownTasks(markdown: string): MarkdownFacts {
  // A body that cannot hold a task item needs no parse.
  if (!/\[[ \txX/\-\r\n]\]/.test(markdown)) return { tasks: [] };
  const tree = processor.parse(markdown) as Root;
  return { tasks: collectTaskItems(tree, markdown) };
}

interface Frame {
  node: Nodes;
  /** Index of the nearest enclosing task item. */
  parentTask: number | null;
  /** Links inherited from an enclosing list item. */
  itemLinks: KrLink[] | null;
}

interface Section {
  depth: number;
  links: KrLink[];
}

/** Walks the tree in document order with an explicit stack: deep nesting cannot overflow the call stack. */
function collectTaskItems(tree: Root, markdown: string): MarkdownTaskItem[] {
  const tasks: MarkdownTaskItem[] = [];
  const sections: Section[] = [];
  const stack: Frame[] = [{ node: tree, parentTask: null, itemLinks: null }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { node } = frame;
    let parentTask = frame.parentTask;
    let itemLinks = frame.itemLinks;

    if (node.type === 'heading') {
      enterSection(sections, node);
      continue;
    }
    if (node.type === 'listItem') {
      const ownLinks = linksOf(firstParagraph(node));
      if (ownLinks.length > 0) itemLinks = ownLinks;
      const task = readTaskItem(node, markdown);
      if (task) {
        const sectionLinks = currentSectionLinks(sections);
        const links = itemLinks ?? sectionLinks ?? [];
        const index = tasks.length;
        tasks.push({
          ...task,
          parent: parentTask,
          isGroup: false,
          links,
          linkedBy: itemLinks ? 'item' : sectionLinks ? 'section' : null,
        });
        if (parentTask !== null) tasks[parentTask]!.isGroup = true;
        parentTask = index;
      }
    }
    if ('children' in node) {
      const children = node.children as Nodes[];
      for (let i = children.length - 1; i >= 0; i--) {
        stack.push({ node: children[i]!, parentTask, itemLinks });
      }
    }
  }
  return tasks;
}

function enterSection(sections: Section[], heading: Heading): void {
  while (sections.length > 0 && sections[sections.length - 1]!.depth >= heading.depth) sections.pop();
  sections.push({ depth: heading.depth, links: linksOf(heading) });
}

function currentSectionLinks(sections: Section[]): KrLink[] | null {
  for (let i = sections.length - 1; i >= 0; i--) {
    if (sections[i]!.links.length > 0) return sections[i]!.links;
  }
  return null;
}

function firstParagraph(item: ListItem): Paragraph | null {
  const first = item.children[0];
  return first?.type === 'paragraph' ? first : null;
}

/** `<!-- kr: a, b -->` comments directly inside a heading or paragraph. */
function linksOf(parent: Heading | Paragraph | null): KrLink[] {
  if (!parent) return [];
  const links: KrLink[] = [];
  for (const child of parent.children) {
    if (child.type !== 'html') continue;
    const match = KR_COMMENT.exec(child.value);
    if (!match) continue;
    for (const id of match[1]!.split(/[\s,]+/)) {
      if (id !== '') links.push({ id, offset: child.position?.start.offset ?? 0 });
    }
  }
  return links;
}

function readTaskItem(
  item: ListItem,
  markdown: string,
): Pick<MarkdownTaskItem, 'offset' | 'checkboxOffset' | 'state' | 'text'> | null {
  const paragraph = firstParagraph(item);
  if (!paragraph) return null;
  const offset = item.position?.start.offset ?? 0;
  // The checkbox is the first `[` after the bullet: bullets (`-`, `*`, `+`, `1.`, `1)`) hold none.
  const checkboxOffset = markdown.indexOf('[', offset);
  if (item.checked === true || item.checked === false) {
    return { offset, checkboxOffset, state: item.checked ? 'done' : 'open', text: itemText(paragraph) };
  }
  const first = paragraph.children[0];
  if (first?.type !== 'text') return null;
  const match = EXTENSION_MARKER.exec(first.value);
  if (!match) return null;
  return {
    offset,
    checkboxOffset,
    state: match[1] === '/' ? 'in-progress' : 'cancelled',
    text: itemText(paragraph).replace(/^\[[/-]\]\s*/, ''),
  };
}

function itemText(paragraph: Paragraph): string {
  const visible = paragraph.children.filter((child) => child.type !== 'html');
  return toString({ type: 'paragraph', children: visible }).replace(/\s+/g, ' ').trim();
}

/**
 * End offset of the list item that starts at `itemOffset` (its last content character, nested items
 * included), or null when no list item starts there. For inserting a sibling after an item.
 */
export function listItemEnd(markdown: string, itemOffset: number): number | null {
  const tree = processor.parse(markdown) as Root;
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'listItem' && node.position?.start.offset === itemOffset) return node.position.end.offset ?? null;
    if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
  return null;
}
