/** The status tree fits a terminal's width: titles shortened first, ids and numbers never; a pipe gets everything. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-in-process.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { displayWidth, truncate } from '../../src/render/terminal-text.js';

const TODAY = ['--today', '2026-11-15'];

const objective = (id: string, title: string, extra: string, krs: string) =>
  `---\ntype: objective\nid: ${id}\ntitle: "${title}"\nperiod: 2026-Q4\n${extra}key_results:\n${krs}---\n`;

let ws: TempWorkspace;
beforeAll(() => {
  ws = tempWorkspace({
    'okr.config.yaml': '',
    'objectives/company.md': objective(
      'company-wide-growth',
      '⚡ ✅ 全社の成長を加速し、すべてのチームが毎日使う分析ツールになる 👩‍🚀👩‍🚀',
      'owner: 経営チーム\n',
      '  - id: arr\n    title: "年間経常収益を 1,200 万ドルから 2,000 万ドルに増やす 📈"\n    start: 12\n    target: 20\n    current: 15\n    unit: "$M"\n',
    ),
    'objectives/activation.md': objective(
      'activation-first-week',
      'Make new users successful in their first week, every single one of them 🎉',
      'parent: company-wide-growth\nowner: growth-team-emea-and-americas\n',
      '  - id: onboarding-flow-v2\n    title: "Ship the new in-product onboarding flow 👩‍💻 with a checklist"\n    owner: ines\n  - id: broken-one\n    title: "A key result whose measure cannot be read at all"\n    start: 1\n',
    ),
    'objectives/docs.md': objective(
      'docs-and-education',
      'ドキュメントと教育 — 新しいユーザーが自分で質問に答えられるようにする',
      'parent: activation-first-week\n',
      '  - id: docs-site\n    title: "Publish the docs site"\n    done: true\n',
    ),
    'tasks/onboarding.md': '---\nkr: onboarding-flow-v2\n---\n- [x] 一\n- [x] 二\n- [ ] three 👩‍🚀\n',
  });
});
afterAll(() => ws.cleanup());

interface JsonKr {
  id: string;
  progress: number | null;
}
interface JsonObjective {
  id: string;
  progress: number | null;
  keyResults: JsonKr[];
}

describe('okr status on a terminal', () => {
  it.each([60, 80, 120])('fits %i columns, with every id and percentage intact', async (columns) => {
    const { stdout, code } = await runInProcess(['status', ...TODAY], { cwd: ws.dir, env: { NO_COLOR: '1' }, isTTY: true, columns });
    expect(code).toBe(1); // the broken key result is an error
    for (const line of stdout.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
    const json = JSON.parse((await runInProcess(['status', '--json', ...TODAY], { cwd: ws.dir })).stdout) as { objectives: JsonObjective[] };
    const items = json.objectives.flatMap((o) => [o, ...o.keyResults]);
    expect(items.length).toBe(7);
    for (const item of items) {
      const percent = item.progress === null ? '—' : `${Math.floor(item.progress * 100 + 1e-9)}%`;
      const line = stdout.split('\n').findIndex((l) => new RegExp(`(^|[ ─•] )${item.id}( · |$)`).test(l));
      expect(line, item.id).toBeGreaterThanOrEqual(0);
      // The percentage is on the id's line, or on the next one when rows take two lines.
      expect(`${stdout.split('\n')[line]}\n${stdout.split('\n')[line + 1]}`).toMatch(new RegExp(` ${percent}  `));
    }
  });

  it('keeps whole titles at a wide terminal, and in a pipe cuts nothing', async () => {
    const wide = await runInProcess(['status', ...TODAY], { cwd: ws.dir, env: { NO_COLOR: '1' }, isTTY: true, columns: 400 });
    const piped = await runInProcess(['status', ...TODAY], { cwd: ws.dir, env: { NO_COLOR: '1' }, isTTY: false, columns: 40 });
    for (const { stdout } of [wide, piped]) {
      expect(stdout).toContain('⚡ ✅ 全社の成長を加速し、すべてのチームが毎日使う分析ツールになる 👩‍🚀👩‍🚀');
      expect(stdout).not.toContain('…');
    }
  });

  it('aligns the bars of rows with wide characters and emoji sequences', async () => {
    const { stdout } = await runInProcess(['status', ...TODAY], { cwd: ws.dir, env: { NO_COLOR: '1' }, isTTY: true, columns: 200 });
    const columnsOfBars = stdout
      .split('\n')
      .filter((line) => /[█░·]{10}/.test(line))
      .map((line) => displayWidth(line.slice(0, line.search(/[█░]|·{10}/))));
    expect(new Set(columnsOfBars).size).toBe(1);
  });
});

describe('display width', () => {
  it('counts grapheme clusters and East Asian width', () => {
    expect(displayWidth('⚡ ✅')).toBe(5);
    expect(displayWidth('👩‍🚀')).toBe(2);
    expect(displayWidth('日本語')).toBe(6);
    expect(displayWidth('e\u0301')).toBe(1);
  });

  it('never cuts inside a grapheme cluster', () => {
    expect(truncate('👩‍🚀👩‍🚀👩‍🚀', 5)).toBe('👩‍🚀👩‍🚀…');
    expect(truncate('👩‍🚀👩‍🚀👩‍🚀', 4)).toBe('👩‍🚀…');
    expect(truncate('日本語のテキスト', 7)).toBe('日本語…');
    expect(truncate('short', 5)).toBe('short');
  });
});
