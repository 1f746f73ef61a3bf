/** Check-ins read back: `okr status` in every format, `okr checkin --status`, and `okr diff` listing new check-ins. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, GIT_ENV, type TempRepo } from '../helpers/git-repo.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';

const TODAY = ['--today', '2026-11-15'];

/** Q4: on 2026-11-15 the period is 45 of 92 days in (49%). */
const GROWTH = `---
id: growth
title: Grow
owner: team-g
period: 2026-Q4
key_results:
  - id: rate
    title: Raise the rate
    start: 0
    target: 10
    current: 6
    checkins:
      - { date: 2026-11-10, value: 6, confidence: 0.7, note: "cohort | B @team <b>live</b>", status: at-risk }
      - { date: 2026-10-20, value: 3, confidence: 0.9 }
  - id: launch
    title: Launch it
    owner: kim
    done: false
    checkins:
      - { date: 2026-11-01, value: false, status: off-track }
  - id: broken
    title: Broken
    start: 5
    target: 5
    checkins:
      - { date: 2026-11-02, value: 5, note: "stuck" }
  - id: docs
    title: Write the docs
---
`;
const TASKS = '---\nkr: docs\n---\n- [x] Intro\n- [ ] Guide\n';

let ws: TempWorkspace | undefined;
afterEach(() => ws?.cleanup());
const workspace = () => (ws = tempWorkspace({ 'okr.config.yaml': '', 'objectives/growth.md': GROWTH, 'tasks/docs.md': TASKS }));

describe('okr status shows check-ins', () => {
  it('--json: every key result has checkins (date order, nulls), lastCheckin and confidence, invalid ones too', async () => {
    const w = workspace();
    const result = await runInProcess(['status', '--json', ...TODAY], { cwd: w.dir });
    const krs = JSON.parse(result.stdout).objectives[0].keyResults;
    const rate = krs.find((kr: { id: string }) => kr.id === 'rate');
    expect(rate.checkins).toEqual([
      { date: '2026-10-20', value: 3, confidence: 0.9, note: null, status: null },
      { date: '2026-11-10', value: 6, confidence: 0.7, note: 'cohort | B @team <b>live</b>', status: 'at-risk' },
    ]);
    expect(rate.lastCheckin).toEqual(rate.checkins[1]);
    expect(rate.confidence).toBe(0.7);
    expect(rate.status).toBe('on-track');
    const [launch, broken, docs] = krs.slice(1);
    expect(launch).toMatchObject({ confidence: null, lastCheckin: { date: '2026-11-01', value: false, confidence: null, note: null, status: 'off-track' } });
    expect(broken).toMatchObject({ status: 'invalid', progress: null, checkins: [{ date: '2026-11-02', value: 5, confidence: null, note: 'stuck', status: null }] });
    expect(docs).toMatchObject({ checkins: [], lastCheckin: null, confidence: null });
  });

  it('text: the latest confidence, and the owner’s call beside the computed status where they differ', async () => {
    const w = workspace();
    const { stdout } = await runInProcess(['status', ...TODAY], { cwd: w.dir });
    const line = (id: string) => stdout.split('\n').find((l) => l.includes(`• ${id} `))!;
    expect(line('rate')).toMatch(/ on track \(owner: at risk\) +6 \/ 10 · conf 0\.7$/);
    expect(line('launch')).toMatch(/(off track|at risk) +kim +milestone open$/);
    expect(line('docs')).toMatch(/ 1 of 2 tasks$/);
  });

  it('--fail-on still uses the computed status, not the owner’s call', async () => {
    const rateOnly = GROWTH.replace(/ {2}- id: launch[\s\S]*?(?=---\n$)/, '');
    ws = tempWorkspace({ 'okr.config.yaml': '', 'objectives/growth.md': rateOnly });
    const result = await runInProcess(['status', '--fail-on', 'at-risk', ...TODAY], { cwd: ws.dir });
    expect(result.stdout).toContain('on track (owner: at risk)');
    expect(result.code).toBe(0);
  });

  it('Markdown: the owner’s call under the status, and the latest check-in with its note escaped', async () => {
    const w = workspace();
    const { stdout } = await runInProcess(['status', '--format', 'markdown', ...TODAY], { cwd: w.dir });
    expect(stdout).toContain('| Key result | Progress | Status | Owner | Measure | Check-in |');
    const row = stdout.split('\n').find((l) => l.includes('`rate`'))!;
    expect(row).toContain('| 🟢 on track<br>owner: at risk |');
    expect(row).toMatch(/\| 2026-11-10 · conf 0\.7 · cohort \\\| B @\u2060team \\<b\\>live\\<\/b\\> \|$/);
    expect(stdout).not.toContain('<b>live');
  });
});

describe('okr checkin --status', () => {
  it('writes the owner’s call into the check-in line', async () => {
    const w = workspace();
    const result = await runInProcess(['checkin', 'rate', '7', '--confidence', '0.5', '--note', 'slower', '--status', 'at-risk', '--date', '2026-11-14', '--today', '2026-11-15'], {
      cwd: w.dir,
    });
    expect(result.code).toBe(0);
    expect(w.text('objectives/growth.md')).toBe(
      GROWTH.replace('current: 6', 'current: 7').replace(
        '      - { date: 2026-10-20, value: 3, confidence: 0.9 }\n',
        '      - { date: 2026-10-20, value: 3, confidence: 0.9 }\n      - { date: 2026-11-14, value: 7, confidence: 0.5, note: "slower", status: at-risk }\n',
      ),
    );
    const status = JSON.parse((await runInProcess(['status', '--json', ...TODAY], { cwd: w.dir })).stdout);
    expect(status.objectives[0].keyResults[0].lastCheckin).toEqual({ date: '2026-11-14', value: 7, confidence: 0.5, note: 'slower', status: 'at-risk' });
  });

  it('refuses a status that is not a call, with a usage error', async () => {
    const w = workspace();
    const before = w.snapshot();
    const result = await runInProcess(['checkin', 'rate', '7', '--status', 'great', '--date', '2026-11-14'], { cwd: w.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^okr: .*--status.*great.*on-track, at-risk, off-track/);
    expect(w.snapshot()).toEqual(before);
  });
});

describe('okr diff lists the check-ins added', () => {
  let repo: TempRepo;
  let base: string;
  beforeAll(() => {
    repo = createRepo();
    repo.write('okr.config.yaml', '');
    repo.write('objectives/growth.md', GROWTH);
    repo.write('tasks/docs.md', TASKS);
    base = repo.commit('Q4');
    repo.edit('objectives/growth.md', 'current: 6\n', 'current: 8\n');
    repo.edit(
      'objectives/growth.md',
      '      - { date: 2026-10-20, value: 3, confidence: 0.9 }\n',
      '      - { date: 2026-10-20, value: 3, confidence: 0.9 }\n      - { date: 2026-11-14, value: 8, confidence: 0.8, note: "ahead of *plan*" }\n',
    );
    repo.edit('objectives/growth.md', '      - { date: 2026-11-01, value: false, status: off-track }\n', '      - { date: 2026-11-01, value: false, status: at-risk }\n');
    repo.commit('Check in');
  });
  afterAll(() => repo.cleanup());
  const diff = (format: string) => runInProcess(['diff', base, 'HEAD', '--format', format, ...TODAY], { cwd: repo.dir, env: { ...process.env, ...GIT_ENV } });

  it('JSON: each new entry with its key result (a changed call on an old entry is not new)', async () => {
    const result = await diff('json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).checkins).toEqual([
      {
        keyResult: 'rate',
        objectiveId: 'growth',
        title: 'Raise the rate',
        file: 'objectives/growth.md',
        line: 7,
        date: '2026-11-14',
        value: 8,
        confidence: 0.8,
        note: 'ahead of *plan*',
        status: null,
      },
    ]);
  });

  it('text and Markdown: the check-in with its note', async () => {
    const text = await diff('text');
    expect(text.stdout).toContain('1 check-in recorded');
    expect(text.stdout).toContain('Check-ins\n  2026-11-14  rate  value 8 · conf 0.8  "ahead of *plan*"  objectives/growth.md:7\n');
    const markdown = await diff('markdown');
    expect(markdown.stdout).toContain('### Check-ins\n\n- 💬 `rate` 2026-11-14: value 8 · conf 0.8 · ahead of \\*plan\\* · [objectives/growth.md:7](objectives/growth.md)\n');
  });
});
