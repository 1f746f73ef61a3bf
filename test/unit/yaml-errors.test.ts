/**
 * A YAML syntax error gives one problem per front-matter block, at the first syntax error; the hint
 * that a file without front-matter must not start with `---` only when the block does not look like
 * front-matter.
 */
import { describe, expect, it } from 'vitest';
import { parseOkrText } from '../../src/parse/file-facts.js';
import { looksLikeFrontMatter } from '../../src/parse/front-matter.js';
import { parseYaml } from '../../src/parse/yaml.js';

const problems = (text: string) => parseOkrText('f.md', text).problems.map((p) => `${p.line}:${p.column} ${p.rule}: ${p.message}`);
const HINT = '(a file without front-matter must not start with a "---" line)';

describe('one YAML error per block', () => {
  it('reports only the first syntax error of a cascade', () => {
    const issues = parseYaml('a: 1\n b: 2\nc: "x\nd: 1\n').issues;
    expect(issues).toEqual([{ offset: 3, rule: 'yaml-syntax', message: 'YAML syntax error: nested mappings are not allowed in compact mappings' }]);
  });

  it('reports the first of two independent errors only, at its line', () => {
    const text = '---\ntype: objective\nid: o\ntitle: O\nperiod: 2026-Q4\nkey_results:\n  - id: a\n   title: b\n  - id: c\n    title: "d\n---\n';
    expect(problems(text)).toEqual(['8:1 yaml-syntax: YAML syntax error: sequence item without - indicator']);
  });

  it('keeps an unclosed quote where it opens when it is the first error', () => {
    expect(problems('---\nkr: k\ntitle: "abc\nowner: x\n---\n')).toEqual(['3:8 yaml-syntax: YAML syntax error: this quote is never closed: add the closing quote']);
  });

  it('keeps duplicate keys before the syntax error and drops those after it', () => {
    const issues = parseYaml('a: 1\na: 2\nb: [\nb: 3\n').issues.map((issue) => `${issue.offset} ${issue.rule}`);
    expect(issues).toEqual(['5 duplicate-key', '15 yaml-syntax']);
  });

  it('still reports every duplicate key when there is no syntax error', () => {
    expect(parseYaml('a: 1\na: 2\nb: 1\nb: 2\n').issues.map((issue) => `${issue.offset} ${issue.rule}`)).toEqual(['5 duplicate-key', '15 duplicate-key']);
  });
});

describe('the hint about a file starting with "---"', () => {
  it('is given when the block is Markdown, not front-matter', () => {
    for (const text of [
      '---\nSome prose here, with: a colon\nand another line: here\n\n- a list\n---\n',
      '---\n\n## Plan\n\n- [ ] first: today\n\n---\n',
      '---\n# Hello\nThis is: not yaml: really\n---\n',
    ]) {
      const found = problems(text);
      expect(found, JSON.stringify(text)).toHaveLength(1);
      expect(found[0], JSON.stringify(text)).toContain(HINT);
    }
  });

  it('is not given when the block looks like front-matter', () => {
    for (const text of [
      '---\ntype: objective\nid: [unclosed\n---\n',
      '---\n# comment\n\nkr: k\n  bad: indent\n---\n',
      '---\n"id": [x\n---\n',
      '---yaml\nSome prose: here: too\n---\n',
    ]) {
      const found = problems(text);
      expect(found, JSON.stringify(text)).toHaveLength(1);
      expect(found[0], JSON.stringify(text)).toMatch(/ yaml-syntax: /);
      expect(found[0], JSON.stringify(text)).not.toContain(HINT);
    }
  });
});

describe('looksLikeFrontMatter', () => {
  it.each([
    ['title: x', true],
    ['key_results:', true],
    ['\n# a comment\n\nid: x', true],
    ['layout: post\ntitle: Hello', true],
    ['"quoted key": 1', true],
    ['{"kr": "a"}', true],
    ['a.b-c_d: 1', true],
    ['Some text: more', false],
    ['# Heading\n\nProse.', false],
    ['- a list', false],
    ['  indented: key', false],
    ['http://example.com', false],
    ['', false],
    ['key:value', false],
  ])('%j → %s', (block, expected) => {
    expect(looksLikeFrontMatter(block)).toBe(expected);
  });
});
