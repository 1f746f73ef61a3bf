import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-in-process.js';
import { FIXTURES } from '../helpers/run-cli.js';

const workspace = path.join(FIXTURES, 'scores/workspace');
const score = (...args: string[]) => runInProcess(['score', ...args, '--today', '2026-11-15'], { cwd: workspace });

describe('okr score (hand-computed, test/fixtures/scores/README.md)', () => {
  it('gives scores and grades at the band boundaries, as JSON', async () => {
    const result = await score('2026-Q4', '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      schemaVersion: number;
      period: string;
      closed: boolean;
      objectives: { id: string; commitment: string; score: number; grade: string; keyResults: { id: string; score: number; grade: string; scoreSource: string }[] }[];
    };
    expect(Object.keys(json)).toEqual(['schemaVersion', 'period', 'closed', 'objectives']);
    expect(json).toMatchObject({ schemaVersion: 2, period: '2026-Q4', closed: false });
    expect(json.objectives.map((o) => o.id)).toEqual(['launch', 'moonshot']);
    const [launch, moonshot] = json.objectives;
    expect(launch!.score).toBeCloseTo(0.68, 12);
    expect(launch!.grade).toBe('yellow');
    expect(launch!.keyResults.map((kr) => [kr.id, kr.score, kr.grade, kr.scoreSource])).toEqual([
      ['signups-35', 0.35, 'red', 'computed'],
      ['signups-40', 0.4, 'yellow', 'computed'],
      ['docs', 1, 'green', 'computed'],
      ['overshoot', 1, 'green', 'computed'],
      ['review', 0.65, 'yellow', 'manual'],
    ]);
    expect(moonshot!.commitment).toBe('aspirational');
    expect(moonshot!.score).toBeCloseTo(0.175, 12);
    expect(moonshot!.grade).toBe('red');
    expect(moonshot!.keyResults[0]!.score).toBeCloseTo(0.7, 12);
    expect(moonshot!.keyResults[0]!.grade).toBe('green');
  });

  it('labels an open period as the projection if closed today, and picks the quarter when a year is current too', async () => {
    const result = await score();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Scores of 2026-Q4: projection if closed today (2026-11-15)');
    expect(result.stdout).toContain('0.68 yellow launch  Launch the new plan');
    expect(result.stdout).toContain('0.18 red    moonshot  Make it instant  (aspirational)');
    expect(result.stdout).toContain('0.65 yellow review  Review with sales  (set by hand)');
    expect(result.stdout).toContain('Grades: red below 0.4, yellow from 0.4 to below 0.7, green from 0.7.');
  });

  it('writes a Markdown table', async () => {
    const result = await score('2026-Q4', '--format', 'markdown');
    expect(result.stdout).toContain('## Scores of 2026-Q4: projection if closed today \\(2026-11-15\\)');
    expect(result.stdout).toContain('| **`launch`** Launch the new plan | 0.68 | 🟡 yellow |   |');
  });

  it('refuses text that is no period', async () => {
    const result = await score('soon');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('okr: expected a period (YYYY-Qn, YYYY-Hn, YYYY or YYYY-MM) or current, got "soon"\n');
  });
});
