/**
 * Line numbers are the ones git, GitHub and `grep -n` show: only LF ends a line (CRLF once), a lone
 * CR is a character of its line; columns are UTF-16 code units from 1, counted from the last LF.
 */
import { describe, expect, it } from 'vitest';
import { parseOkrText } from '../../src/parse/file-facts.js';
import { planAddTask } from '../../src/edit/task-list.js';
import { applySplices } from '../../src/edit/splice.js';
import { LineIndex, splitReportedLines } from '../../src/parse/text-position.js';

const at = (text: string, offset: number) => {
  const { line, column } = new LineIndex(text).locate(offset);
  return `${line}:${column}`;
};

describe('LineIndex', () => {
  it('ends lines at LF, and at CRLF once', () => {
    expect(at('a\nb', 2)).toBe('2:1');
    expect(at('a\r\nb', 3)).toBe('2:1');
    // The CR of a CRLF is the last character of its line.
    expect(at('a\r\nb', 1)).toBe('1:2');
  });

  it('takes a lone CR as a character of its line', () => {
    expect(at('a\rb\nc', 2)).toBe('1:3');
    expect(at('a\rb\nc', 4)).toBe('2:1');
    expect(at('a\r\rb', 3)).toBe('1:4');
  });

  it('makes a CR-only file one line', () => {
    const text = 'x\r'.repeat(100_000);
    const index = new LineIndex(text);
    expect(index.lineCount).toBe(1);
    expect(index.locate(text.length - 1)).toEqual({ line: 1, column: 200_000 });
    expect(index.lineStart(5)).toBe(0);
  });

  it('counts columns in UTF-16 code units from 1', () => {
    expect(at('😀x\n😀\ry', 7)).toBe('2:4');
  });

  it('finds line starts and counts lines as grep does, with an empty last line after a final LF', () => {
    const index = new LineIndex('a\rb\nc\r\nd\n');
    expect([1, 2, 3, 4].map((line) => index.lineStart(line))).toEqual([0, 4, 7, 9]);
    expect(index.lineCount).toBe(4);
    expect(splitReportedLines('a\rb\nc\r\nd\n')).toEqual(['a\rb', 'c', 'd', '']);
  });
});

describe('file facts with stray CRs', () => {
  it('puts task items and their links at grep lines, though Markdown still breaks lines at the CR', () => {
    const facts = parseOkrText('t.md', '---\nkr: k\n---\n- [ ] one\r- [ ] two <!-- kr: j -->\n- [x] three\n');
    expect(facts.tasks.map((task) => `${task.line}:${task.column} ${task.text} ${task.links.map((link) => `${link.id}@${link.line}:${link.column}`).join(',')}`)).toEqual([
      '4:1 one k@2:5',
      '4:11 two j@4:21',
      '5:1 three k@2:5',
    ]);
  });

  it('puts problems after a stray CR at their grep line', () => {
    const facts = parseOkrText('t.md', '# Notes\r\r- [x] group\r  - [ ] leaf\n');
    expect(facts.problems.map((p) => `${p.line}:${p.column} ${p.rule}`)).toEqual(['1:12 group-done-open-leaves']);
  });

  it('reports a lone CR in front-matter (YAML does not break lines there) at its grep line', () => {
    const facts = parseOkrText('o.md', '---\ntype: objective\nid: o\rtitle: O\nperiod: 2026-Q4\n---\n');
    expect(facts.problems.map((p) => `${p.line}:${p.column} ${p.rule}`)).toEqual(['3:5 yaml-syntax']);
  });

  it('adds a task after an item that follows a stray CR', () => {
    const text = '---\nkr: k\n---\nIntro.\r- [ ] one\n';
    const facts = parseOkrText('t.md', text);
    expect(facts.tasks[0]).toMatchObject({ line: 4, column: 8 });
    const plan = planAddTask(text, facts, 'k', 'two');
    expect(applySplices(text, plan.splices)).toBe('---\nkr: k\n---\nIntro.\r- [ ] one\n- [ ] two\n');
  });
});
