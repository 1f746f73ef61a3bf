import { describe, expect, it } from 'vitest';
import { closeEdit } from '../../src/edit/close.js';
import { applySplices } from '../../src/edit/splice.js';
import { parseOkrText } from '../../src/parse/file-facts.js';

function close(text: string, plan = { closed: '2026-12-31', score: 0.675, keyResultScores: [0.35, 1], note: null as string | null }) {
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

  it('edits JSON front-matter as JSON', () => {
    const text = '---json\n{"id": "o", "title": "O", "period": "2026-Q4", "key_results": [{"id": "a", "title": "A", "done": true}]}\n---\n';
    const result = close(text, { closed: '2026-12-31', score: 1, keyResultScores: [1], note: null });
    expect(result.verdict).toBeNull();
    expect(result.text).toBe(
      '---json\n{"id": "o", "title": "O", "period": "2026-Q4", "closed": "2026-12-31", "score": 1, "key_results": [{"id": "a", "title": "A", "done": true, "score": 1}]}\n---\n',
    );
  });
});
