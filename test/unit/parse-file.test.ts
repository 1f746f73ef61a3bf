import { describe, expect, it, vi } from 'vitest';
import { parseOkrFile, parseOkrText } from '../../src/parse/file-facts.js';

const parse = (text: string) => parseOkrText('okr.md', text);
const problems = (text: string) => parse(text).problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.rule}: ${p.message}`);

const OBJECTIVE = `---
id: activation
title: Make new users successful
owner: growth-team
period: 2026-Q4
parent: company
key_results:
  - id: activation-rate
    title: Raise activation
    start: 22
    target: 35
    current: 27
    unit: "%"
    weight: 2
  - id: docs-site
    title: Publish the docs
    done: false
  - id: onboarding-flow
    title: Ship onboarding
---
Narrative.
`;

describe('objective files', () => {
  it('reads every field and the kind of each key result', () => {
    const facts = parse(OBJECTIVE);
    expect(facts.problems).toEqual([]);
    expect(facts.role).toBe('objective');
    expect(facts.objective).toMatchObject({
      id: 'activation',
      title: 'Make new users successful',
      owner: 'growth-team',
      period: { label: '2026-Q4', start: '2026-10-01', end: '2026-12-31' },
      parent: { id: 'company', line: 6, column: 9 },
      line: 2,
      column: 5,
    });
    expect(facts.objective!.keyResults.map((kr) => [kr.id, kr.measure, kr.weight, kr.line])).toEqual([
      ['activation-rate', { kind: 'metric', start: 22, target: 35, current: 27, unit: '%' }, 2, 8],
      ['docs-site', { kind: 'milestone', done: false }, 1, 15],
      ['onboarding-flow', { kind: 'tasks' }, 1, 18],
    ]);
  });

  it('is recognised by key_results alone, without type', () => {
    expect(parse('---\nid: a\ntitle: A\nperiod: 2026\nkey_results: []\n---\n').objective?.period?.label).toBe('2026');
  });

  it('takes current from start when it is missing', () => {
    const facts = parse('---\ntype: objective\nid: a\ntitle: A\nperiod: 2026-Q4\nkey_results:\n  - {id: k, title: K, start: 5, target: 1}\n---\n');
    expect(facts.objective!.keyResults[0]!.measure).toEqual({ kind: 'metric', start: 5, target: 1, current: 5, unit: null });
  });

  it('accepts explicit start and end dates', () => {
    const facts = parse('---\ntype: objective\nid: a\ntitle: A\nstart: 2026-11-01\nend: 2027-01-31\n---\n');
    expect(facts.objective!.period).toEqual({ label: '2026-11-01..2027-01-31', start: '2026-11-01', end: '2027-01-31' });
  });

  it('points schema errors at the offending value, with what was expected', () => {
    const text = OBJECTIVE.replace('target: 35', 'target: "35"').replace('weight: 2', 'weight: -1');
    expect(problems(text)).toEqual([
      '11:13 error schema: key_results[0].target: expected a number, got the string "35": write it without quotes',
      '14:13 error schema: key_results[0].weight: must be at least 0, got the number -1',
    ]);
    // The broken key result stays, invalid, with why; the rest of the objective stands.
    const keyResults = parse(text).objective!.keyResults;
    expect(keyResults.map((kr) => [kr.id, kr.invalid, kr.measure?.kind ?? null])).toEqual([
      ['activation-rate', 'key_results[0].target: expected a number, got the string "35": write it without quotes', null],
      ['docs-site', null, 'milestone'],
      ['onboarding-flow', null, 'tasks'],
    ]);
    expect(parse(text).objective!.invalid).toBeNull();
  });

  it('reports a missing required key at its mapping', () => {
    expect(problems('---\ntype: objective\nid: a\nperiod: 2026-Q4\n---\n')).toEqual(['2:1 error schema: title: is required']);
  });

  it('rejects invalid ids', () => {
    expect(problems('---\ntype: objective\nid: Bad Id\ntitle: A\nperiod: 2026-Q4\n---\n')[0]).toMatch(/^3:5 error schema: id: "Bad Id" is not a valid id/);
  });

  it('warns about unknown keys and suggests the likely one', () => {
    const text = OBJECTIVE.replace('target: 35', 'targte: 35').replace('owner: growth-team', 'ownr: growth-team');
    const list = problems(text);
    expect(list).toContain('4:1 warning unknown-key: unknown objective key "ownr": did you mean "owner"?');
    expect(list).toContain('11:5 warning unknown-key: unknown key result key "targte": did you mean "target"?');
    expect(list).toContain('8:5 error incomplete-metric: key result "activation-rate" is a metric without "target": a metric needs "start" and "target"');
  });

  it.each([
    ['period: 2026-Q5', '5:9 error invalid-period: "2026-Q5" is not a period: use YYYY-Qn, YYYY-Hn, YYYY or YYYY-MM, or "start" and "end" dates'],
    ['start: 2026-02-30\nend: 2026-03-01', '5:8 error invalid-date: start: "2026-02-30" is not a date: use YYYY-MM-DD'],
    ['start: 2026-03-01\nend: 2026-02-01', '6:6 error invalid-period: the period ends (2026-02-01) before it starts (2026-03-01)'],
    ['start: 2026-03-01', '5:1 error invalid-period: "end" is missing: an explicit period needs both "start" and "end"'],
    ['owner: x', '3:1 error missing-period: objective has no period: add "period: 2026-Q4" (YYYY-Qn, YYYY-Hn, YYYY or YYYY-MM) or "start" and "end" dates'],
  ])('reports a bad period: %s', (lines, expected) => {
    expect(problems(`---\ntype: objective\nid: a\ntitle: A\n${lines}\n---\n`)).toEqual([expected]);
  });

  it('reports start equal to target and mixed measures, keeping both key results as invalid', () => {
    const text = `---
type: objective
id: a
title: A
period: 2026-Q4
key_results:
  - {id: k1, title: K, start: 3, target: 3}
  - {id: k2, title: K, start: 0, target: 3, done: true}
  - {id: k3, title: K, weight: 0, done: true}
---
`;
    expect(problems(text)).toEqual([
      '7:42 error start-equals-target: key result "k1" has start equal to target (3), so progress cannot be measured: change "start" or "target"',
      '8:51 error mixed-measure: key result "k2" has both "done" (a milestone) and "start", "target" (a metric): keep one kind',
    ]);
    expect(parse(text).objective!.keyResults.map((kr) => kr.invalid !== null)).toEqual([true, true, false]);
    const zero = '---\ntype: objective\nid: a\ntitle: A\nperiod: 2026-Q4\nkey_results:\n  - {id: k1, title: K, weight: 0, done: true}\n  - {id: k2, title: K, weight: 0}\n---\n';
    expect(problems(zero)).toEqual(['7:3 error zero-weights: every key result has weight 0: give at least one a positive weight']);
    expect(parse(zero).objective!.invalid).toBe('every key result has weight 0: give at least one a positive weight');
  });

  it('warns about metrics beyond their target or behind their start, both directions', () => {
    const text = `---
type: objective
id: a
title: A
period: 2026-Q4
key_results:
  - {id: up, title: K, start: 10, target: 20, current: 25}
  - {id: down, title: K, start: 10, target: 5, current: 12}
---
`;
    expect(problems(text).map((p) => p.split(':')[2])).toEqual([' 7', ' 8'].map(() => expect.any(String)) as never);
    expect(parse(text).problems.map((p) => p.rule)).toEqual(['metric-beyond-target', 'metric-behind-start']);
  });
});

describe('task files', () => {
  it('links every task to the key results named in kr', () => {
    const facts = parse('---\nkr: [a, b]\n---\n- [x] one\n- [ ] two\n');
    expect(facts.role).toBe('tasks');
    expect(facts.fileLinks).toEqual([
      { id: 'a', line: 2, column: 6 },
      { id: 'b', line: 2, column: 9 },
    ]);
    expect(facts.tasks.map((t) => [t.text, t.line, t.links.map((l) => l.id), t.linkedBy])).toEqual([
      ['one', 4, ['a', 'b'], 'file'],
      ['two', 5, ['a', 'b'], 'file'],
    ]);
  });

  it('accepts type: tasks, and rejects another type', () => {
    expect(parse('---\ntype: tasks\nkr: a\n---\n- [ ] x\n').problems).toEqual([]);
    expect(problems('---\ntype: post\nkr: a\n---\n- [ ] x\n')).toEqual(['2:7 error schema: type: expected "tasks" or "task", got the text "post"']);
  });

  it('lets sections and items override the file link', () => {
    const facts = parse('---\nkr: a\n---\n- [ ] one\n## Other <!-- kr: b -->\n- [ ] two <!-- kr: c -->\n- [ ] three\n');
    expect(facts.tasks.map((t) => [t.text, t.links.map((l) => l.id)])).toEqual([
      ['one', ['a']],
      ['two', ['c']],
      ['three', ['b']],
    ]);
  });

  it('does not count checkboxes in the front-matter', () => {
    expect(parse('---\nkr: a\nnote: "- [ ] not a task"\n---\n- [ ] task\n').tasks).toHaveLength(1);
  });

  it('warns about an empty task file and about a checked group with open leaves', () => {
    expect(parse('---\nkr: a\n---\nNothing yet.\n').problems.map((p) => p.rule)).toEqual(['empty-task-file']);
    expect(problems('---\nkr: a\n---\n- [x] group\n  - [ ] leaf\n')).toEqual([
      '4:3 warning group-done-open-leaves: "group" is checked but some of its sub-tasks are still open, and only the sub-tasks count: finish them, or untick the group',
    ]);
  });

  it('rejects a kr that is not an id or list of ids', () => {
    expect(problems('---\nkr: 42\n---\n- [ ] x\n')).toEqual(['2:5 error schema: kr: expected a key result id or a list of ids, got the number 42']);
    expect(problems('---\nkr: []\n---\n- [ ] x\n')).toEqual(['2:5 error schema: kr: must name at least one key result']);
  });

  it('locates front-matter values after an opening line with trailing spaces or a language', () => {
    for (const opener of ['---', '---  ', '---yaml', '--- yml ']) {
      expect(parse(`${opener}\nkr: [a, b]\n---\n- [ ] x\n`).fileLinks, opener).toEqual([
        { id: 'a', line: 2, column: 6 },
        { id: 'b', line: 2, column: 9 },
      ]);
      expect(problems(`${opener}\r\nkr: 42\r\n---\r\n- [ ] x\r\n`), opener).toEqual(['2:5 error schema: kr: expected a key result id or a list of ids, got the number 42']);
      expect(problems(`${opener}\nkr: [a\n---\n`)[0], opener).toMatch(/^2:7 error yaml-syntax: /);
    }
  });

  it('positions tasks in files with CRLF endings and a BOM', () => {
    const bytes = new TextEncoder().encode('\uFEFF---\r\nkr: a\r\n---\r\n\r\n- [x] one\r\n');
    const facts = parseOkrFile('t.md', bytes);
    // The checkbox's offset counts UTF-16 units after the BOM: line 5 starts at offset 19.
    expect(facts.tasks.map((t) => [t.line, t.column, t.checkboxOffset])).toEqual([[5, 1, 21]]);
  });
});

describe('front-matter is data, never code', () => {
  it('refuses JavaScript front-matter without running it', () => {
    const marker = '__okr_test_executed__';
    const text = `---js\n{ id: (globalThis.${marker} = true, 'x') }\n---\n- [ ] t\n`;
    const facts = parse(text);
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
    expect(facts.problems.map((p) => [p.rule, p.line, p.column])).toEqual([['front-matter-language', 1, 4]]);
    expect(facts.role).toBe('markdown');
  });

  it.each(['javascript', 'coffee', 'toml', 'js '])('refuses ---%s', (language) => {
    expect(parse(`---${language}\nid = 1\n---\n`).problems[0]!.rule).toBe('front-matter-language');
  });

  it('reports a lone CR in the opening line as an unknown language, as gray-matter reads it', () => {
    const facts = parse('---json\rx\n{"kr": "a"}\n---\n- [ ] t\n');
    expect(facts.problems.map((p) => [p.rule, p.line, p.column, p.message])).toEqual([
      ['front-matter-language', 1, 4, 'front-matter language "json\rx" is not supported: use YAML (---) or JSON (---json)'],
    ]);
  });

  it('reads a collection used as a key without the YAML library writing a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const facts = parse('---\n? [a, b]\n: x\nkr: a\n---\n- [ ] t\n');
      expect(facts.fileLinks.map((link) => link.id)).toEqual(['a']);
      expect(warn).not.toHaveBeenCalled();
      expect(emitWarning).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      emitWarning.mockRestore();
    }
  });

  it.each(['json', 'JSON', ' Json ', 'YAML', 'Yml'])('accepts ---%s front-matter', (language) => {
    for (const eol of ['\n', '\r\n']) {
      const facts = parse(`---${language}${eol}{"kr": "a"}${eol}---${eol}- [ ] x${eol}`);
      expect(facts.problems).toEqual([]);
      expect(facts.fileLinks).toEqual([{ id: 'a', line: 2, column: 8 }]);
    }
  });

  it('uses the YAML 1.2 core schema', () => {
    const facts = parse('---\ntype: objective\nid: a\ntitle: no\nperiod: 2026\nstart2: 2026-01-01\nkey_results:\n  - {id: k, title: K, start: 010, target: 0x10}\n---\n');
    expect(facts.objective!.title).toBe('no');
    expect(facts.objective!.keyResults[0]!.measure).toMatchObject({ start: 10, target: 16 });
  });

  it('keeps dates as strings, so they are validated as dates', () => {
    expect(parse('---\ntype: objective\nid: a\ntitle: A\nstart: 2026-01-01\nend: 2026-03-31\n---\n').objective!.period!.start).toBe('2026-01-01');
  });

  it('rejects duplicate keys', () => {
    expect(problems('---\nkr: a\nkr: b\n---\n- [ ] x\n')).toEqual(['3:1 error duplicate-key: duplicate key: each key may appear only once in a mapping']);
  });

  it('fails fast on alias bombs', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'kr: x',
    ].join('\n');
    expect(parse(`---\n${bomb}\n---\n`).problems.map((p) => p.rule)).toEqual(['yaml-alias']);
  });

  it('refuses YAML tags other than the core ones', () => {
    expect(problems('---\nkr: !!js/function "function () {}"\n---\n')).toEqual([
      '2:5 error yaml-tag: YAML tag "!!js/function" is not supported: front-matter is plain data; remove the tag',
    ]);
    expect(parse('---\nkr: !!binary aGVsbG8=\n---\n').problems[0]!.rule).toBe('yaml-tag');
    expect(parse('---\nkr: !!str a\n---\n- [ ] x\n').problems).toEqual([]);
  });

  it('does not share results between parses (gray-matter caches by content)', () => {
    const first = parse(OBJECTIVE);
    first.objective!.keyResults.length = 0;
    (first.objective as { title: string }).title = 'changed';
    const second = parse(OBJECTIVE);
    expect(second.objective!.title).toBe('Make new users successful');
    expect(second.objective!.keyResults).toHaveLength(3);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(problems('---\nkr: [a\n---\n')[0]).toMatch(/^2:\d+ error yaml-syntax: YAML syntax error/);
  });

  it('reports an unclosed front-matter block', () => {
    expect(problems('---\nkr: a\n- [ ] x\n')).toEqual(['1:1 error front-matter-unclosed: front-matter opened by "---" on line 1 is never closed: add a line "---" after it']);
  });

  it('reads a file without front-matter as plain Markdown', () => {
    const facts = parse('# Notes\n\n- [ ] something\n');
    expect(facts.role).toBe('markdown');
    expect(facts.problems).toEqual([]);
    expect(facts.tasks[0]!.links).toEqual([]);
  });

  it('reports invalid UTF-8 with its line', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('---\nkr: a\n---\n- [ ] x'), 0xff, 0x0a]);
    expect(parseOkrFile('bad.md', bytes).problems).toEqual([
      { file: 'bad.md', line: 4, column: 8, severity: 'error', rule: 'invalid-utf8', message: 'file is not valid UTF-8: save it as UTF-8' },
    ]);
  });
});
