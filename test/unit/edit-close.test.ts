import { describe, expect, it } from 'vitest';
import { closeEdit, type ClosePlan } from '../../src/edit/close.js';
import { applySplices } from '../../src/edit/splice.js';
import { parseOkrText } from '../../src/parse/file-facts.js';

function close(text: string, plan: ClosePlan = { closed: '2026-12-31', score: 0.675, keyResultScores: [0.35, 1], note: null }) {
  const before = { text, facts: parseOkrText('o.md', text) };
  const edit = closeEdit(before, plan);
  const afterText = applySplices(text, edit.splices);
  const after = { text: afterText, facts: parseOkrText('o.md', afterText) };
  return { text: afterText, verdict: edit.verify(before, after), after };
}

describe('closeEdit', () => {
  it('adds closed and score after period and a score to each key result, rounding to two decimals', () => {
    const text = '---\nid: o\ntitle: O\nperiod: 2026-Q4\nkey_results:\n  - id: a\n    title: A\n    done: false\n  - id: b\n    title: B\n    done: true\n---\nBody\n';
    const result = close(text);
    expect(result.verdict).toBeNull();
    expect(result.text).toBe(
      '---\nid: o\ntitle: O\nperiod: 2026-Q4\nclosed: 2026-12-31\nscore: 0.68\nkey_results:\n  - id: a\n    title: A\n    done: false\n    score: 0.35\n  - id: b\n    title: B\n    done: true\n    score: 1\n---\nBody\n',
    );
  });

  it('replaces values already there and writes a note as a quoted string', () => {
    const text =
      '---\nid: o\ntitle: O\nperiod: 2026-Q4\nscore: 0.1\nkey_results:\n  - {id: a, title: A, done: false, score: 0.35}\n  - id: b\n    title: B\n    done: true\n    score: 0.2 # by hand\n---\n';
    const result = close(text, { closed: '2026-12-31', score: 0.5, keyResultScores: [0.35, 0.2], note: 'Learned: "less"' });
    expect(result.verdict).toBeNull();
    expect(result.text).toBe(
      '---\nid: o\ntitle: O\nperiod: 2026-Q4\nclosed: 2026-12-31\nscore: 0.5\nclose_note: "Learned: \\"less\\""\nkey_results:\n  - {id: a, title: A, done: false, score: 0.35}\n  - id: b\n    title: B\n    done: true\n    score: 0.2 # by hand\n---\n',
    );
    expect(result.after.facts.objective!.closeNote).toBe('Learned: "less"');
  });

  it('writes progress_at_close after the score of a key result whose score was set by hand, and verifies it', () => {
    const text =
      '---\nid: o\ntitle: O\nperiod: 2026-Q4\nkey_results:\n  - {id: a, title: A, start: 0, target: 3, current: 1, score: 0.9}\n  - id: b\n    title: B\n    done: false\n    score: 0.6 # by hand\n  - id: c\n    title: C\n    done: true\n---\n';
    const plan: ClosePlan = { closed: '2026-12-31', score: 0.83, keyResultScores: [0.9, 0.6, 1], keyResultProgress: [1 / 3, 0, null], note: null };
    const result = close(text, plan);
    expect(result.verdict).toBeNull();
    expect(result.text).toBe(
      '---\nid: o\ntitle: O\nperiod: 2026-Q4\nclosed: 2026-12-31\nscore: 0.83\nkey_results:\n  - {id: a, title: A, start: 0, target: 3, current: 1, score: 0.9, progress_at_close: 0.33}\n  - id: b\n    title: B\n    done: false\n    score: 0.6 # by hand\n    progress_at_close: 0\n  - id: c\n    title: C\n    done: true\n    score: 1\n---\n',
    );
    expect(result.after.facts.objective!.keyResults.map((kr) => kr.progressAtClose)).toEqual([0.33, 0, null]);

    // The verify holds progress_at_close to the plan, and to nothing where none is planned.
    const edit = closeEdit({ text, facts: parseOkrText('o.md', text) }, plan);
    const wrong = result.text.replace('progress_at_close: 0\n', 'progress_at_close: 0.5\n');
    expect(edit.verify({ text, facts: parseOkrText('o.md', text) }, { text: wrong, facts: parseOkrText('o.md', wrong) })).toBe(
      'key_results[1].progress_at_close does not read back as 0',
    );
    const extra = result.text.replace('    score: 1\n', '    score: 1\n    progress_at_close: 1\n');
    expect(edit.verify({ text, facts: parseOkrText('o.md', text) }, { text: extra, facts: parseOkrText('o.md', extra) })).toBe('it would change more than the closing keys');
  });

  it('edits JSON front-matter as JSON', () => {
    const text = '---json\n{"id": "o", "title": "O", "period": "2026-Q4", "key_results": [{"id": "a", "title": "A", "done": true}]}\n---\n';
    const result = close(text, { closed: '2026-12-31', score: 1, keyResultScores: [1], note: null });
    expect(result.verdict).toBeNull();
    expect(result.text).toBe(
      '---json\n{"id": "o", "title": "O", "period": "2026-Q4", "closed": "2026-12-31", "score": 1, "key_results": [{"id": "a", "title": "A", "done": true, "score": 1}]}\n---\n',
    );
  });
});
