/**
 * Laws of in-place edits on generated documents: a tick changes exactly one byte; a check-in changes
 * only the value and adds the record, keeping every other line, the line endings, the BOM and the
 * final newline (or its lack) byte for byte.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCheckinRecord, planCheckin, verifyCheckin, type CheckinRecord } from '../../src/edit/checkin.js';
import { planAddKeyResult, verifyAddKeyResult } from '../../src/edit/key-results.js';
import { planTaskEdit, verifyTaskEdit } from '../../src/edit/task.js';
import { parseOkrText } from '../../src/parse/file-facts.js';
import { applySplices, spliceBytes } from '../../src/edit/splice.js';
import { diffLines, splitLines } from '../helpers/line-diff.js';
import { propertyRuns } from '../helpers/property-runs.js';

const RUNS = propertyRuns(150);
const BOM = [0xef, 0xbb, 0xbf];
const encode = (text: string) => new TextEncoder().encode(text);

const eol = fc.constantFrom('\n', '\r\n');
const prose = fc.constantFrom('Plain text', 'ünïcödé ✓', '🎉 emoji 👩‍💻', '数据 中文', 'trailing spaces   ', '`[ ] in code`', 'a [x] b');

interface Document {
  bom: boolean;
  eol: string;
  finalNewline: boolean;
  lines: string[];
}

function bytesOf(doc: Document): { text: string; bytes: Uint8Array } {
  const text = doc.lines.join(doc.eol) + (doc.finalNewline ? doc.eol : '');
  return { text, bytes: new Uint8Array([...(doc.bom ? BOM : []), ...encode(text)]) };
}

function expectSameLayout(before: string, after: string, doc: Document): void {
  if (doc.eol === '\r\n') expect(after).not.toMatch(/[^\r]\n|^\n/);
  else expect(after).not.toContain('\r');
  expect(/(\r\n|\n)$/.test(after)).toBe(doc.finalNewline);
  expect(after.startsWith('---')).toBe(before.startsWith('---'));
}

// Task documents: task items of every state and bullet, nested, between prose and code fences.
const taskLine = fc.record({
  level: fc.integer({ min: 0, max: 2 }),
  bullet: fc.constantFrom('-', '*', '+', '1.'),
  marker: fc.constantFrom(' ', 'x', 'X', '/', '-'),
  text: prose,
});
const block = fc.oneof(
  { weight: 4, arbitrary: taskLine.map((t) => [`${'  '.repeat(t.level)}${t.level > 0 ? '-' : t.bullet} [${t.marker}] ${t.text}`]) },
  { weight: 1, arbitrary: prose.map((text) => ['', text, '']) },
  { weight: 1, arbitrary: prose.map((text) => ['```', `- [ ] ${text}`, '```']) },
  { weight: 1, arbitrary: prose.map((text) => [`> - [ ] ${text}`]) },
);
const taskDocument: fc.Arbitrary<Document> = fc
  .record({
    bom: fc.boolean(),
    eol,
    finalNewline: fc.boolean(),
    frontMatter: fc.boolean(),
    blocks: fc.array(block, { minLength: 1, maxLength: 12 }),
  })
  .map(({ frontMatter, blocks, ...rest }) => ({ ...rest, lines: [...(frontMatter ? ['---', 'kr: k   # the key result', '---'] : []), ...blocks.flat()] }));

describe('ticking a task (property)', () => {
  it('changes exactly the one byte inside the checkbox, or nothing', () => {
    fc.assert(
      fc.property(taskDocument, fc.nat(), fc.constantFrom<'done' | 'reopen'>('done', 'reopen'), (doc, pick, action) => {
        const { text, bytes } = bytesOf(doc);
        const facts = parseOkrText('t.md', text);
        fc.pre(facts.tasks.length > 0);
        const index = pick % facts.tasks.length;
        const plan = planTaskEdit(text, facts, index, action);
        const after = spliceBytes(bytes, doc.bom ? 3 : 0, text, plan.splices);
        const differing = [...after.keys()].filter((i) => after[i] !== bytes[i]);
        expect(after.length).toBe(bytes.length);
        if (plan.splices.length === 0) {
          expect(differing).toEqual([]);
          expect(plan.from).toBe(action === 'done' ? 'done' : plan.from === 'in-progress' ? 'in-progress' : 'open');
          return;
        }
        const checkboxByte = (doc.bom ? 3 : 0) + encode(text.slice(0, facts.tasks[index]!.checkboxOffset)).length + 1;
        expect(differing).toEqual([checkboxByte]);
        expect(String.fromCharCode(after[checkboxByte]!)).toBe(action === 'done' ? 'x' : ' ');
        const afterText = new TextDecoder().decode(after.subarray(doc.bom ? 3 : 0));
        expect(verifyTaskEdit(facts, parseOkrText('t.md', afterText), plan)).toBeNull();
      }),
      RUNS,
    );
  });
});

// Objective documents: key results in block and flow style, with comments, quoting, units and
// existing check-ins in every form.
const title = fc.constantFrom('plain title', '"Double: quoted"', "'single ''quoted'''", '"émoji 🎉, commas"', '数据');
const keyResult = fc.record({
  style: fc.constantFrom('block', 'flow'),
  kind: fc.constantFrom('metric', 'milestone'),
  title,
  hasCurrent: fc.boolean(),
  targetComment: fc.boolean(),
  unit: fc.constantFrom(null, '"%"', 'users', "'$k'"),
  checkins: fc.constantFrom('none', 'block', 'flow', 'empty'),
  trailingSpaces: fc.boolean(),
});
type KeyResultSpec = typeof keyResult extends fc.Arbitrary<infer T> ? T : never;

function renderKeyResult(kr: KeyResultSpec, index: number, indent: string): string[] {
  const old = '{ date: 2025-01-01, value: 1 }';
  if (kr.style === 'flow') {
    const parts = [`id: kr${index}`, `title: ${kr.title}`];
    if (kr.kind === 'metric') parts.push('start: 10', 'target: 20', ...(kr.hasCurrent ? ['current: 12'] : []), ...(kr.unit ? [`unit: ${kr.unit}`] : []));
    else parts.push('done: false');
    if (kr.checkins === 'flow' || kr.checkins === 'block') parts.push(`checkins: [${old}]`);
    if (kr.checkins === 'empty') parts.push('checkins: []');
    return [`${indent}- { ${parts.join(', ')} }${kr.targetComment ? '   # flow' : ''}`];
  }
  const inner = `${indent}  `;
  const pad = kr.trailingSpaces ? '  ' : '';
  const lines = [`${indent}- id: kr${index}${pad}`, `${inner}title: ${kr.title}`];
  if (kr.kind === 'metric') {
    lines.push(`${inner}start: 10`, `${inner}target: 20${kr.targetComment ? '   # higher is better' : pad}`);
    if (kr.hasCurrent) lines.push(`${inner}current: 12${pad}`);
    if (kr.unit) lines.push(`${inner}unit: ${kr.unit}`);
  } else {
    lines.push(`${inner}done: false${kr.targetComment ? '  # not yet' : ''}`);
  }
  if (kr.checkins === 'block') lines.push(`${inner}checkins:`, `${inner}  - ${old}`, `${inner}  -   {date: 2025-01-08, value: 2}`);
  if (kr.checkins === 'flow') lines.push(`${inner}checkins: [${old}]`);
  if (kr.checkins === 'empty') lines.push(`${inner}checkins: []`);
  return lines;
}

const objectiveDocument = fc
  .record({
    bom: fc.boolean(),
    eol,
    finalNewline: fc.boolean(),
    indent: fc.constantFrom('', '  ', '    '),
    keyResults: fc.array(keyResult, { minLength: 1, maxLength: 4 }),
    comments: fc.boolean(),
    body: fc.array(prose, { maxLength: 3 }),
  })
  .map(({ indent, keyResults, comments, body, ...rest }) => ({
    ...rest,
    keyResults,
    lines: [
      '---',
      `type: objective${comments ? '   # kept' : ''}`,
      'id: obj',
      `title: "Objective ✓"`,
      'period: 2026-Q4',
      'key_results:',
      ...keyResults.flatMap((kr, i) => [...(comments && i > 0 ? [`${indent}# before kr${i}`] : []), ...renderKeyResult(kr, i, indent)]),
      ...(comments ? ['# after the list'] : []),
      '---',
      ...body,
    ],
  }));

const record = fc.record({
  day: fc.integer({ min: 10, max: 28 }),
  number: fc.oneof(
    fc.integer({ min: -50, max: 500 }),
    fc.integer({ min: -5000, max: 5000 }).map((n) => n / 100),
  ),
  done: fc.boolean(),
  confidence: fc.option(
    fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
    { nil: undefined },
  ),
  note: fc.option(fc.constantFrom('on track', 'blocked: waiting on "legal"', 'émoji 🎉, #1', 'two\nlines'), { nil: undefined }),
});

describe('a check-in (property)', () => {
  it('changes only the value and adds the record, keeping every other line byte for byte', () => {
    fc.assert(
      fc.property(objectiveDocument, fc.nat(), record, (doc, pick, r) => {
        const { text, bytes } = bytesOf(doc);
        const index = pick % doc.keyResults.length;
        const kr = doc.keyResults[index]!;
        const rec: CheckinRecord = { date: `2026-12-${r.day}`, value: kr.kind === 'metric' ? r.number : r.done };
        if (r.confidence !== undefined) rec.confidence = r.confidence;
        if (r.note !== undefined) rec.note = r.note;

        const plan = planCheckin(text, `kr${index}`, rec);
        expect(verifyCheckin(text, plan, `kr${index}`, rec)).toBeNull();
        const after = applySplices(text, plan.splices);
        const afterBytes = spliceBytes(bytes, doc.bom ? 3 : 0, text, plan.splices);
        expect(Buffer.from(afterBytes)).toEqual(Buffer.from([...(doc.bom ? BOM : []), ...encode(after)]));
        expectSameLayout(text, after, doc);
        expect(parseOkrText('o.md', after).problems.filter((p) => p.severity === 'error')).toEqual([]);

        const ops = diffLines(splitLines(text), splitLines(after));
        const removed = ops.filter((op) => op.kind === '-').map((op) => op.line);
        const added = ops.filter((op) => op.kind === '+').map((op) => op.line.replace(/\r?\n$/, ''));
        // Only the line holding the value, a flow mapping or list, or an empty `checkins: []` may change.
        expect(removed.length).toBeLessThanOrEqual(2);
        for (const line of removed) expect(line).toMatch(/current:|done:|checkins: \[\]|\{/);
        const record = formatCheckinRecord(rec);
        const isNew = (line: string) => /^ *current: -?[\d.]+$/.test(line) || /^ *checkins:( +#.*)?$/.test(line) || line.trimStart().replace(/^- +/, '') === record;
        expect(added.filter((line) => !isNew(line)).length).toBeLessThanOrEqual(removed.length);
        expect(added.length - removed.length).toBeLessThanOrEqual(3);
        expect(after.split(record).length - 1).toBe(1);
      }),
      RUNS,
    );
  });

  it('adding a key result keeps every other line byte for byte', () => {
    const entry = { lines: ['id: added', 'title: "Added: one ✓"', 'done: false'], data: { id: 'added', title: 'Added: one ✓', done: false } };
    fc.assert(
      fc.property(objectiveDocument, (doc) => {
        const { text } = bytesOf(doc);
        const splices = planAddKeyResult(text, entry);
        expect(verifyAddKeyResult(text, splices, entry)).toBeNull();
        const after = applySplices(text, splices);
        expectSameLayout(text, after, doc);
        const ops = diffLines(splitLines(text), splitLines(after));
        expect(ops.filter((op) => op.kind === '-')).toEqual([]);
        expect(ops.filter((op) => op.kind === '+').map((op) => op.line.trim())).toEqual(['- id: added', 'title: "Added: one ✓"', 'done: false']);
      }),
      propertyRuns(60),
    );
  });
});
