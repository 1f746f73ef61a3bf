/** okr history's pure parts: sparklines, series from snapshots, and the CSV and Markdown (Mermaid) renderers with hostile titles. */
import { describe, expect, it } from 'vitest';
import { historySeries, sparkline, type HistorySeries, type HistorySnapshot, type ItemAt } from '../../src/compute/history.js';
import { mermaidText, renderHistoryCsv, renderHistoryMarkdown } from '../../src/render/history.js';

const item = (over: Partial<ItemAt>): ItemAt => ({ kind: 'keyResult', title: 'T', objective: 'o', progress: 0, expected: 0, status: 'on-track', ...over });
const snapshot = (date: string, commit: string | null, items: [string, ItemAt][]): HistorySnapshot => ({ date, commit, items: new Map(items) });

describe('sparkline', () => {
  it('maps 0..1 onto eight levels, clamps, and shows unknown progress as ·', () => {
    expect(sparkline([0, 0.124, 0.125, 0.5, 0.874, 0.875, 1, 1.5, -1, null])).toBe('▁▁▂▅▇███▁·');
  });
});

describe('historySeries', () => {
  it('an objective brings its key results; points only where the item is declared; the latest title', () => {
    const snapshots = [
      snapshot('2026-10-01', 'a', [['o', item({ kind: 'objective', objective: null, title: 'Old' })]]),
      snapshot('2026-10-02', 'b', [
        ['o', item({ kind: 'objective', objective: null, title: 'New', progress: 0.5 })],
        ['k', item({ progress: 0.5 })],
        ['x', item({ objective: 'other' })],
      ]),
    ];
    const { series, unknown, known } = historySeries(snapshots, ['o', 'zz']);
    expect(unknown).toEqual(['zz']);
    expect(known).toEqual(['o', 'k', 'x']);
    expect(series.map((s) => [s.id, s.title, s.points.map((p) => p.commit)])).toEqual([
      ['o', 'New', ['a', 'b']],
      ['k', 'T', ['b']],
    ]);
  });
});

const hostile: HistorySeries = {
  id: 'o',
  kind: 'objective',
  title: 'Break "the" chart ``` ]\n  line [100]\n%%{init}%% #quot; <b>x</b>',
  objective: null,
  points: [
    { date: '2026-10-01', commit: 'c'.repeat(40), progress: 0.25, expected: 0.1, status: 'on-track' },
    { date: '2026-10-30', commit: null, progress: null, expected: 0.3, status: 'invalid' },
  ],
};

describe('Markdown', () => {
  it('keeps hostile titles out of the Mermaid chart and the table', () => {
    const md = renderHistoryMarkdown([hostile]);
    const chart = md.slice(md.indexOf('```mermaid'));
    const lines = chart.split('\n');
    expect(lines.slice(0, 9)).toEqual([
      '```mermaid',
      'xychart-beta',
      `  title "${mermaidText(hostile.title!)}"`,
      '  x-axis ["2026-10-01", "working tree"]',
      '  y-axis "Progress (%)" 0 --> 100',
      '  line [25, 0]',
      '  line [10, 30]',
      '```',
      '',
    ]);
    expect(mermaidText(hostile.title!)).toBe('Break the chart line 100 init quot b x /b');
    // One fence only: the chart's own.
    expect(md.match(/```/g)).toHaveLength(2);
    expect(md).toContain('| working tree | — ⛔ invalid | 30% |');
  });

  it('mermaidText keeps letters of any script, cuts at 60 characters', () => {
    expect(mermaidText('Réduire le churn — 東京')).toBe('Réduire le churn 東京');
    expect([...mermaidText('x'.repeat(100))]).toHaveLength(60);
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    const csv = renderHistoryCsv([{ ...hostile, id: 'o', title: '=HYPERLINK("x"), "y"' }]);
    const lines = csv.split('\n');
    expect(lines[0]).toBe('id,kind,title,date,commit,progress,expected,status');
    expect(lines[1]).toBe(`o,objective,"'=HYPERLINK(""x""), ""y""",2026-10-01,${'c'.repeat(40)},0.25,0.1,on-track`);
    expect(lines[2]).toBe(`o,objective,"'=HYPERLINK(""x""), ""y""",2026-10-30,,,0.3,invalid`);
    expect(lines[3]).toBe('');
  });
});
