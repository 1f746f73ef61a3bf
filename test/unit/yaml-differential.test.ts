/**
 * The simple YAML reader (yaml-simple.ts) must give exactly what the full `yaml` parse gives: the same
 * data (types, key order, -0, NaN), the same issues, the same offset for every path callers locate
 * and the same key offsets, and so the same facts for whole files. Generated texts sit in and around
 * the simple shape; every fixture and example file is checked too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseOkrFile, parseOkrText } from '../../src/parse/file-facts.js';
import { readSimpleYaml } from '../../src/parse/yaml-simple.js';
import { describeYamlPath, locateYamlPath, mappingKeyOffsets, parseYaml, parseYamlFully, type PathSegment } from '../../src/parse/yaml.js';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { canonical } from '../helpers/canonical.js';

/** Lets a test turn the simple reader off, so that the same call takes the full parse. */
const reader = vi.hoisted(() => ({ simple: true }));
vi.mock('../../src/parse/yaml-simple.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/parse/yaml-simple.js')>();
  return { ...actual, readSimpleYaml: (text: string) => (reader.simple ? actual.readSimpleYaml(text) : null) };
});

function fully<T>(run: () => T): T {
  reader.simple = false;
  try {
    return run();
  } finally {
    reader.simple = true;
  }
}


/** Every path into `data`, and paths next to them that lead nowhere or use the wrong kind of segment. */
function probePaths(data: unknown): PathSegment[][] {
  const paths: PathSegment[][] = [[], ['nope'], [0]];
  const walk = (value: unknown, prefix: PathSegment[]) => {
    if (Array.isArray(value)) {
      paths.push([...prefix, value.length], [...prefix, '0'], [...prefix, -1]);
      value.forEach((item, index) => {
        paths.push([...prefix, index]);
        walk(item, [...prefix, index]);
      });
    } else if (value !== null && typeof value === 'object') {
      paths.push([...prefix, 'nope'], [...prefix, 0]);
      for (const [key, item] of Object.entries(value)) {
        paths.push([...prefix, key], [...prefix, key, 'deeper'], [...prefix, key, 0]);
        walk(item, [...prefix, key]);
      }
    }
  };
  walk(data, []);
  return paths;
}

/** Asserts that both readings agree; returns whether the simple reader served. */
function expectSameReading(text: string): boolean {
  const quick = parseYaml(text);
  const full = parseYamlFully(text);
  const served = quick.tree !== null && 'root' in quick.tree;
  expect(canonical(quick.data), text).toBe(canonical(full.data));
  expect(quick.issues, text).toEqual(full.issues);
  expect(quick.tree === null, text).toBe(full.tree === null);
  if (quick.tree && full.tree) {
    for (const probe of probePaths(full.data)) {
      for (const at of ['key', 'value'] as const) {
        expect(locateYamlPath(quick.tree, probe, at), `${JSON.stringify(text)} at ${JSON.stringify(probe)} (${at})`).toBe(locateYamlPath(full.tree, probe, at));
      }
      expect([...mappingKeyOffsets(quick.tree, probe)], `${JSON.stringify(text)} keys at ${JSON.stringify(probe)}`).toEqual([...mappingKeyOffsets(full.tree, probe)]);
    }
  }
  if (served) {
    // Edits get the real Document, parsed on demand.
    expect(quick.document).not.toBeNull();
    expect(canonical(quick.document!.toJS())).toBe(canonical(full.data));
    expect(describeYamlPath(quick.document!, [])).toEqual(describeYamlPath(full.document!, []));
  }
  return served;
}

function expectSameFacts(text: string): void {
  const quick = parseOkrText('okr.md', text);
  const full = fully(() => parseOkrText('okr.md', text));
  expect(JSON.stringify(quick), text).toBe(JSON.stringify(full));
  expect(quick).toStrictEqual(full);
}

// ---- generated YAML -------------------------------------------------------------------------

type Value =
  | { kind: 'scalar'; source: string }
  | { kind: 'empty' }
  | { kind: 'map'; entries: [string, Value][] }
  | { kind: 'seq'; items: Value[] };

const usualKey = fc.constantFrom('title', 'owner', 'kr', 'id', 'type', 'period', 'parent', 'start', 'target', 'current', 'unit', 'weight', 'done', 'key_results', 'x', '_a', 'a-b', 'A9', 'checkins', 'titel');
const oddKey = fc.constantFrom(
  'true', 'False', 'null', 'NULL', '~', '1', '0x1', '.inf', '__proto__', 'constructor', 'toString', '<<', 'a b', 'a.b', 'ключ', '"q"',
  "'q'", '-a', '?a', 'a:b', '#a', '&a a', '!!str a', `k${'x'.repeat(130)}`, 'a\t', '', 'a ', 'a:',
);
const key = fc.oneof({ weight: 12, arbitrary: usualKey }, { weight: 1, arbitrary: oddKey });

const plainText = fc.constantFrom(
  'Ship it', 'growth-team', 'kr-1-2', 'objective-17', '2026-Q4', 'objective', 'Guide latency review import.', 'a,b', 'a, b', 'a[b]', 'x{y}',
  'http://x.y/z', 'a:b', 'a#b', '50%', 'ünïcödé', '数据', '🎉 emoji 👩‍💻', 'a  b', '---', '...', '<<', '=', '-x', '--', 'a -b', 'a - b',
  "it's", 'say "hi"', 'C:\\path', 'x', 'Ωmega', '$1.5M', '100 %', 'a|b', 'a>b', 'a&b', 'a*b', 'a!b', 'a?b', 'a@b', 'a%b', 'a`b', 'a~b',
);
const coreLooking = fc.constantFrom(
  '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'yes', 'no', 'on', 'off', 'y', '0', '-0',
  '+0', '007', '12', '-12', '+12', '1_000', '0o17', '0o8', '0O17', '0x1F', '0x1f', '0xg', '0X1F', '0b101', '1.5', '1.', '.5', '-.5',
  '+.5', '-1.50', '1e3', '1E-3', '1.5e+3', '.5e3', '1e', 'e3', '1.e3', '.inf', '-.inf', '+.Inf', '.INF', '.nan', '.NaN', '.NAN', '-.nan',
  'inf', 'NaN', '99999999999999999999', '0.1e999', '1e400', '12:30', '2026-01-01', '1,000', '0x', '0o', '+', '-.', '.',
);
const nearMiss = fc.constantFrom(
  'a: b', 'a:', 'a #b', 'a # b', '#c', '&a x', '*a', '!!str x', '!x y', '!!int 3', '|', '>', '|-', '- x', '-', '? x', ': x', '%x', '@x',
  '`x`', '{a: 1}', '{}', '[a, [b]]', '[a,]', '[, a]', '[a b, c]', '[a: b]', '[a #b]', '[a,b] #c', '[a]#c', '[]', '[ ]', '[a, b', 'a]',
  '"a\\"b"', '"a\\nb"', '"a #b"', '"a: b"', '"a"b', '"a" #c', '"a"#c', "'it''s'", "'a", "'a' b", "''", '""', '"', "'", "'a' #c",
  'a\tb', '\tx', 'x\t', 'a\u2028b', 'a\ufeffb', 'a\u0085b', 'a\u0000b', 'a\x7fb', 'a\rb', '\ud800x', 'x ', '  x', '"  padded  "',
  "'  padded  '", '[1, 2.5, true, null, ~]', '[kr-1, kr-2]', '[ a , b ]', '[a,b]', '[-1]', '["a", b]', '[.inf, 0x1F]', '"%"', '"数据 🎉"',
  '"it\'s"', "'say \"hi\"'", '"a\\\\b"', '"C:\\path"', '&anchor', '*alias', 'x # comment', '"x" # comment',
);
const scalarSource = fc.oneof({ weight: 6, arbitrary: plainText }, { weight: 3, arbitrary: coreLooking }, { weight: 2, arbitrary: nearMiss });

/** Trees of values: `clean` ones stay in the simple shape, noisy ones stray from it anywhere. */
function trees(clean: boolean): fc.Arbitrary<Value> {
  const keyOf = clean ? usualKey : key;
  const scalar = clean ? fc.oneof({ weight: 3, arbitrary: plainText }, { weight: 1, arbitrary: coreLooking }) : scalarSource;
  const entries = <T>(value: fc.Arbitrary<T>, maxLength: number) =>
    clean
      ? fc.uniqueArray(fc.tuple(keyOf, value), { minLength: 1, maxLength, selector: ([name]) => name, depthIdentifier: 'yaml' })
      : fc.array(fc.tuple(keyOf, value), { minLength: 1, maxLength, depthIdentifier: 'yaml' });
  const { value } = fc.letrec<{ value: Value; map: Value; seq: Value }>((tie) => ({
    value: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'yaml' },
      scalar.map((source): Value => ({ kind: 'scalar', source })),
      fc.constant<Value>({ kind: 'empty' }),
      tie('seq'),
      tie('map'),
    ),
    map: entries(tie('value'), 5).map((items): Value => ({ kind: 'map', entries: items })),
    seq: fc
      .array(clean ? fc.oneof(scalar.map((source): Value => ({ kind: 'scalar', source })), tie('map')) : tie('value'), { minLength: 1, maxLength: 4, depthIdentifier: 'yaml' })
      .map((items): Value => ({ kind: 'seq', items })),
  }));
  return entries(value, 7).map((items): Value => ({ kind: 'map', entries: items }));
}
const topMap = fc.oneof(trees(true), trees(false));

/** How a tree is written out; each line draws from `choices` in turn. */
interface Style {
  eol: '\n' | '\r\n';
  /** Comment lines, trailing comments and stray indentation. */
  noisy: boolean;
  leadingEol: boolean;
  finalEol: boolean;
  choices: number[];
}

const style = fc.record({
  eol: fc.constantFrom<'\n' | '\r\n'>('\n', '\n', '\r\n'),
  noisy: fc.boolean(),
  leadingEol: fc.boolean(),
  finalEol: fc.boolean(),
  choices: fc.array(fc.nat({ max: 99 }), { minLength: 8, maxLength: 32 }),
});

function render(tree: Value, { eol, noisy, leadingEol, finalEol, choices }: Style): string {
  let turn = 0;
  const draw = () => choices[turn++ % choices.length]!;
  const lines: string[] = [];
  const pushLine = (line: string) => {
    const roll = draw();
    if (roll < 4) lines.push(' '.repeat(roll)); // a blank or whitespace-only line
    else if (roll < 6 && noisy) lines.push(`${' '.repeat(roll - 4)}# a comment`);
    lines.push(line);
  };
  const trailing = () => [' ', '  ', ...(noisy ? [' # note', '#x'] : [])][draw() % 40] ?? '';
  /** Writes `value` after `head` (a key and colon, or a list dash), children indented past `indent`. */
  const writeValue = (head: string, value: Value, indent: number, compactAllowed: boolean) => {
    if (value.kind === 'scalar') pushLine(`${head} ${value.source}${trailing()}`);
    else if (value.kind === 'empty') pushLine(`${head}${trailing()}`);
    else {
      pushLine(`${head}${trailing()}`);
      const roll = draw();
      const step = value.kind === 'seq' && compactAllowed && roll < 25 ? 0 : [2, 2, 2, 4, 1, 3][roll % 6]!;
      writeCollection(value, indent + step);
    }
  };
  const writeCollection = (value: Value, indent: number) => {
    const pad = ' '.repeat(indent);
    if (value.kind === 'map') {
      for (const [name, item] of value.entries) writeValue(`${pad}${name}:`, item, indent, true);
    } else if (value.kind === 'seq') {
      for (const item of value.items) {
        const gap = ' '.repeat([1, 1, 1, 1, 3, 2][draw() % 6]!);
        if (item.kind === 'map') {
          const [[firstKey, firstValue], ...rest] = item.entries as [[string, Value], ...[string, Value][]];
          const column = indent + 1 + gap.length;
          writeValue(`${pad}-${gap}${firstKey}:`, firstValue, column, true);
          for (const [name, inner] of rest) writeValue(`${' '.repeat(column + (noisy && draw() === 7 ? 1 : 0))}${name}:`, inner, column, true);
        } else if (item.kind === 'scalar') {
          pushLine(`${pad}-${gap}${item.source}${trailing()}`);
        } else if (item.kind === 'empty') {
          pushLine(`${pad}-${trailing()}`);
        } else {
          writeValue(`${pad}-`, item, indent, false);
        }
      }
    }
  };
  writeCollection(tree, 0);
  return `${leadingEol ? eol : ''}${lines.join(eol)}${finalEol ? eol : ''}`;
}

/** One small change anywhere: the near-misses of the near-misses. */
const mutation = fc.option(
  fc.record({
    at: fc.nat(),
    remove: fc.nat({ max: 2 }),
    insert: fc.constantFrom('', '\t', '#', ' #', ':', ': ', "'", '"', ' ', '\r', '\n', '\r\n', '-', '- ', '[', ']', '&', '*', '!', '|', '>', '%', '@', '`', '{', '}', ',', '?', '~', 'é', '\u00a0', '\ufeff', '\u2028', '\\', '  '),
  }),
  { freq: 3 },
);

function mutate(text: string, change: { at: number; remove: number; insert: string } | null): string {
  if (!change) return text;
  const at = change.at % (text.length + 1);
  return text.slice(0, at) + change.insert + text.slice(at + change.remove);
}

/** Front-matter shaped like real task and objective files. */
const realistic = fc
  .record({
    role: fc.constantFrom('tasks', 'objective'),
    title: fc.oneof(plainText, coreLooking),
    owner: fc.option(fc.constantFrom('growth-team', 'sam', '"sam"', 'ines', '~', ''), { nil: undefined }),
    kr: fc.constantFrom('kr-34-3', '[kr-1-0, kr-2-1]', '[kr-1-0]', '[]', 'block', 'block-compact'),
    keyResults: fc.array(
      fc.record({
        id: fc.constantFrom('kr-73-0', 'kr-73-1', 'Bad Id', '12'),
        title: plainText,
        metric: fc.option(fc.tuple(fc.integer({ min: -5, max: 50 }), fc.integer({ min: -5, max: 60 }), fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constant(12.5))), { nil: undefined }),
        unit: fc.constantFrom(undefined, '"%"', "'%'", 'ms', '"$k"'),
        done: fc.constantFrom(undefined, 'true', 'false', 'yes'),
        weight: fc.constantFrom(undefined, '1', '0', '2.5', '-1'),
      }),
      { maxLength: 4 },
    ),
    period: fc.constantFrom('2026-Q4', '2026', '2026-H2', '2026-13', 'Q4'),
    parent: fc.option(fc.constantFrom('objective-17', 'objective-17 # parent'), { nil: undefined }),
    extra: fc.option(fc.constantFrom('titel: typo', 'notes: something', 'type: tasks', 'kr: again'), { nil: undefined }),
  })
  .map((spec) => {
    const lines: string[] = [];
    if (spec.role === 'tasks') {
      lines.push(`title: ${spec.title}`);
      if (spec.owner !== undefined) lines.push(`owner: ${spec.owner}`);
      if (spec.kr === 'block') lines.push('kr:', '  - kr-1-0', '  - kr-2-1');
      else if (spec.kr === 'block-compact') lines.push('kr:', '- kr-1-0', '- kr-2-1');
      else lines.push(`kr: ${spec.kr}`);
    } else {
      lines.push('type: objective', 'id: objective-73', `title: ${spec.title}`);
      if (spec.owner !== undefined) lines.push(`owner: ${spec.owner}`);
      lines.push(`period: ${spec.period}`);
      if (spec.parent !== undefined) lines.push(`parent: ${spec.parent}`);
      if (spec.keyResults.length > 0) lines.push('key_results:');
      for (const kr of spec.keyResults) {
        lines.push(`  - id: ${kr.id}`, `    title: ${kr.title}`);
        if (kr.metric) lines.push(`    start: ${kr.metric[0]}`, `    target: ${kr.metric[1]}`, `    current: ${kr.metric[2]}`);
        if (kr.unit !== undefined) lines.push(`    unit: ${kr.unit}`);
        if (kr.done !== undefined) lines.push(`    done: ${kr.done}`);
        if (kr.weight !== undefined) lines.push(`    weight: ${kr.weight}`);
      }
    }
    if (spec.extra !== undefined) lines.push(spec.extra);
    return lines;
  });

const BODY = ['# Plan', '', '- [ ] first task', '- [x] second task <!-- kr: kr-1-0 -->', '  - [ ] nested', ''];

function fileText(frontMatter: string[], eol: string, opener = '---'): string {
  return [opener, ...frontMatter, '---', ...BODY].join(eol);
}

describe('simple YAML reader against the full parse', () => {
  // Some mutated texts have collections as keys, which `yaml` warns about while converting them.
  beforeAll(() => {
    vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it('gives the same data, issues and offsets on generated texts', () => {
    let served = 0;
    let runs = 0;
    fc.assert(
      fc.property(topMap, style, mutation, (tree, how, change) => {
        runs++;
        if (expectSameReading(mutate(render(tree, how), change))) served++;
      }),
      { seed: 20261125, numRuns: 2500 },
    );
    // The generator must exercise both paths well.
    expect(served / runs).toBeGreaterThan(0.15);
    expect(served / runs).toBeLessThan(0.85);
  });

  it('gives the same facts for whole files', () => {
    let served = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          realistic,
          fc.tuple(topMap, style).map(([tree, how]) => render(tree, { ...how, eol: '\n', leadingEol: false, finalEol: false }).split('\n')),
        ),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom('---', '---', '---', '---yaml', '--- '),
        mutation,
        (frontMatter, eol, opener, change) => {
          runs++;
          const text = fileText(frontMatter, eol, opener);
          const mutated = change ? fileText(mutate(frontMatter.join(eol), change).split(eol), eol, opener) : text;
          if (readSimpleYaml(frontMatter.join(eol)) !== null) served++;
          expectSameFacts(mutated);
          const bytes = new TextEncoder().encode(`\ufeff${mutated}`);
          expect(parseOkrFile('okr.md', bytes)).toStrictEqual(fully(() => parseOkrFile('okr.md', bytes)));
        },
      ),
      { seed: 7, numRuns: 1200 },
    );
    expect(served / runs).toBeGreaterThan(0.3);
  });

  it('agrees on every fixture and example file', () => {
    const files: string[] = [];
    const collect = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const file = path.join(dir, entry);
        if (statSync(file).isDirectory()) collect(file);
        else if (entry.endsWith('.md')) files.push(file);
      }
    };
    collect(path.join(REPO_ROOT, 'test', 'fixtures'));
    collect(path.join(REPO_ROOT, 'examples'));
    expect(files.length).toBeGreaterThan(50);
    let served = 0;
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      expect(parseOkrFile(file, bytes), file).toStrictEqual(fully(() => parseOkrFile(file, bytes)));
      const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
      const close = text.indexOf('\n---', 3);
      if (/^---\r?\n/.test(text) && close !== -1) {
        if (expectSameReading(text.slice(3, close))) served++;
      }
    }
    expect(served).toBeGreaterThan(20);
  });
});
