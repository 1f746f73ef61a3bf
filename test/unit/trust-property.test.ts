/**
 * The trust law, over generated workspaces: after any single corrupting edit of one file,
 * (1) the objective and key-result ids the status report shows are exactly the ids the files
 * declare, invalid ones included (nothing silently leaves the report), and (2) no objective that is
 * still shown as a plain number (valid and not incomplete) changes its progress unless the
 * corrupted file feeds it (its own file, a task file linked to its key results, or an objective
 * aligned under it, at any depth).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOkrText } from '../../src/parse/file-facts.js';
import { buildWorkspaceModel, linkedTasksOf, type Objective, type WorkspaceModel } from '../../src/model/link.js';
import { buildStatusReport, type StatusReport } from '../../src/compute/report.js';
import { DEFAULT_THRESHOLDS } from '../../src/compute/health.js';
import { propertyRuns } from '../helpers/property-runs.js';

type KeyResultSpec = { kind: 'metric'; current: number } | { kind: 'milestone'; done: boolean } | { kind: 'tasks'; ticks: boolean[] };
interface ObjectiveSpec {
  parent: number | null;
  keyResults: KeyResultSpec[];
}

const keyResultSpec: fc.Arbitrary<KeyResultSpec> = fc.oneof(
  fc.record({ kind: fc.constant('metric' as const), current: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ kind: fc.constant('milestone' as const), done: fc.boolean() }),
  fc.record({ kind: fc.constant('tasks' as const), ticks: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }) }),
);

const workspaceSpec: fc.Arbitrary<ObjectiveSpec[]> = fc
  .array(fc.record({ parentChoice: fc.nat(), hasParent: fc.boolean(), keyResults: fc.array(keyResultSpec, { maxLength: 3 }) }), { minLength: 1, maxLength: 5 })
  .map((list) => list.map((o, i) => ({ parent: i > 0 && o.hasParent ? o.parentChoice % i : null, keyResults: o.keyResults })));

const CORRUPTIONS = ['period-typo', 'drop-title', 'quoted-number', 'bad-done', 'duplicate-kr-id', 'bad-id', 'unknown-parent', 'task-link-typo', 'kr-drop-title'] as const;
type Corruption = (typeof CORRUPTIONS)[number];

function files(spec: ObjectiveSpec[]): Map<string, string> {
  const out = new Map<string, string>();
  spec.forEach((objective, i) => {
    const lines = ['---', 'type: objective', `id: o${i}`, `title: Objective ${i}`, 'period: 2026-Q4'];
    if (objective.parent !== null) lines.push(`parent: o${objective.parent}`);
    if (objective.keyResults.length > 0) lines.push('key_results:');
    objective.keyResults.forEach((kr, j) => {
      lines.push(`  - id: o${i}k${j}`, `    title: Key result ${i}.${j}`);
      if (kr.kind === 'metric') lines.push('    start: 0', '    target: 10', `    current: ${kr.current}`);
      if (kr.kind === 'milestone') lines.push(`    done: ${kr.done}`);
      if (kr.kind === 'tasks') out.set(`tasks/o${i}k${j}.md`, `---\nkr: o${i}k${j}\n---\n${kr.ticks.map((t, n) => `- [${t ? 'x' : ' '}] task ${n}`).join('\n')}\n`);
    });
    lines.push('---', '');
    out.set(`objectives/o${i}.md`, lines.join('\n'));
  });
  return out;
}

/** Applies one corruption to one file (picked by `pick`); returns the changed file, or null when the corruption does not apply. */
function corrupt(all: Map<string, string>, kind: Corruption, pick: number): string | null {
  const names = [...all.keys()].sort();
  const objectiveFiles = names.filter((n) => n.startsWith('objectives/'));
  const taskFiles = names.filter((n) => n.startsWith('tasks/'));
  const edit = (file: string, from: RegExp, to: string) => {
    const text = all.get(file)!;
    if (!from.test(text)) return null;
    all.set(file, text.replace(from, to));
    return file;
  };
  const objectiveFile = objectiveFiles[pick % objectiveFiles.length]!;
  switch (kind) {
    case 'period-typo':
      return edit(objectiveFile, /^period: 2026-Q4$/m, 'period: Q4 2026');
    case 'drop-title':
      return edit(objectiveFile, /^title: .*\n/m, '');
    case 'quoted-number':
      return edit(objectiveFile, /^ {4}target: 10$/m, '    target: "10"');
    case 'bad-done':
      return edit(objectiveFile, /^ {4}done: (true|false)$/m, '    done: yes');
    case 'kr-drop-title':
      return edit(objectiveFile, /^ {4}title: Key result .*\n/m, '');
    case 'bad-id':
      return edit(objectiveFile, /^id: o\d+$/m, 'id: Bad Id');
    case 'unknown-parent':
      return edit(objectiveFile, /^parent: o\d+$/m, 'parent: nowhere');
    case 'duplicate-kr-id': {
      // Rename a key result to the id of one in another file.
      const other = objectiveFiles.find((f) => f !== objectiveFile && /^ {2}- id: (o\d+k\d+)$/m.test(all.get(f)!));
      if (!other) return null;
      const target = /^ {2}- id: (o\d+k\d+)$/m.exec(all.get(other)!)![1]!;
      return edit(objectiveFile, /^ {2}- id: o\d+k\d+$/m, `  - id: ${target}`);
    }
    case 'task-link-typo': {
      if (taskFiles.length === 0) return null;
      return edit(taskFiles[pick % taskFiles.length]!, /^kr: (.*)$/m, 'kr: $1-typo');
    }
  }
}

/** The ids the files declare, as written (what the report must show), sorted. */
function declaredIds(all: Map<string, string>): string[] {
  const ids: string[] = [];
  for (const [name, text] of all) {
    if (!name.startsWith('objectives/')) continue;
    for (const match of text.matchAll(/^(?:id|\s+- id): (.+)$/gm)) ids.push(match[1]!);
  }
  return ids.sort();
}

function model(all: Map<string, string>): WorkspaceModel {
  return buildWorkspaceModel([...all].map(([name, text]) => parseOkrText(name, text)));
}

function report(m: WorkspaceModel): StatusReport {
  return buildStatusReport(m, { today: '2026-11-15', period: { kind: 'all' }, owner: null, thresholds: DEFAULT_THRESHOLDS });
}

/** The files that feed an objective's progress: its own, its key results' task files, and those of every objective aligned under it. */
function feeds(objective: Objective): Set<string> {
  const out = new Set<string>([objective.file]);
  for (const kr of objective.keyResults) for (const task of linkedTasksOf(kr)) out.add(task.file);
  for (const child of objective.children) for (const file of feeds(child)) out.add(file);
  return out;
}

describe('trust: nothing declared silently leaves the report', () => {
  it('shows every declared id after any single corruption, and keeps the numbers of what the corrupted file does not feed', () => {
    fc.assert(
      fc.property(workspaceSpec, fc.constantFrom(...CORRUPTIONS), fc.nat(), (spec, kind, pick) => {
        const original = files(spec);
        const before = model(original);
        const beforeReport = report(before);
        const corrupted = new Map(original);
        const changed = corrupt(corrupted, kind, pick);
        fc.pre(changed !== null);
        const afterReport = report(model(corrupted));

        // (1) Every declared id is shown, invalid ones included; nothing else is.
        const shown = afterReport.objectives.flatMap((o) => [o.id, ...o.keyResults.map((kr) => kr.id)]).filter((id): id is string => id !== null);
        expect(shown.sort()).toEqual(declaredIds(corrupted));
        // Invalid items say why; their progress is unknown, never 0.
        for (const item of afterReport.objectives.flatMap((o) => [o, ...o.keyResults])) {
          expect(item.progress === null).toBe(item.status === 'invalid');
          if (item.status === 'invalid') expect(item.invalid).toEqual(expect.any(String));
        }

        // (2) An objective still shown as a plain number keeps its progress unless the corrupted file feeds it.
        const beforeById = new Map(beforeReport.objectives.map((o) => [o.id, o]));
        for (const objective of afterReport.objectives) {
          if (objective.status === 'invalid' || objective.incomplete !== null || objective.id === null) continue;
          const old = before.objectivesById.get(objective.id);
          if (!old || feeds(old).has(changed)) continue;
          expect(objective.progress).toBe(beforeById.get(objective.id)!.progress);
        }
      }),
      propertyRuns(300),
    );
  }, 600_000); // long runs (OKR_RUNS) take minutes
});
