/**
 * The reference the fast Markdown path is held to: a full unified + remark-parse + remark-gfm parse
 * (plus our `[/]` / `[-]` marker syntax) and a plain walk of the tree, written independently of
 * src/parse/markdown/index.ts's own walk.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toString } from 'mdast-util-to-string';
import type { Heading, ListItem, Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { KrLink, MarkdownTaskItem, TaskState } from '../../src/parse/markdown/index.js';
import { remarkTaskMarkers } from './remark-task-markers.js';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkTaskMarkers);

/** remark's tree of `markdown`; the last one is kept, as tests ask for the tasks and the item ends of one text. */
let last: { markdown: string; tree: Root } | null = null;
function parseTree(markdown: string): Root {
  if (last?.markdown !== markdown) last = { markdown, tree: processor.parse(markdown) };
  return last.tree;
}

export function referenceTasks(markdown: string): MarkdownTaskItem[] {
  const tree = parseTree(markdown);
  const tasks: MarkdownTaskItem[] = [];
  const sections: { depth: number; links: KrLink[] }[] = [];

  const visit = (node: Nodes, parentTask: number | null, itemLinks: KrLink[] | null): void => {
    if (node.type === 'heading') {
      while (sections.length > 0 && sections[sections.length - 1]!.depth >= node.depth) sections.pop();
      sections.push({ depth: node.depth, links: commentLinks(node) });
      return;
    }
    if (node.type === 'listItem') {
      const first = node.children[0];
      const own = commentLinks(first?.type === 'paragraph' ? first : null);
      if (own.length > 0) itemLinks = own;
      const state = stateOf(node);
      if (state) {
        const sectionLinks = [...sections].reverse().find((section) => section.links.length > 0)?.links ?? null;
        const index = tasks.length;
        const paragraph = node.children.find((child): child is Paragraph => child.type === 'paragraph');
        tasks.push({
          offset: node.position!.start.offset!,
          checkboxOffset: ((node.data ?? {}) as { okrCheckOffset?: number }).okrCheckOffset ?? -1,
          state,
          text: paragraph ? textOf(paragraph.children.filter((child) => child.type !== 'html')) : '',
          parent: parentTask,
          isGroup: false,
          links: itemLinks ?? sectionLinks ?? [],
          linkedBy: itemLinks ? 'item' : sectionLinks ? 'section' : null,
        });
        if (parentTask !== null) tasks[parentTask]!.isGroup = true;
        parentTask = index;
      }
    }
    if ('children' in node) for (const child of node.children as RootContent[]) visit(child, parentTask, itemLinks);
  };
  visit(tree, null, null);
  return tasks;
}

function stateOf(item: ListItem): TaskState | null {
  if (item.checked === true) return 'done';
  if (item.checked === false) return 'open';
  return ((item.data ?? {}) as { okrTaskState?: TaskState }).okrTaskState ?? null;
}

function commentLinks(parent: Heading | Paragraph | null): KrLink[] {
  const links: KrLink[] = [];
  for (const child of parent?.children ?? []) {
    if (child.type !== 'html') continue;
    const match = /^<!--\s*kr\s*:\s*([\s\S]*?)\s*-->$/i.exec(child.value);
    if (!match) continue;
    for (const id of match[1]!.split(/[\s,]+/)) if (id !== '') links.push({ id, offset: child.position!.start.offset! });
  }
  return links;
}

function textOf(nodes: PhrasingContent[]): string {
  const flat = (node: PhrasingContent): string => (node.type === 'break' ? ' ' : 'children' in node ? node.children.map(flat).join('') : toString(node));
  return nodes.map(flat).join('').replace(/\s+/g, ' ').trim();
}

/** Start offset -> end offset of every list item, as remark's tree has them. */
export function referenceListItemEnds(markdown: string): Map<number, number> {
  const ends = new Map<number, number>();
  const visit = (node: Nodes): void => {
    if (node.type === 'listItem') ends.set(node.position!.start.offset!, node.position!.end.offset!);
    if ('children' in node) for (const child of node.children as RootContent[]) visit(child);
  };
  visit(parseTree(markdown));
  return ends;
}
