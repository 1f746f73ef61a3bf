import { describe, expect, it } from 'vitest';
import { formatFlowMapping, planAddKeyResult, verifyAddKeyResult } from '../../src/edit/key-results.js';
import type { Nodes } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { otherBlocksUnchanged } from '../../src/edit/blocks-unchanged.js';
import { addTaskEdit, planAddTask, verifyAddTask } from '../../src/edit/task-list.js';
import { parseOkrText } from '../../src/parse/file-facts.js';
import { applySplices } from '../../src/edit/splice.js';

const entry = { lines: ['id: new', 'title: "New: one"', 'start: 0', 'target: 5'], data: { id: 'new', title: 'New: one', start: 0, target: 5 } };

function addKr(text: string): string {
  const splices = planAddKeyResult(text, entry);
  expect(verifyAddKeyResult(text, splices, entry)).toBeNull();
  return applySplices(text, splices);
}

describe('planAddKeyResult', () => {
  it('appends an item to a block list at its indentation, after trailing comments of the last item', () => {
    const text = '---\nid: o\nkey_results:\n    -   id: a\n        title: A   # t\n# end\n---\nbody\n';
    expect(addKr(text)).toBe(
      '---\nid: o\nkey_results:\n    -   id: a\n        title: A   # t\n    -   id: new\n        title: "New: one"\n        start: 0\n        target: 5\n# end\n---\nbody\n',
    );
  });

  it('creates the list when key_results is missing, with CRLF and no final newline', () => {
    const text = '---\r\ntype: objective\r\nid: o  # the id\r\n---\r\nbody';
    expect(addKr(text)).toBe('---\r\ntype: objective\r\nid: o  # the id\r\nkey_results:\r\n  - id: new\r\n    title: "New: one"\r\n    start: 0\r\n    target: 5\r\n---\r\nbody');
  });

  it('turns an empty [] into a block list, and fills an empty key', () => {
    expect(addKr('---\nid: o\nkey_results: []\n---\n')).toBe('---\nid: o\nkey_results:\n  - id: new\n    title: "New: one"\n    start: 0\n    target: 5\n---\n');
    expect(addKr('---\nid: o\nkey_results:\n---\n')).toBe('---\nid: o\nkey_results:\n  - id: new\n    title: "New: one"\n    start: 0\n    target: 5\n---\n');
  });

  it('keeps a flow list flow, and JSON JSON', () => {
    expect(addKr('---\nid: o\nkey_results: [{id: a, title: A}]\n---\n')).toBe(
      '---\nid: o\nkey_results: [{id: a, title: A}, { id: new, title: "New: one", start: 0, target: 5 }]\n---\n',
    );
    expect(addKr('---json\n{"id": "o", "key_results": []}\n---\n')).toBe(
      '---json\n{"id": "o", "key_results": [{"id": "new", "title": "New: one", "start": 0, "target": 5}]}\n---\n',
    );
    expect(addKr('---json\n{"id": "o"}\n---\n')).toBe('---json\n{"id": "o", "key_results": [{"id": "new", "title": "New: one", "start": 0, "target": 5}]}\n---\n');
  });

  it('formats flow mappings safely', () => {
    expect(formatFlowMapping({ a: 'x, y', b: true, c: 'ok' }, false)).toBe('{ a: "x, y", b: true, c: ok }');
  });
});

function addTask(text: string, kr: string, title: string): string {
  const before = parseOkrText('t.md', text);
  const plan = planAddTask(text, before, kr, title);
  const after = applySplices(text, plan.splices);
  expect(verifyAddTask(before, parseOkrText('t.md', after), plan, kr)).toBeNull();
  return after;
}

describe('planAddTask', () => {
  it('adds an item after the last top-level task of the key result, after its sub-tasks', () => {
    const text = '---\nkr: k\n---\n* [ ] one\n* [x] two\n  * [ ] sub\n\nText.\n';
    expect(addTask(text, 'k', 'three')).toBe('---\nkr: k\n---\n* [ ] one\n* [x] two\n  * [ ] sub\n* [ ] three\n\nText.\n');
  });

  it('numbers ordered lists and keeps block-quote markers, CRLF and no final newline', () => {
    expect(addTask('---\r\nkr: k\r\n---\r\n> 9. [ ] a\r\n> 10) no', 'k', 'b')).toBe('---\r\nkr: k\r\n---\r\n> 9. [ ] a\r\n> 10. [ ] b\r\n> 10) no');
    expect(addTask('---\nkr: k\n---\n1. [x] a', 'k', 'b')).toBe('---\nkr: k\n---\n1. [x] a\n2. [ ] b');
  });

  it('stays in the linked section, and links the item itself when its neighbour was', () => {
    const text = '# Plan <!-- kr: k -->\n\n- [ ] a\n\n# Other\n\n- [x] x <!-- kr: j -->\n- [ ] y\n';
    expect(addTask(text, 'k', 'b')).toBe('# Plan <!-- kr: k -->\n\n- [ ] a\n- [ ] b\n\n# Other\n\n- [x] x <!-- kr: j -->\n- [ ] y\n');
    expect(addTask(text, 'j', 'z')).toBe('# Plan <!-- kr: k -->\n\n- [ ] a\n\n# Other\n\n- [x] x <!-- kr: j -->\n- [ ] z <!-- kr: j -->\n- [ ] y\n');
  });

  it('starts a list at the end of a task file without tasks, or links an item in any other file', () => {
    expect(addTask('---\nkr: k\n---\n# Tasks\n', 'k', 'a')).toBe('---\nkr: k\n---\n# Tasks\n\n- [ ] a\n');
    expect(addTask('---\nkr: k\n---\n', 'k', 'a')).toBe('---\nkr: k\n---\n\n- [ ] a\n');
    expect(addTask('# Notes\n\nSome text', 'k', 'a')).toBe('# Notes\n\nSome text\n\n- [ ] a <!-- kr: k -->');
  });
});

describe('okr new task next to code blocks: every other block stays as it was', () => {
  /** addTaskEdit's whole check: the task items and every other block of the document. */
  function addTaskChecked(text: string, title = 'NEW'): { after: string; refused: string | null } {
    const before = { text, facts: parseOkrText('t.md', text) };
    const edit = addTaskEdit(before, 'k', title);
    const after = applySplices(text, edit.splices);
    return { after, refused: edit.verify(before, { text: after, facts: parseOkrText('t.md', after) }) };
  }

  /** The fenced code blocks of a text as remark-gfm reads them: their values and the containers they are in. */
  function codeBlocks(text: string): string[] {
    const found: string[] = [];
    const visit = (node: Nodes, path: string): void => {
      if (node.type === 'code') found.push(`${path}|${node.value}`);
      if ('children' in node) for (const child of node.children) visit(child, `${path}>${node.type}`);
    };
    visit(unified().use(remarkParse).use(remarkGfm).parse(text), '');
    return found;
  }

  it.each([
    ['ends the file, with a final newline', '---\nkr: k\n---\n- [ ] one\n  ```\n  code\n', '---\nkr: k\n---\n- [ ] one\n  ```\n  code\n- [ ] NEW\n'],
    ['ends the file, without one', '---\nkr: k\n---\n- [ ] one\n  ```js\n  code', '---\nkr: k\n---\n- [ ] one\n  ```js\n  code\n- [ ] NEW'],
    ['ends the file, with CRLF', '---\r\nkr: k\r\n---\r\n- [ ] one\r\n  ~~~\r\n  code\r\n', '---\r\nkr: k\r\n---\r\n- [ ] one\r\n  ~~~\r\n  code\r\n- [ ] NEW\r\n'],
    ['ends with blank lines', '---\nkr: k\n---\n- [ ] one\n  ```\n  code\n\n  \n', '---\nkr: k\n---\n- [ ] one\n  ```\n  code\n\n  \n- [ ] NEW\n'],
    ['is followed by a paragraph', '---\nkr: k\n---\n- [ ] one\n  ```\n  code\n\nlater\n', '---\nkr: k\n---\n- [ ] one\n  ```\n  code\n- [ ] NEW\n\nlater\n'],
    ['is in a block quote', '---\nkr: k\n---\n> - [ ] one\n>   ```\n>   code\n', '---\nkr: k\n---\n> - [ ] one\n>   ```\n>   code\n> - [ ] NEW\n'],
    ['is closed', '---\nkr: k\n---\n- [ ] one\n  ```\n  code\n  ```\n\n```\nx\n', '---\nkr: k\n---\n- [ ] one\n  ```\n  code\n  ```\n- [ ] NEW\n\n```\nx\n'],
  ])('after an item whose code fence %s', (_name, text, expected) => {
    const { after, refused } = addTaskChecked(text);
    expect(refused).toBeNull();
    expect(after).toBe(expected);
    expect(codeBlocks(after)).toEqual(codeBlocks(text));
  });

  it('refuses an insertion that would change a block around it', () => {
    const text = '---\nkr: k\n---\n- [ ] one\n  ```\n  code\n';
    // A new line inside the code block (as if the item's end had been found inside it) changes the block.
    const inside = { start: text.indexOf('  code'), end: text.indexOf('  code'), insert: '- [ ] NEW\n' };
    expect(otherBlocksUnchanged(text, applySplices(text, [inside]), inside)).toBe('the new line would change the Markdown block at line 5 (its text, or the block it is in)');
    // A line that a paragraph after it would continue: the paragraph's text changes.
    const para = '---\nkr: k\n---\n- [ ] one\n\nText\n';
    const lazy = { start: para.indexOf('Text'), end: para.indexOf('Text'), insert: 'more ' };
    expect(otherBlocksUnchanged(para, applySplices(para, [lazy]), lazy)).toMatch(/^the new line would change the Markdown block at line 6/);
  });
});
