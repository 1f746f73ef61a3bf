/** The rules table (src/model/rules.ts) is README.md's rules table, row for row. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRuleId, RULES, ruleInfo } from '../../src/model/rules.js';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { sourceFiles } from '../helpers/source-files.js';

/** The rows of the table under "#### Rules" in README.md, as [id, severity, finds, fix]. */
function readmeRules(): string[][] {
  const lines = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8').split('\n');
  const start = lines.indexOf('#### Rules');
  expect(start).toBeGreaterThan(-1);
  const rows: string[][] = [];
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('|')) inTable = true;
    else if (inTable) break;
    else continue;
    const cells = line
      .slice(1, -1)
      .split(' | ')
      .map((cell) => cell.trim());
    if (cells[0] === 'Rule' || /^-+$/.test(cells[0]!.replace(/\s/g, ''))) continue;
    rows.push(cells);
  }
  return rows;
}

describe('lint rules', () => {
  it("are README.md's rules table, row for row", () => {
    const table = RULES.map((rule) => [`\`${rule.id}\``, rule.severity, rule.finds, rule.fix]);
    expect(table).toEqual(readmeRules());
  });

  it('have unique ids, found by isRuleId and ruleInfo', () => {
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
    for (const rule of RULES) {
      expect(isRuleId(rule.id)).toBe(true);
      expect(ruleInfo(rule.id)).toBe(rule);
    }
    expect(isRuleId('no-such-rule')).toBe(false);
    expect(isRuleId(undefined)).toBe(false);
  });

  it('are each reported somewhere in src/', () => {
    const source = sourceFiles(path.join(REPO_ROOT, 'src'))
      .filter((file) => !file.endsWith(path.join('model', 'rules.ts')))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    expect(RULES.map((rule) => rule.id).filter((id) => !source.includes(`'${id}'`))).toEqual([]);
  });
});
