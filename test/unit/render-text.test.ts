import { describe, expect, it } from 'vitest';
import { createStyle, detectColorLevel, plainStyle } from '../../src/render/style.js';
import { displayWidth, sanitizeForTerminal, truncate } from '../../src/render/terminal-text.js';
import { renderProblemsText, renderStatusText } from '../../src/render/text.js';
import { objective, reportOf, taskFile } from '../helpers/workspace.js';

const report = reportOf({
  'a.md': objective('company'),
  'b.md': objective('growth', {
    parent: 'company',
    owner: 'team',
    krs: ['{id: signups, title: A rather long key result title that goes on and on, start: 0, target: 10, current: 5, unit: "%"}'],
  }),
  'c.md': objective('child', { parent: 'growth', krs: ['{id: ship, title: Ship}'] }),
  'd.md': objective('quality', { parent: 'company', krs: ['{id: docs, title: Docs, done: true}'] }),
  't.md': taskFile('ship', '- [x] a\n- [ ] b\n- [ ] c\n'),
});

describe('renderStatusText', () => {
  it('draws the tree with key results under their objective', () => {
    const lines = renderStatusText(report, { style: plainStyle, width: null }).split('\n');
    expect(lines[0]).toBe('2026-Q4 (2026-10-01 to 2026-12-31) · today 2026-11-15 · 50% of the period elapsed');
    expect(lines.slice(2, 8).map((line) => line.replace(/ {2,}[█░].*$/, ''))).toEqual([
      'company · Objective company',
      '├─ growth · Objective growth',
      '│  │  • signups · A rather long key result title that goes on and on',
      '│  └─ child · Objective child',
      '│        • ship · Ship',
      '└─ quality · Objective quality',
    ]);
    expect(lines.find((l) => l.includes('signups'))).toMatch(/█████░░░░░ +50% +on track +5 \/ 10 %$/);
    expect(lines.find((l) => l.includes('ship · Ship'))).toMatch(/███░░░░░░░ +33% +at risk +1 of 3 tasks$/);
    expect(lines.find((l) => l.includes('docs · Docs'))).toMatch(/██████████ +100% +done +milestone done$/);
  });

  it('fits a terminal width by shortening titles, and never cuts without one', () => {
    const narrow = renderStatusText(report, { style: plainStyle, width: 90 });
    for (const line of narrow.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(90);
    expect(narrow).toContain('…');
    expect(renderStatusText(report, { style: plainStyle, width: null })).not.toContain('…');
  });

  it('needs no colour library without colour', async () => {
    expect(await createStyle(0)).toBe(plainStyle);
    expect(renderStatusText(report, { style: plainStyle, width: null })).not.toContain('\u001b[');
  });

  it('says so when there is nothing to show', () => {
    expect(renderStatusText({ ...report, objectives: [] }, { style: plainStyle, width: null })).toBe('No objectives to show.\n');
  });

  it('adds colour without changing the text', async () => {
    const coloured = renderStatusText(report, { style: await createStyle(1), width: null });
    expect(coloured).toContain('\u001b[');
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(renderStatusText(report, { style: plainStyle, width: null }));
  });
});

describe('renderProblemsText', () => {
  it('prints one problem a line and a count', () => {
    const text = renderProblemsText(
      [
        { file: 'a.md', line: 2, column: 5, severity: 'error', rule: 'schema', message: 'bad \u001b[2J' },
        { file: 'b.md', line: 1, column: 1, severity: 'warning', rule: 'kr-no-tasks', message: 'no tasks' },
      ],
      plainStyle,
    );
    expect(text).toBe('a.md:2:5  error  bad \\x1b[2J  (schema)\nb.md:1:1  warning  no tasks  (kr-no-tasks)\n1 error, 1 warning\n');
  });
});

describe('terminal text', () => {
  it('escapes control characters and bidirectional overrides', () => {
    expect(sanitizeForTerminal('a\u001b[31mb\u0007c\u202ed\u0085')).toBe('a\\x1b[31mb\\x07c\\u{202e}d\\x85');
    expect(sanitizeForTerminal('tab\tand\nnewline stay')).toBe('tab\tand\nnewline stay');
  });

  it('measures wide characters and truncates by columns', () => {
    expect(displayWidth('日本語')).toBe(6);
    expect(displayWidth('🎉 ok')).toBe(5);
    expect(displayWidth('é')).toBe(1);
    expect(truncate('日本語のテキスト', 7)).toBe('日本語…');
  });

  it('detects colour from the terminal and the environment', () => {
    expect(detectColorLevel(true, {})).toBe(1);
    expect(detectColorLevel(false, {})).toBe(0);
    expect(detectColorLevel(true, { NO_COLOR: '1' })).toBe(0);
    expect(detectColorLevel(true, { NO_COLOR: '' })).toBe(1);
    expect(detectColorLevel(false, { FORCE_COLOR: '1' })).toBe(1);
    expect(detectColorLevel(false, { FORCE_COLOR: '3' })).toBe(3);
    expect(detectColorLevel(true, { FORCE_COLOR: '0' })).toBe(0);
    expect(detectColorLevel(true, { TERM: 'dumb' })).toBe(0);
    expect(detectColorLevel(true, { TERM: 'xterm-256color' })).toBe(2);
  });
});
