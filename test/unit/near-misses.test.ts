/**
 * Files that look meant to count but are read as plain Markdown get a warning that says why; other
 * tools' front-matter and Markdown that uses `---` as a rule stay silent.
 */
import { describe, expect, it } from 'vitest';
import { parseOkrFile, parseOkrText } from '../../src/parse/file-facts.js';

const found = (text: string) => parseOkrText('f.md', text).problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.rule}: ${p.message}`);
const rules = (text: string) => parseOkrText('f.md', text).problems.map((p) => `${p.line}:${p.column} ${p.rule}`);

const NOT_AT_START = 'front-matter must start on the first line, so this block is not read and the file is read as plain Markdown: remove';

describe('front-matter that does not start on the first line', () => {
  it.each([
    ['blank lines', '\n\n---\ntype: objective\nid: a\ntitle: A\nperiod: 2026-Q4\n---\n', '3:1', 'the 2 blank lines'],
    ['one blank line with CRLF', '\r\n---\r\nkr: a\r\n---\r\n', '2:1', 'the blank line'],
    ['a blank line holding spaces', '  \t\n---\nkr: a\n---\n', '2:1', 'the blank line'],
    ['spaces on the --- line', '  ---\nkr: a\n---\n', '1:3', 'the spaces'],
    ['a zero-width space', '\u200B---\nkr: a\n---\n', '1:2', 'the zero-width space (U+200B)'],
    ['a second BOM', '\uFEFF---\nkr: a\n---\n', '1:2', 'the second byte-order mark (U+FEFF)'],
    ['a word joiner', '\u2060---\nkr: a\n---\n', '1:2', 'the word joiner (U+2060)'],
    ['a no-break space', '\u00A0---\nkr: a\n---\n', '1:2', 'the no-break space (U+00A0)'],
    ['several', '\n\u00A0\u200B\n---\nkr: a\n---\n', '3:1', 'the 2 blank lines, the no-break space (U+00A0) and the zero-width space (U+200B)'],
  ])('%s', (_name, text, at, what) => {
    expect(found(text)).toEqual([`${at} warning front-matter-not-at-start: ${NOT_AT_START} ${what} before "---"`]);
    expect(parseOkrText('f.md', text).role).toBe('markdown');
  });

  it('sees a second BOM in the bytes, after the first', () => {
    const facts = parseOkrFile('f.md', new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, ...new TextEncoder().encode('---\nkr: a\n---\n')]));
    expect(facts.problems.map((p) => `${p.line}:${p.column} ${p.rule}`)).toEqual(['1:2 front-matter-not-at-start']);
  });

  it.each([
    ['a rule after a blank line', '\n---\n\nSome text.\n\n---\n'],
    ['prose between rules that reads as a mapping', '\n---\n\nA note that uses rules: silent.\n\n---\n'],
    ['a heading after a rule', '\n\n---\n# Title\n'],
    ['a lone rule', '\n---\n'],
    ['a setext heading', '\nTitle\n---\n'],
    ['an empty block', '\n---\n---\n'],
    ['a block that is a list', '\n---\n- a\n- b\n---\n'],
    ['a block with a YAML error', '\n---\nkey: [\n---\n'],
    ['indented code', '\n    ---\n    kr: a\n    ---\n'],
    ['text before the rule', 'Intro\n\n---\nkr: a\n---\n'],
  ])('stays silent for %s', (_name, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('a type okr does not know', () => {
  it.each([
    ['objectve', '2:7', 'type "objectve" is not a type okr knows: did you mean "objective"? The file is read as plain Markdown'],
    ['"Objective "', '2:7', 'type "Objective " is not a type okr knows: did you mean "objective"? The file is read as plain Markdown'],
    ['OBJECTIVE', '2:7', 'type "OBJECTIVE" is not a type okr knows: did you mean "objective"? The file is read as plain Markdown'],
  ])('%s: did you mean, even without other signs of okr', (value, at, message) => {
    expect(found(`---\ntype: ${value}\ntitle: T\n---\n`)).toEqual([`${at} warning unknown-type: ${message}`]);
  });

  it('an unknown type in a block with an id, a period or a parent', () => {
    expect(found('---\ntype: goal\nid: g\ntitle: G\n---\n')).toEqual([
      '2:7 warning unknown-type: type "goal" is not a type okr knows ("objective", or "tasks" with "kr"): the file is read as plain Markdown',
    ]);
    expect(rules('---\ntitle: G\nperiod: 2026-Q4\ntype: 3\n---\n')).toEqual(['4:7 unknown-type']);
    expect(found('---\ntype: tsks\nparent: p\n---\n')).toEqual([
      '2:7 warning unknown-type: type "tsks" is not a type okr knows: did you mean "tasks"? The file is read as plain Markdown',
    ]);
  });

  it('"type: tasks" or "type: task" without kr', () => {
    for (const type of ['tasks', 'task']) {
      expect(found(`---\ntype: ${type}\n---\n- [ ] a\n`)).toEqual([
        `2:7 warning unknown-type: "type: ${type}" but no "kr" key, so the file is not read as a task file: add "kr:" with the key result its tasks count toward`,
      ]);
    }
  });

  it.each([
    ['Hugo', '---\ntitle: Install\ndate: 2026-01-05\ndraft: false\ntype: docs\nweight: 3\n---\n'],
    ['Hugo, a type close to "task"', '---\ntitle: A talk\ntype: talk\n---\n'],
    ['a post', '---\ntype: post\nlayout: post\ntitle: Hello\n---\n'],
  ])('stays silent for other tools: %s', (_name, text) => {
    expect(found(text)).toEqual([]);
  });

  it('is left to the schema in an objective or task file', () => {
    expect(rules('---\ntype: objectve\nid: a\ntitle: A\nperiod: 2026-Q4\nkey_results: []\n---\n')).toEqual(['2:7 schema']);
    expect(rules('---\ntype: objectve\nkr: a\n---\n- [ ] x\n')).toEqual(['2:7 schema']);
  });
});

describe('a near miss of key_results or kr', () => {
  it.each(['keyresults', 'key-results', 'keyResults', 'KeyResults', 'key_result', 'key results', 'key_reslts'])('%s', (key) => {
    expect(found(`---\nid: a\ntitle: A\nperiod: 2026-Q4\n${key}:\n  - id: b\n    title: B\n---\n`)).toEqual([
      `5:1 warning misspelled-okr-key: unknown key "${key}": did you mean "key_results"? Without "key_results" (or "type: objective") the file is not read as an objective`,
    ]);
  });

  it.each(['krs', 'KR', 'Kr', 'k-r', 'KRs'])('%s', (key) => {
    expect(found(`---\n${key}: a\n---\n- [ ] x\n`)).toEqual([
      `2:1 warning misspelled-okr-key: unknown key "${key}": did you mean "kr"? Without "kr" the file is not read as a task file`,
    ]);
  });

  it('says it once with "type: tasks"', () => {
    expect(rules('---\ntype: tasks\nkrs: a\n---\n')).toEqual(['3:1 misspelled-okr-key']);
  });

  it('is not doubled in an objective file, where the unknown-key check suggests it', () => {
    expect(found('---\ntype: objective\nid: a\ntitle: A\nperiod: 2026-Q4\nkeyresults: []\n---\n')).toEqual([
      '6:1 warning unknown-key: unknown objective key "keyresults": did you mean "key_results"?',
    ]);
  });

  it.each([
    ['kw', '---\nkw: a\n---\n'],
    ['keys', '---\nkeys: [a]\n---\n'],
    ['keywords', '---\nkeywords: [a, b]\n---\n'],
    ['k', '---\nk: 1\n---\n'],
    ['pr', '---\npr: 12\n---\n'],
  ])('stays silent for %s', (_name, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('an objective without an id or a type', () => {
  it('title and period but no id', () => {
    expect(found('---\ntitle: No id\nowner: ana\nperiod: 2026-Q4\n---\n')).toEqual([
      '2:1 warning not-an-objective: front-matter has "title" and "period" but no "id", so the file is not read as an objective: add "id:" (lowercase letters, digits, "-") and "type: objective"',
    ]);
  });

  it('id, title and period but no type and no key_results', () => {
    expect(found('---\nid: a\ntitle: A\nperiod: 2026-Q4\n---\n')).toEqual([
      '3:1 warning not-an-objective: front-matter has "id", "title" and "period" but neither "type: objective" nor "key_results", so the file is not read as an objective: add "type: objective"',
    ]);
  });

  it('is not said again next to a misspelled key_results or type', () => {
    expect(rules('---\ntitle: A\nperiod: 2026-Q4\nkeyresults: []\n---\n')).toEqual(['4:1 misspelled-okr-key']);
    expect(rules('---\ntype: objectve\ntitle: A\nperiod: 2026-Q4\n---\n')).toEqual(['2:7 unknown-type']);
  });

  it.each([
    ['Jekyll', '---\nlayout: post\ntitle: Hello\ndate: 2026-01-05\ntags: [news]\n---\n'],
    ['title only', '---\ntitle: Hello\n---\n'],
    ['period only', '---\nperiod: 2026-Q4\n---\n'],
    ['title, start and end', '---\ntitle: Conference\nstart: 2026-01-05\nend: 2026-01-07\n---\n'],
  ])('stays silent for %s', (_name, text) => {
    expect(found(text)).toEqual([]);
  });
});
