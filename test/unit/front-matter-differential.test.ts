/**
 * The usual front-matter block is split by hand (front-matter-split.ts) and valid data of the usual
 * shapes is checked by hand (schema-check.ts), so that most files are read without gray-matter and
 * zod. Both must change nothing: the hand split gives gray-matter's YAML text and body, and whole
 * files give the same facts with and without the hand-written paths, on generated texts and on every
 * fixture, example and generated-workspace file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateWorkspace } from '../../bench/generate-workspace.mjs';
import { splitFrontMatter, type SplitFile } from '../../src/parse/front-matter.js';
import { splitSimpleFrontMatter } from '../../src/parse/front-matter-split.js';
import { parseOkrFile, parseOkrText } from '../../src/parse/file-facts.js';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { canonical } from '../helpers/canonical.js';

/** Lets a test turn the hand-written paths off, so that the same call takes gray-matter and zod; counts their answers. */
const hand = vi.hoisted(() => ({ enabled: true, splits: 0, checks: 0 }));
vi.mock('../../src/parse/front-matter-split.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/parse/front-matter-split.js')>();
  return {
    ...actual,
    splitSimpleFrontMatter: (text: string) => {
      if (!hand.enabled) return null;
      const split = actual.splitSimpleFrontMatter(text);
      if (split) hand.splits++;
      return split;
    },
  };
});
vi.mock('../../src/parse/schema-check.js', async (importOriginal) => {
  const actual = await importOriginal<Record<string, (data: unknown) => unknown>>();
  const wrapped = Object.entries(actual).map(([name, check]) => [
    name,
    (data: unknown) => {
      if (!hand.enabled) return undefined;
      const answer = check(data);
      if (answer !== undefined) hand.checks++;
      return answer;
    },
  ]);
  return Object.fromEntries(wrapped);
});

function withoutHandPaths<T>(run: () => T): T {
  hand.enabled = false;
  try {
    return run();
  } finally {
    hand.enabled = true;
  }
}

/** The outcome of a call, a thrown error included (gray-matter throws for engines it does not know). */
function outcome<T>(run: () => T): T | { thrown: string } {
  try {
    return run();
  } catch (error) {
    return { thrown: String(error) };
  }
}


/** Everything a caller of splitFrontMatter sees. */
function described(split: SplitFile | { thrown: string }): unknown {
  if ('thrown' in split) return split;
  return {
    hasFrontMatter: split.hasFrontMatter,
    data: canonical(split.data),
    tree: split.tree === null ? null : 'tree',
    yamlOffset: split.yamlOffset,
    body: split.body,
    bodyOffset: split.bodyOffset,
    issues: split.issues,
  };
}

/** gray-matter's own split, with engines that only keep the text they are given (and never run code). */
function grayMatterSplit(text: string): { language: string; matter: string; content: string; parsed: string | null } {
  let parsed: string | null = null;
  const keep = { parse: (yaml: string) => ((parsed = yaml), { kept: true }) };
  const refuse = {
    parse: () => {
      throw new Error('refused front-matter engine');
    },
  };
  const file = matter(text, { language: 'yaml', engines: { yaml: keep, json: keep, javascript: refuse, coffee: refuse } });
  return { language: file.language, matter: file.matter, content: file.content, parsed };
}

// ---- generated texts ------------------------------------------------------------------------

const opener = fc.oneof(
  { weight: 8, arbitrary: fc.constant('---') },
  { weight: 3, arbitrary: fc.constantFrom('--- ', '---  ', '---\t', '--- \t', '---\u00a0', '---\ufeff', '---\u2028', '---\v') },
  { weight: 2, arbitrary: fc.constantFrom('---yaml', '---json', '--- yaml', '---yml ', '---YAML', '---Yml', '---JSON', '---Json', '---js', '---javascript', '---coffee', '---toml', '---x y') },
  { weight: 1, arbitrary: fc.constantFrom('----', '--', '', '-- -', ' ---', 'title: x') },
);
const eol = fc.oneof({ weight: 6, arbitrary: fc.constant('\n') }, { weight: 3, arbitrary: fc.constant('\r\n') }, { weight: 1, arbitrary: fc.constant('\r') });
const line = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('title: Ship it', 'owner: growth-team', 'kr: kr-1', 'kr: [kr-1, kr-2]', 'type: objective', 'id: objective-1', 'period: 2026-Q4', 'key_results:', '  - id: kr-1', '    title: First', '    target: 10', '    start: 0', '  - id: kr-2', '    title: Second', '    done: false') },
  { weight: 3, arbitrary: fc.constantFrom('# comment', '  # indented comment', '#', '#x', ' #', '', '   ', '\t', '\u00a0', '\u2028', 'a: 1 # c', '{"kr": "kr-1"}', '"title": "x"') },
  { weight: 2, arbitrary: fc.constantFrom('...', '---', '--- x', '----', '---\t', '- a', 'x: "---"', '  ---', 'a: |', '  text', 'a: [1, 2', 'bad: : x', 'id: Bad Id', 'title: "  "', 'target: .nan', 'weight: -1') },
);
/** Front-matter of task and objective files, now and then with a line of the above in it. */
const usualBlocks = [
  ['kr: kr-1', 'title: Ship it', 'owner: growth-team'],
  ['title: " Padded title "', 'kr: [kr-1, kr-2]'],
  ['type: tasks', 'kr:', '  - kr-1', '  - kr-2'],
  ['# tasks of the quarter', 'kr: kr-3 # the link'],
  ['type: objective', 'id: objective-1', 'title: Grow', 'owner: sam', 'period: 2026-Q4', 'parent: objective-0', 'key_results:', '  - id: kr-1', '    title: First', '    start: 0', '    target: 10', '    current: 4', '    unit: "%"', '  - id: kr-2', '    title: Second', '    done: true', '    weight: 2'],
  ['id: objective-2', 'title: Explicit', 'start: 2026-01-01', 'end: 2026-03-31', 'notes: kept', 'key_results:', '  - id: kr-3', '    title: Third', '    checkins:', '      - date: 2026-02-01', '        value: 3', '        confidence: 0.5', '        note: fine'],
];
const usualLines = fc
  .tuple(fc.constantFrom(...usualBlocks), fc.option(fc.tuple(fc.nat(), line), { freq: 3, nil: null }))
  .map(([block, insert]) => (insert ? [...block.slice(0, insert[0] % (block.length + 1)), insert[1], ...block.slice(insert[0] % (block.length + 1))] : block));
const closing = fc.constantFrom('---', '---', '---', '--- ', '---\t', '----', '---x', '...', null);
const bodyLine = fc.constantFrom('', '- [ ] task', '- [x] done <!-- kr: kr-1 -->', '# Heading', '---', 'text', '  - [ ] nested', '***');
const generatedText = fc
  .record({
    opener,
    firstEol: fc.oneof({ weight: 9, arbitrary: eol }, { weight: 1, arbitrary: fc.constant('') }),
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- fc.record takes either type, but spec.lines.map below needs one array type
    lines: fc.oneof(
      fc.array(fc.tuple(line, eol), { maxLength: 8 }),
      fc.tuple(usualLines, eol).map(([lines, own]) => lines.map((content): [string, string] => [content, own])),
    ) as fc.Arbitrary<[string, string][]>,
    uniform: fc.boolean(),
    closing,
    afterClosing: fc.constantFrom('', '\n', '\r\n', '\r', ' \n'),
    body: fc.array(fc.tuple(bodyLine, eol), { maxLength: 4 }),
  })
  .map((spec) => {
    const end = (own: string) => (spec.uniform ? spec.firstEol || '\n' : own);
    let text = spec.opener + spec.firstEol + spec.lines.map(([content, own]) => content + end(own)).join('');
    if (spec.closing !== null) text += spec.closing + spec.afterClosing;
    return text + spec.body.map(([content, own]) => content + end(own)).join('');
  });

// ---- files ----------------------------------------------------------------------------------

let workspace: string;
beforeAll(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'okr-front-matter-differential-'));
  generateWorkspace(workspace, 60, 3);
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

function markdownFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) files.push(...markdownFiles(file));
    else if (entry.endsWith('.md')) files.push(file);
  }
  return files;
}

function allFiles(): string[] {
  return [path.join(REPO_ROOT, 'test', 'fixtures'), path.join(REPO_ROOT, 'examples'), workspace].flatMap(markdownFiles);
}

function textOf(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
}

describe('the hand split of front-matter', () => {
  function expectGrayMatterSplit(text: string): boolean {
    const simple = splitSimpleFrontMatter(text);
    if (!simple) return false;
    const reference = grayMatterSplit(text);
    expect(reference.language, JSON.stringify(text)).toBe('yaml');
    expect(simple.yaml, JSON.stringify(text)).toBe(reference.matter);
    expect(text.slice(simple.yamlOffset, simple.yamlOffset + simple.yaml.length)).toBe(simple.yaml);
    expect(simple.empty ? null : simple.yaml, JSON.stringify(text)).toBe(reference.parsed);
    expect(text.slice(simple.bodyOffset), JSON.stringify(text)).toBe(reference.content);
    return true;
  }

  it('gives gray-matter’s YAML text and body on generated texts, and takes the usual ones', () => {
    let answered = 0;
    let runs = 0;
    fc.assert(
      fc.property(generatedText, (text) => {
        runs++;
        if (expectGrayMatterSplit(text)) answered++;
        // The usual block: a bare "---" line (LF or CRLF), closed by a "---" line.
        if (/^---[ \t]*\r?\n/.test(text) && text.indexOf('\n---', 3) !== -1) expect(splitSimpleFrontMatter(text), JSON.stringify(text)).not.toBeNull();
      }),
      { seed: 20260601, numRuns: 4000 },
    );
    expect(answered / runs).toBeGreaterThan(0.3);
    expect(answered / runs).toBeLessThan(0.9);
  });

  it('gives gray-matter’s YAML text and body on every fixture, example and generated file', () => {
    const files = allFiles();
    expect(files.length).toBeGreaterThan(100);
    const answered = files.filter((file) => expectGrayMatterSplit(textOf(new Uint8Array(readFileSync(file)))));
    expect(answered.length).toBeGreaterThan(files.length / 2);
  });

  it('leaves a language, a lone CR and an unclosed block to gray-matter', () => {
    for (const text of ['---json\n{"kr": "a"}\n---\n', '---yaml\nkr: a\n---\n', '---\rkr: a\n---\n', '---\nkr: a\n', '----\nkr: a\n---\n', '---', '--- x\nkr: a\n---\n']) {
      expect(splitSimpleFrontMatter(text), JSON.stringify(text)).toBeNull();
    }
  });

  it('keeps gray-matter’s quirks: spaces after "---", empty and comment-only blocks, a body right after', () => {
    expect(splitSimpleFrontMatter('---  \r\nkr: a\r\n---\r\nbody')).toEqual({ yaml: '  \r\nkr: a\r', empty: false, yamlOffset: 3, bodyOffset: 19 });
    expect(splitSimpleFrontMatter('---\n---\nbody')).toEqual({ yaml: '', empty: true, yamlOffset: 3, bodyOffset: 8 });
    expect(splitSimpleFrontMatter('---\n# only a comment\n  \n---body')).toMatchObject({ empty: true, bodyOffset: 27 });
    expect(splitSimpleFrontMatter('---\n#\n---\n')).toMatchObject({ yaml: '\n#', empty: false });
    // A line that starts with "---" closes the block; the rest of it starts the body.
    expect(splitSimpleFrontMatter('---\nkr: a\n--- and more\nx')).toMatchObject({ yaml: '\nkr: a', bodyOffset: 13 });
  });
});

describe('front-matter and whole files with and without the hand-written paths', () => {
  // Some texts have collections as keys, which `yaml` warns about while converting them.
  beforeAll(() => {
    vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  function expectSameSplit(text: string): void {
    const quick = outcome(() => splitFrontMatter(text));
    const full = outcome(() => withoutHandPaths(() => splitFrontMatter(text)));
    expect(described(quick), JSON.stringify(text)).toEqual(described(full));
  }

  function expectSameFacts(file: string, bytes: Uint8Array): void {
    const quick = outcome(() => parseOkrFile(file, bytes));
    const full = outcome(() => withoutHandPaths(() => parseOkrFile(file, bytes)));
    expect(JSON.stringify(quick), file).toBe(JSON.stringify(full));
    expect(quick, file).toStrictEqual(full);
  }

  it('split generated texts the same way', () => {
    fc.assert(
      fc.property(generatedText, (text) => expectSameSplit(text)),
      { seed: 20260602, numRuns: 3000 },
    );
  });

  it('give the same facts for generated texts', () => {
    hand.splits = 0;
    hand.checks = 0;
    fc.assert(
      fc.property(generatedText, fc.boolean(), (text, bom) => {
        expectSameFacts('okr.md', new TextEncoder().encode(bom ? `\ufeff${text}` : text));
        const quick = outcome(() => parseOkrText('okr.md', text));
        expect(quick).toStrictEqual(outcome(() => withoutHandPaths(() => parseOkrText('okr.md', text))));
      }),
      { seed: 20260603, numRuns: 2000 },
    );
    expect(hand.splits).toBeGreaterThan(500);
    expect(hand.checks).toBeGreaterThan(200);
  });

  it('give the same split and facts for every fixture, example and generated file, mostly by hand', () => {
    hand.splits = 0;
    hand.checks = 0;
    const files = allFiles();
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      expectSameSplit(textOf(bytes));
      expectSameFacts(file, bytes);
    }
    expect(hand.splits).toBeGreaterThan(files.length / 2);
    expect(hand.checks).toBeGreaterThan(files.length / 2);
  });
});
