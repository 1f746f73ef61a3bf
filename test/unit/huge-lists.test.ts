/**
 * 200,000 problems, task items, key results and objectives through the model, the status report,
 * the diff and every renderer: each finishes with the right counts ("Maximum call stack size
 * exceeded" came from about 130,000), and Markdown reports stay within GitHub's limits, saying what
 * they cut. The facts are built directly: parsing that many items is tested elsewhere, and the
 * end-to-end case with 200,000 symbolic links is in test/e2e/huge-workspace.test.ts.
 * By default only the problems (the quickest) are 200,000, task items and key results 20,000, far
 * over what Markdown reports show; OKR_HUGE=1 makes them 200,000 too.
 */
import { describe, expect, it } from 'vitest';
import { HUGE } from '../helpers/property-runs.js';
import { DEFAULT_THRESHOLDS } from '../../src/compute/health.js';
import { diffWorkspaces, type WorkspaceDiff } from '../../src/compute/diff.js';
import { buildWorkspaceModel, type WorkspaceModel } from '../../src/model/link.js';
import type { FileFacts, KeyResultFacts, ObjectiveFacts, TaskFact } from '../../src/model/types.js';
import type { Problem } from '../../src/model/problem.js';
import { buildStatusReport, type StatusReport } from '../../src/compute/report.js';
import { renderDiffJson } from '../../src/render/diff-json.js';
import { renderDiffMarkdown } from '../../src/render/diff-markdown.js';
import { renderDiffText } from '../../src/render/diff-text.js';
import type { DiffLabels } from '../../src/render/diff-words.js';
import { renderGithubAnnotations } from '../../src/render/github-annotations.js';
import { renderStatusJson } from '../../src/render/json.js';
import { renderLintJson } from '../../src/render/lint-json.js';
import { renderLintText } from '../../src/render/lint-text.js';
import { renderStatusMarkdown } from '../../src/render/markdown.js';
import { COMMENT_LIMIT, DEFAULT_DIFF_MARKDOWN_LENGTH, DEFAULT_STATUS_MARKDOWN_LENGTH, JOB_SUMMARY_LIMIT } from '../../src/render/markdown-limits.js';
import { plainStyle } from '../../src/render/style.js';
import { renderProblemsText, renderStatusText } from '../../src/render/text.js';

const PROBLEMS = 200_000;
const N = HUGE ? 200_000 : 20_000;
const TODAY = '2026-11-15';
const Q4 = { label: '2026-Q4', start: '2026-10-01', end: '2026-12-31' };
const LABELS: DiffLabels = {
  base: { revision: 'main', commit: 'a'.repeat(40), description: 'main (aaaaaaaaaaaa)', note: null },
  head: { revision: null, commit: null, description: 'the working tree', note: null },
};

function keyResult(id: string, line: number, measure: KeyResultFacts['measure'] = { kind: 'tasks' }, weight = 1): KeyResultFacts {
  return {
    id,
    title: `Key result ${id}`,
    owner: null,
    weight,
    measure,
    line,
    column: 7,
    index: 0,
    invalid: null,
    checkins: [],
    score: null,
    progressAtClose: null,
    contributesTo: null,
  };
}

function objectiveFile(path: string, id: string, keyResults: KeyResultFacts[]): FileFacts {
  const objective: ObjectiveFacts = {
    id,
    title: `Objective ${id}`,
    owner: 'team',
    period: Q4,
    parent: null,
    progressFrom: null,
    cadenceDays: null,
    keyResults,
    line: 1,
    column: 1,
    invalid: null,
    commitment: 'committed',
    closed: null,
    score: null,
    closeNote: null,
  };
  return { path, role: 'objective', objective, fileLinks: [], idleLinks: [], tasks: [], problems: [] };
}

function taskFile(path: string, kr: string, count: number, state: (i: number) => TaskFact['state']): FileFacts {
  // Every task of a task file holds the file's links (one shared list).
  const fileLinks = [{ id: kr, line: 2, column: 5 }];
  const tasks: TaskFact[] = [];
  for (let i = 0; i < count; i++) {
    tasks.push({ line: i + 4, column: 1, checkboxOffset: 0, text: `Task ${i}`, state: state(i), parent: null, isGroup: false, links: fileLinks, linkedBy: 'file' });
  }
  return { path, role: 'tasks', objective: null, fileLinks, idleLinks: [], tasks, problems: [] };
}

function problemsFile(path: string, count: number): FileFacts {
  const problems: Problem[] = [];
  for (let i = 0; i < count; i++) {
    problems.push({ file: path, line: i + 4, column: 15, severity: i % 2 ? 'warning' : 'error', rule: 'unknown-kr', message: `"nope-${i}" is not a key result in this workspace` });
  }
  return { path, role: 'markdown', objective: null, fileLinks: [], idleLinks: [], tasks: [], problems };
}

function report(model: WorkspaceModel): StatusReport {
  return buildStatusReport(model, { today: TODAY, period: { kind: 'all' }, owner: null, thresholds: DEFAULT_THRESHOLDS });
}

function diff(base: WorkspaceModel, head: WorkspaceModel): WorkspaceDiff {
  return diffWorkspaces({ model: base, thresholds: DEFAULT_THRESHOLDS }, { model: head, thresholds: DEFAULT_THRESHOLDS }, { today: TODAY });
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const lineCount = (text: string, pattern: RegExp) => text.split('\n').filter((line) => pattern.test(line)).length;
/** The count in "… and 1,234 more <what>", or 0. */
function cutCount(markdown: string, what: string): number {
  const match = new RegExp(`… and ([\\d,]+) more ${what}`).exec(markdown);
  return match ? Number(match[1]!.replace(/,/g, '')) : 0;
}

/** A Markdown report within both of GitHub's limits by default (status: a job summary; diff: a comment). */
function expectWithin(markdown: string, limit: number): void {
  expect(bytes(markdown)).toBeLessThanOrEqual(limit);
  expect(markdown).toContain('shortened to fit in');
  expect(markdown.endsWith('\n')).toBe(true);
}

describe('200,000 problems', () => {
  const N = PROBLEMS;
  const base = buildWorkspaceModel([objectiveFile('o.md', 'o', [keyResult('k', 7, { kind: 'milestone', done: true })])]);
  const head = buildWorkspaceModel([objectiveFile('o.md', 'o', [keyResult('k', 7, { kind: 'milestone', done: true })]), problemsFile('p.md', N)]);
  const status = report(head);

  it('are all in the model and the status report', () => {
    expect(head.problems).toHaveLength(N);
    expect(status.problems).toHaveLength(N);
  });

  it('status: text, json and markdown', () => {
    expect(renderStatusText(status, { style: plainStyle, width: null })).toContain('1 objective');
    const text = renderProblemsText(status.problems, plainStyle);
    expect(lineCount(text, /\(unknown-kr\)$/)).toBe(N);
    expect(text.endsWith('100000 errors, 100000 warnings\n')).toBe(true);
    expect((JSON.parse(renderStatusJson(status)) as { problems: unknown[] }).problems).toHaveLength(N);

    const markdown = renderStatusMarkdown(status, { linkBase: null });
    expectWithin(markdown, DEFAULT_STATUS_MARKDOWN_LENGTH);
    expect(markdown).toContain('100000 errors, 100000 warnings (run `okr lint` for details).');
    const shown = lineCount(markdown, /^- (❌ error|⚠️ warning) /);
    expect(shown).toBeGreaterThan(1000);
    expect(shown + cutCount(markdown, 'problems')).toBe(N);
    expect(markdown).toMatch(/… and [\d,]+ more problems; run `okr lint` to see them all\./);
    expect(bytes(renderStatusMarkdown(status, { linkBase: null, maxLength: 60_000 }))).toBeLessThanOrEqual(60_000);
  });

  it('lint: text, json and github', () => {
    const text = renderLintText(status.problems, { style: plainStyle, sourceLine: () => null });
    expect(lineCount(text, /\(unknown-kr\)$/)).toBe(N);
    expect(text).toContain('200000 problems (100000 errors, 100000 warnings)');
    const json = JSON.parse(renderLintJson(status.problems)) as { errorCount: number; warningCount: number; problems: unknown[] };
    expect([json.errorCount, json.warningCount, json.problems.length]).toEqual([N / 2, N / 2, N]);
    const github = renderGithubAnnotations(status.problems, { repositoryPath: (file) => file });
    expect(lineCount(github, /^::(error|warning) file=p\.md,/)).toBe(N);
  });

  it('diff: text, json and markdown', () => {
    const changes = diff(base, head);
    expect(changes.problems.introduced).toHaveLength(N);
    expect(lineCount(renderDiffText(changes, { ...LABELS, style: plainStyle }), /^ {2}new {4}p\.md:/)).toBe(N);
    expect((JSON.parse(renderDiffJson(changes, LABELS)) as { problems: { introduced: unknown[] } }).problems.introduced).toHaveLength(N);
    const markdown = renderDiffMarkdown(changes, { ...LABELS, linkBase: null });
    expectWithin(markdown, DEFAULT_DIFF_MARKDOWN_LENGTH);
    expect(DEFAULT_DIFF_MARKDOWN_LENGTH).toBeLessThan(COMMENT_LIMIT);
    const shown = lineCount(markdown, /^- 🆕 /);
    expect(shown).toBeGreaterThan(100);
    expect(shown + cutCount(markdown, 'problems')).toBe(N);
    expect(markdown).toContain(`<summary>200,000 problems, ${shown.toLocaleString('en-US')} shown</summary>`);
  });
});

describe(`${N.toLocaleString('en-US')} task items`, () => {
  const objective = objectiveFile('o.md', 'o', [keyResult('k', 7)]);
  const base = buildWorkspaceModel([objective, taskFile('t.md', 'k', N, () => 'open')]);
  const head = buildWorkspaceModel([objective, taskFile('t.md', 'k', N, (i) => (i % 2 ? 'open' : 'done'))]);
  const status = report(head);

  it('all count toward their key result', () => {
    expect(head.keyResultsById.get('k')!.tasks).toHaveLength(N);
    expect(status.objectives[0]!.keyResults[0]!.progress).toBe(0.5);
  });

  it('status: text, json and markdown', () => {
    expect(renderStatusText(status, { style: plainStyle, width: null })).toContain(`${N / 2} of ${N} tasks`);
    const json = JSON.parse(renderStatusJson(status)) as { objectives: { keyResults: { tasks: { done: number; total: number } }[] }[] };
    expect(json.objectives[0]!.keyResults[0]!.tasks).toMatchObject({ done: N / 2, total: N });
    expect(renderStatusMarkdown(status, { linkBase: null })).toContain(`${N / 2} of ${N} tasks`);
  });

  it('diff: text, json and markdown', () => {
    const changes = diff(base, head);
    expect(changes.tasks).toHaveLength(N / 2);
    expect(lineCount(renderDiffText(changes, { ...LABELS, style: plainStyle }), /^ {2}completed {2}t\.md:/)).toBe(N / 2);
    expect((JSON.parse(renderDiffJson(changes, LABELS)) as { tasks: unknown[] }).tasks).toHaveLength(N / 2);
    const markdown = renderDiffMarkdown(changes, { ...LABELS, linkBase: null });
    expectWithin(markdown, DEFAULT_DIFF_MARKDOWN_LENGTH);
    const shown = lineCount(markdown, /^- ✅ Completed: /);
    expect(shown).toBeGreaterThan(100);
    expect(shown + cutCount(markdown, 'tasks')).toBe(N / 2);
    // The progress table is short: it is not cut.
    expect(markdown).toContain('| ↳ [k](o.md) Key result k | 0% | 50% | +50 |');
  });
});

describe(`${N.toLocaleString('en-US')} key results`, () => {
  const many = (weight: (i: number) => number) => {
    const keyResults: KeyResultFacts[] = [];
    for (let i = 0; i < N; i++) keyResults.push(keyResult(`k${i}`, i + 7, { kind: 'milestone', done: i % 2 === 0 }, weight(i)));
    return keyResults;
  };
  const base = buildWorkspaceModel([objectiveFile('o.md', 'o', [])]);
  const head = buildWorkspaceModel([
    objectiveFile(
      'o.md',
      'o',
      many((i) => (i % 2 ? 1 : 3)),
    ),
  ]);
  const status = report(head);

  it('in one objective: weighted progress', () => {
    expect(status.objectives[0]!.keyResults).toHaveLength(N);
    expect(status.objectives[0]!.progress).toBeCloseTo(0.75, 9);
  });

  it('status: text, json and markdown', () => {
    const text = renderStatusText(status, { style: plainStyle, width: null });
    expect(lineCount(text, /• k\d+ · Key result/)).toBe(N);
    expect(text).toContain(`1 objective, ${N} key results`);
    expect((JSON.parse(renderStatusJson(status)) as { objectives: { keyResults: unknown[] }[] }).objectives[0]!.keyResults).toHaveLength(N);
    const markdown = renderStatusMarkdown(status, { linkBase: null });
    expectWithin(markdown, DEFAULT_STATUS_MARKDOWN_LENGTH);
    const shown = lineCount(markdown, /^\| \[`k\d+`\]/);
    expect(shown).toBeGreaterThan(1000);
    expect(shown + cutCount(markdown, 'key results')).toBe(N);
    expect(markdown).toMatch(/… and [\d,]+ more key results not shown in detail; run `okr status` to see them all\./);
  });

  it('diff: text, json and markdown', () => {
    const changes = diff(base, head);
    expect(changes.keyResults.added).toHaveLength(N);
    expect(lineCount(renderDiffText(changes, { ...LABELS, style: plainStyle }), /^ {2}\+ key result k\d+ /)).toBe(N);
    expect((JSON.parse(renderDiffJson(changes, LABELS)) as { keyResults: { added: unknown[] } }).keyResults.added).toHaveLength(N);
    const markdown = renderDiffMarkdown(changes, { ...LABELS, linkBase: null });
    expectWithin(markdown, DEFAULT_DIFF_MARKDOWN_LENGTH);
    const shown = lineCount(markdown, /^- ➕ Added key result /);
    expect(shown + cutCount(markdown, 'changes')).toBe(N);
  });
});

describe('20,000 objectives', () => {
  // Fewer: each objective costs more than a problem or a task, and 20,000 make a report of megabytes.
  const M = 20_000;
  const files: FileFacts[] = [];
  for (let i = 0; i < M; i++) files.push(objectiveFile(`o${i}.md`, `o${i}`, [keyResult(`k${i}`, 7, { kind: 'milestone', done: i % 4 === 0 })]));
  const status = report(buildWorkspaceModel(files));

  it('status: text, json and markdown', () => {
    expect(lineCount(renderStatusText(status, { style: plainStyle, width: null }), /^o\d+ · Objective/)).toBe(M);
    expect((JSON.parse(renderStatusJson(status)) as { objectives: unknown[] }).objectives).toHaveLength(M);
    for (const maxLength of [DEFAULT_STATUS_MARKDOWN_LENGTH, DEFAULT_DIFF_MARKDOWN_LENGTH, 4096]) {
      const markdown = renderStatusMarkdown(status, { linkBase: null, maxLength });
      expectWithin(markdown, maxLength);
      expect(maxLength).toBeLessThanOrEqual(JOB_SUMMARY_LIMIT);
      const rows = lineCount(markdown, /^\| \[`o\d+`\]/);
      expect(rows + cutCount(markdown, 'objectives;')).toBe(M);
      const sections = lineCount(markdown, /^### Objective o\d+$/);
      expect(sections + cutCount(markdown, 'objectives and')).toBe(M);
    }
  });
});
