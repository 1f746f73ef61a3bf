import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/parse/front-matter.js';
import { readSimpleYaml, resolvePlainScalar } from '../../src/parse/yaml-simple.js';
import { locateYamlPath, mappingKeyOffsets, parseYaml, parseYamlFully } from '../../src/parse/yaml.js';

const TASKS = '\ntitle: Guide latency review import.\nowner: growth-team\nkr: kr-34-3\n';

const OBJECTIVE = `
type: objective
id: objective-73
title: checkout cohort customer workspace.
owner: sam
period: 2026-Q4
parent: objective-17
key_results:
  - id: kr-73-0
    title: Roll partner metric experiment backup
  - id: kr-73-1
    title: Test usage policy chart onboarding dashboard runbook tutorial
    start: 10
    target: 40
    current: 25
    unit: "%"
`;

/** The simple reading and the full one agree on data, issues and these paths. */
function expectAgreement(text: string, paths: (string | number)[][]): void {
  const quick = parseYaml(text);
  const full = parseYamlFully(text);
  expect(quick.data).toStrictEqual(full.data);
  expect(quick.issues).toEqual(full.issues);
  for (const path of paths) {
    expect(locateYamlPath(quick.tree!, path, 'value'), JSON.stringify(path)).toBe(locateYamlPath(full.tree!, path, 'value'));
    expect(locateYamlPath(quick.tree!, path, 'key'), JSON.stringify(path)).toBe(locateYamlPath(full.tree!, path, 'key'));
    expect([...mappingKeyOffsets(quick.tree!, path)]).toEqual([...mappingKeyOffsets(full.tree!, path)]);
  }
}

describe('readSimpleYaml', () => {
  it('reads task front-matter, with kr as one id, a flow list or a block list', () => {
    expect(readSimpleYaml(TASKS)?.data).toStrictEqual({ title: 'Guide latency review import.', owner: 'growth-team', kr: 'kr-34-3' });
    expect(readSimpleYaml('\nkr: [kr-1, kr-2]\n')?.data).toStrictEqual({ kr: ['kr-1', 'kr-2'] });
    expect(readSimpleYaml('\nkr:\n  - kr-1\n  - kr-2\n')?.data).toStrictEqual({ kr: ['kr-1', 'kr-2'] });
    expect(readSimpleYaml('\nkr:\n- kr-1\n- kr-2\ntitle: x\n')?.data).toStrictEqual({ kr: ['kr-1', 'kr-2'], title: 'x' });
    expectAgreement(TASKS, [[], ['kr'], ['owner'], ['nope']]);
    expectAgreement('\nkr: [ kr-1 ,kr-2 ]\n', [['kr'], ['kr', 0], ['kr', 1], ['kr', 2]]);
    expectAgreement('\nkr:\n- kr-1\n- kr-2\ntitle: x\n', [['kr'], ['kr', 1], ['title']]);
  });

  it('reads objective front-matter with a list of key results', () => {
    const read = readSimpleYaml(OBJECTIVE);
    expect(read?.data).toStrictEqual({
      type: 'objective',
      id: 'objective-73',
      title: 'checkout cohort customer workspace.',
      owner: 'sam',
      period: '2026-Q4',
      parent: 'objective-17',
      key_results: [
        { id: 'kr-73-0', title: 'Roll partner metric experiment backup' },
        { id: 'kr-73-1', title: 'Test usage policy chart onboarding dashboard runbook tutorial', start: 10, target: 40, current: 25, unit: '%' },
      ],
    });
    expectAgreement(OBJECTIVE, [[], ['key_results'], ['key_results', 0], ['key_results', 1, 'unit'], ['key_results', 1, 'weight'], ['key_results', 2]]);
  });

  it('places an empty value where yaml does: after the colon and its spaces', () => {
    for (const text of ['\nowner:\nkr: a\n', '\nowner:   \nkr: a\n', '\r\nowner:  \r\nkr: a\r\n', '\nowner:', '\nkr:\n  - id: a\n    owner:  \n']) {
      expectAgreement(text, [['owner'], ['kr', 0, 'owner']]);
      expect(readSimpleYaml(text)).not.toBeNull();
    }
  });

  it('reads CRLF line endings, trailing spaces, blank lines and quoted values without escapes', () => {
    const text = '\r\ntitle: Ship it  \r\n\r\n   \r\nunit: "%"\r\nnote: \'it\'\'s\'  \r\n';
    expect(readSimpleYaml(text)?.data).toStrictEqual({ title: 'Ship it', unit: '%', note: "it's" });
    expectAgreement(text, [['title'], ['unit'], ['note']]);
  });

  it('resolves plain scalars as the YAML 1.2 core schema does', () => {
    const sources = [
      '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'FALSE', 'yes', 'off', '0', '-0', '+12', '007', '1_000',
      '0o17', '0o8', '0O17', '0x1F', '0X1F', '0b1', '1.5', '1.', '.5', '-.5', '1e3', '1E-3', '.5e3', '1e', '.inf', '-.inf', '+.Inf', '.NaN',
      '-.nan', 'inf', 'NaN', '99999999999999999999', '1e400', '2026-01-01', '12:30', '2026-Q4',
    ];
    for (const source of sources) {
      const full = parseYamlFully(`k: ${source}`).data as { k: unknown };
      expect(Object.is(resolvePlainScalar(source), full.k) || (Number.isNaN(full.k) && Number.isNaN(resolvePlainScalar(source))), source).toBe(true);
      expect(Object.is((parseYaml(`k: ${source}`).data as { k: unknown }).k, full.k), source).toBe(true);
    }
  });

  it.each([
    ['keys ending in "-" or made of "_"', '\na-: x\n_: y\n'],
    ['keys that name object methods', '\nconstructor: 1\ntoString: 2\nhasOwnProperty: 3\n'],
    ['YAML 1.1 booleans, strings in 1.2', '\ny: 1\nn: 2\nYes: 3\non: off\n'],
    ['values that start with "-"', '\na: -1\nb: -.5\nc: --x\nd: -0.0\n'],
    ['indicators inside a plain value', '\na: a,b\nb: x::y\nc: 12:30:00\nd: a%b\ne: x"y\nf: <<\ng: a ---\nh: ...\n'],
    ['a non-breaking space before "#"', '\nk: a\u00a0#b\n'],
    ['quotes inside quotes', `\na: "it's"\nb: 'say "hi"'\nc: 'a''b'''\nd: ""\ne: ''\n`],
    ['flow lists as list items and in list items', '\nk:\n  - [a]\n  - [b, c]\n  - kr: [a b, 1, .5, ~]\n'],
    ['extra spaces after "-"', '\nk:\n-  a\n-   b\nj:\n  -   id: a\n      t: b\n'],
    ['nested mappings', '\na:\n  b:\n    c: d\n  e: f\ng: h\n'],
    ['blank lines inside a list of mappings', '\nk:\n  - id: a\n\n    t: b\n\n  - id: c\n'],
  ])('reads %s as yaml does', (_what, text) => {
    expect(readSimpleYaml(text)).not.toBeNull();
    const full = parseYamlFully(text);
    const paths: (string | number)[][] = [[]];
    const walk = (value: unknown, prefix: (string | number)[]) => {
      if (value === null || typeof value !== 'object') return;
      for (const [name, item] of Object.entries(value)) {
        const segment = Array.isArray(value) ? Number(name) : name;
        paths.push([...prefix, segment]);
        walk(item, [...prefix, segment]);
      }
    };
    walk(full.data, []);
    expectAgreement(text, paths);
  });

  it.each([
    ['a comment line', '\n# note\nkr: a\n'],
    ['a trailing comment', '\nkr: a # note\n'],
    ['a comment after an empty value', '\nkr: # note\n'],
    ['an anchor', '\nkr: &x a\n'],
    ['an alias', '\nkr: *x\n'],
    ['a tag', '\nkr: !!str a\n'],
    ['a custom tag', '\nkr: !include x\n'],
    ['a literal block scalar', '\ntitle: |\n  text\n'],
    ['a folded block scalar', '\ntitle: >\n  text\n'],
    ['a multi-line plain scalar', '\ntitle: one\n  two\nkr: a\n'],
    ['a multi-line quoted scalar', '\ntitle: "one\n  two"\n'],
    ['an escape in double quotes', '\ntitle: "a\\tb"\n'],
    ['an unclosed quote', '\ntitle: "a\n'],
    ['text after a closing quote', '\ntitle: "a" b\n'],
    ['": " inside a value', '\ntitle: a: b\n'],
    ['a value ending in ":"', '\ntitle: a:\n'],
    ['" #" inside a value', '\ntitle: a #b\n'],
    ['a tab in indentation', '\nkr:\n\t- a\n'],
    ['a tab in a value', '\ntitle: a\tb\n'],
    ['a lone CR', '\ntitle: a\rowner: b\n'],
    ['a CR at the end', '\ntitle: a\r'],
    ['a BOM inside', '\ntitle: \ufeffa\n'],
    ['a line separator', '\ntitle: a\u2028b\n'],
    ['a C1 control', '\ntitle: a\u0085b\n'],
    ['a lone surrogate', '\ntitle: a\ud800\n'],
    ['a duplicate key', '\nkr: a\nkr: b\n'],
    ['a duplicate key in a list item', '\nk:\n  - id: a\n    id: b\n'],
    ['a quoted key', '\n"kr": a\n'],
    ['a key with a space', '\nkey results: a\n'],
    ['a non-ASCII key', '\nключ: a\n'],
    ['a null key', '\nnull: a\n'],
    ['a boolean key', '\ntrue: a\n'],
    ['a __proto__ key', '\n__proto__: a\n'],
    ['a merge key', '\n<<: a\n'],
    ['an explicit key', '\n? kr\n: a\n'],
    ['a key longer than 128 characters', `\n${'k'.repeat(129)}: a\n`],
    ['a flow mapping', '\nkr: {a: 1}\n'],
    ['a nested flow list', '\nkr: [a, [b]]\n'],
    ['a trailing comma in a flow list', '\nkr: [a, b,]\n'],
    ['an empty flow list entry', '\nkr: [a, , b]\n'],
    ['a quoted flow list item', '\nkr: ["a", b]\n'],
    ['a flow list over two lines', '\nkr: [a,\n  b]\n'],
    ['an empty list item', '\nkr:\n  -\n  - a\n'],
    ['a nested compact list', '\nkr:\n  - - a\n'],
    ['a list under a key on the same line', '\nkr: - a\n'],
    ['an indented first key', '\n  kr: a\n'],
    ['stray indentation', '\nkr: a\n owner: b\n'],
    ['a list item off its column', '\nkr:\n  - a\n   - b\n'],
    ['a document start marker', '\nkr: a\n---\nb: c\n'],
    ['a document end marker', '\nkr: a\n...\n'],
    ['a directive', '%YAML 1.2\n---\nkr: a\n'],
    ['a plain document', '\njust text\n'],
    ['a list document', '\n- a\n- b\n'],
    ['an empty document', '\n\n  \n'],
    ['a value starting with an indicator', '\ntitle: @x\n'],
  ])('leaves %s to the full parse', (_reason, text) => {
    expect(readSimpleYaml(text)).toBeNull();
    const quick = parseYaml(text);
    const full = parseYamlFully(text);
    expect(quick.data).toStrictEqual(full.data);
    expect(quick.issues).toEqual(full.issues);
  });

  it('builds the yaml Document for edits only when asked, once', () => {
    const parsed = parseYaml(TASKS);
    expect(parsed.tree).not.toBeNull();
    const document = parsed.document;
    expect(document?.toJS()).toStrictEqual(parsed.data);
    expect(parsed.document).toBe(document);
    const split = splitFrontMatter(`---${TASKS}---\n- [ ] a\n`);
    expect(split.document?.toJS()).toStrictEqual(split.data);
  });

  it('leaves too large or too deep texts to the guards', () => {
    const deep = `\n${Array.from({ length: 70 }, (_, depth) => `${' '.repeat(depth)}k:`).join('\n')} a\n`;
    expect(parseYaml(deep).issues.map((issue) => issue.rule)).toEqual(['nesting-too-deep']);
    const large = `\n${Array.from({ length: 20_000 }, (_, index) => `key${index}: some value here`).join('\n')}\n`;
    expect(parseYaml(large).issues.map((issue) => issue.rule)).toEqual(['yaml-too-large']);
  });
});
