import { describe, expect, it } from 'vitest';
import { detectRenames, diffWorkspaces, isEmptyDiff, type WorkspaceSnapshot } from '../../src/compute/diff.js';
import { DEFAULT_THRESHOLDS } from '../../src/compute/health.js';
import { buildWorkspaceModel } from '../../src/model/link.js';
import { parseOkrText } from '../../src/parse/file-facts.js';

const OBJECTIVE = `---
id: growth
title: Grow
period: 2026-Q4
key_results:
  - id: build
    title: Build it
  - id: sell
    title: Sell it
---
`;

function snapshot(files: Record<string, string>): WorkspaceSnapshot {
  const facts = Object.entries(files).map(([path, text]) => parseOkrText(path, text));
  return { model: buildWorkspaceModel(facts), thresholds: DEFAULT_THRESHOLDS };
}

const diff = (before: Record<string, string>, after: Record<string, string>) => diffWorkspaces(snapshot(before), snapshot(after), { today: '2026-11-15' });
const tasks = (body: string, kr = 'build') => `---\nkr: ${kr}\n---\n${body}`;

describe('diffWorkspaces: tasks', () => {
  it('names every kind of state change', () => {
    const before = tasks('- [ ] a\n- [x] b\n- [ ] c\n- [/] d\n- [-] e\n- [x] f\n');
    const after = tasks('- [x] a\n- [ ] b\n- [/] c\n- [ ] d\n- [ ] e\n- [-] f\n');
    const result = diff({ 'o.md': OBJECTIVE, 't.md': before }, { 'o.md': OBJECTIVE, 't.md': after });
    expect(result.tasks.map((t) => `${t.change}:${t.text}:${t.before}→${t.after}`)).toEqual([
      'completed:a:open→done',
      'reopened:b:done→open',
      'started:c:open→in-progress',
      'paused:d:in-progress→open',
      'cancelled:f:done→cancelled',
      'restored:e:cancelled→open',
    ]);
  });

  it('pairs tasks with the same text in order, and reports the extra one', () => {
    const result = diff({ 'o.md': OBJECTIVE, 't.md': tasks('- [ ] Review\n- [ ] Review\n') }, { 'o.md': OBJECTIVE, 't.md': tasks('- [x] Review\n- [ ] Review\n- [ ] Review\n') });
    expect(result.tasks.map((t) => `${t.change}:${t.line}`)).toEqual(['completed:4', 'added:6']);
  });

  it('follows a task moved to another file, and says where it came from', () => {
    const result = diff(
      { 'o.md': OBJECTIVE, 'a.md': tasks('- [ ] Move me\n- [ ] Stay\n'), 'b.md': tasks('- [ ] Other\n') },
      { 'o.md': OBJECTIVE, 'a.md': tasks('- [ ] Stay\n'), 'b.md': tasks('- [ ] Other\n- [x] Move me\n') },
    );
    expect(result.tasks).toEqual([
      { change: 'completed', text: 'Move me', file: 'b.md', line: 5, from: { file: 'a.md', line: 4 }, before: 'open', after: 'done', keyResults: ['build'] },
    ]);
  });

  it('lists each task once with every key result it counts toward', () => {
    const result = diff({ 'o.md': OBJECTIVE, 't.md': tasks('- [ ] a\n', '[build, sell]') }, { 'o.md': OBJECTIVE, 't.md': tasks('- [x] a\n', '[build, sell]') });
    expect(result.tasks).toHaveLength(1);
    expect(result.tasks[0]!.keyResults).toEqual(['build', 'sell']);
  });
});

describe('diffWorkspaces: objectives and key results', () => {
  it('reports field edits, and a key result moved to another objective', () => {
    const other = `---\nid: other\ntitle: Other\nperiod: 2026-Q4\nkey_results:\n  - id: sell\n    title: Sell it\n    owner: ana\n---\n`;
    const result = diff(
      { 'o.md': OBJECTIVE.replace('title: Grow', 'title: Grow\nowner: bo') },
      { 'o.md': OBJECTIVE.replace('  - id: sell\n    title: Sell it\n', '').replace('period: 2026-Q4', 'period: 2026-H2'), 'p.md': other },
    );
    expect(result.objectives.added.map((o) => o.id)).toEqual(['other']);
    expect(result.objectives.changed).toEqual([
      {
        id: 'growth',
        title: 'Grow',
        file: 'o.md',
        line: 2,
        changes: [
          { field: 'owner', before: 'bo', after: null },
          { field: 'period', before: '2026-Q4', after: '2026-H2' },
        ],
      },
    ]);
    expect(result.keyResults.changed.map((c) => [c.id, c.changes.map((f) => f.field)])).toEqual([['sell', ['objective', 'owner', 'file']]]);
    expect(result.keyResults.added).toEqual([]);
    expect(result.keyResults.removed).toEqual([]);
  });

  it('reports a change of measure and the progress it causes', () => {
    const metric = OBJECTIVE.replace('    title: Sell it\n', '    title: Sell it\n    start: 0\n    target: 10\n    current: 5\n');
    const result = diff({ 'o.md': OBJECTIVE }, { 'o.md': metric });
    expect(result.keyResults.changed[0]!.changes).toEqual([
      { field: 'measure', before: 'tasks', after: 'metric' },
      { field: 'start', before: null, after: 0 },
      { field: 'target', before: null, after: 10 },
    ]);
    expect(result.progress.map((p) => `${p.id}:${p.before.progress}→${p.after.progress}`)).toEqual(['growth:0→0.25', 'sell:0→0.5']);
  });

  it('is empty when nothing changed, even when lines moved', () => {
    const result = diff({ 'o.md': OBJECTIVE, 't.md': tasks('- [ ] a\n') }, { 'o.md': OBJECTIVE, 't.md': tasks('\n\n- [ ] a\n') });
    expect(isEmptyDiff(result)).toBe(true);
  });
});

describe('diffWorkspaces: problems', () => {
  it('tells problems a change introduces from those it fixes, ignoring lines that moved', () => {
    const result = diff({ 'o.md': OBJECTIVE, 't.md': tasks('- [ ] a\n', 'biuld') }, { 'o.md': `\n${OBJECTIVE}`.replace('\n---', '---'), 't.md': tasks('- [ ] a\n', 'sel') });
    expect(result.problems.introduced.map((p) => `${p.rule}:${p.message.slice(0, 5)}`)).toEqual(['unknown-kr:"sel"']);
    expect(result.problems.fixed.map((p) => `${p.rule}:${p.message.slice(0, 7)}`)).toEqual(['unknown-kr:"biuld"']);
    expect(result.problems.after).toEqual({ errors: 1, warnings: 2 });
  });
});

describe('detectRenames', () => {
  const model = (files: Record<string, string>) => snapshot(files).model;

  it('pairs a gone file with a new one holding at least half of its objectives and tasks', () => {
    const before = model({ 'o.md': OBJECTIVE, 'old.md': tasks('- [ ] a\n- [ ] b\n- [ ] c\n'), 'x.md': tasks('- [ ] z\n', 'sell') });
    const after = model({ 'objectives/growth.md': OBJECTIVE, 'new.md': tasks('- [x] a\n- [ ] b\n- [ ] d\n'), 'y.md': tasks('- [ ] w\n', 'sell') });
    expect(detectRenames(before, after)).toEqual([
      { from: 'old.md', to: 'new.md' },
      { from: 'o.md', to: 'objectives/growth.md' },
    ]);
  });

  it('pairs each file at most once, best match first', () => {
    const before = model({ 'o.md': OBJECTIVE, 'old.md': tasks('- [ ] a\n- [ ] b\n') });
    const after = model({ 'o.md': OBJECTIVE, 'half.md': tasks('- [ ] a\n- [ ] q\n'), 'full.md': tasks('- [ ] a\n- [ ] b\n') });
    expect(detectRenames(before, after)).toEqual([{ from: 'old.md', to: 'full.md' }]);
  });
});
