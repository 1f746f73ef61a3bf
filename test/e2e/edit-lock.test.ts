/**
 * Edits by several okr processes at once, and edits that are interrupted: through the built CLI in
 * temporary workspaces. No edit is ever lost while okr says it was made; an interrupted edit and a
 * lock of a process that is gone leave nothing that blocks or litters the next edit.
 */
import { spawn, spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/run-cli.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { RUNS_FROM_ENV } from '../helpers/property-runs.js';

let ws: TempWorkspace | undefined;
afterEach(() => ws?.cleanup());

const OBJECTIVE = '---\nid: o\ntitle: O\nperiod: 2026-Q4\nkey_results:\n  - id: m\n    title: M\n    start: 0\n    target: 10\n  - id: t\n    title: T\n---\n';
const TASKS = '---\nkr: t\n---\n- [ ] one\n- [ ] two\n';
const LOCK_MESSAGE = 'okr: another okr is editing tasks/t.md; try again (nothing written)\n';

function setup(): TempWorkspace {
  ws = tempWorkspace({ 'okr.config.yaml': '', 'objectives/o.md': OBJECTIVE, 'tasks/t.md': TASKS });
  return ws;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface Started {
  /** Resolves once stderr holds `text`. */
  waitFor(text: string): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  done: Promise<Run>;
}

/** Starts the built CLI without waiting for it (runCli waits). */
function start(args: readonly string[], cwd: string, env: Record<string, string> = {}): Started {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', OKR_DEBUG: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const waiter of waiters) if (stderr.includes(waiter.text)) waiter.resolve();
  });
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    waitFor: (text) =>
      new Promise<void>((resolve, reject) => {
        if (stderr.includes(text)) return resolve();
        waiters.push({ text, resolve });
        void done.then((run) => reject(new Error(`ended before saying "${text}": ${JSON.stringify(run)}`)));
      }),
    kill: (signal) => child.kill(signal),
    done,
  };
}

/** The id of a process that has ended. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '0']).pid;
  if (pid === undefined) throw new Error('no process could be started');
  return pid;
}

function lockContent(pid: number, nonce = '0123456789abcdef'): string {
  return `okr-lock ${pid} ${hostname().replace(/\s/g, '_') || 'unknown'} ${nonce}\n`;
}

interface WaitingEdit {
  w: TempWorkspace;
  lock: string;
  before: [string, string, number][];
  run: Promise<Run>;
}

/**
 * Edits of a file whose lock a live process (this one) holds, each in a workspace of its own: they
 * start before the first test, without blocking this process, and are checked in 'the lock'.
 */
let waitingEdits: { held: WaitingEdit; throughLink: WaitingEdit };
beforeAll(() => {
  const waiting = (link: boolean): WaitingEdit => {
    const w = tempWorkspace({ 'okr.config.yaml': '', 'objectives/o.md': OBJECTIVE, 'tasks/t.md': TASKS });
    if (link) symlinkSync('t.md', w.file('tasks/link.md'));
    const lock = lockContent(process.pid);
    writeFileSync(w.file('tasks/.t.md.okr-lock'), lock);
    const before = w.snapshot();
    const run = start(['done', link ? 'tasks/link.md:4' : 'tasks/t.md:4'], w.dir).done;
    // Checked by its test; a failure to start must not go unhandled before then.
    run.catch(() => undefined);
    return { w, lock, before, run };
  };
  waitingEdits = { held: waiting(false), throughLink: waiting(true) };
});
afterAll(async () => {
  for (const { w, run } of Object.values(waitingEdits ?? {})) {
    await run.catch(() => undefined);
    w.cleanup();
  }
});

const tick = (text: string, task: string) => text.replace(`- [ ] ${task}\n`, `- [x] ${task}\n`);

describe('two okr processes editing one file at the same time', () => {
  // Rounds of the race: OKR_RUNS=<n> for a long run.
  const ROUNDS = RUNS_FROM_ENV ?? 10;
  it(`never lose a tick: both land, or one exits 1 saying so and changes nothing (${ROUNDS} rounds)`, async () => {
    const w = setup();
    const outcomes = { both: 0, refused: 0 };
    for (let round = 0; round < ROUNDS; round += 1) {
      writeFileSync(w.file('tasks/t.md'), TASKS);
      const [first, second] = await Promise.all([start(['done', 'tasks/t.md:4'], w.dir).done, start(['done', 'tasks/t.md:5'], w.dir).done]);
      const text = w.text('tasks/t.md');
      const context = `round ${round}: ${JSON.stringify([first, second, text])}`;
      for (const [run, task] of [
        [first, 'one'],
        [second, 'two'],
      ] as const) {
        expect(run.signal, context).toBeNull();
        if (run.code === 0) {
          expect(run.stdout, context).toBe(`Ticked tasks/t.md:${task === 'one' ? 4 : 5}  ${task}\n`);
          expect(text, context).toContain(`- [x] ${task}\n`);
        } else {
          expect(run.code, context).toBe(1);
          expect(run.stderr, context).toMatch(/^okr: (tasks\/t\.md changed on disk while okr was editing it|another okr is editing tasks\/t\.md; try again)/);
          expect(text, context).toContain(`- [ ] ${task}\n`);
        }
      }
      if (first.code === 0 && second.code === 0) {
        outcomes.both += 1;
        expect(text, context).toBe(tick(tick(TASKS, 'one'), 'two'));
      } else {
        outcomes.refused += 1;
        expect(first.code === 0 || second.code === 0, context).toBe(true);
        expect(text, context).toBe(tick(TASKS, first.code === 0 ? 'one' : 'two'));
      }
      expect(readdirSync(w.file('tasks')), context).toEqual(['t.md']);
    }
    expect(outcomes.both + outcomes.refused).toBe(ROUNDS);
  }, 240_000);

  it('a check-in and a new key result on one objective file both land', async () => {
    const w = setup();
    for (let round = 0; round < 5; round += 1) {
      writeFileSync(w.file('objectives/o.md'), OBJECTIVE);
      const runs = await Promise.all([
        start(['--no-cache', 'checkin', 'm', '3', '--date', '2026-11-15', '--today', '2026-11-30'], w.dir).done,
        start(['--no-cache', 'new', 'kr', 'o', '--title', 'New one', '--no-input'], w.dir).done,
      ]);
      const text = w.text('objectives/o.md');
      for (const run of runs) expect([run.code, run.stderr], JSON.stringify(runs)).toEqual([0, '']);
      expect(text).toContain('current: 3');
      expect(text).toContain('id: new-one');
      expect(readdirSync(w.file('objectives'))).toEqual(['o.md']);
    }
  }, 120_000);
});

describe('the lock', () => {
  // Each waits about 5 s: both edits start with this file (see waitingEdits), so their waits
  // overlap each other and the tests before them; these tests check what they ended with.
  it('held by a live process: the edit waits a bounded time, then exits 1 and writes nothing', async () => {
    const { w, lock, before, run } = waitingEdits.held;
    expect(await run).toEqual({ stdout: '', stderr: LOCK_MESSAGE, code: 1, signal: null });
    expect(w.snapshot()).toEqual(before);
    expect(w.text('tasks/.t.md.okr-lock')).toBe(lock);
  }, 60_000);

  it('is taken on the real file, not on a symbolic link to it', async () => {
    const { w, run } = waitingEdits.throughLink;
    expect(await run).toEqual({
      stdout: '',
      stderr: 'okr: another okr is editing tasks/link.md; try again (nothing written)\n',
      code: 1,
      signal: null,
    });
    expect(w.text('tasks/t.md')).toBe(TASKS);
  }, 60_000);

  it('of a process that is gone does not block the next edit, and is removed', () => {
    const w = setup();
    writeFileSync(w.file('tasks/.t.md.okr-lock'), lockContent(deadPid()));
    expect(runCli(['done', 'tasks/t.md:4'], { cwd: w.dir })).toEqual({ stdout: 'Ticked tasks/t.md:4  one\n', stderr: '', code: 0 });
    expect(w.text('tasks/t.md')).toBe(tick(TASKS, 'one'));
    expect(readdirSync(w.file('tasks'))).toEqual(['t.md']);
  });

  it('older than two minutes does not block, even when its pid is alive (reused)', () => {
    const w = setup();
    writeFileSync(w.file('tasks/.t.md.okr-lock'), lockContent(process.pid));
    const old = new Date(Date.now() - 3 * 60_000);
    utimesSync(w.file('tasks/.t.md.okr-lock'), old, old);
    expect(runCli(['done', 'tasks/t.md:4'], { cwd: w.dir }).code).toBe(0);
    expect(w.text('tasks/t.md')).toBe(tick(TASKS, 'one'));
    expect(readdirSync(w.file('tasks'))).toEqual(['t.md']);
  });

  it('a file of its name that okr did not make is left alone, and the edit is refused', () => {
    const w = setup();
    writeFileSync(w.file('tasks/.t.md.okr-lock'), 'mine\n');
    const before = w.snapshot();
    expect(runCli(['done', 'tasks/t.md:4'], { cwd: w.dir })).toEqual({
      stdout: '',
      stderr: 'okr: tasks/t.md: .t.md.okr-lock beside it is not a lock okr made: remove it if no okr is running (nothing written)\n',
      code: 1,
    });
    expect(w.snapshot()).toEqual(before);
    rmSync(w.file('tasks/.t.md.okr-lock'));
    // A symbolic link of that name is not followed either.
    writeFileSync(w.file('elsewhere'), lockContent(deadPid()));
    symlinkSync('../elsewhere', w.file('tasks/.t.md.okr-lock'));
    expect(runCli(['done', 'tasks/t.md:4'], { cwd: w.dir }).code).toBe(1);
    expect(w.text('tasks/t.md')).toBe(TASKS);
    expect(readdirSync(w.file('tasks')).sort()).toEqual(['.t.md.okr-lock', 't.md']);
    // Nor a dangling one, nor a directory.
    rmSync(w.file('tasks/.t.md.okr-lock'));
    symlinkSync('nowhere', w.file('tasks/.t.md.okr-lock'));
    expect(runCli(['done', 'tasks/t.md:4'], { cwd: w.dir }).stderr).toMatch(/is not a lock okr made/);
    rmSync(w.file('tasks/.t.md.okr-lock'));
    mkdirSync(w.file('tasks/.t.md.okr-lock'));
    expect(runCli(['done', 'tasks/t.md:4'], { cwd: w.dir }).stderr).toMatch(/is not a lock okr made/);
    expect(w.text('tasks/t.md')).toBe(TASKS);
  });

  it('is not left behind by a refused edit, a task already done, or a dry run (which does not wait for it)', () => {
    const w = setup();
    expect(runCli(['done', 'tasks/t.md:2'], { cwd: w.dir }).code).toBe(1);
    expect(runCli(['done', 'tasks/t.md:4'], { cwd: w.dir }).code).toBe(0);
    expect(runCli(['done', 'tasks/t.md:4'], { cwd: w.dir }).stdout).toMatch(/^Already done/);
    expect(runCli(['--no-cache', 'checkin', 'm', 'x'], { cwd: w.dir }).code).toBe(2);
    expect(runCli(['--no-cache', 'new', 'kr', 'o', '--title', 'T', '--id', 't', '--no-input'], { cwd: w.dir }).code).toBe(1);
    expect(readdirSync(w.file('tasks'))).toEqual(['t.md']);
    expect(readdirSync(w.file('objectives'))).toEqual(['o.md']);
    writeFileSync(w.file('tasks/.t.md.okr-lock'), lockContent(process.pid));
    const dry = runCli(['done', 'tasks/t.md:5', '--dry-run'], { cwd: w.dir });
    expect([dry.code, dry.stderr]).toEqual([0, 'dry run: nothing written\n']);
  });
});

describe('an interrupted edit', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    '%s before the rename leaves the file, and no temporary file or lock',
    async (signal) => {
      const w = setup();
      const run = start(['done', 'tasks/t.md:4'], w.dir, { OKR_TEST_PAUSE_BEFORE_COMMIT: '1' });
      await run.waitFor('okr: test hook: paused before commit\n');
      // The point of the test: both are there when the signal comes.
      const during = readdirSync(w.file('tasks')).sort();
      expect(during).toHaveLength(3);
      expect(during[0]).toMatch(/^\.t\.md\.okr-\d+-[0-9a-f]{8}\.tmp$/);
      expect(during.slice(1)).toEqual(['.t.md.okr-lock', 't.md']);
      run.kill(signal);
      const result = await run.done;
      expect(result.signal).toBe(signal);
      expect(result.stdout).toBe('');
      expect(w.text('tasks/t.md')).toBe(TASKS);
      expect(readdirSync(w.file('tasks'))).toEqual(['t.md']);
    },
    60_000,
  );

  it('SIGINT while creating a new file leaves no file, temporary file or lock', async () => {
    const w = setup();
    const run = start(['--no-cache', 'new', 'task', 't', '--title', 'three', '--file', 'tasks/new.md', '--no-input'], w.dir, { OKR_TEST_PAUSE_BEFORE_COMMIT: '1' });
    await run.waitFor('okr: test hook: paused before commit\n');
    expect(readdirSync(w.file('tasks'))).toHaveLength(3);
    run.kill('SIGINT');
    expect((await run.done).signal).toBe('SIGINT');
    expect(readdirSync(w.file('tasks'))).toEqual(['t.md']);
  }, 60_000);

  it('left by a process that is gone: its temporary files are removed by the next edit in that folder, nothing else is', () => {
    const w = setup();
    const dead = deadPid();
    const stale = [`.t.md.okr-${dead}-0123abcd.tmp`, `.other.md.okr-${dead}-89abcdef.tmp`, `.t.md.okr-${process.pid}-00000000.tmp`];
    const kept = [
      `.t.md.okr-${dead}-0123abc.tmp`,
      `.t.md.okr-${dead}-0123ABCD.tmp`,
      `t.md.okr-${dead}-0123abcd.tmp`,
      `.t.md.okr-${dead}-0123abcd.tmp.bak`,
      `.t.md.okr-${dead}-0123abcd.tmpx`,
      `.t.md.okr-x${dead}-0123abcd.tmp`,
      `.t.md.okr-${process.pid}-11111111.tmp`,
      'notes.txt',
    ];
    for (const name of [...stale, ...kept]) writeFileSync(w.file(`tasks/${name}`), 'x');
    // Older than ten minutes: stale even though the pid (this test's) is alive.
    const old = new Date(Date.now() - 11 * 60_000);
    utimesSync(w.file(`tasks/.t.md.okr-${process.pid}-00000000.tmp`), old, old);
    // Of okr's naming but not a regular file: a directory, and a link (to a file that must stay).
    mkdirSync(w.file(`tasks/.d.md.okr-${dead}-22222222.tmp`));
    writeFileSync(w.file('target.txt'), 'keep');
    symlinkSync('../target.txt', w.file(`tasks/.l.md.okr-${dead}-33333333.tmp`));
    // In another folder: not touched by an edit in tasks/.
    writeFileSync(w.file(`objectives/.o.md.okr-${dead}-44444444.tmp`), 'x');

    expect(runCli(['done', 'tasks/t.md:4'], { cwd: w.dir })).toEqual({ stdout: 'Ticked tasks/t.md:4  one\n', stderr: '', code: 0 });
    expect(readdirSync(w.file('tasks')).sort()).toEqual([...kept, `.d.md.okr-${dead}-22222222.tmp`, `.l.md.okr-${dead}-33333333.tmp`, 't.md'].sort());
    expect(w.text('target.txt')).toBe('keep');
    expect(readdirSync(w.file('objectives')).sort()).toEqual([`.o.md.okr-${dead}-44444444.tmp`, 'o.md']);
  });

  it('a dry run removes nothing', () => {
    const w = setup();
    const name = `.t.md.okr-${deadPid()}-0123abcd.tmp`;
    writeFileSync(w.file(`tasks/${name}`), 'x');
    expect(runCli(['done', 'tasks/t.md:4', '--dry-run'], { cwd: w.dir }).code).toBe(0);
    expect(readdirSync(w.file('tasks')).sort()).toEqual([name, 't.md']);
  });
});

describe('edits replace the file', () => {
  it('a hard link to it keeps the old content', () => {
    const w = setup();
    const outside = mkdtempSync(path.join(tmpdir(), 'okr-hardlink-'));
    try {
      linkSync(w.file('tasks/t.md'), path.join(outside, 't.md'));
      expect(runCli(['done', 'tasks/t.md:4'], { cwd: w.dir }).code).toBe(0);
      expect(w.text('tasks/t.md')).toBe(tick(TASKS, 'one'));
      expect(readFileSync(path.join(outside, 't.md'), 'utf8')).toBe(TASKS);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
