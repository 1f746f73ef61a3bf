/**
 * gray-matter is the one splitter of front-matter (src/parse/front-matter.ts): okr reads the opening
 * line's language itself, refuses all but YAML and JSON before gray-matter sees the text, and hands
 * every block to its own YAML reader. These are the cases gray-matter alone would get wrong.
 */
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/parse/front-matter.js';

const shape = (text: string) => {
  const split = splitFrontMatter(text);
  return {
    hasFrontMatter: split.hasFrontMatter,
    data: split.data,
    yamlOffset: split.yamlOffset,
    bodyOffset: split.bodyOffset,
    rules: split.issues.map((issue) => `${issue.offset} ${issue.rule}`),
  };
};

describe('splitFrontMatter over gray-matter', () => {
  it('splits the usual block, keeping the spaces after "---" in the YAML text', () => {
    expect(shape('---\nkr: a\n---\n- [ ] t\n')).toEqual({ hasFrontMatter: true, data: { kr: 'a' }, yamlOffset: 3, bodyOffset: 14, rules: [] });
    expect(shape('---  \r\nkr: a\r\n---\r\nbody')).toEqual({ hasFrontMatter: true, data: { kr: 'a' }, yamlOffset: 3, bodyOffset: 19, rules: [] });
    // A line that starts with "---" closes the block; the rest of it starts the body (gray-matter's rule).
    expect(shape('---\nkr: a\n--- and more\nx')).toMatchObject({ data: { kr: 'a' }, bodyOffset: 13 });
    // Empty and comment-only blocks are empty mappings.
    expect(shape('---\n---\nbody')).toMatchObject({ data: {}, bodyOffset: 8, rules: [] });
    expect(shape('---\n# only a comment\n  \n---body')).toMatchObject({ data: {}, bodyOffset: 27, rules: [] });
  });

  it('reads YAML and JSON under any spelling of their names, from the line after the name', () => {
    expect(shape('---json\n{"kr": "a"}\n---\n')).toMatchObject({ data: { kr: 'a' }, yamlOffset: 7, rules: [] });
    expect(shape('---JSON\n{"kr": "a"}\n---\n')).toMatchObject({ data: { kr: 'a' }, yamlOffset: 7, rules: [] });
    expect(shape('--- Yml \nkr: a\n---\n')).toMatchObject({ data: { kr: 'a' }, yamlOffset: 8, rules: [] });
  });

  it('refuses other languages without running or reading them, and still finds the body', () => {
    const text = '---js\nmodule.exports = { kr: (() => { throw new Error("ran") })() }\n---\n- [ ] t\n';
    expect(shape(text)).toEqual({ hasFrontMatter: true, data: undefined, yamlOffset: 0, bodyOffset: text.indexOf('- [ ]'), rules: ['3 front-matter-language'] });
    expect(shape('--- toml\nkr = "a"\n---\nbody')).toMatchObject({ bodyOffset: 22, rules: ['4 front-matter-language'] });
    // A lone CR in the opening line belongs to the language, as gray-matter reads it.
    expect(shape('---\rkr: a\n---\n')).toMatchObject({ hasFrontMatter: true, rules: ['4 front-matter-language'] });
    expect(shape('---toml\rkr: x')).toMatchObject({ bodyOffset: 13, rules: ['3 front-matter-language'] });
  });

  it('reports CR-only line endings, unclosed blocks, and no front-matter where there is none', () => {
    expect(shape('---\rkr: a\r---\r')).toMatchObject({ hasFrontMatter: false, rules: ['0 cr-line-endings'] });
    expect(shape('---\nkr: a\n')).toMatchObject({ hasFrontMatter: true, bodyOffset: 10, rules: ['0 front-matter-unclosed'] });
    expect(shape('---\nkr: a\n...\nbody')).toMatchObject({ rules: ['10 front-matter-unclosed'] });
    expect(shape('---')).toMatchObject({ hasFrontMatter: false, rules: [] });
    expect(shape('----\nkr: a\n---\n')).toMatchObject({ hasFrontMatter: false, rules: [] });
  });

  it('leaves gray-matter’s cache empty (options are always passed) and reads the same text the same way twice', () => {
    const text = '---\nkr: a\n---\n';
    expect(splitFrontMatter(text).data).toEqual({ kr: 'a' });
    expect(splitFrontMatter(text).data).toEqual({ kr: 'a' });
    expect(Object.keys((matter as unknown as { cache: Record<string, unknown> }).cache)).toEqual([]);
  });
});
