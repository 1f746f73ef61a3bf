/**
 * Bounded work on any Markdown within the size limit: the pathological files (built at run time)
 * finish and are reported, bodies the block scan does not follow are read in parts with the same
 * result as one parse, and ordinary files stay far within the budget.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { PATHOLOGICAL_CASES, taskList } from '../../bench/pathological.mjs';
import { parseConfig } from '../../src/parse/config.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../src/parse/limits.js';
import { MAX_MARKDOWN_DEFINITIONS, MAX_MARKDOWN_PART, MAX_MARKDOWN_WORK, usedWork } from '../../src/parse/markdown/budget.js';
import { partStarts } from '../../src/parse/markdown/segments.js';
import { listItemEnd, MarkdownTooComplex, parseMarkdownTasks } from '../../src/parse/markdown/index.js';
import { planAddTask } from '../../src/edit/task-list.js';
import { EditError } from '../../src/edit/yaml-edit.js';
import { parseOkrText } from '../../src/parse/file-facts.js';
import { batches } from '../../src/io/git-workspace.js';
import { referenceTasks } from '../helpers/reference-markdown.js';
import { propertyRuns } from '../helpers/property-runs.js';
import { REPO_ROOT } from '../helpers/run-cli.js';

// The tests here run long without awaiting anything: let the worker answer vitest between them.
afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));

const tooComplex = (text: string) => parseOkrText('f.md', text).problems.filter((p) => p.rule === 'file-too-complex');

describe('pathological files finish and are reported', () => {
  it.each(PATHOLOGICAL_CASES.map((testCase) => [testCase.name, testCase] as const))('%s', (_, testCase) => {
    const text = testCase.text();
    expect(text.length).toBeLessThan(DEFAULT_MAX_FILE_SIZE);
    const facts = parseOkrText('f.md', text);
    if (testCase.tooComplex) {
      expect(facts.problems).toEqual([
        expect.objectContaining({
          file: 'f.md',
          line: testCase.tooComplex.line,
          severity: 'error',
          rule: 'file-too-complex',
          message: expect.stringContaining('its task items are not read'),
        }),
      ]);
      expect(facts.tasks).toEqual([]);
    } else {
      expect(facts.problems).toEqual([]);
      expect(facts.tasks).toHaveLength(testCase.tasks!);
    }
  });

  it('names the bound that was passed', () => {
    expect(tooComplex('- [ ] t\n' + '[a]: b\n'.repeat(200_000))[0]!.message).toContain(`more than ${formatKb(MAX_MARKDOWN_PART)} of Markdown is one block`);
    const definitions = Array.from({ length: MAX_MARKDOWN_DEFINITIONS + 1 }, (_, i) => `[d${i}]: /u\n`).join('');
    expect(tooComplex(`- [ ] t\n\n${definitions}`)[0]!.message).toContain('more than 10,000 link reference or footnote definitions');
    expect(tooComplex('- [ ] a ' + '<!--'.repeat(40_000))[0]!.message).toContain('parsing steps');
  });

  it('reports where the paragraph or part it could not read starts, after front-matter', () => {
    const text = ['---', 'kr: x', '---', '# Plan', '', '- [ ] fine', '', '- [ ] a ' + '[a]('.repeat(30_000), ''].join('\n');
    expect(tooComplex(text)).toEqual([expect.objectContaining({ line: 8, column: 3 })]);
    // A part the block scan does not follow (a tab) goes to micromark whole: its first line.
    const tab = ['---', 'kr: x', '---', '- [ ] fine', '', '-\t[ ] t ' + '[a]('.repeat(30_000), ''].join('\n');
    expect(tooComplex(tab)).toEqual([expect.objectContaining({ line: 6, column: 1 })]);
    // No "task file has no task items" on top.
    expect(parseOkrText('f.md', text).problems.map((p) => p.rule)).toEqual(['file-too-complex']);
  });

  it('throws MarkdownTooComplex from the parser, with the offset of the paragraph', () => {
    const body = '- [ ] fine\n\n' + '- [ ] ' + '*_'.repeat(50_000) + '\n';
    expect(() => parseMarkdownTasks(body)).toThrow(MarkdownTooComplex);
    try {
      parseMarkdownTasks(body);
    } catch (error) {
      expect((error as MarkdownTooComplex).offset).toBe(body.indexOf('[ ] *'));
    }
  });

  it('reads a long task list that ends in an HTML comment on the fast path, and its comment', () => {
    const { text, tasks } = taskList(300_000);
    const facts = parseMarkdownTasks(`${text}- [ ] last <!-- kr: z -->\n<!-- kr: after -->\n`).tasks;
    expect(facts).toHaveLength(tasks + 1);
    expect(facts[tasks]).toMatchObject({ text: 'last', links: [{ id: 'z' }], linkedBy: 'item' });
    expect(usedWork()).toBeLessThan(10_000);
  });
});

describe('finding where a task item ends (okr new task)', () => {
  it('reads only the part around the item, so a long file is no harder than a short one', () => {
    const { text } = taskList(2_000_000);
    const item = text.indexOf('- [ ] Task number 50000\n');
    expect(listItemEnd(text, item)).toBe(item + '- [ ] Task number 50000'.length);
    expect(usedWork()).toBeLessThan(1_000);
  });

  it('refuses to plan an edit around a part over the budget', () => {
    // The facts need only the item's first paragraph; the end of the item needs all of it.
    const text = `---\nkr: a\n---\n- [ ] t\n\n  ${'[a]('.repeat(30_000)}\n\n- [ ] u\n`;
    const facts = parseOkrText('f.md', text);
    expect(facts.tasks.map((task) => task.text)).toEqual(['t', 'u']);
    const plan = () => planAddTask(text, { ...facts, tasks: facts.tasks.slice(0, 1) }, 'a', 'new');
    expect(plan).toThrow(EditError);
    expect(plan).toThrow('is too complex to find where the item ends: add the task by hand');
  });
});

describe('ordinary files stay far within the budget', () => {
  it('the examples and fixtures use under a tenth of it', () => {
    for (const file of markdownFiles(path.join(REPO_ROOT, 'examples')).concat(markdownFiles(path.join(REPO_ROOT, 'test/fixtures')))) {
      const facts = parseOkrText(file, readFileSync(file, 'utf8'));
      expect(facts.problems.filter((p) => p.rule === 'file-too-complex')).toEqual([]);
      expect(usedWork()).toBeLessThan(MAX_MARKDOWN_WORK / 10);
    }
  });

  it('a 300 kB file of task items with HTML in their text is read', () => {
    let text = '';
    for (let i = 0; text.length < 300_000; i++) text += `- [ ] Task <b>${i}</b> with *emphasis* and a [link](http://x.y)\n`;
    expect(parseMarkdownTasks(text).tasks.length).toBeGreaterThan(4_000);
  });
});

/** Blocks that decide where parts start, joined with or without blank lines between them. */
const block = fc.constantFrom(
  '- [ ] a',
  '- [x] b <!-- kr: b -->',
  '* [ ] c\n  - [ ] nested',
  '+ [/] d',
  '1. [ ] e',
  '10. [ ] f',
  '- 2) [ ] g',
  '- > [ ] h',
  '  - [ ] i',
  '# Section <!-- kr: s -->',
  '## Sub',
  'Setext\n---',
  'para [ ] text',
  '<!-- kr: z -->',
  '<!--\n- [ ] in comment\n-->',
  '<div>\n- [ ] in html\n</div>',
  '<pre>\n\n- [ ] in pre\n\n</pre>',
  '<x-y z>',
  '```\n- [ ] in code\n```',
  '~~~~\n```\n\n- [ ] in code\n~~~~',
  '- ```\n\n- [ ] after fence in item',
  '> ```\n- [ ] after quoted fence',
  '| a | b |\n|---|---|\n- [ ] row?',
  '[a]: /u',
  '[^1]: note\n- [ ] after note',
  '- [ ] [a] and [^1]',
  '> quote\n- [ ] after quote',
  '    - [ ] indented code',
  '\t- [ ] tab',
  '- [ ] a\nlazy [ ]',
  '***',
);
const separator = fc.constantFrom('\n', '\n\n', '\n\n', '\n   \n', '\r\n');
const blockDocument = fc.array(fc.tuple(block, separator), { minLength: 1, maxLength: 10 }).map((blocks) => blocks.map(([text, end]) => text + end).join(''));

describe('bodies read in parts', () => {
  it('give what one parse gives (remark), and are cut into parts', () => {
    let cut = 0;
    let runs = 0;
    fc.assert(
      fc.property(blockDocument, (markdown) => {
        runs++;
        if (partStarts(markdown).length > 1) cut++;
        expect(parseMarkdownTasks(markdown).tasks).toEqual(referenceTasks(markdown));
      }),
      propertyRuns(300),
    );
    expect(cut / runs).toBeGreaterThan(0.5);
  });

  it('start only where every block before is closed', () => {
    expect(partStarts('- [ ] a\n- [ ] b\n')).toEqual([0, 8]);
    expect(partStarts('text\n- [ ] b\n')).toEqual([0, 5]);
    expect(partStarts('text\n1. [ ] b\n')).toEqual([0]);
    expect(partStarts('text\n\n1. [ ] b\n')).toEqual([0]);
    expect(partStarts('text\n\nmore\n')).toEqual([0, 6]);
    expect(partStarts('text\n- 10. [ ] b\n')).toEqual([0]);
    expect(partStarts('```\n\n- [ ] b\n```\n- [ ] c\n')).toEqual([0, 17]);
    expect(partStarts('<!--\n\n- [ ] b\n-->\n- [ ] c\n')).toEqual([0, 18]);
    expect(partStarts('<div>\n- [ ] b\n\n- [ ] c\n')).toEqual([0, 15]);
    expect(partStarts('| a |\n|---|\n- [ ] b\n\nc\n')).toEqual([0, 21]);
    expect(partStarts('- ```\n\n- [ ] b\n')).toEqual([0, 7]);
    expect(partStarts('    code\n\n10. [ ] b\n\n- [ ] c\n')).toEqual([0, 21]);
  });
});

describe('max_file_size', () => {
  it('may lower the limit', () => {
    expect(parseConfig('max_file_size: 1 MB\n')).toEqual({ config: expect.objectContaining({ maxFileSize: 1024 * 1024 }), problems: [] });
  });

  it('may not raise it: a warning, and the limit stays', () => {
    const { config, problems } = parseConfig('max_file_size: 50 MB\n');
    expect(config.maxFileSize).toBe(DEFAULT_MAX_FILE_SIZE);
    expect(problems).toEqual([
      expect.objectContaining({
        line: 1,
        column: 16,
        severity: 'warning',
        rule: 'config',
        message: expect.stringContaining('can lower but not raise: the limit stays 5 MB (raise it with --max-file-size or OKR_MAX_FILE_SIZE)'),
      }),
    ]);
  });

  it('is capped at a limit raised outside the workspace', () => {
    expect(parseConfig('max_file_size: 50 MB\n', 'okr.config.yaml', 20 * 1024 * 1024).config.maxFileSize).toBe(20 * 1024 * 1024);
    expect(parseConfig('max_file_size: 10 MB\n', 'okr.config.yaml', 20 * 1024 * 1024)).toEqual({
      config: expect.objectContaining({ maxFileSize: 10 * 1024 * 1024 }),
      problems: [],
    });
    expect(parseConfig('thresholds: 1\n', 'okr.config.yaml', 20 * 1024 * 1024).config.maxFileSize).toBe(20 * 1024 * 1024);
  });
});

describe('blob batches for okr diff', () => {
  it('cut by count and by size, in order, a large file alone', () => {
    const entries = [10, 10, 10, 100, 10, null, 10].map((size, i) => ({ i, size }));
    expect(batches(entries, 3, 50).map((batch) => batch.map((entry) => entry.i))).toEqual([[0, 1, 2], [3], [4, 5, 6]]);
    expect(batches(entries, 2, 1000).map((batch) => batch.length)).toEqual([2, 2, 2, 1]);
    expect(batches([], 2, 10)).toEqual([]);
  });
});

function formatKb(bytes: number): string {
  return `${bytes / 1024} kB`;
}

function markdownFiles(dir: string, into: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) markdownFiles(file, into);
    else if (entry.endsWith('.md')) into.push(file);
  }
  return into;
}
