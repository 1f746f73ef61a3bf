import fc from 'fast-check';
import { applyPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { patchFileName, renderUnifiedDiff } from '../../src/render/unified-diff.js';
import { diffLines, splitLines } from '../helpers/line-diff.js';
import { propertyRuns } from '../helpers/property-runs.js';

describe('patchFileName: file names as git diff writes them', () => {
  it.each([
    ['plain.md', 'a/plain.md'],
    ['dir/my file.md', 'a/dir/my file.md\t'],
    ['fête.md', 'a/fête.md'],
    ['a"b.md', '"a/a\\"b.md"'],
    ['back\\slash.md', '"a/back\\\\slash.md"'],
    ['tab\there é.md', '"a/tab\\there \\303\\251.md"'],
    ['trailing ', '"a/trailing "'],
  ])('%j', (file, header) => {
    expect(patchFileName('a/', file)).toBe(header);
  });

  it('puts the names in the --- and +++ lines', () => {
    expect(renderUnifiedDiff({ oldPath: 'my file.md', newPath: 'my file.md', oldText: 'a\n', newText: 'b\n' })).toBe(
      '--- a/my file.md\t\n+++ b/my file.md\t\n@@ -1 +1 @@\n-a\n+b\n',
    );
  });
});

describe('renderUnifiedDiff', () => {
  it('prints one hunk with three lines of context', () => {
    const oldText = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const newText = 'a\nb\nc\nd\nE\nf\ng\nh\n';
    expect(renderUnifiedDiff({ oldPath: 'x.md', newPath: 'x.md', oldText, newText })).toBe('--- a/x.md\n+++ b/x.md\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n');
  });

  it('splits far-apart changes into hunks and joins near ones', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `${i + 1}`);
    const changed = [...lines];
    changed[1] = 'two';
    changed[17] = 'eighteen';
    const diff = renderUnifiedDiff({ oldPath: 'x', newPath: 'x', oldText: `${lines.join('\n')}\n`, newText: `${changed.join('\n')}\n` });
    expect(diff.match(/^@@.*@@$/gm)).toEqual(['@@ -1,5 +1,5 @@', '@@ -15,6 +15,6 @@']);
    changed[8] = 'nine';
    changed[17] = '18';
    expect(renderUnifiedDiff({ oldPath: 'x', newPath: 'x', oldText: `${lines.join('\n')}\n`, newText: `${changed.join('\n')}\n` }).match(/^@@.*@@$/gm)).toEqual([
      '@@ -1,12 +1,12 @@',
    ]);
  });

  it('marks a last line without a line break, and keeps carriage returns', () => {
    expect(renderUnifiedDiff({ oldPath: 'x', newPath: 'x', oldText: 'a\r\nb', newText: 'a\r\nb\r\nc' })).toBe(
      '--- a/x\n+++ b/x\n@@ -1,2 +1,3 @@\n a\r\n-b\n\\ No newline at end of file\n+b\r\n+c\n\\ No newline at end of file\n',
    );
  });

  it('shows a new file against /dev/null, and nothing when nothing changes', () => {
    expect(renderUnifiedDiff({ oldPath: null, newPath: 'n.md', oldText: '', newText: 'x\ny\n' })).toBe('--- /dev/null\n+++ b/n.md\n@@ -0,0 +1,2 @@\n+x\n+y\n');
    expect(renderUnifiedDiff({ oldPath: 'x', newPath: 'x', oldText: 'same\n', newText: 'same\n' })).toBe('');
  });
  it('prints 5,000 changed lines (memory linear in the texts, not quadratic in the change)', () => {
    const oldLines = Array.from({ length: 5000 }, (_, i) => `old line ${i + 1}\n`);
    const newLines = Array.from({ length: 5000 }, (_, i) => `new line ${i + 1}\n`);
    const diff = renderUnifiedDiff({ oldPath: 'x.md', newPath: 'x.md', oldText: oldLines.join(''), newText: newLines.join('') });
    const lines = diff.split('\n');
    expect(lines.slice(0, 3)).toEqual(['--- a/x.md', '+++ b/x.md', '@@ -1,5000 +1,5000 @@']);
    expect(lines.filter((line) => line.startsWith('-old line')).length).toBe(5000);
    expect(lines.filter((line) => line.startsWith('+new line')).length).toBe(5000);
    expect(applyPatch(oldLines.join(''), diff)).toBe(newLines.join(''));
  });

  it('turns a change too large to diff line by line into one hunk that still applies, with context and final-newline marks', () => {
    const same = (from: number, count: number) => Array.from({ length: count }, (_, i) => `same ${from + i}\n`).join('');
    const changed = (word: string) => Array.from({ length: 800 }, (_, i) => `${word} ${i}\n`).join('');
    for (const [oldText, newText] of [
      [same(0, 10) + changed('old') + same(10, 10), same(0, 10) + changed('new') + same(10, 10)],
      [same(0, 2) + changed('old') + 'last', same(0, 2) + changed('new') + 'last'],
      [changed('old') + 'end', changed('new')],
      ['', changed('new') + 'no newline'],
    ]) {
      const diff = renderUnifiedDiff({ oldPath: 'x.md', newPath: 'x.md', oldText: oldText!, newText: newText! });
      expect(applyPatch(oldText!, diff)).toBe(newText);
    }
    const diff = renderUnifiedDiff({
      oldPath: 'x.md',
      newPath: 'x.md',
      oldText: same(0, 10) + changed('old') + same(10, 10),
      newText: same(0, 10) + changed('new') + same(10, 10),
    });
    expect(diff.split('\n').slice(0, 4)).toEqual(['--- a/x.md', '+++ b/x.md', '@@ -8,806 +8,806 @@', ' same 7']);
  });

  it('is a patch that turns the old text into the new one (property)', () => {
    const line = fc.constantFrom('a\n', 'b\n', 'c\n', 'd\r\n', 'e\r', '');
    const text = fc.array(line, { maxLength: 30 }).map((lines) => lines.join(''));
    fc.assert(
      fc.property(text, text, fc.boolean(), (oldText, newText, isNew) => {
        const diff = renderUnifiedDiff({ oldPath: isNew ? null : 'x', newPath: 'x', oldText: isNew ? '' : oldText, newText });
        const from = isNew ? '' : oldText;
        if (from === newText) expect(diff).toBe('');
        else expect(applyPatch(from, diff)).toBe(newText);
      }),
      propertyRuns(300),
    );
  });
});

describe('diffLines', () => {
  it('is an edit script from one text to the other (property)', () => {
    const line = fc.constantFrom('a\n', 'b\n', 'c\n', 'd\r\n', 'e');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), (a, b) => {
        const ops = diffLines(a, b);
        expect(ops.filter((op) => op.kind !== '+').map((op) => op.line)).toEqual(a);
        expect(ops.filter((op) => op.kind !== '-').map((op) => op.line)).toEqual(b);
      }),
      propertyRuns(300),
    );
  });

  it('finds the smallest script for a one-line change', () => {
    const ops = diffLines(splitLines('a\nb\nc\n'), splitLines('a\nB\nc\n'));
    expect(ops.map((op) => op.kind).join('')).toBe(' -+ ');
  });
});
