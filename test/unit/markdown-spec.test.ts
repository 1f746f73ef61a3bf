/**
 * The Markdown reader held to the CommonMark spec's own examples (commonmark-spec, the examples
 * that hold lists, block quotes, code or HTML) and to GFM's task-list examples, compared with what
 * unified + remark-parse + remark-gfm make of them (test/helpers/reference-markdown.ts), as remark
 * holds itself to the same corpus. The examples have no task items of their own, so each is also
 * read with its list items turned into task items (`[ ]`, `[x]`, `[/]`, `[-]`, with and without the
 * space GFM wants after the box), and with CRLF line endings.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { listItemEnd, parseMarkdownTasks } from '../../src/parse/markdown/index.js';
import { referenceListItemEnds, referenceTasks } from '../helpers/reference-markdown.js';

interface SpecExample {
  markdown: string;
  html: string;
  section: string;
  number: number;
}

const spec = createRequire(import.meta.url)('commonmark-spec') as { tests: SpecExample[] };

/** The spec writes tabs as `→` (its test runner swaps them back). */
const examples = spec.tests.map((example) => ({ ...example, markdown: example.markdown.replace(/→/g, '\t') }));

/** Examples with lists, block quotes, code (blocks or spans) or HTML (blocks or inline). */
const SECTIONS = new Set(['Tabs', 'Block quotes', 'List items', 'Lists', 'Indented code blocks', 'Fenced code blocks', 'HTML blocks', 'Code spans', 'Raw HTML']);
const chosen = examples.filter((example) => SECTIONS.has(example.section) || /<(li|blockquote|pre|code)\b|&lt;|<!--/.test(example.html));

/** GFM spec, section "Task list items (extension)": examples 279 and 280. */
const GFM_TASK_LIST_EXAMPLES = ['- [ ] foo\n- [x] bar\n', '- [x] foo\n  - [ ] bar\n  - [x] baz\n- [ ] bim\n'];

/** A bullet or ordered list marker at a line start, after block quote markers and indentation. */
const LIST_MARKER = /^((?:[ \t]*>)*[ \t]*(?:[-+*]|\d{1,9}[.)]))([ \t]+|$)/gm;
const HAS_LIST_MARKER = new RegExp(LIST_MARKER.source, 'm');

/** The example with each list item's content opened by a task box, cycling through `boxes`. */
function withTaskBoxes(markdown: string, boxes: readonly string[]): string {
  let index = 0;
  return markdown.replace(LIST_MARKER, (_, marker: string, gap: string) => `${marker}${gap === '' ? ' ' : gap}${boxes[index++ % boxes.length]}`);
}

/** The example as it is, and with task boxes, also with CRLF line endings. */
function variants(markdown: string): string[] {
  const found = [markdown];
  if (HAS_LIST_MARKER.test(markdown)) {
    const boxed = [withTaskBoxes(markdown, ['[ ] ', '[x] ', '[/] ', '[-] ']), withTaskBoxes(markdown, ['[X]', '[-]\t', '[ ]', '[/]  '])];
    found.push(...boxed, ...boxed.map((text) => text.replace(/\n/g, '\r\n')));
  } else {
    found.push(markdown.replace(/\n/g, '\r\n'));
  }
  return found;
}

function expectSameAsRemark(markdown: string, label: string): number {
  const expected = referenceTasks(markdown);
  expect(parseMarkdownTasks(markdown).tasks, label).toEqual(expected);
  for (const [start, end] of referenceListItemEnds(markdown)) expect(listItemEnd(markdown, start), `${label}: item at ${start}`).toBe(end);
  return expected.length;
}

describe('the Markdown reader on the spec examples', () => {
  it('chooses the CommonMark examples with lists, block quotes, code or HTML', () => {
    expect(examples.length).toBeGreaterThan(600);
    expect(chosen.length).toBeGreaterThan(250);
  });

  it('finds the task items remark-gfm finds in them, and ends list items where remark does', () => {
    let tasks = 0;
    for (const example of chosen) {
      for (const [i, markdown] of variants(example.markdown).entries()) {
        tasks += expectSameAsRemark(markdown, `CommonMark example ${example.number} (${example.section}), variant ${i}: ${JSON.stringify(markdown)}`);
      }
    }
    // The variants do make task items, many of them.
    expect(tasks).toBeGreaterThan(300);
  });

  it("reads GFM's task-list examples as remark-gfm does", () => {
    for (const markdown of GFM_TASK_LIST_EXAMPLES) {
      for (const variant of [markdown, markdown.replace(/\n/g, '\r\n')]) expect(expectSameAsRemark(variant, JSON.stringify(variant))).toBeGreaterThan(1);
    }
    expect(parseMarkdownTasks(GFM_TASK_LIST_EXAMPLES[1]!).tasks.map((task) => [task.state, task.text, task.parent, task.isGroup])).toEqual([
      ['done', 'foo', null, true],
      ['open', 'bar', 0, false],
      ['done', 'baz', 0, false],
      ['open', 'bim', null, false],
    ]);
  });
});
