/**
 * A model linked from task counts (what status, lint and score load: LoadOptions.taskItems false)
 * is the model linked from the task items, but for the key results' `tasks` lists: the same counts
 * for every key result, the same problems in the same order. Checked on every fixture and example
 * workspace, through the facts cache (counts read from the cache's encoding) and without it, and on
 * random task files (nested items, cancelled groups, links of files, sections and items, unknown
 * and duplicated key results).
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../src/io/load-workspace.js';
import { linkWorkspace, type WorkspaceModel } from '../../src/model/link.js';
import { countTaskLinks, taskItemsOf } from '../../src/model/task-items.js';
import { parseOkrText } from '../../src/parse/file-facts.js';
import { decodeFactsApart, encodeFacts } from '../../src/io/facts-codec.js';
import { propertyRuns } from '../helpers/property-runs.js';
import { REPO_ROOT } from '../helpers/run-cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'okr-task-counts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What must be equal: every key result's counts and the problems; `tasks` lists only in items mode. */
function shape(model: WorkspaceModel) {
  return {
    keyResults: model.objectives.flatMap((objective) => objective.keyResults.map((kr) => [objective.file, kr.index, kr.id, kr.taskCounts])),
    problems: model.problems,
  };
}

function workspaces(): string[] {
  const found = [path.join(REPO_ROOT, 'examples/acme')];
  const fixtures = path.join(REPO_ROOT, 'test/fixtures');
  for (const name of readdirSync(fixtures)) {
    const workspace = path.join(fixtures, name, 'workspace');
    if (statSync(workspace, { throwIfNoEntry: false })?.isDirectory()) found.push(workspace);
  }
  return found;
}

describe('a model linked from task counts', () => {
  it.each(workspaces().map((dir) => [path.relative(REPO_ROOT, dir), dir]))('equals the one linked from task items: %s', async (_name, dir) => {
    const cacheDir = mkdtempSync(path.join(scratch, 'cache-'));
    const env = { OKR_CACHE_DIR: cacheDir };
    const items = await loadWorkspace(dir, { env, workers: 0 });
    for (const kr of items.model.objectives.flatMap((objective) => objective.keyResults)) {
      const tasks = kr.tasks!;
      const counted = {
        done: tasks.filter((task) => task.state === 'done').length,
        open: tasks.filter((task) => task.state === 'open').length,
        inProgress: tasks.filter((task) => task.state === 'in-progress').length,
        cancelled: tasks.filter((task) => task.state === 'cancelled').length,
      };
      expect(kr.taskCounts).toEqual({ ...counted, total: counted.done + counted.open + counted.inProgress });
    }
    // Twice through the cache (the second run reads the counts from it), and without it.
    for (const options of [{ env }, { env }, { cache: false }]) {
      const counts = await loadWorkspace(dir, { ...options, workers: 0, taskItems: false });
      expect(shape(counts.model)).toEqual(shape(items.model));
      expect(counts.model.objectives.flatMap((objective) => objective.keyResults).every((kr) => kr.tasks === null)).toBe(true);
    }
  });

  const id = fc.constantFrom('a', 'b', 'c', 'gone');
  const state = fc.constantFrom(' ', 'x', '/', '-');
  const link = id.map((kr) => `<!-- kr: ${kr} -->`);
  const item = fc.record({ depth: fc.integer({ min: 0, max: 2 }), state, link: fc.option(link, { freq: 4 }), plain: fc.boolean() });
  const section = fc.record({ link: fc.option(link, { freq: 2 }), items: fc.array(item, { maxLength: 8 }) });
  const taskFile = fc.record({ kr: fc.option(fc.array(id, { minLength: 1, maxLength: 2 }), { freq: 3 }), sections: fc.array(section, { maxLength: 4 }) });

  function render(file: { kr: string[] | null; sections: { link: string | null; items: { depth: number; state: string; link: string | null; plain: boolean }[] }[] }): string {
    const lines: string[] = [];
    if (file.kr) lines.push('---', `kr: [${file.kr.join(', ')}]`, '---', '');
    file.sections.forEach((section, i) => {
      lines.push(`## Part ${i} ${section.link ?? ''}`, '');
      let depth = 0;
      for (const entry of section.items) {
        depth = Math.min(entry.depth, depth + 1);
        const marker = entry.plain ? '' : `[${entry.state}] `;
        lines.push(`${'  '.repeat(depth)}- ${marker}Task ${lines.length} ${entry.link ?? ''}`);
      }
      lines.push('');
    });
    return lines.join('\n');
  }

  const objective = [
    '---',
    'type: objective',
    'id: o',
    'title: O',
    'period: 2026-Q4',
    'key_results:',
    '  - id: a',
    '    title: A',
    '  - id: b',
    '    title: B',
    '    start: 0',
    '    target: 10',
    '    current: 5',
    '  - id: c',
    '    title: C',
    '---',
    '',
  ].join('\n');
  const duplicate = objective.replace('id: o', 'id: p').replace(/ {2}- id: a\n {4}title: A\n {2}- id: b\n {4}title: B\n {4}start: 0\n {4}target: 10\n {4}current: 5\n/, '');

  it('equals the one linked from task items on random task files, and survives the cache encoding', () => {
    fc.assert(
      fc.property(fc.array(taskFile, { minLength: 1, maxLength: 3 }), fc.boolean(), (files, duplicated) => {
        const facts = [
          parseOkrText('o.md', objective),
          ...(duplicated ? [parseOkrText('p.md', duplicate)] : []),
          ...files.map((file, i) => parseOkrText(`t${i}.md`, render(file))),
        ];
        const items = linkWorkspace(facts, { items: (file) => taskItemsOf(file.tasks) })!;
        const counts = linkWorkspace(facts, { counts: (file) => countTaskLinks(taskItemsOf(file.tasks)) })!;
        expect(shape(counts)).toEqual(shape(items));
        // The counts as the cache stores them decode to the same model.
        const decoded = facts.map((file) => decodeFactsApart(encodeFacts(file)!, file.path)!);
        const byFile = new Map(decoded.map((entry) => [entry.facts, entry.counts]));
        const fromCache = linkWorkspace(
          decoded.map((entry) => entry.facts),
          { counts: (file) => byFile.get(file)! },
        )!;
        expect(shape(fromCache)).toEqual(shape(items));
      }),
      propertyRuns(150),
    );
  });
});

// A workspace written at run time, so that the test does not depend on fixtures changing.
it('status and lint print the same whether the task items are linked or counted', async () => {
  const dir = path.join(scratch, 'written');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'o.md'), objective());
  writeFileSync(path.join(dir, 'tasks.md'), '---\nkr: a\n---\n- [x] one\n- [-] group\n  - [ ] cancelled by its group\n- [ ] two <!-- kr: gone -->\n');
  const items = await loadWorkspace(dir, { cache: false });
  const counts = await loadWorkspace(dir, { cache: false, taskItems: false });
  expect(shape(counts.model)).toEqual(shape(items.model));
  expect(counts.model.keyResultsById.get('a')!.taskCounts).toEqual({ done: 1, open: 0, inProgress: 0, cancelled: 1, total: 1 });
});

function objective(): string {
  return '---\ntype: objective\nid: o\ntitle: O\nperiod: 2026-Q4\nkey_results:\n  - id: a\n    title: A\n---\n';
}
