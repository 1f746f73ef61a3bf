import { describe, expect, it } from 'vitest';
import type { Problem, RuleId } from '../../src/model/problem.js';
import { escapeData, escapeProperty, githubAnnotation, renderGithubAnnotations } from '../../src/render/github-annotations.js';
import { renderLintJson } from '../../src/render/lint-json.js';
import { renderLintText } from '../../src/render/lint-text.js';
import { plainStyle } from '../../src/render/style.js';

const p = (over: Partial<Problem>): Problem => ({ file: 'a.md', line: 1, column: 1, severity: 'error', rule: 'r' as RuleId, message: 'm', ...over });

describe('GitHub workflow commands', () => {
  it('escapes data as the Actions toolkit does: %, CR, LF', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
  });

  it('escapes properties further: colon and comma', () => {
    expect(escapeProperty('dir,1/a:b%\n.md')).toBe('dir%2C1/a%3Ab%25%0A.md');
  });

  it('writes warnings as ::warning and keeps one command per line', () => {
    const text = renderGithubAnnotations(
      [p({ severity: 'warning', message: 'two\nlines', rule: 'kr-no-tasks', line: 3, column: 7 }), p({ file: 'b.md', message: '::stop-commands::x' })],
      { repositoryPath: (file) => `okrs/${file}` },
    );
    expect(text.split('\n')).toEqual([
      '::warning file=okrs/a.md,line=3,col=7,title=okr%3A kr-no-tasks::two%0Alines',
      '::error file=okrs/b.md,line=1,col=1,title=okr%3A r::::stop-commands::x',
      '',
    ]);
  });

  it('maps the path through the given function', () => {
    expect(githubAnnotation(p({ file: 'x y.md' }), { repositoryPath: (f) => `/abs/${f}` })).toBe('::error file=/abs/x y.md,line=1,col=1,title=okr%3A r::m');
  });
});

describe('lint text', () => {
  const lines: Record<string, string[]> = {
    'a.md': ['\tkey:\tvalue', `${'x'.repeat(150)}HERE${'y'.repeat(150)}`, '漢字漢字: [oops', 'esc \u001b[31m: red'],
  };
  const render = (problems: Problem[]) => renderLintText(problems, { style: plainStyle, sourceLine: (file, line) => lines[file]?.[line - 1] ?? null });

  it('puts the caret under the column, with tabs shown as one space', () => {
    expect(render([p({ line: 1, column: 7 })])).toContain('    1 │  key: value\n      │       ^\n');
  });

  it('shows a window of a long line around the column', () => {
    const out = render([p({ line: 2, column: 151 })]).split('\n');
    expect(out[2]).toMatch(/^ {4}2 │ …x+HEREy+…$/);
    const caret = out[3]!.indexOf('^') - out[3]!.indexOf('│') - 2;
    expect(out[2]!.slice(out[2]!.indexOf('│') + 2).slice(caret, caret + 4)).toBe('HERE');
  });

  it('shows the same window of a very long line (a CR-only file is one line) by cutting near the column first', () => {
    const long = `${'a\r'.repeat(300_000)}HERE${'\rb'.repeat(300_000)}`;
    const many = Array.from({ length: 200 }, (_, i) => p({ file: 'long.md', line: 1, column: 600_001 + (i % 2) }));
    const out = renderLintText(many, { style: plainStyle, sourceLine: () => long }).split('\n');
    expect(out[2]).toMatch(/^ {4}1 │ …(a\\x0d)+HERE(\\x0db)+…$/);
    const caret = out[3]!.indexOf('^') - out[3]!.indexOf('│') - 2;
    expect(out[2]!.slice(out[2]!.indexOf('│') + 2).slice(caret, caret + 4)).toBe('HERE');
    expect(out.length).toBe(200 * 3 + 4);
  });

  it('never cuts a very long line inside a surrogate pair', () => {
    const long = `${'😀'.repeat(500)}HERE${'😀'.repeat(500)}`;
    // Column 1000 is the second half of the emoji before HERE: 800 units before it is the second half of another.
    const frame = renderLintText([p({ line: 1, column: 1000 })], { style: plainStyle, sourceLine: () => long }).split('\n')[2]!;
    expect(frame).toMatch(/^ {4}1 │ …😀+HERE😀+…$/u);
  });

  it('counts wide characters as two columns', () => {
    expect(render([p({ line: 3, column: 7 })])).toContain(`    3 │ 漢字漢字: [oops\n      │ ${' '.repeat(10)}^\n`);
  });

  it('shows control characters as escapes and keeps the caret aligned', () => {
    expect(render([p({ line: 4, column: 12 })])).toContain(`    4 │ esc \\x1b[31m: red\n      │ ${' '.repeat(14)}^\n`);
  });

  it('leaves out the frame when the line is not available', () => {
    expect(render([p({ file: 'gone.md', line: 9, column: 1 })])).toBe('gone.md\n  9:1  error  m  (r)\n\n✖ 1 problem (1 error, 0 warnings)\n');
  });
});

describe('lint json', () => {
  it('has counts and exactly the problem fields', () => {
    expect(JSON.parse(renderLintJson([p({ severity: 'warning' }), p({})]))).toEqual({
      schemaVersion: 1,
      errorCount: 1,
      warningCount: 1,
      problems: [p({ severity: 'warning' }), p({})],
    });
  });
});
