import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, copyToTemp, FIXTURES, REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

/** okr in this process, for the tests of what it prints rather than of the process. */
const okrHere = (args: readonly string[], options: { cwd: string }) =>
  runInProcess(args, { cwd: options.cwd, env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, OKR_DEBUG: undefined } });

describe('okr --version and --help', () => {
  it('prints the version', () => {
    for (const flag of ['--version', '-v']) {
      expect(runCli([flag])).toEqual({ stdout: `${pkg.version}\n`, stderr: '', code: 0 });
    }
  });

  it('prints help for the program and for a command', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: okr \[options\] \[command\]/);
    expect(help.stdout).toContain('status [options] [dir]');
    expect(help.stdout).toContain('Exit codes: 0 no errors, 1 errors in the workspace, 2 usage errors.');
    const statusHelp = runCli(['status', '--help']);
    expect(statusHelp.code).toBe(0);
    expect(statusHelp.stdout).toContain('--today <date>');
    // Global options are listed with every command's own.
    expect(statusHelp.stdout).toMatch(/Global Options:[\s\S]*--no-cache/);
    expect(runCli(['lint', '--help']).stdout).toMatch(/Global Options:[\s\S]*--no-cache/);
    expect(runCli([]).stdout).toBe(help.stdout);
  });
});

describe('a reader that stops early', () => {
  it('ends okr quietly, without a stack trace', () => {
    const result = spawnSync(
      'sh',
      [
        '-c',
        `"${process.execPath}" "${BIN}" status examples/acme --today 2026-11-25 --period all | head -c 1 >/dev/null; "${process.execPath}" "${BIN}" --help | head -c 1 >/dev/null`,
      ],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      },
    );
    expect(result.stderr).not.toContain('EPIPE');
    expect(result.stderr).not.toMatch(/\bat .*:\d+:\d+/);
  });
});

describe('output that cannot be written (a full disk)', () => {
  it
    .runIf(existsSync('/dev/full'))
    .each([
      [['status', 'examples/acme', '--json', '--today', '2026-11-25']],
      [['status', 'examples/acme', '--today', '2026-11-25']],
      [['lint', 'examples/acme', '--format', 'json']],
      [['html', 'examples/acme', '-o', '-', '--today', '2026-11-25']],
      [['--help']],
      [['--version']],
    ])('okr %j ends with one line and exit code 1, no stack trace', (args) => {
    const result = spawnSync('sh', ['-c', '"$0" "$@" > /dev/full', process.execPath, BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('okr:'));
    expect(lines).toEqual(['okr: cannot write to standard output: no space left on device']);
    expect(result.stderr).not.toMatch(/\bat .*:\d+:\d+/);
  });
});

describe('usage errors exit 2 with one line', () => {
  it.each([
    [['frobnicate'], "okr: unknown command 'frobnicate'\n"],
    [['status', '--bogus'], "okr: unknown option '--bogus'\n"],
    [['status', '--today', '2026-02-30'], 'okr: --today expects a date as YYYY-MM-DD, got "2026-02-30"\n'],
    [['status', '--period', 'Q4'], 'okr: --period expects current, all, YYYY-Qn, YYYY-Hn, YYYY or YYYY-MM, or START..END dates; got "Q4"\n'],
    [['status', 'no/such/dir'], 'okr: no such directory: no/such/dir\n'],
    [['status', 'package.json'], 'okr: not a directory: package.json\n'],
    [['status', '--format', 'xml'], "okr: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, markdown.\n"],
  ])('%j', (args, stderr) => {
    const result = runCli(args);
    expect(result.stderr).toBe(stderr);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
  });
});

describe('okr status on a workspace copy', () => {
  let dir: string;
  let cleanup: () => void;
  const snapshot = () =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const file = path.join(e.parentPath, e.name);
        return [file, readFileSync(file).toString('base64'), statSync(file).mtimeMs];
      });

  beforeAll(() => {
    ({ dir, cleanup } = copyToTemp(path.join(FIXTURES, 'hand-computed/workspace')));
  });
  afterAll(() => cleanup());

  it('finds the workspace root from a subdirectory and changes no file', async () => {
    const before = snapshot();
    const fromRoot = await okrHere(['status', '--today', '2026-11-15'], { cwd: dir });
    const fromSub = await okrHere(['status', '--today', '2026-11-15'], { cwd: path.join(dir, 'tasks') });
    expect(fromRoot.code).toBe(0);
    expect(fromSub).toEqual(fromRoot);
    expect(fromRoot.stdout).toContain('company · Grow sustainably');
    expect(snapshot()).toEqual(before);
  });

  it('prints plain text when not on a terminal, and colour only when forced', () => {
    const plain = runCli(['status', '--today', '2026-11-15'], { cwd: dir });
    expect(plain.stdout).not.toContain('\u001b[');
    const forced = runCli(['status', '--today', '2026-11-15'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[');
    expect(forced.stdout.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain.stdout);
    const noColor = runCli(['status', '--today', '2026-11-15'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(noColor.stdout).toBe(plain.stdout);
  });

  it('spells statuses out in text', async () => {
    const { stdout } = await okrHere(['status', '--today', '2026-11-15'], { cwd: dir });
    expect(stdout).toMatch(/signups · Weekly signups from 200 to 400 +█{4,5}░+ +45% +on track +290 \/ 400/);
    expect(stdout).toMatch(/open-bugs · Open bugs from 120 down to 40 +[█░]+ +25% +at risk +100 \/ 40 bugs/);
    expect(stdout).toMatch(/referrals · Ship referrals +[█░]+ +60% +on track +3 of 5 tasks/);
    expect(stdout).toMatch(/landing-page · Launch the landing page +█{10} +100% +done +milestone done/);
    expect(stdout).toContain('3 objectives, 5 key results: 1 done, 3 on track, 1 at risk');
  });

  it('filters by owner', async () => {
    const { stdout } = await okrHere(['status', '--today', '2026-11-15', '--owner', 'qa', '--json'], { cwd: dir });
    expect((JSON.parse(stdout) as { objectives: { id: string }[] }).objectives.map((o) => o.id)).toEqual(['quality']);
  });

  it('says when no period contains today', async () => {
    const result = await okrHere(['status', '--today', '2027-03-01', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("note: no objective's period contains 2027-03-01; showing the latest period, 2026-Q4\n");
    expect((JSON.parse(result.stdout) as { objectives: unknown[] }).objectives).toHaveLength(3);
  });
});

describe('okr status with broken files', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => {
    ({ dir, cleanup } = copyToTemp(path.join(FIXTURES, 'broken-files/workspace')));
  });
  afterAll(() => cleanup());

  it('reports every problem with file:line:column, still reports the rest, exits 1', async () => {
    const result = await okrHere(['status', '--today', '2026-11-15'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('good · Still reported');
    expect(result.stderr).toContain('javascript.md:1:4  error  front-matter language "js" is not supported: use YAML (---) or JSON (---json)  (front-matter-language)');
    expect(result.stderr).toContain('latin1.md:4:10  error  file is not valid UTF-8: save it as UTF-8  (invalid-utf8)');
    expect(result.stderr).toMatch(/\n10 errors, 1 warning\n$/);
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
    expect(readdirSync(dir)).not.toContain('pwned');
  });

  it('exits 0 when there are only warnings', async () => {
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub/okr.config.yaml'), '');
    writeFileSync(path.join(dir, 'sub/o.md'), '---\ntype: objective\nid: o\ntitle: O\nperiod: 2026-Q4\nkey_results:\n  - {id: k, title: K}\n---\n');
    const result = await okrHere(['status', '--today', '2026-11-15'], { cwd: path.join(dir, 'sub') });
    expect(result.stderr).toContain('o.md:7:10  warning  key result "k" has no linked tasks');
    expect(result.code).toBe(0);
  });

  it('reports a broken okr.config.yaml as a problem with its position', async () => {
    const sub = path.join(dir, 'bad-config');
    mkdirSync(sub);
    writeFileSync(path.join(sub, 'okr.config.yaml'), 'thresholds:\n  on_trak: 0.1\n  at_risk: 2\n');
    const result = await okrHere(['status', '--today', '2026-11-15', '--json'], { cwd: sub });
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { problems: unknown[] }).problems).toEqual([
      { file: 'okr.config.yaml', line: 2, column: 3, severity: 'error', rule: 'config', message: 'unknown key "thresholds.on_trak": did you mean "on_track"?' },
      { file: 'okr.config.yaml', line: 3, column: 12, severity: 'error', rule: 'config', message: 'thresholds.at_risk: must be at most 1, got the number 2' },
    ]);
  });
});
