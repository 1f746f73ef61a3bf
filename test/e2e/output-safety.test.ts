/**
 * Output that text from files cannot steer: a workspace whose file names, titles, owners, units and
 * task texts hold GitHub Actions workflow commands (`::name::`, `##[name]`) and terminal escapes
 * (OSC 52, title changes, screen clears, bidirectional controls, U+061C, U+2028/2029). Every output
 * of every command, stdout and stderr, goes through a reimplementation of the runner's parsers and
 * must hold no command (but the annotations of `lint --format github`) and no raw control character.
 * The tree is built at run time: git could hold these names, a checkout on some systems could not.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findWorkflowCommands } from '../helpers/actions-runner.js';
import { createRepo, type TempRepo } from '../helpers/git-repo.js';
import { BIN, type CliResult } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

const ESC = '\u001b';
/** An OSC 52 clipboard write, a title change and a screen clear. */
const TERMINAL = `${ESC}]52;c;aGk=\u0007${ESC}]0;pwned\u0007${ESC}[2J`;
const BIDI = '\u202e\u061c\u2066';
const SEPARATORS = '\u2028\u2029';

const NAMES = {
  mask: '::add-mask::x.md',
  error: '::error title=X::y.md',
  legacy: '##[error]n.md',
  escapes: `${TERMINAL}${BIDI}${SEPARATORS}::warning::t.md`,
  separator: '\u2028::error::after-separator.md',
  zeroWidth: '\u200b::error::zero-width.md',
  added: `::warning::added${ESC}[2J.md`,
  created: `::notice::new${ESC}]52;c;aGk=\u0007.md`,
} as const;

/** Raw characters that a terminal obeys or that break a line: none may reach an output from a file (JSON, as data, escapes C0 only). */
const RAW_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

const OBJECTIVE = `---
type: objective
id: obj
title: "##[error]x and ##[stop-commands]tok \\e]52;c;aGk=\\a \\u061c\\u2028"
owner: "##[add-mask]s"
period: 2026-Q4
key_results:
  - id: kr-a
    title: "::warning::w \\e[2J \\u202e"
    owner: "\\u2029::error::y"
  - id: kr-m
    title: metric
    start: 0
    target: 10
    current: 1
    unit: "\\e[8m##[error]u\\u2028"
---
`;

function taskFile(texts: readonly string[]): string {
  return `---\nkr: kr-a\n"##[error]k\\e[2J": 1\n---\n${texts.map((text) => `- [ ] ${text}\n`).join('')}`;
}

/**
 * As `runCli`, but without blocking this worker's event loop for the whole series of runs (a long
 * synchronous stretch starves the test runner's own messages on a loaded machine).
 */
function runCliAsync(args: readonly string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<CliResult> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, OKR_DEBUG: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: options.cwd, env: env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- an ExecFileException (an Error), narrowed by its code's type past the rule's Error check
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ stdout, stderr, code: child.exitCode ?? (error ? Number(error.code) : 0) });
    });
    child.stdin?.end();
  });
}

interface Run {
  name: string;
  result: CliResult;
  /** stdout is a --dry-run patch written to a pipe: its content lines keep the file's bytes. */
  patch?: boolean;
  /** stdout is `lint --format github`: workflow commands on purpose. */
  annotations?: boolean;
  /** Run with GITHUB_ACTIONS=true. */
  githubActions?: boolean;
  /** stdout is JSON: data, as JSON.stringify writes it (control characters escaped, the rest raw). */
  json?: boolean;
}

describe('output that text from files cannot steer', () => {
  let repo: TempRepo;
  let initDir: string;
  const runs: Run[] = [];
  /** Runs okr; the run is recorded by `run`, or by the caller in the order of the list. */
  const runUnrecorded = async (name: string, args: string[], extra: Partial<Run> & { env?: Record<string, string> } = {}): Promise<Run> => {
    // In this process where it can be (what is checked is the text okr writes, the same as a spawned
    // okr's); a check-in without --date reads the clock, which the in-process helper does not give.
    const env = { GITHUB_ACTIONS: undefined, ...extra.env };
    const result =
      args[0] === 'checkin' && !args.includes('--date')
        ? await runCliAsync(['--no-cache', ...args], { cwd: repo.dir, env })
        : await runInProcess(['--no-cache', ...args], { cwd: repo.dir, env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, OKR_DEBUG: undefined, ...env } });
    return {
      name,
      result,
      patch: extra.patch,
      annotations: extra.annotations,
      githubActions: extra.env?.GITHUB_ACTIONS === 'true',
      json: args.includes('--json') || args.includes('json'),
    };
  };
  const run = async (name: string, args: string[], extra: Partial<Run> & { env?: Record<string, string> } = {}) => {
    const recorded = await runUnrecorded(name, args, extra);
    runs.push(recorded);
    return recorded.result;
  };

  beforeAll(async () => {
    repo = createRepo();
    repo.write('okr.config.yaml', 'thresholds:\n  on_track: 0.15\n  at_risk: 0.3\n');
    repo.write('objectives/o.md', OBJECTIVE);
    repo.write(NAMES.mask, taskFile(['##[error]task one', '::warning::two', `esc ${TERMINAL} ${BIDI}`]));
    repo.write(NAMES.error, taskFile(['##[add-mask]secret']));
    repo.write(NAMES.legacy, taskFile(['plain']));
    repo.write(NAMES.escapes, taskFile(['plain']));
    repo.write(NAMES.separator, taskFile(['plain']));
    repo.write(NAMES.zeroWidth, taskFile(['#\u200b#[error]hidden']));
    repo.commit('base');
    // Changes for okr diff: a ticked task, a new file, a new title.
    repo.edit(NAMES.mask, '- [ ] ::warning::two', '- [x] ::warning::two');
    repo.write(NAMES.added, taskFile(['::error::new ##[error]q']));
    repo.edit('objectives/o.md', 'and ##[stop-commands]tok', 'now ##[stop-commands]tok2');

    // The runs that change nothing go at the same time, with okr init in a folder of its own; the
    // edits then run one after another. The runs are recorded in the order of this list.
    initDir = mkdtempSync(path.join(tmpdir(), 'okr-init-'));
    const initTarget = path.join(initDir, `::error::init${TERMINAL}`);
    const initRuns = (async () => {
      const done: Run[] = [];
      for (const name of ['init', 'init again']) {
        done.push({ name, result: await runCliAsync(['init', initTarget, '--today', '2026-11-15'], { cwd: initDir, env: { GITHUB_ACTIONS: undefined } }) });
      }
      return done;
    })();
    runs.push(
      ...(await Promise.all([
        runUnrecorded('status text', ['status', '--today', '2026-11-15']),
        runUnrecorded('status markdown', ['status', '--today', '2026-11-15', '--format', 'markdown']),
        runUnrecorded('status json', ['status', '--today', '2026-11-15', '--json']),
        runUnrecorded('lint text', ['lint']),
        runUnrecorded('lint json', ['lint', '--format', 'json']),
        runUnrecorded('lint github', ['lint', '--format', 'github'], { annotations: true, env: { GITHUB_ACTIONS: 'true' } }),
        runUnrecorded('diff text', ['diff', 'HEAD', '--today', '2026-11-15']),
        runUnrecorded('diff markdown', ['diff', 'HEAD', '--today', '2026-11-15', '--format', 'markdown']),
        runUnrecorded('diff json', ['diff', 'HEAD', '--today', '2026-11-15', '--format', 'json']),
        runUnrecorded('done --dry-run in a pipe', ['done', `${NAMES.mask}:5`, '--dry-run'], { patch: true }),
        runUnrecorded('done --dry-run under GitHub Actions', ['done', `${NAMES.mask}:5`, '--dry-run'], { patch: true, env: { GITHUB_ACTIONS: 'true' } }),
        runUnrecorded('new task --dry-run under GitHub Actions', ['new', 'task', 'kr-a', '--title', '::error::dry', '--file', NAMES.added, '--dry-run'], {
          patch: true,
          env: { GITHUB_ACTIONS: 'true' },
        }),
      ])),
    );

    await run('done', ['done', `${NAMES.mask}:5`]);
    await run('done again', ['done', `${NAMES.mask}:5`]);
    await run('reopen', ['reopen', `${NAMES.mask}:5`]);
    await run('done --kr, ambiguous', ['done', '--kr', 'kr-a', 'e']);
    await run('done, no such line', ['done', `${NAMES.escapes}:99`]);
    await run('done, no such file', ['done', `${NAMES.separator.replace('.md', '-missing.md')}:1`]);
    await run('checkin', ['checkin', 'kr-m', '3', '--date', '2026-11-15', '--today', '2026-11-30', '--note', 'n']);
    await run('checkin --dry-run', ['checkin', 'kr-m', '4', '--date', '2026-11-16', '--today', '2026-11-30', '--dry-run'], { patch: true });
    await run('checkin, not a number', ['checkin', 'kr-m', 'three']);
    await run('checkin, unknown id', ['checkin', `::error::${TERMINAL}`, '3']);
    await run('new task, new file', ['new', 'task', 'kr-a', '--title', '::error::t ##[error]t', '--file', NAMES.created]);
    await run('new task, existing file', ['new', 'task', 'kr-a', '--title', 'another', '--file', NAMES.created]);
    await run('new task --dry-run', ['new', 'task', 'kr-a', '--title', 'dry', '--file', NAMES.legacy, '--dry-run'], { patch: true });
    await run('new objective', ['new', 'objective', '--title', '##[error]o', '--period', '2026-Q4', '--file', `::error::o${BIDI}.md`]);
    await run('new kr', ['new', 'kr', 'obj', '--title', '##[error]k', '--measure', 'milestone']);

    runs.push(...(await initRuns));
  }, 120_000);

  afterAll(() => {
    repo?.cleanup();
    if (initDir) rmSync(initDir, { recursive: true, force: true });
  });

  it('ran every command on the hostile names and texts', () => {
    const byName = Object.fromEntries(runs.map((r) => [r.name, r.result]));
    // The hostile text reached the outputs, made harmless.
    expect(byName['lint text']!.stdout).toContain(':\\:add-mask::x.md\n');
    expect(byName['status text']!.stdout).toContain('##\\[error]x');
    expect(byName['status json']!.stdout).toContain('##\\u005berror]x');
    expect(byName['done']!.stdout).toBe(`Ticked ${NAMES.mask}:5  ##\\[error]task one\n`);
    expect(byName['done --kr, ambiguous']!.stderr).toContain('\n  :\\:add-mask::x.md:5');
    expect(byName['new task, new file']!.code).toBe(0);
    expect(byName['init']!.stdout).toContain('\\x1b]52;c;aGk=\\x07');
    for (const { name, result } of runs) expect(result.stderr, name).not.toMatch(/unexpected error|\n\s+at /);
    const codes = Object.fromEntries(runs.map((r) => [r.name, r.result.code]));
    expect(codes).toEqual({
      'status text': 0,
      'status markdown': 0,
      'status json': 0,
      'lint text': 0,
      'lint json': 0,
      'lint github': 0,
      'diff text': 0,
      'diff markdown': 0,
      'diff json': 0,
      'done --dry-run in a pipe': 0,
      'done --dry-run under GitHub Actions': 0,
      'new task --dry-run under GitHub Actions': 0,
      done: 0,
      'done again': 0,
      reopen: 0,
      'done --kr, ambiguous': 1,
      'done, no such line': 1,
      'done, no such file': 1,
      checkin: 0,
      'checkin --dry-run': 0,
      'checkin, not a number': 2,
      'checkin, unknown id': 1,
      'new task, new file': 0,
      'new task, existing file': 0,
      'new task --dry-run': 0,
      'new objective': 0,
      'new kr': 0,
      init: 0,
      'init again': 1,
    });
  });

  it('prints no workflow command, on stdout or stderr, but the annotations of lint --format github', () => {
    for (const { name, result, annotations, patch, githubActions } of runs) {
      expect(findWorkflowCommands(result.stderr), `${name}: stderr`).toEqual([]);
      // A patch in a pipe outside GitHub Actions keeps the file's bytes (the next test).
      if (patch && !githubActions) continue;
      if (!annotations) {
        expect(findWorkflowCommands(result.stdout), `${name}: stdout`).toEqual([]);
        continue;
      }
      // One command per line, each an annotation okr made: a file name or message starts no other.
      const lines = result.stdout.split('\n').filter(Boolean);
      const found = findWorkflowCommands(result.stdout);
      expect(found.map((command) => command.name)).toEqual(lines.map((line) => (line.startsWith('::error ') ? 'error' : 'warning')));
      expect(found.every((command) => command.form === '::')).toBe(true);
    }
  });

  it('prints no raw control, bidirectional or separator character from a file name or text', () => {
    for (const { name, result, patch: pipePatch, json, githubActions } of runs) {
      // Under GitHub Actions a patch is shown like any other text.
      const patch = pipePatch && !githubActions;
      expect(result.stderr, `${name}: stderr`).not.toMatch(RAW_UNSAFE);
      if (json) {
        expect(result.stdout, `${name}: stdout`).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
        continue;
      }
      if (!patch) {
        expect(result.stdout, `${name}: stdout`).not.toMatch(RAW_UNSAFE);
        continue;
      }
      // A patch in a pipe keeps the file's bytes in its content lines; its headers are safe.
      const headers = result.stdout.split('\n').filter((line) => /^(---|\+\+\+|@@) /.test(line));
      expect(headers.length, name).toBeGreaterThan(0);
      for (const line of headers) expect(line, name).not.toMatch(RAW_UNSAFE);
    }
  });

  it('keeps a --dry-run patch in a pipe exact outside GitHub Actions', () => {
    const patch = runs.find((r) => r.name === 'done --dry-run in a pipe')!.result.stdout;
    expect(patch).toContain(`\n-- [ ] ##[error]task one\n`);
    expect(patch).toContain(`\n - [ ] esc ${TERMINAL} ${BIDI}\n`);
    expect(runs.find((r) => r.name === 'done --dry-run under GitHub Actions')!.result.stdout).toContain(`\n-- [ ] ##\\[error]task one\n`);
  });

  it('shows a --dry-run patch on a terminal with every escape visible', async () => {
    const result = await runInProcess(['--no-cache', 'done', `${NAMES.escapes}:5`, '--dry-run'], { cwd: repo.dir, isTTY: true, env: { FORCE_COLOR: '1' } });
    expect(result.code).toBe(0);
    const withoutColours = result.stdout.replace(/\u001b\[[0-9;]*m/g, '');
    // The file's name is C-quoted in the headers, as git quotes it: its escapes are octal and visible.
    expect(withoutColours).toContain('--- "a/\\033]52;c;aGk=\\a');
    expect(withoutColours).not.toMatch(RAW_UNSAFE);
    expect(findWorkflowCommands(withoutColours)).toEqual([]);
  });
});
