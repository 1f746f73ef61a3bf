/**
 * The hostile corpus (test/fixtures/hostile/workspace, one file per case) and hostile trees made at
 * run time (FIFOs, sockets, symlink loops, links out of the workspace): every bad file is reported
 * with its path and line, the rest is still reported, and nothing hangs or runs.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyToTemp, FIXTURES, runCli } from './helpers/run-cli.js';
import { NOBODY as NOBODY_ID, okrRunnableBy } from './helpers/other-user.js';
import { runInProcess } from './helpers/run-in-process.js';

const CORPUS = path.join(FIXTURES, 'hostile');
const EXPECTED = path.join(CORPUS, 'expected-problems.json');

interface JsonProblem {
  file: string;
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
}
interface JsonReport {
  objectives: { id: string; progress: number; keyResults: { id: string; progress: number; tasks?: { total: number; done: number } }[] }[];
  problems: JsonProblem[];
}

async function statusJson(dir: string): Promise<{ report: JsonReport; code: number; stderr: string }> {
  const result = await runInProcess(['status', '--json', '--period', 'all', '--today', '2026-11-15', dir], { cwd: CORPUS });
  return { report: JSON.parse(result.stdout) as JsonReport, code: result.code, stderr: result.stderr };
}

describe('hostile corpus', () => {
  it('reports the expected problem for each file, at its line and column', async () => {
    const { report, code } = await statusJson('workspace');
    expect(code).toBe(1);
    const byFile: Record<string, string[]> = {};
    for (const p of report.problems) (byFile[p.file] ??= []).push(`${p.line}:${p.column} ${p.severity} ${p.rule}`);
    if (process.env.UPDATE === '1') writeFileSync(EXPECTED, `${JSON.stringify(byFile, null, 2)}\n`);
    expect(byFile).toEqual(JSON.parse(readFileSync(EXPECTED, 'utf8')));
    for (const p of report.problems) {
      expect(p.file).not.toBe('');
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.column).toBeGreaterThanOrEqual(1);
    }
  });

  it('reports the same problems through okr lint --format json', async () => {
    const { report } = await statusJson('workspace');
    const lint = await runInProcess(['lint', '--format', 'json', 'workspace'], { cwd: CORPUS });
    expect(lint.code).toBe(1);
    const linted = JSON.parse(lint.stdout) as { problems: JsonProblem[]; errorCount: number; warningCount: number };
    expect(linted.problems).toEqual(report.problems);
    expect(linted.errorCount + linted.warningCount).toBe(report.problems.length);
  });

  it('gives correct facts where the input is odd but valid', async () => {
    const { report } = await statusJson('workspace');
    const kr = (id: string) => report.objectives.flatMap((o) => o.keyResults).find((k) => k.id === id)!;
    // Merge keys and aliases work: "merged" takes start and target from "anchored".
    expect(kr('anchored').progress).toBe(0.5);
    expect(kr('merged').progress).toBe(1);
    // Huge values stay finite; negative values work; huge weights do not overflow.
    expect(kr('huge').progress).toBe(1);
    expect(kr('negative').progress).toBeCloseTo(0.6, 12);
    expect(report.objectives.find((o) => o.id === 'numbers')!.progress).toBeCloseTo(0.5, 12);
    // Tasks from the NUL, BOM, mid-file BOM, control-character, long-line and many-task files.
    expect(kr('tasks-kr').tasks).toMatchObject({ total: 1505, done: 502 });
  });

  it('never prints NaN or Infinity: every number is finite, every progress in [0, 1] or null (invalid, with a reason)', async () => {
    const result = await runInProcess(['status', '--json', '--period', 'all', '--today', '2026-11-15', 'workspace'], { cwd: CORPUS });
    const visit = (value: unknown, key: string): void => {
      if (Array.isArray(value)) value.forEach((item) => visit(item, key));
      else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k);
      else if (value === null && (key === 'progress' || key === 'expected')) {
        // Unknown, never a guess: only for an invalid item (checked below).
      } else if (['progress', 'expected', 'weight', 'start', 'target', 'current'].includes(key)) {
        expect(typeof value, key).toBe('number');
        expect(Number.isFinite(value), key).toBe(true);
        if (key === 'progress' || key === 'expected') expect(value as number).toBeGreaterThanOrEqual(0);
        if (key === 'progress' || key === 'expected') expect(value as number).toBeLessThanOrEqual(1);
      }
    };
    const document = JSON.parse(result.stdout) as {
      objectives: { progress: number | null; status: string; invalid: string | null; keyResults: { progress: number | null; status: string; invalid: string | null }[] }[];
    };
    visit(document, '');
    for (const item of document.objectives.flatMap((o) => [o, ...o.keyResults])) {
      expect(item.progress === null).toBe(item.status === 'invalid');
      if (item.progress === null) expect(item.invalid).toEqual(expect.any(String));
    }
  });

  it('runs nothing from front-matter', () => {
    expect(existsSync(path.join(CORPUS, 'workspace', 'pwned'))).toBe(false);
    expect(existsSync(path.join(CORPUS, 'pwned'))).toBe(false);
  });

  it('prints escape sequences from files as visible text, never raw', () => {
    const result = runCli(['status', '--period', 'all', '--today', '2026-11-15', 'test/fixtures/hostile/workspace'], { env: { FORCE_COLOR: '0' } });
    expect(result.stdout).toContain('Title with \\x1b[31mANSI\\x1b[0m, $(rm -rf ~), `backticks` and \\u{202e}reversed');
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).not.toContain('\u202e');
    expect(result.stderr).not.toContain('\u001b');
  });
});

describe('hostile trees', () => {
  let dir: string;
  let cleanup: () => void;
  let server: net.Server | null = null;
  beforeAll(async () => {
    ({ dir, cleanup } = copyToTemp(path.join(FIXTURES, 'hand-computed/workspace')));
    const fifo = spawnSync('mkfifo', [path.join(dir, 'pipe.md')]);
    expect(fifo.status).toBe(0);
    server = net.createServer();
    await new Promise<void>((resolve) => server!.listen(path.join(dir, 'socket.md'), resolve));
    symlinkSync('loop-b.md', path.join(dir, 'loop-a.md'));
    symlinkSync('loop-a.md', path.join(dir, 'loop-b.md'));
    symlinkSync('/etc/hostname', path.join(dir, 'outside.md'));
    symlinkSync('../../../../../../../../etc/passwd', path.join(dir, 'outside-relative.md'));
    symlinkSync('missing.md', path.join(dir, 'dangling.md'));
    symlinkSync('tasks/referrals.md', path.join(dir, 'inside.md'));
    symlinkSync('pipe.md', path.join(dir, 'to-pipe.md'));
    mkdirSync(path.join(dir, 'nested'));
    symlinkSync('..', path.join(dir, 'nested', 'up'));
    symlinkSync('/', path.join(dir, 'root-link'));
    writeFileSync(path.join(dir, '.hidden') + '.md', '---\nkr: nothing\n---\n- [ ] hidden\n');
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, '.git', 'x.md'), '---\nkr: nothing\n---\n- [ ] in .git\n');
    mkdirSync(path.join(dir, 'node_modules'));
    writeFileSync(path.join(dir, 'node_modules', 'x.md'), '---\nkr: nothing\n---\n- [ ] in node_modules\n');
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    cleanup();
  });

  it('skips what is not a regular file inside the workspace, with a warning, and finishes', async () => {
    const result = await runInProcess(['status', '--json', '--today', '2026-11-15'], { cwd: dir });
    expect(result.code).toBe(1); // .hidden.md is a regular file: its unknown kr is an error
    const problems = (JSON.parse(result.stdout) as JsonReport).problems.map((p) => `${p.file} ${p.severity} ${p.rule}: ${p.message}`);
    expect(problems).toEqual([
      '.hidden.md error unknown-kr: "nothing" is not a key result in this workspace: use the id of a key result',
      'dangling.md warning skipped-link: broken symbolic link: skipped',
      'loop-a.md warning skipped-link: symbolic link loop: skipped',
      'loop-b.md warning skipped-link: symbolic link loop: skipped',
      'outside-relative.md warning skipped-link: symbolic link points outside the workspace: skipped',
      'outside.md warning skipped-link: symbolic link points outside the workspace: skipped',
      'pipe.md warning skipped-file: not a regular file (a device, socket or pipe): skipped',
      'socket.md warning skipped-file: not a regular file (a device, socket or pipe): skipped',
      'to-pipe.md warning skipped-link: symbolic link does not point to a regular file: skipped',
    ]);
  });

  it('reads a symlink to a file inside the workspace', async () => {
    const result = await runInProcess(['status', '--json', '--today', '2026-11-15'], { cwd: dir });
    const referrals = (JSON.parse(result.stdout) as JsonReport).objectives.flatMap((o) => o.keyResults).find((k) => k.id === 'referrals')!;
    // tasks/referrals.md and inside.md (a link to it) both count.
    expect(referrals.tasks).toMatchObject({ total: 10, done: 6 });
  });
});

describe('file size limit', () => {
  it('skips a file over the default 5 MB with a problem, and reports the rest', async () => {
    const { dir, cleanup } = copyToTemp(path.join(FIXTURES, 'hand-computed/workspace'));
    try {
      writeFileSync(path.join(dir, 'huge.md'), `---\nkr: referrals\n---\n${'- [ ] padding task\n'.repeat(300_000)}`);
      const result = await runInProcess(['status', '--json', '--today', '2026-11-15'], { cwd: dir });
      const report = JSON.parse(result.stdout) as JsonReport;
      expect(report.problems).toEqual([
        { file: 'huge.md', line: 1, column: 1, severity: 'error', rule: 'file-too-large', message: 'file is 5.4 MB, over the 5 MB limit: skipped' },
      ]);
      expect(report.objectives).toHaveLength(3);
      expect(result.code).toBe(1);
    } finally {
      cleanup();
    }
  });

  it('rejects a max_file_size that is not a size', async () => {
    const { dir, cleanup } = copyToTemp(path.join(FIXTURES, 'hand-computed/workspace'));
    try {
      writeFileSync(path.join(dir, 'okr.config.yaml'), 'max_file_size: lots\n');
      const report = JSON.parse((await runInProcess(['status', '--json', '--today', '2026-11-15'], { cwd: dir })).stdout) as JsonReport;
      expect(report.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`)).toEqual([
        'okr.config.yaml:1:16 max_file_size: "lots" is not a size: use a number of bytes or a size such as "5 MB" or "512 kB"',
      ]);
    } finally {
      cleanup();
    }
  });
});

// Permissions do not stop root, so this runs okr as an unprivileged user where that is possible
// (from a copy that user can read when the checkout is closed to it).
const NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups'];
describe.runIf(process.getuid?.() === 0)('unreadable files and directories', () => {
  it('reports each with its path and reads the rest', ({ skip }) => {
    if (spawnSync('setpriv', ['--help']).status !== 0) return skip('setpriv (util-linux) is not installed');
    const okr = okrRunnableBy(NOBODY_ID, NOBODY_ID);
    if ('reason' in okr) return skip(okr.reason);
    const { dir, cleanup } = copyToTemp(path.join(FIXTURES, 'hand-computed/workspace'));
    try {
      chmodSync(dir, 0o755);
      for (const sub of ['objectives', 'tasks']) chmodSync(path.join(dir, sub), 0o755);
      mkdirSync(path.join(dir, 'locked'), { mode: 0o000 });
      writeFileSync(path.join(dir, 'secret.md'), '- [ ] hidden\n', { mode: 0o000 });
      const result = spawnSync('setpriv', [...NOBODY, process.execPath, okr.bin, 'status', '--json', '--today', '2026-11-15'], {
        cwd: dir,
        encoding: 'utf8',
      });
      const report = JSON.parse(result.stdout) as JsonReport;
      expect(report.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule}: ${p.message}`)).toEqual([
        'locked:1:1 unreadable: directory cannot be read: permission denied',
        'secret.md:1:1 unreadable: file cannot be read: permission denied',
      ]);
      expect(report.objectives).toHaveLength(3);
      expect(result.status).toBe(1);
    } finally {
      cleanup();
    }
  });
});
