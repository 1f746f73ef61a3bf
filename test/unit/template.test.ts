import { describe, expect, it } from 'vitest';
import { isValidId, slugify, uniqueId } from '../../src/model/slug.js';
import { renderTemplate } from '../../src/edit/template.js';
import { describeYamlPath, formatYamlScalar, parseYaml } from '../../src/parse/yaml.js';

describe('renderTemplate', () => {
  const template = '---\nid: {{id}}\ntitle: {{ title }}\nowner: {{owner}}\n---\n# {{title}}\n\nOwner: {{owner}}\n';

  it('quotes values in YAML as needed and writes them as they are in Markdown', () => {
    expect(renderTemplate(template, { id: 'a', title: 'Win: big, fast', owner: 'ana' }, 'front-matter')).toBe(
      '---\nid: a\ntitle: "Win: big, fast"\nowner: ana\n---\n# Win: big, fast\n\nOwner: ana\n',
    );
  });

  it('drops lines whose placeholders have no value', () => {
    expect(renderTemplate(template, { id: 'a', title: 'T', owner: undefined }, 'front-matter')).toBe('---\nid: a\ntitle: T\n---\n# T\n\n');
  });

  it('writes numbers and booleans as YAML values, and strings that look like them quoted', () => {
    expect(renderTemplate('a: {{a}}\nb: {{b}}\nc: {{c}}\n', { a: 2.5, b: false, c: 'true' }, 'all')).toBe('a: 2.5\nb: false\nc: "true"\n');
  });

  it('names an unknown placeholder and its line', () => {
    expect(() => renderTemplate('a: 1\nb: {{nope}}\n', { id: 'x' }, 'all')).toThrow(expect.objectContaining({ line: 2, message: 'unknown placeholder {{nope}} (known: {{id}})' }));
  });
});

describe('formatYamlScalar', () => {
  it.each([
    ['plain words', 'block', 'plain words'],
    ['naïve 🎉', 'block', 'naïve 🎉'],
    ['a: b', 'block', '"a: b"'],
    ['a, b', 'block', 'a, b'],
    ['a, b', 'flow', '"a, b"'],
    ['# no', 'block', '"# no"'],
    ['x # y', 'block', '"x # y"'],
    ['null', 'block', '"null"'],
    ['010', 'block', '"010"'],
    ['2026-11-25', 'flow', '2026-11-25'],
    [' padded', 'block', '" padded"'],
    ['two\nlines', 'block', '"two\\nlines"'],
    ['say "hi"', 'json', '"say \\"hi\\""'],
  ] as const)('%j in %s context', (value, context, expected) => {
    const written = formatYamlScalar(value, context);
    expect(written).toBe(expected);
    const probe = context === 'flow' ? `{ k: ${written} }` : `k: ${written}`;
    expect((parseYaml(probe).data as { k: unknown }).k).toBe(value);
  });
});

describe('describeYamlPath', () => {
  it('gives ranges of a mapping, its pairs and a list', () => {
    const document = parseYaml('a: 1 # c\nb:\n  - x\n  - "y"\nc: { d: [] }\n').document!;
    const root = describeYamlPath(document, [])!;
    expect(root.pairs.map((pair) => [pair.key, pair.keyStart, pair.value?.kind, pair.value?.start, pair.value?.end])).toEqual([
      ['a', 0, 'scalar', 3, 4],
      ['b', 9, 'seq', 14, 26],
      ['c', 26, 'map', 29, 38],
    ]);
    expect(describeYamlPath(document, ['b'])!.items.map((item) => [item.start, item.end, item.style])).toEqual([
      [16, 17, 'plain'],
      [22, 25, 'double-quoted'],
    ]);
    expect(describeYamlPath(document, ['c', 'd'])).toMatchObject({ kind: 'seq', flow: true, items: [] });
    expect(describeYamlPath(document, ['zz'])).toBeNull();
  });
});

describe('ids from titles', () => {
  it.each([
    ['Raise week-1 activation to 35%!', 'raise-week-1-activation-to-35'],
    ['Énergie & Straße — naïve', 'energie-strasse-naive'],
    ["Don't stop", 'dont-stop'],
    ['🎉🎉', ''],
    ['A very long title that keeps going well past the limit of forty', 'a-very-long-title-that-keeps-going-well'],
  ])('%j -> %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
    if (slug !== '') expect(isValidId(slug)).toBe(true);
  });

  it('adds a number when an id is taken', () => {
    const taken = new Set(['a', 'a-2']);
    expect(uniqueId('a', (id) => taken.has(id))).toBe('a-3');
    expect(uniqueId('b', (id) => taken.has(id))).toBe('b');
  });
});
