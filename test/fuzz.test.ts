/**
 * Fuzz tests (seeded, bounded): generated Markdown, YAML and raw bytes through the parser and the
 * model. No unexpected exception, every problem has a file and a position, progress stays in
 * [0, 1], and a file's facts do not depend on the files parsed around it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../src/compute/health.js';
import { buildWorkspaceModel } from '../src/model/link.js';
import { parseOkrFile, parseOkrText } from '../src/parse/file-facts.js';
import { buildStatusReport } from '../src/compute/report.js';
import { propertyRuns } from './helpers/property-runs.js';

const options = propertyRuns(200);

const encoder = new TextEncoder();

/** Pieces that make parsers take interesting paths. */
const markdownLine = fc.oneof(
  fc.constantFrom(
    '- [ ] open task',
    '- [x] done task',
    '- [X] Done',
    '* [/] in progress',
    '+ [-] cancelled',
    '1. [x] ordered',
    '2) [ ] ordered paren',
    '  - [x] nested',
    '    - [ ] nested deeper',
    '\t- [ ] tab nested',
    '> - [x] quoted',
    '> > - [ ] double quoted',
    '- [x]',
    '- [ ]',
    '- [x]no space',
    '```',
    '~~~',
    '    indented code - [ ] no',
    '<div>',
    '</div>',
    '<!-- kr: k1 -->',
    '## Section <!-- kr: k1 -->',
    '### Other <!-- kr: k2, nope -->',
    '# Title',
    '- item <!-- kr: k2 -->',
    '- [ ] item link <!-- kr: k1 -->',
    '---',
    '...',
    '',
    '`- [ ] inline`',
    '[link]: http://x',
    '- [ ] *emphasis* and [a link](x) and `code`',
    '\u0000',
    '\ufeff',
    '\u001b[31m',
  ),
  fc.string({ maxLength: 30 }),
);

const lineEnding = fc.constantFrom('\n', '\r\n', '\r');

const markdownDocument = fc.tuple(fc.array(fc.tuple(markdownLine, lineEnding), { maxLength: 40 })).map(([lines]) => lines.map(([line, end]) => line + end).join(''));

const yamlValue = fc.oneof(
  fc.constantFrom(
    'k1',
    'k2',
    '[k1, k2]',
    '~',
    '.inf',
    '.nan',
    '-.inf',
    '"35"',
    '010',
    '0x1F',
    '1e308',
    '-1',
    'no',
    'yes',
    '2026-Q4',
    '2026-02-30',
    '!!js/function x',
    '!!binary aGk=',
    '&a [1]',
    '*a',
    '{',
    '[',
    '|',
    '>',
    "'quoted'",
    '"a\\"b"',
  ),
  fc.integer().map(String),
  fc.double().map(String),
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
);
const yamlKey = fc.constantFrom(
  'type',
  'id',
  'title',
  'owner',
  'period',
  'start',
  'end',
  'parent',
  'kr',
  'key_results',
  'targte',
  '<<',
  'unknown',
  '- id',
  '  - id',
  '    title',
  '    start',
  '    target',
  '    current',
  '    done',
  '    weight',
);
const frontMatter = fc.array(fc.tuple(yamlKey, yamlValue), { maxLength: 12 }).map((pairs) => `---\n${pairs.map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n`);

const objectiveFile = fc
  .array(
    fc.record({
      id: fc.constantFrom('k1', 'k2', 'k3', 'k1'),
      kind: fc.constantFrom('metric', 'milestone', 'tasks'),
      start: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()),
      target: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()),
      current: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()),
      weight: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1e300, noNaN: true })),
      done: fc.boolean(),
    }),
    { maxLength: 4 },
  )
  .map((krs) => {
    const lines = ['---', 'type: objective', 'id: fuzz', 'title: Fuzz', 'period: 2026-Q4', 'key_results:'];
    for (const kr of krs) {
      const measure = kr.kind === 'metric' ? `, start: ${kr.start}, target: ${kr.target}, current: ${kr.current}` : kr.kind === 'milestone' ? `, done: ${kr.done}` : '';
      lines.push(`  - {id: ${kr.id}, title: T, weight: ${kr.weight}${measure}}`);
    }
    return `${lines.join('\n')}\n---\n`;
  });

const anyDocument = fc.oneof(
  markdownDocument,
  fc.tuple(frontMatter, markdownDocument).map(([f, m]) => f + m),
  fc.tuple(objectiveFile, markdownDocument).map(([f, m]) => f + m),
  fc.string({ maxLength: 400 }),
);

function checkProblems(path: string, facts: ReturnType<typeof parseOkrText>) {
  for (const p of facts.problems) {
    expect(p.file).toBe(path);
    expect(Number.isInteger(p.line) && p.line >= 1).toBe(true);
    expect(Number.isInteger(p.column) && p.column >= 1).toBe(true);
    expect(p.message).not.toBe('');
  }
}

describe('fuzz: parse never throws and locates every problem', () => {
  it('on raw bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        checkProblems('f.md', parseOkrFile('f.md', bytes));
      }),
      options,
    );
  });

  it('on raw bytes that start like front-matter', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const prefixed = new Uint8Array([...encoder.encode('---\nkr: '), ...bytes]);
        checkProblems('f.md', parseOkrFile('f.md', prefixed));
      }),
      options,
    );
  });

  it('on generated Markdown and YAML', () => {
    fc.assert(
      fc.property(anyDocument, (text) => {
        checkProblems('g.md', parseOkrText('g.md', text));
      }),
      options,
    );
  });
});

describe('fuzz: the model and report stay sane', () => {
  it('keeps every progress in [0, 1] (or null for an invalid item, with a reason) and every number finite', () => {
    fc.assert(
      fc.property(fc.array(anyDocument, { minLength: 1, maxLength: 5 }), objectiveFile, fc.constantFrom('2026-09-01', '2026-11-15', '2027-02-01'), (docs, objective, today) => {
        const facts = [parseOkrText('objective.md', objective), ...docs.map((doc, i) => parseOkrText(`d${i}.md`, doc))];
        const model = buildWorkspaceModel(facts);
        const report = buildStatusReport(model, { today, period: { kind: 'all' }, owner: null, thresholds: DEFAULT_THRESHOLDS });
        for (const o of report.objectives) {
          for (const item of [o, ...o.keyResults]) {
            expect(item.progress === null).toBe(item.status === 'invalid');
            if (item.status === 'invalid') expect(item.invalid).toEqual(expect.any(String));
          }
          for (const value of [o.progress, o.expected, ...o.keyResults.map((k) => k.progress)]) {
            if (value === null) continue;
            expect(Number.isFinite(value)).toBe(true);
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(1);
          }
          for (const kr of o.keyResults) if (kr.rawProgress !== null) expect(Number.isFinite(kr.rawProgress)).toBe(true);
        }
        for (const p of report.problems) {
          expect(p.file).not.toBe('');
          expect(p.line).toBeGreaterThanOrEqual(1);
        }
      }),
      propertyRuns(100),
    );
  });
});

describe('fuzz: facts depend only on the file', () => {
  it('parses a file the same alone and after other files', () => {
    fc.assert(
      fc.property(anyDocument, fc.array(anyDocument, { maxLength: 4 }), (subject, others) => {
        const alone = parseOkrText('subject.md', subject);
        for (const [i, other] of others.entries()) parseOkrText(`other${i}.md`, other);
        expect(parseOkrText('subject.md', subject)).toEqual(alone);
        expect(JSON.parse(JSON.stringify(alone))).toEqual(alone); // plain, serializable data
      }),
      options,
    );
  });
});
