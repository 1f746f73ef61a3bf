import { describe, expect, it } from 'vitest';
import { findDeepMarkdownNesting, findDeepYamlNesting, MAX_MARKDOWN_NESTING, parseSize } from '../../src/parse/limits.js';
import { parseOkrText } from '../../src/parse/file-facts.js';

const rules = (text: string) => parseOkrText('f.md', text).problems.map((p) => `${p.line}:${p.column} ${p.rule}`);

describe('findDeepMarkdownNesting', () => {
  it('counts block quotes, list markers on one line, and list indentation', () => {
    expect(findDeepMarkdownNesting('>'.repeat(101) + ' x')).toMatchObject({ offset: 0 });
    expect(findDeepMarkdownNesting('> '.repeat(100) + 'x')).toBeNull();
    expect(findDeepMarkdownNesting('- '.repeat(101) + '[ ] x')).not.toBeNull();
    // Level i is indented 2i columns: 1 + i levels deep.
    const list = Array.from({ length: 120 }, (_, i) => `${'  '.repeat(i)}- [ ] level ${i}`).join('\n');
    expect(findDeepMarkdownNesting(list)?.offset).toBe(list.indexOf(`${'  '.repeat(100)}- [ ] level 100`));
  });

  it('leaves ordinary documents alone', () => {
    const ordinary = ['# Plan', '', '- [ ] a', '  - [ ] b', '    1. [x] c', '', '```yaml', `${' '.repeat(300)}deep: indentation in code`, '```', '> quote', '---', '* * *'].join(
      '\n',
    );
    expect(findDeepMarkdownNesting(ordinary)).toBeNull();
  });
});

describe('findDeepYamlNesting', () => {
  it('counts flow and block nesting', () => {
    expect(findDeepYamlNesting(`a: ${'['.repeat(65)}${']'.repeat(65)}`)).not.toBeNull();
    expect(findDeepYamlNesting(`a: ${'['.repeat(60)}${']'.repeat(60)}`)).toBeNull();
    expect(findDeepYamlNesting(Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'))).not.toBeNull();
    expect(findDeepYamlNesting(Array.from({ length: 70 }, (_, i) => `k${i}: v`).join('\n'))).toBeNull();
  });

  it('ignores brackets in quotes and comments', () => {
    expect(findDeepYamlNesting(`a: "${'['.repeat(100)}"\nb: '${'{'.repeat(100)}'\n# ${'['.repeat(100)}`)).toBeNull();
  });
});

describe('parseSize', () => {
  it.each([
    [1000, 1000],
    ['1000', 1000],
    ['64 kB', 65536],
    ['5 MB', 5 * 1024 * 1024],
    ['1.5MiB', 1.5 * 1024 * 1024],
    ['0', null],
    [-5, null],
    ['5 parsecs', null],
  ] as const)('%j is %j', (input, bytes) => {
    expect(parseSize(input)).toBe(bytes);
  });
});

describe('guards finish on generated hostile input and report it', () => {
  it('block quotes 200,000 deep', () => {
    expect(rules(`---\nkr: k\n---\n${'>'.repeat(200_000)} - [ ] x\n`)).toEqual(['4:1 nesting-too-deep']);
  });

  it('list markers 100,000 deep on one line', () => {
    expect(rules(`${'- '.repeat(100_000)}[ ] x\n`)).toEqual(['1:1 nesting-too-deep']);
  });

  it('lists nested by indentation, deeper than the limit', () => {
    const list = Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i)}- [ ] level ${i}`).join('\n');
    expect(rules(list)).toEqual([`${MAX_MARKDOWN_NESTING + 1}:1 nesting-too-deep`]);
  });

  it('YAML flow collections a million deep', () => {
    expect(rules(`---\nkr: ${'['.repeat(1_000_000)}\n---\n`)).toEqual(['2:1 yaml-too-large']);
    expect(rules(`---\nkr: ${'['.repeat(100_000)}\n---\n`)).toEqual(['2:1 nesting-too-deep']);
  });

  it('an exponential alias bomb', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    expect(rules(`---\n${levels.join('\n')}\n---\n`)).toEqual(['2:1 yaml-alias']);
  });

  it('many tasks in one file, counted without overflowing the stack', () => {
    const tasks = Array.from({ length: 20_000 }, (_, i) => `- [${i % 2 ? 'x' : ' '}] task ${i}`).join('\n');
    expect(parseOkrText('f.md', `---\nkr: k\n---\n${tasks}\n`).tasks).toHaveLength(20_000);
  });

  it('a deep but allowed nesting of task groups', () => {
    const list = Array.from({ length: 45 }, (_, i) => `${'  '.repeat(i)}- [ ] level ${i}`).join('\n');
    const facts = parseOkrText('f.md', `---\nkr: k\n---\n${list}\n`);
    expect(facts.problems).toEqual([]);
    expect(facts.tasks.filter((t) => !t.isGroup)).toHaveLength(1);
  });
});
