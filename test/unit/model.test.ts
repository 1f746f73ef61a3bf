import { describe, expect, it } from 'vitest';
import { buildWorkspaceModel, linkWorkspace } from '../../src/model/link.js';
import { parseOkrText } from '../../src/parse/file-facts.js';
import { taskItemsOf } from '../../src/model/task-items.js';
import { modelOf, objective, taskFile } from '../helpers/workspace.js';

const rules = (files: Record<string, string>) => modelOf(files).problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule}: ${p.message}`);

describe('buildWorkspaceModel', () => {
  it('links tasks to key results, counting leaves and cancelling under cancelled groups', () => {
    const model = modelOf({
      'o.md': objective('o', { krs: ['{id: build, title: Build}'] }),
      't.md': taskFile('build', '- [x] a\n- [ ] group\n  - [x] b\n  - [/] c\n- [-] dropped\n  - [x] d\n  - [ ] e\n'),
    });
    expect(model.keyResultsById.get('build')!.tasks!.map((t) => [t.text, t.state])).toEqual([
      ['a', 'done'],
      ['b', 'done'],
      ['c', 'in-progress'],
      ['d', 'cancelled'],
      ['e', 'cancelled'],
    ]);
    expect(model.problems).toEqual([]);
  });

  it('reports a duplicate id at every declaration, and neither copy counts', () => {
    expect(
      rules({
        'a.md': objective('same', { krs: ['{id: k, title: K, done: true}'] }),
        'b.md': objective('same'),
        'c.md': objective('other', { krs: ['{id: k, title: K2, done: false}'] }),
      }),
    ).toEqual([
      'a.md:3:5 duplicate-id: objective id "same" is declared 2 times (also at b.md:3:5): neither counts until the ids are unique, rename one of them',
      'b.md:3:5 duplicate-id: objective id "same" is declared 2 times (also at a.md:3:5): neither counts until the ids are unique, rename one of them',
      'a.md:7:10 duplicate-id: key result id "k" is declared 2 times (also at c.md:7:10): neither counts until the ids are unique across the workspace, rename one of them',
      'c.md:7:10 duplicate-id: key result id "k" is declared 2 times (also at a.md:7:10): neither counts until the ids are unique across the workspace, rename one of them',
    ]);
  });

  it('links neither copy of a duplicated key result: both invalid, tasks credited to neither', () => {
    const model = modelOf({
      'a.md': objective('a', { krs: ['{id: k, title: K}'] }),
      'b.md': objective('b', { krs: ['{id: k, title: K2}'] }),
      't.md': taskFile('k', '- [x] done\n'),
    });
    expect(model.keyResultsById.has('k')).toBe(false);
    expect(model.duplicateIds.keyResults.get('k')).toEqual([
      { file: 'a.md', line: 7, column: 10 },
      { file: 'b.md', line: 7, column: 10 },
    ]);
    const copies = model.objectives.flatMap((o) => o.keyResults);
    expect(copies.map((kr) => [kr.file, kr.invalid, kr.tasks!.length])).toEqual([
      ['a.md', 'its id "k" is declared 2 times', 0],
      ['b.md', 'its id "k" is declared 2 times', 0],
    ]);
    expect(model.problems.filter((p) => p.file === 't.md').map((p) => p.message)).toEqual([
      'key result "k" is declared 2 times (a.md:7:10, b.md:7:10): tasks linked to it count toward neither until the ids are unique',
    ]);
  });

  it('reports unknown key results and parents with a suggestion', () => {
    expect(
      rules({
        'o.md': objective('growth', { krs: ['{id: signup-rate, title: S, done: false}'] }),
        'p.md': objective('child', { parent: 'grwoth', krs: ['{id: x, title: X, done: true}'] }),
        't.md': taskFile('signup-rat', '- [ ] a\n- [ ] b\n'),
      }),
    ).toEqual([
      'p.md:6:9 unknown-parent: parent "grwoth" is not an objective in this workspace (did you mean "growth"?)',
      't.md:2:5 unknown-kr: "signup-rat" is not a key result in this workspace (did you mean "signup-rate"?)',
    ]);
  });

  it('warns once per link when tasks are linked to a metric or milestone', () => {
    expect(
      rules({
        'o.md': objective('o', { krs: ['{id: m, title: M, start: 0, target: 5}'] }),
        't.md': taskFile('m', '- [ ] a\n- [ ] b\n'),
      }),
    ).toEqual([
      't.md:2:5 tasks-on-measured-kr: key result "m" is a metric, so tasks linked to it do not count toward its progress: link them to a key result without "start" and "target", or remove the link',
    ]);
  });

  it('names a parent cycle, never hangs, and shows its members as roots', () => {
    const model = modelOf({
      'a.md': objective('a', { parent: 'c', krs: ['{id: ka, title: K, done: true}'] }),
      'b.md': objective('b', { parent: 'a', krs: ['{id: kb, title: K, done: true}'] }),
      'c.md': objective('c', { parent: 'b', krs: ['{id: kc, title: K, done: true}'] }),
      'd.md': objective('d', { parent: 'd', krs: ['{id: kd, title: K, done: true}'] }),
      'e.md': objective('e', { parent: 'a', krs: ['{id: ke, title: K, done: true}'] }),
    });
    expect(model.problems.map((p) => `${p.file}:${p.line} ${p.rule}: ${p.message}`)).toEqual([
      'd.md:6 parent-cycle: objective "d" names itself as its parent: remove "parent" or name another objective',
      'a.md:6 parent-cycle: parent links form a cycle: a → c → b → a; objectives in it are shown without a parent: remove or change one of these "parent" links',
    ]);
    expect(model.objectives.map((o) => [o.id, o.parentId])).toEqual([
      ['a', null],
      ['b', null],
      ['c', null],
      ['d', null],
      ['e', 'a'],
    ]);
  });

  it('warns about task-measured key results with nothing to count', () => {
    expect(
      rules({
        'o.md': objective('o', { krs: ['{id: none, title: N}', '{id: gone, title: G}'] }),
        't.md': taskFile('gone', '- [-] dropped\n'),
      }),
    ).toEqual([
      'o.md:7:10 kr-no-tasks: key result "none" has no linked tasks and no metric or milestone: link a task file with "kr: none", or give it "start" and "target", or "done"',
      'o.md:8:10 kr-no-tasks: every task linked to key result "gone" is cancelled, so its progress is 0: add open tasks, or measure it another way',
    ]);
  });

  it('takes task items from tasksOf when facts come without them, asking once per file', () => {
    const files = [
      parseOkrText('o.md', objective('o', { krs: ['{id: build, title: Build}', '{id: ship, title: Ship}'] })),
      parseOkrText('t.md', taskFile('[build, ship]', '- [x] a\n- [ ] group\n  - [x] b\n## Later <!-- kr: nowhere -->\n- [ ] c\n- [ ] d\n')),
    ];
    const whole = buildWorkspaceModel(files);
    const asked: string[] = [];
    const bare = files.map((facts) => ({ ...facts, tasks: [] }));
    const deferred = buildWorkspaceModel(bare, (facts) => {
      asked.push(facts.path);
      return taskItemsOf(files.find((file) => file.path === facts.path)!.tasks);
    });
    expect(deferred).toEqual(whole);
    expect(asked.sort()).toEqual(['o.md', 't.md']);
    // A task counts toward each key result its links name; an unknown id is reported once per place.
    expect(whole.keyResultsById.get('ship')!.tasks!.map((task) => task.text)).toEqual(['a', 'b']);
    expect(whole.problems.filter((problem) => problem.rule === 'unknown-kr')).toHaveLength(1);
  });

  it("builds no model, and throws nothing, when a file's task items cannot be had", () => {
    const files = [parseOkrText('o.md', objective('o', { krs: ['{id: build, title: Build}'] })), parseOkrText('t.md', taskFile('build', '- [x] a\n'))];
    expect(linkWorkspace(files, { items: (facts) => (facts.path === 't.md' ? null : taskItemsOf(facts.tasks)) })).toBeNull();
    expect(linkWorkspace(files, { counts: (facts) => (facts.path === 't.md' ? null : []) })).toBeNull();
    expect(linkWorkspace(files, { items: (facts) => taskItemsOf(facts.tasks) })).toEqual(buildWorkspaceModel(files));
  });
});

describe('an id declared very many times', () => {
  it('is reported at every declaration in linear time, each message naming at most five other places', () => {
    const count = 8_000; // front-matter stays under its 256 kB limit
    const model = modelOf({ 'a.md': objective('a', { krs: Array.from({ length: count }, () => '{id: k, title: K}') }) });
    const duplicates = model.problems.filter((p) => p.rule === 'duplicate-id');
    expect(duplicates).toHaveLength(count);
    expect(duplicates[0]!.message).toMatch(/^key result id "k" is declared 8000 times \(also at (a\.md:\d+:\d+, ){4}a\.md:\d+:\d+ and 7994 more\)/);
  });
});

describe('linking with a memo of task records (okr history)', () => {
  const facts = (files: Record<string, string>) => Object.entries(files).map(([file, text]) => parseOkrText(file, text));
  const objectiveText = objective('o', { krs: ['{id: build, title: Build}', '{id: ship, title: Ship}'] });
  const tasksText = taskFile('build', '- [x] a\n- [-] dropped\n  - [ ] b\n- [ ] c <!-- kr: ship -->\n');

  it('gives the same model as linking without it, and shares the records of facts linked before', () => {
    const memo = new WeakMap();
    const first = facts({ 'o.md': objectiveText, 't.md': tasksText, 'u.md': taskFile('ship', '- [ ] d\n') });
    const linked = buildWorkspaceModel(first, undefined, memo);
    expect(linked).toEqual(buildWorkspaceModel(first));
    // The next revision: u.md changed, o.md and t.md did not (the same facts).
    const second = [first[0]!, first[1]!, ...facts({ 'u.md': taskFile('ship', '- [x] d\n- [ ] e <!-- kr: nowhere -->\n') })];
    const relinked = buildWorkspaceModel(second, undefined, memo);
    expect(relinked).toEqual(buildWorkspaceModel(second));
    const build = (model: typeof linked) => model.keyResultsById.get('build')!.tasks!;
    expect(build(relinked)[0]).toBe(build(linked)[0]);
    expect(relinked.keyResultsById.get('ship')!.tasks!.map((t) => `${t.file} ${t.text} ${t.state}`)).toEqual(['t.md c open', 'u.md d done']);
  });
});
