/**
 * Numbers people can trust: everything a workspace declares is counted, or shown in the report as
 * not counted with the reason. The cases the trust issue was filed with, each with numbers worked
 * out by hand in the comments: a period typo under a parent (status and `okr diff`), six common
 * mistakes in one objective, a key-result id used in two files (and the edits that refuse it), a
 * parent with both key results and aligned objectives, and a link naming an unknown key result
 * with no task under it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createRepo, GIT_ENV, type TempRepo } from '../helpers/git-repo.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';

const TODAY = ['--today', '2026-11-15'];

interface JsonKeyResult {
  id: string | null;
  progress: number | null;
  status: string;
  invalid: string | null;
  tasks?: { total: number; done: number };
}
interface JsonObjective {
  id: string | null;
  file: string;
  progress: number | null;
  status: string;
  invalid: string | null;
  incomplete: { invalidKeyResults: number; incompleteKeyResults: number; keyResults: number; invalidObjectives: number; incompleteObjectives: number; objectives: number } | null;
  progressFrom: string;
  keyResults: JsonKeyResult[];
}
interface JsonReport {
  schemaVersion: number;
  summary: { objectives: number; invalidObjectives: number; incompleteObjectives: number; keyResults: number; keyResultsByStatus: Record<string, number> };
  objectives: JsonObjective[];
  problems: { file: string; line: number; column: number; rule: string; message: string }[];
}

const objective = (id: string, lines: string) => `---\ntype: objective\nid: ${id}\ntitle: Objective ${id}\nperiod: 2026-Q4\n${lines}---\n`;

/** A company objective measured by four aligned children (progress in the comments). */
function companyFiles(): Record<string, string> {
  return {
    'okr.config.yaml': 'thresholds:\n  on_track: 0.15\n',
    'objectives/company.md': objective('company', ''),
    // (30 - 0) / (100 - 0) = 0.3
    'objectives/a.md': objective('a', 'parent: company\nkey_results:\n  - {id: a1, title: A1, start: 0, target: 100, current: 30}\n'),
    // done: 1
    'objectives/b.md': objective('b', 'parent: company\nkey_results:\n  - {id: b1, title: B1, done: true}\n'),
    // (70 - 0) / (100 - 0) = 0.7
    'objectives/c.md': objective('c', 'parent: company\nkey_results:\n  - {id: c1, title: C1, start: 0, target: 100, current: 70}\n'),
    // not done: 0
    'objectives/d.md': objective('d', 'parent: company\nkey_results:\n  - {id: d1, title: D1, done: false}\n'),
  };
}

describe('a period typo in two aligned objectives', () => {
  let repo: TempRepo;
  const okr = (args: string[]) => runInProcess(args, { cwd: repo.dir, env: { ...process.env, ...GIT_ENV, GITHUB_WORKSPACE: undefined } });

  beforeAll(() => {
    repo = createRepo();
    for (const [file, text] of Object.entries(companyFiles())) repo.write(file, text);
    repo.commit('OKRs');
    repo.edit('objectives/b.md', 'period: 2026-Q4', 'period: Q4 2026');
    repo.edit('objectives/c.md', 'period: 2026-Q4', 'period: Q4 2026');
  });
  afterAll(() => repo.cleanup());

  it('keeps both in the report as invalid, and marks the parent incomplete', async () => {
    const result = await okr(['status', '--json', ...TODAY]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.schemaVersion).toBe(2);
    expect(report.objectives.map((o) => o.id)).toEqual(['company', 'a', 'b', 'c', 'd']);
    const byId = (id: string) => report.objectives.find((o) => o.id === id)!;
    for (const id of ['b', 'c']) {
      expect(byId(id)).toMatchObject({
        progress: null,
        status: 'invalid',
        invalid: '"Q4 2026" is not a period: use YYYY-Qn, YYYY-Hn, YYYY or YYYY-MM, or "start" and "end" dates',
      });
      expect(byId(id).keyResults[0]).toMatchObject({ progress: null, status: 'invalid', invalid: 'its objective has no period that can be read' });
    }
    // Before: (0.3 + 1 + 0.7 + 0) / 4 = 0.5. Now over the two that count: (0.3 + 0) / 2 = 0.15, marked.
    expect(byId('company')).toMatchObject({
      progress: 0.15,
      status: 'off-track', // expected 0.5: a gap of 0.35 is over at_risk (0.30)
      incomplete: { invalidKeyResults: 0, incompleteKeyResults: 0, keyResults: 0, invalidObjectives: 2, incompleteObjectives: 0, objectives: 4 },
    });
  });

  it('says so in text and Markdown, and counts invalid items apart', async () => {
    const text = await okr(['status', ...TODAY]);
    expect(text.stdout).toContain('incomplete: 2 invalid of 4 aligned objectives');
    expect(text.stdout).toMatch(/b · Objective b +·········· +— +invalid +not counted: "Q4 2026" is not a period/);
    expect(text.stdout).toContain('5 objectives (2 invalid, 1 incomplete), 4 key results: 1 at risk, 1 off track, 2 invalid');
    const markdown = await okr(['status', '--format', 'markdown', ...TODAY]);
    expect(markdown.stdout).toContain('⚠️ incomplete: 2 invalid of 4 aligned objectives');
    expect(markdown.stdout).toContain('⛔ invalid');
    expect(markdown.stdout).toContain('not counted: "Q4 2026" is not a period');
  });

  it('okr diff says they became invalid, never removed', async () => {
    const result = await okr(['diff', 'HEAD', '--format', 'json', ...TODAY]);
    const diff = JSON.parse(result.stdout) as {
      schemaVersion: number;
      objectives: { added: unknown[]; removed: unknown[] };
      keyResults: { added: unknown[]; removed: unknown[] };
      progress: { id: string; validity: string | null; reason: string | null; before: { progress: number | null }; after: { progress: number | null }; delta: number | null }[];
    };
    expect(diff.schemaVersion).toBe(2);
    expect(diff.objectives).toMatchObject({ added: [], removed: [] });
    expect(diff.keyResults).toMatchObject({ added: [], removed: [] });
    const change = (id: string) => diff.progress.find((p) => p.id === id)!;
    expect(change('b')).toMatchObject({ validity: 'became-invalid', before: { progress: 1 }, after: { progress: null }, delta: null });
    expect(change('b').reason).toContain('"Q4 2026" is not a period');
    expect(change('company')).toMatchObject({ validity: null, before: { progress: 0.5 }, after: { progress: 0.15 } });

    const text = await okr(['diff', 'HEAD', ...TODAY]);
    expect(text.stdout).not.toContain('removed');
    expect(text.stdout).toContain('4 items became invalid');
    expect(text.stdout).toMatch(/ b +100% → +— +done → invalid +became invalid: "Q4 2026" is not a period/);
    const markdown = await okr(['diff', 'HEAD', '--format', 'markdown', ...TODAY]);
    expect(markdown.stdout).toContain('became invalid: "Q4 2026" is not a period');
  });

  it('says valid again when the typo is fixed', async () => {
    repo.commit('Typo');
    repo.edit('objectives/b.md', 'period: Q4 2026', 'period: 2026-Q4');
    const result = await okr(['diff', 'HEAD', '--format', 'json', ...TODAY]);
    const diff = JSON.parse(result.stdout) as { progress: { id: string; validity: string | null }[] };
    expect(diff.progress.filter((p) => p.validity === 'became-valid').map((p) => p.id)).toEqual(['b', 'b1']);
    expect((await okr(['diff', 'HEAD', ...TODAY])).stdout).toContain('2 items became valid again');
  });
});

describe('six common mistakes in one objective', () => {
  let w: TempWorkspace;
  beforeAll(() => {
    w = tempWorkspace({
      'objectives/six.md': `---
type: objective
id: six
title: Six mistakes
period: 2026-Q4
key_results:
  - {id: a, title: A, start: 0, target: "10"}
  - {id: b, title: B, start: 0, target: 100, current: 27%}
  - {id: c, title: C, start: 0, targte: 10, current: 5}
  - {id: d, start: 0, target: 10}
  - {id: Bad Id, title: E, done: true}
  - {id: f, title: F, done: yes}
  - {id: g, title: G, done: true}
---
`,
    });
  });
  afterAll(() => w.cleanup());

  it('shows all seven, six invalid with their reason, and never "100% done" from the seventh', async () => {
    const result = await runInProcess(['status', '--json', ...TODAY], { cwd: w.dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    const six = report.objectives[0]!;
    expect(six.keyResults.map((kr) => [kr.id, kr.status])).toEqual([
      ['a', 'invalid'],
      ['b', 'invalid'],
      ['c', 'invalid'],
      ['d', 'invalid'],
      ['Bad Id', 'invalid'],
      ['f', 'invalid'],
      ['g', 'done'],
    ]);
    expect(six.keyResults.map((kr) => kr.invalid)).toEqual([
      'key_results[0].target: expected a number, got the string "10": write it without quotes',
      'key_results[1].current: expected a number, got the text "27%"',
      'key result "c" is a metric without "target": a metric needs "start" and "target"',
      'key_results[3].title: is required',
      'key_results[4].id: "Bad Id" is not a valid id: use lowercase letters, digits, ".", "_" and "-", starting with a letter or digit',
      'key_results[5].done: expected true or false, got the text "yes"',
      null,
    ]);
    // Progress over the one that counts is 1, but the objective is incomplete: never done.
    expect(six).toMatchObject({ progress: 1, status: 'on-track', incomplete: { invalidKeyResults: 6, keyResults: 7 } });
    expect(report.summary).toEqual({ objectives: 1, invalidObjectives: 0, incompleteObjectives: 1, keyResults: 7, filesNotRead: [], keyResultsByStatus: { done: 1, invalid: 6 } });
    const text = await runInProcess(['status', ...TODAY], { cwd: w.dir });
    expect(text.stdout).toContain('six · Six mistakes   ██████████  100%  on track  incomplete: 6 of 7 key results invalid');
    expect(text.stdout).toContain('• d · (no title)');
    expect(text.stdout).toContain('1 objective (1 incomplete), 7 key results: 1 done, 6 invalid');
  });

  it('okr lint finds all of them in one run', async () => {
    const result = await runInProcess(['lint', '--format', 'json'], { cwd: w.dir });
    const lint = JSON.parse(result.stdout) as { problems: { line: number; rule: string }[] };
    expect(lint.problems.map((p) => `${p.line} ${p.rule}`)).toEqual(['7 schema', '8 schema', '9 incomplete-metric', '9 unknown-key', '10 schema', '11 schema', '12 schema']);
  });
});

describe('a key-result id declared in two files', () => {
  let w: TempWorkspace;
  const files = {
    'objectives/a.md': objective('a', 'key_results:\n  - {id: shared, title: Original}\n'),
    'objectives/b.md': objective('b', 'key_results:\n  - {id: shared, title: Copy}\n  - {id: other, title: Other, done: false}\n'),
    'tasks/shared.md': '---\nkr: shared\n---\n- [x] One\n- [ ] Two\n',
  };
  beforeAll(() => {
    w = tempWorkspace(files);
  });
  afterAll(() => w.cleanup());

  it('is an error at both declarations; neither copy counts or takes the tasks', async () => {
    const result = await runInProcess(['status', '--json', ...TODAY], { cwd: w.dir });
    const report = JSON.parse(result.stdout) as JsonReport;
    const copies = report.objectives.flatMap((o) => o.keyResults).filter((kr) => kr.id === 'shared');
    expect(copies).toHaveLength(2);
    for (const kr of copies) expect(kr).toMatchObject({ progress: null, status: 'invalid', invalid: 'its id "shared" is declared 2 times' });
    expect(copies.every((kr) => kr.tasks === undefined)).toBe(true);
    expect(report.problems.filter((p) => p.rule === 'duplicate-id').map((p) => `${p.file}:${p.line}:${p.column}`)).toEqual([
      'objectives/a.md:7:10',
      'objectives/b.md:7:10',
      'tasks/shared.md:2:5',
    ]);
    // Objective a counts nothing: unknown; b counts "other" (0) and is incomplete.
    expect(report.objectives.map((o) => [o.id, o.progress, o.status])).toEqual([
      ['a', null, 'invalid'],
      ['b', 0, 'off-track'],
    ]);
  });

  it.each([[['checkin', 'shared', '5']], [['done', '--kr', 'shared', 'Two']], [['new', 'task', 'shared', '--title', 'Three']]])(
    'okr %j refuses, listing the declarations, and writes nothing',
    async (args) => {
      const before = w.snapshot();
      const result = await runInProcess(args[0] === 'checkin' ? [...args, ...TODAY] : args, { cwd: w.dir });
      expect(result).toEqual({
        stdout: '',
        stderr: 'okr: key result id "shared" is declared 2 times (objectives/a.md:7:10, objectives/b.md:7:10): rename all but one before editing it\n',
        code: 1,
      });
      expect(w.snapshot()).toEqual(before);
    },
  );
});

describe('an objective with key results and aligned objectives', () => {
  // p: key results 0.5 (metric) and 1 (milestone); child q: 1 of 4 tasks done = 0.25.
  const files = (progressFrom: string) => ({
    'objectives/p.md': objective(
      'p',
      `${progressFrom ? `progress_from: ${progressFrom}\n` : ''}key_results:\n  - {id: p1, title: P1, start: 0, target: 10, current: 5}\n  - {id: p2, title: P2, done: true}\n`,
    ),
    'objectives/q.md': objective('q', 'parent: p\nkey_results:\n  - {id: q1, title: Q1}\n'),
    'tasks/q1.md': '---\nkr: q1\n---\n- [x] a\n- [ ] b\n- [ ] c\n- [ ] d\n',
  });
  it.each([
    // Both, by default: (0.5 + 1 + 0.25) / 3 = 0.58333…, with a warning.
    ['', 'both', 1.75 / 3, ['progress-from-ambiguous']],
    ['both', 'both', 1.75 / 3, []],
    ['key_results', 'key_results', 0.75, []],
    ['children', 'children', 0.25, []],
  ])('progress_from %j counts %s', async (given, from, progress, rules) => {
    const w = tempWorkspace(files(given));
    try {
      const report = JSON.parse((await runInProcess(['status', '--json', ...TODAY], { cwd: w.dir })).stdout) as JsonReport;
      const p = report.objectives.find((o) => o.id === 'p')!;
      expect(p.progressFrom).toBe(from);
      expect(p.progress).toBeCloseTo(progress, 12);
      expect(report.problems.map((x) => x.rule)).toEqual(rules);
    } finally {
      w.cleanup();
    }
  });
});

describe('one problem never hides another', () => {
  it('reports an unknown key result in a section link with no task under it', async () => {
    const w = tempWorkspace({
      'objectives/o.md': objective('o', 'key_results:\n  - {id: k, title: K, done: false}\n'),
      'notes/plan.md': '# Plan\n\n## Later <!-- kr: nope -->\n\nNothing yet.\n\n- a list item <!-- kr: also-nope -->\n',
    });
    try {
      const result = await runInProcess(['lint', '--format', 'json'], { cwd: w.dir });
      const lint = JSON.parse(result.stdout) as { problems: { file: string; line: number; column: number; rule: string }[] };
      expect(lint.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule}`)).toEqual(['notes/plan.md:3:10 unknown-kr', 'notes/plan.md:7:15 unknown-kr']);
      expect(result.code).toBe(1);
    } finally {
      w.cleanup();
    }
  });

  it('links tasks to a key result with a schema error, and still finds its duplicate', async () => {
    const w = tempWorkspace({
      'objectives/o.md': objective('o', 'key_results:\n  - {id: k, title: K, weight: heavy}\n'),
      'objectives/p.md': objective('p', 'key_results:\n  - {id: k, title: K again, done: false}\n'),
      'tasks/k.md': '---\nkr: k\n---\n- [ ] a\n',
    });
    try {
      const result = await runInProcess(['lint', '--format', 'json'], { cwd: w.dir });
      const lint = JSON.parse(result.stdout) as { problems: { file: string; rule: string }[] };
      expect(lint.problems.map((p) => `${p.file} ${p.rule}`)).toEqual([
        'objectives/o.md duplicate-id',
        'objectives/o.md schema',
        'objectives/p.md duplicate-id',
        'tasks/k.md duplicate-id',
      ]);
    } finally {
      w.cleanup();
    }
  });

  it('shows an objective whose front-matter has a YAML error, named by its file', async () => {
    const w = tempWorkspace({ 'objectives/broken.md': '---\ntype: objective\nid: broken\ntitle: "unclosed\nperiod: 2026-Q4\n---\n' });
    try {
      const report = JSON.parse((await runInProcess(['status', '--json', ...TODAY], { cwd: path.join(w.dir) })).stdout) as JsonReport;
      expect(report.objectives.map((o) => [o.file, o.status, o.progress])).toEqual([['objectives/broken.md', 'invalid', null]]);
    } finally {
      w.cleanup();
    }
  });
});

describe('edits of invalid items are refused', () => {
  it('okr checkin and okr new kr refuse an item whose objective has no readable period, and write nothing', async () => {
    const w = tempWorkspace({ 'objectives/o.md': objective('o', 'key_results:\n  - {id: k, title: K, start: 0, target: 10}\n').replace('period: 2026-Q4', 'period: Q4 2026') });
    try {
      const before = w.snapshot();
      const checkin = await runInProcess(['checkin', 'k', '5', ...TODAY], { cwd: w.dir });
      expect(checkin).toEqual({
        stdout: '',
        stderr: 'okr: key result "k" (objectives/o.md:7:10) is invalid: its objective has no period that can be read: fix it first (okr lint lists the problems)\n',
        code: 1,
      });
      const newKr = await runInProcess(['new', 'kr', 'o', '--title', 'More', '--measure', 'milestone'], { cwd: w.dir });
      expect(newKr.code).toBe(1);
      expect(newKr.stderr).toBe(
        'okr: objective "o" (objectives/o.md:3:5) is invalid: "Q4 2026" is not a period: use YYYY-Qn, YYYY-Hn, YYYY or YYYY-MM, or "start" and "end" dates: fix it first (okr lint lists the problems)\n',
      );
      expect(w.snapshot()).toEqual(before);
    } finally {
      w.cleanup();
    }
  });
});

describe('okr diff of a key result that became invalid', () => {
  it('lists no invented field changes, only that it became invalid', async () => {
    const repo = createRepo();
    try {
      repo.write('objectives/o.md', objective('o', 'key_results:\n  - {id: k, title: K, start: 0, target: 10, current: 4, unit: min}\n'));
      repo.commit('OKRs');
      repo.edit('objectives/o.md', 'current: 4', 'current: 4%');
      const result = await runInProcess(['diff', 'HEAD', '--json', ...TODAY], { cwd: repo.dir, env: { ...process.env, ...GIT_ENV, GITHUB_WORKSPACE: undefined } });
      const diff = JSON.parse(result.stdout) as { keyResults: { changed: unknown[] }; progress: { id: string; validity: string | null }[] };
      expect(diff.keyResults.changed).toEqual([]);
      expect(diff.progress.map((p) => [p.id, p.validity])).toEqual([
        ['o', 'became-invalid'],
        ['k', 'became-invalid'],
      ]);
    } finally {
      repo.cleanup();
    }
  });
});

describe('a file that looks meant to count but is not read', () => {
  it('is named in the report itself, not only on stderr', async () => {
    const w = tempWorkspace({
      'objectives/o.md': objective('o', 'key_results:\n  - {id: k, title: K, done: true}\n'),
      'objectives/hidden.md': `\n${objective('hidden', 'key_results:\n  - {id: h, title: H, done: false}\n')}`,
    });
    try {
      const text = await runInProcess(['status', ...TODAY], { cwd: w.dir });
      expect(text.stdout).toContain('\n1 file looks meant to count but is not read: objectives/hidden.md (see okr lint)\n');
      expect(text.stderr).toContain('front-matter-not-at-start');
      const json = JSON.parse((await runInProcess(['status', '--json', ...TODAY], { cwd: w.dir })).stdout) as { summary: { filesNotRead: string[] } };
      expect(json.summary.filesNotRead).toEqual(['objectives/hidden.md']);
      const markdown = await runInProcess(['status', '--format', 'markdown', ...TODAY], { cwd: w.dir });
      expect(markdown.stdout).toContain('⚠️ 1 file looks meant to count but is not read: objectives/hidden.md \\(see okr lint\\)');
    } finally {
      w.cleanup();
    }
  });
});

describe('an objective id declared twice', () => {
  it('okr new objective --parent refuses it, listing the declarations', async () => {
    const w = tempWorkspace({ 'objectives/a.md': objective('same', ''), 'objectives/b.md': objective('same', '') });
    try {
      const before = w.snapshot();
      const result = await runInProcess(['new', 'objective', '--title', 'Child', '--period', '2026-Q4', '--parent', 'same'], { cwd: w.dir });
      expect(result).toEqual({
        stdout: '',
        stderr: 'okr: --parent "same" is declared 2 times (objectives/a.md:3:5, objectives/b.md:3:5): rename all but one before aligning under it\n',
        code: 1,
      });
      expect(w.snapshot()).toEqual(before);
    } finally {
      w.cleanup();
    }
  });
});

describe('review of guardrails and closed periods', () => {
  it('okr due lists a held guardrail that owes a check-in (a guardrail is never done)', async () => {
    const w = tempWorkspace({
      'objectives/o.md': objective('o', 'owner: ops\nkey_results:\n  - {id: uptime, title: Uptime, keep_above: 99.9, current: 99.95, unit: "%"}\n'),
    });
    try {
      const result = await runInProcess(['due', '--json', ...TODAY], { cwd: w.dir });
      const due = JSON.parse(result.stdout) as { due: { id: string; daysSince: number; cadenceDays: number }[] };
      // No check-in: due once 7 days (weekly) have passed since the period started (2026-10-01).
      expect(due.due).toEqual([expect.objectContaining({ id: 'uptime', daysSince: 45, cadenceDays: 7 })]);
    } finally {
      w.cleanup();
    }
  });

  it('okr diff reports a close: the closing date and the frozen scores', async () => {
    const repo = createRepo();
    try {
      repo.write('objectives/o.md', objective('o', 'key_results:\n  - {id: k, title: K, start: 0, target: 10, current: 4}\n'));
      repo.commit('OKRs');
      const env = { ...process.env, ...GIT_ENV, GITHUB_WORKSPACE: undefined };
      const close = await runInProcess(['close', '2026-Q4', '--no-input', ...TODAY], { cwd: repo.dir, env });
      expect(close.code).toBe(0);
      const diff = JSON.parse((await runInProcess(['diff', 'HEAD', '--json', ...TODAY], { cwd: repo.dir, env })).stdout) as {
        objectives: { changed: { id: string; changes: { field: string; before: unknown; after: unknown }[] }[] };
        keyResults: { changed: { id: string; changes: { field: string; before: unknown; after: unknown }[] }[] };
      };
      expect(diff.objectives.changed).toEqual([
        expect.objectContaining({
          id: 'o',
          changes: [
            { field: 'closed', before: null, after: '2026-11-15' },
            { field: 'score', before: null, after: 0.4 },
          ],
        }),
      ]);
      expect(diff.keyResults.changed).toEqual([expect.objectContaining({ id: 'k', changes: [{ field: 'score', before: null, after: 0.4 }] })]);
    } finally {
      repo.cleanup();
    }
  });
});

describe('a roll-up some of whose contributors cannot be counted', () => {
  it('marks its objective incomplete, as an invalid key result does', async () => {
    const w = tempWorkspace({
      'objectives/p.md': objective('p', 'key_results:\n  - {id: r, title: R, measure: rollup}\n'),
      // a: 5 / 10 = 0.5 counts; b has a schema error and cannot be counted.
      'objectives/c.md': objective(
        'c',
        'key_results:\n  - {id: a, title: A, start: 0, target: 10, current: 5, contributes_to: r}\n  - {id: b, title: B, start: 0, target: "10", contributes_to: r}\n',
      ),
    });
    try {
      const report = JSON.parse((await runInProcess(['status', '--json', ...TODAY], { cwd: w.dir })).stdout) as JsonReport;
      const p = report.objectives.find((o) => o.id === 'p')!;
      expect(p).toMatchObject({ progress: 0.5, incomplete: { invalidKeyResults: 0, incompleteKeyResults: 1, keyResults: 1 } });
      const text = await runInProcess(['status', ...TODAY], { cwd: w.dir });
      expect(text.stdout).toContain('incomplete: 1 of 1 key result counting only some of their contributors');
    } finally {
      w.cleanup();
    }
  });
});
