import { describe, expect, it } from 'vitest';
import { expectedFor, gradeOf, keyResultScore, objectiveScore, scoreDrifted } from '../../src/compute/score.js';
import { buildStatusReport } from '../../src/compute/report.js';
import { DEFAULT_THRESHOLDS } from '../../src/compute/health.js';
import { buildWorkspaceModel } from '../../src/model/link.js';
import { parsePeriodLabel } from '../../src/model/period.js';
import { parseOkrText } from '../../src/parse/file-facts.js';

describe('gradeOf: red [0, 0.4), yellow [0.4, 0.7), green [0.7, 1]', () => {
  it.each([
    [0, 'red'],
    [0.3, 'red'],
    [0.35, 'red'],
    [0.3999, 'red'],
    [0.4, 'yellow'],
    [0.7 - 0.1 * 3, 'yellow'], // 0.39999999999999997: float noise of 0.4
    [0.6, 'yellow'],
    [0.65, 'yellow'],
    [0.6999, 'yellow'],
    [0.7, 'green'],
    [0.1 * 7, 'green'],
    [1, 'green'],
  ] as const)('%s is %s', (score, grade) => {
    expect(gradeOf(score)).toBe(grade);
  });
});

describe('scores', () => {
  it('a key result scores its progress, or the score its file gives (manual while open, frozen once closed)', () => {
    expect(keyResultScore(0.42, null, false)).toEqual({ score: 0.42, source: 'computed' });
    expect(keyResultScore(0.42, 0.6, false)).toEqual({ score: 0.6, source: 'manual' });
    expect(keyResultScore(0.42, 0.6, true)).toEqual({ score: 0.6, source: 'frozen' });
    expect(keyResultScore(null, null, false)).toEqual({ score: null, source: 'computed' });
  });

  it("an objective scores the weighted mean of its key results' scores, leaving out those without one", () => {
    // (2 × 0.5 + 1 × 0.8) / 3 = 0.6
    expect(
      objectiveScore(
        [
          { weight: 2, score: 0.5 },
          { weight: 1, score: 0.8 },
          { weight: 5, score: null },
        ],
        null,
      ),
    ).toEqual({ score: 0.6, frozen: false, leftOut: 1 });
    expect(objectiveScore([{ weight: 1, score: null }], null)).toEqual({ score: null, frozen: false, leftOut: 1 });
    expect(objectiveScore([{ weight: 1, score: 0.2 }], 0.9)).toEqual({ score: 0.9, frozen: true, leftOut: 0 });
  });

  it('aspirational objectives are measured against 0.7 × expected', () => {
    expect(expectedFor('committed', 0.5)).toBe(0.5);
    expect(expectedFor('aspirational', 0.5)).toBeCloseTo(0.35, 12);
  });

  it('a frozen score drifts when the progress moved more than its rounding', () => {
    expect(scoreDrifted(0.724, 0.72)).toBe(false);
    expect(scoreDrifted(0.8, 0.72)).toBe(true);
  });
});

const q4 = parsePeriodLabel('2026-Q4')!;
function report(text: string, today = '2026-11-15') {
  const model = buildWorkspaceModel([parseOkrText('o.md', text)]);
  return buildStatusReport(model, { today, period: { kind: 'period', period: q4 }, owner: null, thresholds: DEFAULT_THRESHOLDS });
}

describe('the status report, hand-computed', () => {
  const file = (commitment: string) => `---
id: grow
title: Grow
period: 2026-Q4
${commitment}key_results:
  - id: signups
    title: Signups
    start: 0
    target: 100
    current: 20
  - id: launch
    title: Launch
    done: false
    weight: 3
    score: 0.5
---
`;

  it('on 2026-11-15 (expected 0.5) progress 0.2 is at risk when committed and on track when aspirational (0.35 expected)', () => {
    expect(report(file('')).objectives[0]!.keyResults[0]!.status).toBe('at-risk');
    const aspirational = report(file('commitment: aspirational\n')).objectives[0]!;
    expect(aspirational.commitment).toBe('aspirational');
    expect(aspirational.keyResults[0]!.status).toBe('on-track');
    expect(aspirational.expected).toBe(0.5); // the share of the period elapsed, as for every objective
  });

  it('scores: signups 0.2 computed, launch 0.5 by hand; the objective (1 × 0.2 + 3 × 0.5) / 4 = 0.425', () => {
    const objective = report(file('')).objectives[0]!;
    expect(objective.keyResults.map((kr) => [kr.score, kr.scoreSource])).toEqual([
      [0.2, 'computed'],
      [0.5, 'manual'],
    ]);
    expect(objective.score).toBeCloseTo(0.425, 12);
    expect(gradeOf(objective.score!)).toBe('yellow');
    expect(objective.closed).toBeNull();
  });

  it('a closed objective keeps its frozen scores', () => {
    const objective = report(file('closed: 2027-01-02\nscore: 0.35\nclose_note: Too ambitious\n'), '2027-01-10').objectives[0]!;
    expect(objective.closed).toBe('2027-01-02');
    expect(objective.score).toBe(0.35);
    expect(gradeOf(objective.score!)).toBe('red');
    expect(objective.closeNote).toBe('Too ambitious');
    expect(objective.keyResults[1]!.scoreSource).toBe('frozen');
  });

  it('rejects a score outside 0..1 and a closed date that is no date', () => {
    const facts = parseOkrText('o.md', file('closed: soon\nscore: 1.5\n'));
    expect(facts.problems.map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringContaining('closed'), expect.stringContaining('score: must be at most 1')]));
  });
});
