/**
 * The FileEdit contract (src/edit/file-edit.ts) that the edit pipeline relies on: each edit's
 * `verify` accepts the file its own splices make, and refuses a file changed in any other way.
 */
import { describe, expect, it } from 'vitest';
import { checkinEdit } from '../../src/edit/checkin.js';
import { noNewErrors, type EditSide, type FileEdit } from '../../src/edit/file-edit.js';
import { addKeyResultEdit } from '../../src/edit/key-results.js';
import { applySplices } from '../../src/edit/splice.js';
import { addTaskEdit } from '../../src/edit/task-list.js';
import { taskEdit } from '../../src/edit/task.js';
import { parseOkrText } from '../../src/parse/file-facts.js';

const OBJECTIVE = '---\nid: o\ntitle: O\nperiod: 2026-Q4\nkey_results:\n  - id: m\n    title: M\n    start: 0\n    target: 10\n---\nBody.\n';
const TASKS = '---\nkr: t\n---\n- [ ] one\n- [x] two\n';

const side = (text: string): EditSide => ({ text, facts: parseOkrText('f.md', text) });

/** The edit's verify on its own result, and on that result with `tamper` applied. */
function check(before: EditSide, edit: FileEdit, tamper: (text: string) => string): { own: string | null; tampered: string | null } {
  const after = applySplices(before.text, edit.splices);
  return { own: edit.verify(before, side(after)), tampered: edit.verify(before, side(tamper(after))) };
}

describe('FileEdit', () => {
  it('okr done: passes its own tick, refuses another box changed too', () => {
    const before = side(TASKS);
    const edit = taskEdit(before, 0, 'done');
    expect(edit.splices).toHaveLength(1);
    expect(check(before, edit, (text) => text.replace('- [x] two', '- [ ] two'))).toEqual({ own: null, tampered: expect.stringMatching(/unplanned/) });
  });

  it('okr new task: passes its own item, refuses a changed neighbour', () => {
    const before = side(TASKS);
    const edit = addTaskEdit(before, 't', 'three');
    expect(check(before, edit, (text) => text.replace('one', 'uno'))).toEqual({ own: null, tampered: expect.stringMatching(/would change/) });
  });

  it('okr checkin: passes its own check-in, refuses a changed body', () => {
    const before = side(OBJECTIVE);
    const edit = checkinEdit(before, 'm', { date: '2026-11-25', value: 3 });
    expect(check(before, edit, (text) => text.replace('Body.', 'Other.'))).toEqual({ own: null, tampered: expect.stringMatching(/body/) });
  });

  it('okr new kr: passes its own key result, refuses one that does not read back', () => {
    const before = side(OBJECTIVE);
    const edit = addKeyResultEdit(before, { lines: ['id: n', 'title: N'], data: { id: 'n', title: 'N' } });
    expect(check(before, edit, (text) => text.replace('id: n', 'id: x'))).toEqual({ own: null, tampered: expect.stringMatching(/unplanned/) });
  });

  it('noNewErrors names the first error the edit adds', () => {
    const good = parseOkrText('o.md', OBJECTIVE);
    const bad = parseOkrText('o.md', OBJECTIVE.replace('target: 10', 'target: 0'));
    expect(noNewErrors(good, good)).toBeNull();
    expect(noNewErrors(bad, bad)).toBeNull();
    expect(noNewErrors(good, bad)).toMatch(/^it would make the file invalid \(key result "m" has start equal to target/);
  });
});
