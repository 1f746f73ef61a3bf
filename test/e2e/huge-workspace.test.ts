/**
 * Large workspaces through the built command line: 200,000 symbolic links that point out of the
 * workspace (200,000 `skipped-link` warnings, which used to end in "Maximum call stack size
 * exceeded" and took the CI job summary and comment steps down with them), and `--max-length`,
 * which keeps Markdown reports within GitHub's limits. The other 200,000-item cases run in process
 * in test/unit/huge-lists.test.ts. Making 200,000 links and reading them twice takes long, so by
 * default the workspace has 20,000 (still far over what a job summary shows); OKR_HUGE=1 for 200,000.
 */
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, GIT_ENV, type TempRepo } from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { HUGE } from '../helpers/property-runs.js';

const N = HUGE ? 200_000 : 20_000;
const TODAY = ['--today', '2026-11-15'];
const OBJECTIVE = '---\ntype: objective\nid: o\ntitle: Objective o\nperiod: 2026-Q4\nkey_results:\n  - id: k\n    title: Key result k\n    done: true\n---\n';
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** A memory file system where there is one: 200,000 links take a fifth of the time there. */
function scratchDir(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

describe(`a workspace with ${N.toLocaleString('en-US')} symbolic links out of it`, () => {
  let root: string;
  let workspace: string;

  beforeAll(async () => {
    root = mkdtempSync(path.join(scratchDir(), 'okr-links-'));
    workspace = path.join(root, 'workspace');
    mkdirSync(workspace);
    mkdirSync(path.join(root, 'outside'));
    writeFileSync(path.join(root, 'outside', 'secret.md'), '- [ ] not to be read\n');
    writeFileSync(path.join(workspace, 'o.md'), OBJECTIVE);
    for (let start = 0; start < N; start += 2000) {
      const batch: Promise<void>[] = [];
      for (let i = start; i < start + 2000; i++) batch.push(symlink('../outside/secret.md', path.join(workspace, `link-${i}.md`)));
      await Promise.all(batch);
    }
  }, 300_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('okr status --format markdown: one job summary within 1 MiB that says what it cut', () => {
    const result = runCli(['--no-cache', 'status', workspace, '--format', 'markdown', ...TODAY]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(bytes(result.stdout)).toBeLessThanOrEqual(1_000_000);
    expect(result.stdout).toContain(`0 errors, ${N} warnings (run \`okr lint\` for details).`);
    const shown = result.stdout.split('\n').filter((line) => line.startsWith('- ⚠️ warning [link-')).length;
    const left = /… and ([\d,]+) more problems; run `okr lint` to see them all\./.exec(result.stdout);
    expect(left).not.toBeNull();
    expect(shown + Number(left![1]!.replace(/,/g, ''))).toBe(N);
    expect(result.stdout).toContain('| [`k`](o.md) Key result k | `██████████` 100% | ✅ done |');
  }, 300_000);

  it('okr lint --format json: every link reported', async () => {
    const result = await runInProcess(['--no-cache', 'lint', workspace, '--format', 'json'], { cwd: root });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { errorCount: number; warningCount: number; problems: { rule: string }[] };
    expect([report.errorCount, report.warningCount, report.problems.length]).toEqual([0, N, N]);
    expect(report.problems.every((p) => p.rule === 'skipped-link')).toBe(true);
  }, 300_000);
});

describe('--max-length', () => {
  let repo: TempRepo;
  let workspace: string;
  const okr = (args: string[]) => runInProcess(args, { cwd: workspace, env: { ...process.env, ...GIT_ENV, GITHUB_WORKSPACE: undefined } });
  const tasks = (done: boolean) => Array.from({ length: 400 }, (_, i) => `- [${done && i % 2 === 0 ? 'x' : ' '}] Task number ${i} of the launch checklist`).join('\n');

  beforeAll(() => {
    repo = createRepo();
    workspace = path.join(repo.dir, 'okrs');
    const objective = OBJECTIVE.replace('    done: true\n', '');
    repo.write('okrs/o.md', objective);
    repo.write('okrs/tasks.md', `---\nkr: k\n---\n${tasks(false)}\n`);
    repo.commit('OKRs');
    repo.write('okrs/tasks.md', `---\nkr: k\n---\n${tasks(true)}\n`);
  });

  afterAll(() => repo.cleanup());

  it('okr diff --format markdown: whole when it fits, cut to the given size saying so when not', async () => {
    const whole = await okr(['diff', 'HEAD', '--format', 'markdown', ...TODAY]);
    expect(whole.code).toBe(0);
    expect(whole.stdout).not.toContain('shortened');
    expect(whole.stdout).toContain('<summary>200 tasks</summary>');
    expect(whole.stdout.split('\n').filter((line) => line.startsWith('- ✅ Completed: '))).toHaveLength(200);

    const cut = await okr(['diff', 'HEAD', '--format', 'markdown', '--max-length', '4096', ...TODAY]);
    expect(cut.code).toBe(0);
    expect(bytes(cut.stdout)).toBeLessThanOrEqual(4096);
    expect(cut.stdout).toContain('> **Note:** shortened to fit in 4,096 bytes');
    const shown = cut.stdout.split('\n').filter((line) => line.startsWith('- ✅ Completed: ')).length;
    expect(shown).toBeGreaterThan(0);
    expect(cut.stdout).toContain(`<summary>200 tasks, ${shown} shown</summary>`);
    expect(cut.stdout).toContain(`… and ${200 - shown} more tasks; run \`okr diff\` to see them all.`);
    // The progress table comes whole: it is short.
    expect(cut.stdout).toContain('| ↳ [k](o.md) Key result k | 0% | 50% | +50 |');
  });

  it('okr status --format markdown: cut to the given size, saying so', async () => {
    const result = await okr(['status', '--format', 'markdown', '--max-length', '4096', ...TODAY]);
    expect(result.code).toBe(0);
    expect(bytes(result.stdout)).toBeLessThanOrEqual(4096);
    const whole = await okr(['status', '--format', 'markdown', ...TODAY]);
    expect(whole.stdout).not.toContain('shortened');
  });

  it('is refused with other formats, below 4096 or when not a whole number', async () => {
    for (const [args, message] of [
      [['status', '--max-length', '10000'], '--max-length applies to --format markdown only'],
      [['diff', 'HEAD', '--format', 'json', '--max-length', '10000'], '--max-length applies to --format markdown only'],
      [['status', '--format', 'markdown', '--max-length', '4095'], '--max-length expects a whole number of bytes, at least 4096, got "4095"'],
      [['diff', 'HEAD', '--format', 'markdown', '--max-length', '64k'], '--max-length expects a whole number of bytes, at least 4096, got "64k"'],
    ] as const) {
      const result = await okr([...args, ...TODAY]);
      expect(result.stderr).toBe(`okr: ${message}\n`);
      expect(result.stdout).toBe('');
      expect(result.code).toBe(2);
    }
  });
});
