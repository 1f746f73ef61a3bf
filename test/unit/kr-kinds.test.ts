/** Guardrail and roll-up key results: what the parser reads, the errors it reports, and the model's links. */
import { describe, expect, it } from 'vitest';
import { parseOkrText } from '../../src/parse/file-facts.js';
import { buildWorkspaceModel } from '../../src/model/link.js';
import { computeAllKeyResultProgress } from '../../src/compute/progress.js';
import { decodeFacts, encodeFacts } from '../../src/io/facts-codec.js';
import { diffWorkspaces } from '../../src/compute/diff.js';
import { DEFAULT_THRESHOLDS } from '../../src/model/config.js';

const objective = (keyResults: string, id = 'growth') => `---
id: ${id}
title: Grow
period: 2026-Q4
key_results:
${keyResults}---
`;
const parse = (text: string, path = 'okr.md') => parseOkrText(path, text);
const problems = (text: string) => parse(text).problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.rule}: ${p.message}`);

describe('guardrails', () => {
  it('read keep_above or keep_below with current and unit', () => {
    const facts = parse(
      objective('  - id: uptime\n    title: Uptime\n    keep_above: 99.9\n    current: 99.95\n    unit: "%"\n  - id: p95\n    title: p95\n    keep_below: 300\n    current: 250\n'),
    );
    expect(facts.problems).toEqual([]);
    expect(facts.objective!.keyResults.map((kr) => kr.measure)).toEqual([
      { kind: 'guardrail', keepAbove: 99.9, keepBelow: null, current: 99.95, unit: '%' },
      { kind: 'guardrail', keepAbove: null, keepBelow: 300, current: 250, unit: null },
    ]);
  });

  it('refuse both bounds, start/target/done beside a bound, and a missing current', () => {
    expect(problems(objective('  - id: a\n    title: A\n    keep_above: 1\n    keep_below: 2\n    current: 1\n'))).toEqual([
      '9:17 error mixed-measure: key result "a" has both "keep_above" and "keep_below": a guardrail holds one bound, keep one (or make two key results)',
    ]);
    expect(problems(objective('  - id: a\n    title: A\n    keep_above: 1\n    target: 2\n    current: 1\n'))).toEqual([
      '9:13 error mixed-measure: key result "a" has both "keep_above" (a guardrail) and "target": a guardrail is held, not reached, remove "target" or "keep_above"',
    ]);
    expect(problems(objective('  - id: a\n    title: A\n    keep_below: 1\n    done: true\n    current: 1\n'))[0]).toContain('has both "keep_below" (a guardrail) and "done"');
    expect(problems(objective('  - id: a\n    title: A\n    keep_below: 5\n'))).toEqual([
      '8:17 error incomplete-metric: key result "a" is a guardrail without "current": give the value it holds now, e.g. "current: 5"',
    ]);
    expect(problems(objective('  - id: a\n    title: A\n    keep_below: "5"\n    current: 1\n'))[0]).toContain('keep_below: expected a number, got the string "5"');
  });
});

describe('okr diff of a guardrail', () => {
  it('lists a changed bound and a crossed one', () => {
    const side = (keys: string) => ({
      model: buildWorkspaceModel([parse(objective(`  - id: p95\n    title: p95\n${keys}    unit: ms\n`))]),
      thresholds: DEFAULT_THRESHOLDS,
    });
    const diff = diffWorkspaces(side('    keep_below: 300\n    current: 250\n'), side('    keep_below: 200\n    current: 250\n'), { today: '2026-11-15' });
    expect(diff.keyResults.changed.map((change) => change.changes)).toEqual([[{ field: 'keepBelow', before: 300, after: 200 }]]);
    expect(diff.progress.map((p) => [p.id, p.before, p.after])).toContainEqual(['p95', { progress: 1, status: 'on-track' }, { progress: 0, status: 'off-track' }]);
    const swapped = diffWorkspaces(side('    keep_below: 300\n    current: 250\n'), side('    keep_above: 300\n    current: 250\n'), { today: '2026-11-15' });
    expect(swapped.keyResults.changed[0]!.changes).toEqual([
      { field: 'keepAbove', before: null, after: 300 },
      { field: 'keepBelow', before: 300, after: null },
    ]);
  });
});

describe('roll-ups', () => {
  it('read measure: rollup and contributes_to, and refuse a roll-up with a measure of its own', () => {
    const facts = parse(objective('  - id: users\n    title: Users\n    measure: rollup\n    contributes_to: company-users\n'));
    expect(facts.problems).toEqual([]);
    expect(facts.objective!.keyResults[0]).toMatchObject({ measure: { kind: 'rollup' }, contributesTo: { id: 'company-users', line: 9, column: 21 } });
    expect(problems(objective('  - id: a\n    title: A\n    measure: rollup\n    done: true\n'))).toEqual([
      '9:11 error mixed-measure: key result "a" is a roll-up ("measure: rollup") but also has "done": a roll-up takes its progress from the key results that contribute to it, remove it',
    ]);
    expect(problems(objective('  - id: a\n    title: A\n    measure: sum\n'))[0]).toContain('expected "rollup", got the text "sum"');
    expect(problems(objective('  - id: a\n    title: A\n    done: true\n    contributes_to: Not An Id\n'))[0]).toContain('"Not An Id" is not a valid id');
  });

  it('link contributors across files, report self-links and cycles, and compute long chains without recursion', () => {
    // One objective per file: a chain of 3,000 roll-ups across files, fed by one metric at 0.25.
    const n = 3000;
    const files = [];
    for (let i = 0; i < n; i++) files.push(parse(objective(`  - id: k${i}\n    title: K${i}\n    measure: rollup\n    contributes_to: k${i + 1}\n`, `o${i}`), `o${i}.md`));
    files.push(parse(objective(`  - id: k${n}\n    title: Last\n    measure: rollup\n`, 'last'), 'last.md'));
    files.push(parse(objective('  - id: leaf\n    title: Leaf\n    start: 0\n    target: 4\n    current: 1\n    contributes_to: k0\n', 'leaf'), 'leaf.md'));
    const model = buildWorkspaceModel(files);
    expect(model.problems).toEqual([]);
    const progress = computeAllKeyResultProgress(model);
    expect(progress.get(model.keyResultsById.get(`k${n}`)!)!.progress).toBe(0.25);

    const self = buildWorkspaceModel([parse(objective('  - id: a\n    title: A\n    done: true\n    contributes_to: a\n'))]);
    expect(self.problems.map((p) => `${p.rule}: ${p.message}`)).toEqual([
      'unknown-contributes-to: key result "a" names itself in "contributes_to": name the key result it counts toward, or remove the key',
    ]);
    expect(self.keyResultsById.get('a')!.invalid).toBe('it names itself in "contributes_to"');
  });

  it('survive the facts cache', () => {
    const facts = parse(
      objective('  - id: users\n    title: Users\n    measure: rollup\n  - id: up\n    title: Up\n    keep_below: 1\n    current: 0.5\n    unit: "%"\n    contributes_to: users\n'),
    );
    expect(decodeFacts(encodeFacts(facts)!, 'okr.md')).toEqual(facts);
  });
});
