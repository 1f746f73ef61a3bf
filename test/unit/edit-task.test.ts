import { describe, expect, it } from 'vitest';
import { nearestTaskLines, planTaskEdit, planTaskEdits, taskStateAfter, tasksOnLine, verifyTaskEdit, verifyTaskEdits } from '../../src/edit/task.js';
import { parseOkrText } from '../../src/parse/file-facts.js';
import { applySplices } from '../../src/edit/splice.js';

function edit(text: string, line: number, action: 'done' | 'reopen') {
  const facts = parseOkrText('t.md', text);
  const [index] = tasksOnLine(facts, line);
  if (index === undefined) throw new Error(`no task on line ${line}`);
  const plan = planTaskEdit(text, facts, index, action);
  const after = applySplices(text, plan.splices);
  expect(verifyTaskEdit(facts, parseOkrText('t.md', after), plan)).toBeNull();
  return { plan, after };
}

describe('planTaskEdit', () => {
  it('ticks an open box with one character', () => {
    const { plan, after } = edit('- [ ] a\n- [ ] b\n', 2, 'done');
    expect(after).toBe('- [ ] a\n- [x] b\n');
    expect(plan.splices).toEqual([{ start: 11, end: 12, insert: 'x' }]);
    expect(plan).toMatchObject({ from: 'open', to: 'done', notes: [] });
  });

  it('ticks in-progress and cancelled boxes', () => {
    expect(edit('- [/] a\n', 1, 'done').after).toBe('- [x] a\n');
    expect(edit('- [-] a\n', 1, 'done').after).toBe('- [x] a\n');
  });

  it('reopens ticked (x or X) and cancelled boxes; an in-progress box is already open', () => {
    expect(edit('- [X] a\n', 1, 'reopen').after).toBe('- [ ] a\n');
    expect(edit('- [-] a\n', 1, 'reopen').after).toBe('- [ ] a\n');
    const inProgress = edit('- [/] a\n', 1, 'reopen');
    expect(inProgress.plan.splices).toEqual([]);
    expect(inProgress.plan.to).toBe('in-progress');
  });

  it('plans nothing for a box already in the asked state', () => {
    expect(edit('- [x] a\n', 1, 'done').plan.splices).toEqual([]);
    expect(edit('- [ ] a\n', 1, 'reopen').plan.splices).toEqual([]);
  });

  it('finds the checkbox after ordered bullets, block quotes and front-matter, with CRLF', () => {
    const text = '---\r\nkr: a\r\n---\r\n> 1. [ ] quoted\r\n\r\n2) [ ] ordered\r\n';
    expect(edit(text, 4, 'done').after).toBe('---\r\nkr: a\r\n---\r\n> 1. [x] quoted\r\n\r\n2) [ ] ordered\r\n');
    expect(edit(text, 6, 'done').after).toBe('---\r\nkr: a\r\n---\r\n> 1. [ ] quoted\r\n\r\n2) [x] ordered\r\n');
  });

  it('says when the last open leaf of a group is ticked, and leaves the group box alone', () => {
    const text = '- [ ] group\n  - [x] one\n  - [ ] two\n';
    const { plan, after } = edit(text, 3, 'done');
    expect(after).toBe('- [ ] group\n  - [x] one\n  - [x] two\n');
    expect(plan.notes).toEqual([{ kind: 'group-complete', group: 0 }]);
  });

  it('counts cancelled leaves as closed when a group completes, but needs one done leaf', () => {
    expect(edit('- [ ] g\n  - [-] one\n  - [ ] two\n', 3, 'done').plan.notes).toEqual([{ kind: 'group-complete', group: 0 }]);
    expect(edit('- [ ] g\n  - [ ] one\n  - [ ] two\n', 3, 'done').plan.notes).toEqual([]);
  });

  it('says when a leaf is reopened under a ticked group', () => {
    const { plan } = edit('- [x] group\n  - [x] one\n', 2, 'reopen');
    expect(plan.notes).toEqual([{ kind: 'group-still-done', group: 0 }]);
  });

  it('says when a group is ticked while sub-tasks are open, or reopened', () => {
    expect(edit('- [ ] group\n  - [ ] one\n  - [x] two\n', 1, 'done').plan.notes).toEqual([{ kind: 'group-open-leaves', openLeaves: [1] }]);
    expect(edit('- [x] group\n  - [x] one\n', 1, 'reopen').plan.notes).toEqual([{ kind: 'group-only', leaves: 1 }]);
    expect(edit('- [ ] group\n  - [x] one\n', 1, 'done').plan.notes).toEqual([]);
  });

  it('says when the task is under a cancelled group', () => {
    expect(edit('- [-] group\n  - [ ] one\n', 2, 'done').plan.notes).toEqual([{ kind: 'under-cancelled-group', group: 0 }]);
  });

  it('refuses a checkbox written across a line break rather than join the lines', () => {
    const text = '- [\n] odd\n';
    const facts = parseOkrText('t.md', text);
    expect(() => planTaskEdit(text, facts, 0, 'done')).toThrow(expect.objectContaining({ name: 'EditError', offset: 2 }));
  });

  it('ignores look-alikes in code', () => {
    const facts = parseOkrText('t.md', '```\n- [ ] not a task\n```\n- [ ] task\n');
    expect(tasksOnLine(facts, 2)).toEqual([]);
    expect(tasksOnLine(facts, 4)).toEqual([0]);
    expect(nearestTaskLines(facts, 2)).toEqual([4]);
  });
});

describe('verifyTaskEdit', () => {
  it('rejects an edit that changes anything but the planned box', () => {
    const text = '- [ ] a\n- [ ] b\n';
    const facts = parseOkrText('t.md', text);
    const plan = planTaskEdit(text, facts, 0, 'done');
    expect(verifyTaskEdit(facts, parseOkrText('t.md', '- [x] a\n- [x] b\n'), plan)).toMatch(/line 2/);
    expect(verifyTaskEdit(facts, parseOkrText('t.md', '- [x] a\n'), plan)).toMatch(/1 task items instead of 2/);
  });
});

describe('start, cancel and several items at once', () => {
  it('start writes [/] and cancel writes [-], from any other state', () => {
    const text = '- [ ] a\n- [x] b\n- [-] c\n- [/] d\n';
    const facts = parseOkrText('t.md', text);
    const start = planTaskEdits(text, facts, [0, 1, 2, 3], 'start');
    expect(applySplices(text, start.splices)).toBe('- [/] a\n- [/] b\n- [/] c\n- [/] d\n');
    expect(start.changes.map((c) => c.to === c.from)).toEqual([false, false, false, true]);
    const cancel = planTaskEdits(text, facts, [0, 1, 2, 3], 'cancel');
    expect(applySplices(text, cancel.splices)).toBe('- [-] a\n- [-] b\n- [-] c\n- [-] d\n');
    expect(verifyTaskEdits(facts, parseOkrText('t.md', applySplices(text, cancel.splices)), cancel.changes)).toBeNull();
  });

  it('the notes of one change see the others: ticking every sub-task says the group is complete, once the group is ticked too it says nothing', () => {
    const text = '- [ ] g\n  - [ ] a\n  - [ ] b\n';
    const facts = parseOkrText('t.md', text);
    const leaves = planTaskEdits(text, facts, [1, 2], 'done');
    expect(leaves.changes.map((c) => c.notes)).toEqual([[{ kind: 'group-complete', group: 0 }], [{ kind: 'group-complete', group: 0 }]]);
    const all = planTaskEdits(text, facts, [1, 2, 0], 'done');
    expect(all.changes.flatMap((c) => c.notes)).toEqual([]);
  });

  it('taskStateAfter: reopen leaves an in-progress item as it is', () => {
    expect(taskStateAfter('in-progress', 'reopen')).toBe('in-progress');
    expect(taskStateAfter('cancelled', 'reopen')).toBe('open');
    expect(taskStateAfter('done', 'start')).toBe('in-progress');
  });
});
