/**
 * Nothing outside the workspace is read or written, whatever links, FIFOs and devices a stranger's
 * pull request puts in the tree. Hostile trees are built at run time (git cannot hold most of them).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { excerpt } from '../../src/model/problem.js';
import { parseConfig } from '../../src/parse/config.js';
import { readGuardedFile, readListedFile, RefusedFileError } from '../../src/io/guarded-file.js';
import { listWorkspaceFiles } from '../../src/io/workspace-files.js';
import { runCli } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

const TODAY = ['--today', '2026-11-15'];
const SECRET = 'ghs_SECRET_TOKEN_0123456789';

const OBJECTIVE = `---
id: growth
title: Grow
period: 2026-Q4
key_results:
  - id: launch
    title: Launch
---
`;
const TASKS = `---
kr: launch
---
- [ ] one
- [ ] two
`;

let base: string;
let root: string;
let outside: string;
beforeEach(() => {
  base = mkdtempSync(path.join(tmpdir(), 'okr-boundary-'));
  root = path.join(base, 'workspace');
  outside = path.join(base, 'outside');
  mkdirSync(path.join(root, 'objectives'), { recursive: true });
  mkdirSync(path.join(root, 'tasks'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(root, 'objectives/growth.md'), OBJECTIVE);
  writeFileSync(path.join(root, 'tasks/launch.md'), TASKS);
  writeFileSync(path.join(outside, 'secret.md'), `---\nkr: launch\n---\n- [ ] ${SECRET}\n`);
  writeFileSync(path.join(outside, 'token'), `${SECRET}\n`);
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

/** okr in this process (the tests are about the files it reads and writes, not about the process). */
const okr = (args: string[]) => runInProcess([...args], { cwd: root });
const all = (result: { stdout: string; stderr: string }) => result.stdout + result.stderr;
const outsideFiles = () => readdirSync(outside).sort();

describe('nothing outside the workspace is read', () => {
  it('lint shows no line of a linked file outside, of /proc or of a device, and finishes', async () => {
    symlinkSync(path.join(outside, 'token'), path.join(root, 'token.md'));
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'tasks/secret.md'));
    symlinkSync('/proc/self/environ', path.join(root, 'environ.md'));
    symlinkSync('/dev/zero', path.join(root, 'zero.md'));
    for (const format of ['text', 'json', 'github']) {
      const result = await okr(['lint', '--format', format]);
      expect(all(result)).not.toContain(SECRET);
      expect(all(result)).not.toContain('PATH=');
      expect(result.stdout).toContain('token.md');
      expect(result.stdout).toContain('zero.md');
    }
    const text = await okr(['lint']);
    expect(text.stdout).toContain('symbolic link points outside the workspace: skipped');
    expect(text.stdout).not.toContain('│');
  });

  it('lint and status skip a FIFO without opening it', async () => {
    execFileSync('mkfifo', [path.join(root, 'pipe.md')]);
    const lint = await okr(['lint']);
    expect(lint.stdout).toMatch(/pipe\.md\n {2}1:1 {2}warning {2}not a regular file \(a device, socket or pipe\): skipped {2}\(skipped-file\)/);
    expect(lint.code).toBe(0);
    const status = await okr(['status', ...TODAY, '--json']);
    expect(status.code).toBe(0);
  });

  it('a link to a file inside .git is skipped: the lister never enters dot-folders', async () => {
    mkdirSync(path.join(root, '.git'));
    writeFileSync(path.join(root, '.git/config'), `---\nkr: launch\n---\n- [ ] ${SECRET}\n`);
    symlinkSync('.git/config', path.join(root, 'config.md'));
    const result = await okr(['status', ...TODAY, '--json']);
    expect(all(result)).not.toContain(SECRET);
    const lint = await okr(['lint']);
    expect(lint.stdout).toContain('symbolic link points into a folder okr skips (a dot-folder or node_modules): skipped');
  });

  it('okr.config.yaml is read only as a regular file: a link (even to .git/config) is refused and never quoted', async () => {
    mkdirSync(path.join(root, '.git'));
    writeFileSync(path.join(root, '.git/config'), `[remote "origin"]\n\turl = https://x-access-token:${SECRET}@github.com/o/r\n\textraheader = AUTHORIZATION: basic ${SECRET}\n`);
    symlinkSync('.git/config', path.join(root, 'okr.config.yaml'));
    for (const format of ['text', 'json', 'github']) {
      const result = await okr(['lint', '--format', format]);
      expect(all(result)).not.toContain(SECRET);
      expect(result.code).toBe(1);
    }
    expect((await okr(['lint'])).stdout).toContain('okr.config.yaml\n  1:1  error  symbolic link: not followed here: not read, the defaults apply  (config)');
    rmSync(path.join(root, 'okr.config.yaml'));
    symlinkSync(path.join(outside, 'token'), path.join(root, 'okr.config.yaml'));
    const outsideLink = await okr(['status', ...TODAY]);
    expect(all(outsideLink)).not.toContain(SECRET);
    expect(outsideLink.stderr).toContain('symbolic link points outside the workspace: not read, the defaults apply');
  });

  it('okr.config.yaml that is a FIFO or too large is not read', async () => {
    execFileSync('mkfifo', [path.join(root, 'okr.config.yaml')]);
    expect((await okr(['lint'])).stdout).toContain('not a regular file (a device, socket or pipe): not read, the defaults apply  (config)');
    rmSync(path.join(root, 'okr.config.yaml'));
    writeFileSync(path.join(root, 'okr.config.yaml'), `# ${'x'.repeat(70 * 1024)}\n`);
    expect((await okr(['lint'])).stdout).toContain('file is 70 kB, over the 64 kB a config may have: not read, the defaults apply  (config)');
  });

  it('a YAML error in the config quotes at most a short excerpt of it', () => {
    const { problems } = parseConfig(`extraheader = AUTHORIZATION: basic ${SECRET}${'A'.repeat(200)}\n`);
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem.message).not.toContain(SECRET + 'AAAA');
      expect(problem.message.length).toBeLessThan(200);
    }
  });

  it('a template in .okr/templates is used only as a regular file inside the workspace', async () => {
    mkdirSync(path.join(root, '.okr/templates'), { recursive: true });
    symlinkSync(path.join(outside, 'token'), path.join(root, '.okr/templates/objective.md'));
    const result = await okr(['new', 'objective', '--title', 'Other', '--period', '2026-Q4', ...TODAY]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('okr: .okr/templates/objective.md: cannot be read: symbolic link points outside the workspace\n');
    expect(all(result)).not.toContain(SECRET);
    rmSync(path.join(root, '.okr/templates/objective.md'));
    execFileSync('mkfifo', [path.join(root, '.okr/templates/objective.md')]);
    const fifo = await okr(['new', 'objective', '--title', 'Other', '--period', '2026-Q4', ...TODAY]);
    expect(fifo.stderr).toBe('okr: .okr/templates/objective.md: cannot be read: not a regular file (a device, socket or pipe)\n');
    expect(existsSync(path.join(root, 'objectives/other.md'))).toBe(false);
  });

  it('a file name that is not valid UTF-8 is named as such', async () => {
    const name = Buffer.concat([Buffer.from(path.join(root, 'tasks/')), Buffer.from([0x62, 0xff, 0x2e, 0x6d, 0x64])]);
    writeFileSync(name, TASKS);
    const result = await okr(['lint', '--format', 'json']);
    const { problems } = JSON.parse(result.stdout) as { problems: { file: string; rule: string; message: string }[] };
    expect(problems).toEqual([expect.objectContaining({ file: 'tasks/b\ufffd.md', rule: 'invalid-utf8', message: 'file name is not valid UTF-8: skipped; rename it' })]);
    expect(result.code).toBe(1);
  });
});

describe('nothing outside the workspace is written', () => {
  it('okr new task does not append to a linked file outside', async () => {
    rmSync(path.join(root, 'tasks/launch.md'));
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'tasks/launch.md'));
    const before = readFileSync(path.join(outside, 'secret.md'));
    const result = await okr(['new', 'task', 'launch', '--title', 'More', '--file', 'tasks/launch.md']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('okr: tasks/launch.md: symbolic link points outside the workspace: okr edits only files inside the workspace (nothing written)\n');
    expect(readFileSync(path.join(outside, 'secret.md'))).toEqual(before);
    expect(outsideFiles()).toEqual(['secret.md', 'token']);
  });

  it('okr new task and new objective create nothing in a linked folder outside', async () => {
    rmSync(path.join(root, 'tasks'), { recursive: true });
    symlinkSync(outside, path.join(root, 'tasks'));
    writeFileSync(path.join(root, 'objectives/growth.md'), OBJECTIVE.replace('    title: Launch\n', '    title: Launch\n  - id: other\n    title: Other\n'));
    const task = await okr(['new', 'task', 'other', '--title', 'Sneaky', '--file', 'tasks/other.md']);
    expect(task.code).toBe(1);
    expect(task.stderr).toBe('okr: tasks/other.md: its folder is a symbolic link to a place outside the workspace: okr writes only inside the workspace (nothing written)\n');
    rmSync(path.join(root, 'objectives'), { recursive: true });
    symlinkSync(outside, path.join(root, 'objectives'));
    const objective = await okr(['new', 'objective', '--title', 'Sneaky', '--period', '2026-Q4', '--file', 'objectives/sub/sneaky.md', ...TODAY]);
    expect(objective.code).toBe(1);
    expect(objective.stderr).toContain('its folder is a symbolic link to a place outside the workspace');
    expect(outsideFiles()).toEqual(['secret.md', 'token']);
  });

  it('okr init writes nothing when a starter folder is a link outside', () => {
    const fresh = path.join(base, 'fresh');
    mkdirSync(fresh);
    symlinkSync(outside, path.join(fresh, 'tasks'));
    const result = runCli(['init', ...TODAY], { cwd: fresh });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('its folder is a symbolic link to a place outside the workspace: okr writes only inside the workspace (nothing written)');
    expect(readdirSync(fresh).sort()).toEqual(['tasks']);
    expect(outsideFiles()).toEqual(['secret.md', 'token']);
  });

  it('okr done and okr checkin edit no linked file outside; links inside keep working', async () => {
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'tasks/link.md'));
    const before = readFileSync(path.join(outside, 'secret.md'));
    const done = await okr(['done', 'tasks/link.md:4']);
    expect(done.code).toBe(1);
    expect(done.stderr).toBe('okr: tasks/link.md: symbolic link points outside the workspace: okr edits only files inside the workspace (nothing written)\n');
    expect(readFileSync(path.join(outside, 'secret.md'))).toEqual(before);

    symlinkSync('launch.md', path.join(root, 'tasks/inside.md'));
    const inside = await okr(['done', 'tasks/inside.md:4']);
    expect(inside.code).toBe(0);
    expect(readFileSync(path.join(root, 'tasks/launch.md'), 'utf8')).toContain('- [x] one');
  });

  it("okr done on a path outside the working directory's workspace, or through a folder link, writes nothing there (not even a lock)", async () => {
    const before = readFileSync(path.join(outside, 'secret.md'));
    const plain = await okr(['done', '../outside/secret.md:4']);
    expect(plain).toMatchObject({
      code: 1,
      stderr: `okr: ${path.join(outside, 'secret.md')}: is outside the workspace: okr edits only files inside the workspace (nothing written)\n`,
    });
    const absolute = await okr(['done', `${path.join(outside, 'secret.md')}:4`]);
    expect(absolute.code).toBe(1);
    expect(absolute.stderr).toContain('is outside the workspace: okr edits only files inside the workspace (nothing written)');
    // No okr.config.yaml anywhere: the workspace is still the working directory, not the file's folder.
    symlinkSync(outside, path.join(root, 'tasks/ext'));
    const throughLink = await okr(['done', 'tasks/ext/secret.md:4']);
    expect(throughLink).toMatchObject({
      code: 1,
      stderr: 'okr: tasks/ext/secret.md: symbolic link points outside the workspace: okr edits only files inside the workspace (nothing written)\n',
    });
    expect(readFileSync(path.join(outside, 'secret.md'))).toEqual(before);
    expect(outsideFiles()).toEqual(['secret.md', 'token']);
  });

  it('okr checkin refuses a key result whose objective file is a link outside', async () => {
    writeFileSync(
      path.join(outside, 'metric.md'),
      '---\nid: outer\ntitle: Outer\nperiod: 2026-Q4\nkey_results:\n  - id: signups\n    title: Signups\n    start: 0\n    target: 10\n    current: 1\n---\n',
    );
    symlinkSync(path.join(outside, 'metric.md'), path.join(root, 'objectives/outer.md'));
    const before = readFileSync(path.join(outside, 'metric.md'));
    const result = await okr(['checkin', 'signups', '5', '--date', '2026-11-15', '--today', '2026-11-30']);
    expect(result.code).toBe(1);
    expect(readFileSync(path.join(outside, 'metric.md'))).toEqual(before);
  });
});

describe('small ones', () => {
  // A read-only file system of our own: a tmpfs mounted read-only in a user and mount namespace.
  const readOnly = (() => {
    try {
      execFileSync('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o ro none "${tmpdir()}" && true`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!readOnly)('okr init on a read-only file system says so (needs unshare with user namespaces)', () => {
    const ro = path.join(base, 'ro');
    mkdirSync(ro);
    const script = (target: string) =>
      `mount -t tmpfs -o ro none "${ro}" && cd "${ro}" && exec "${process.execPath}" "${path.join(process.cwd(), 'bin/okr.js')}" init ${target} --today 2026-11-15`;
    const run = (target: string) => {
      try {
        return { code: 0, stderr: execFileSync('unshare', ['-rm', 'sh', '-c', script(target)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
      } catch (error) {
        const failed = error as { status: number; stderr: string };
        return { code: failed.status, stderr: failed.stderr };
      }
    };
    const here = run('.');
    expect(here).toEqual({ code: 1, stderr: 'okr: okr.config.yaml: cannot lock it for editing: read-only file system (nothing written)\n' });
    const below = run('new/ws');
    expect(below).toEqual({ code: 1, stderr: 'okr: ws: cannot create the folder: read-only file system (nothing written)\n' });
  });

  it('okr init where a folder cannot be made ends with a one-line error, not a hang', () => {
    // mkdir's recursive mode loops forever on /proc; okr makes folders one at a time.
    const result = runCli(['init', '/proc/okr-test/ws', ...TODAY], { cwd: base });
    expect(result).toMatchObject({ code: 1, stderr: 'okr: ws: cannot create the folder: no such file or directory (nothing written)\n' });
  });
});

describe('readGuardedFile', () => {
  it('refuses what is not a regular file inside the root, and reads at most maxBytes', () => {
    writeFileSync(path.join(root, 'big.md'), 'x'.repeat(100));
    expect(readGuardedFile(path.join(root, 'big.md'), { root, maxBytes: 100 }).bytes.length).toBe(100);
    const refusal = (file: string, guard = { root, maxBytes: 99 }) => {
      try {
        readGuardedFile(file, guard);
        return null;
      } catch (error) {
        expect(error).toBeInstanceOf(RefusedFileError);
        return (error as RefusedFileError).reason;
      }
    };
    expect(refusal(path.join(root, 'big.md'))).toBe('too-large');
    expect(refusal(path.join(root, 'none.md'))).toBe('missing');
    expect(refusal(path.join(root, 'objectives'))).toBe('not-regular');
    expect(refusal(path.join(outside, 'token'))).toBe('outside');
    symlinkSync('../objectives/growth.md', path.join(root, 'tasks/l.md'));
    expect(refusal(path.join(root, 'tasks/l.md'), { root, maxBytes: 1000 })).toBeNull();
    expect(refusal(path.join(root, 'tasks/l.md'), { root, maxBytes: 1000, followLinks: false } as never)).toBe('link');
    symlinkSync('loop.md', path.join(root, 'loop.md'));
    expect(refusal(path.join(root, 'loop.md'))).toBe('link');
    expect(refusal('/dev/zero', { root: '/dev', maxBytes: 10 })).toBe('not-regular');
  });

  it('readListedFile reads a listed file by its identity, and refuses another one put in its place', async () => {
    const listing = await listWorkspaceFiles(root);
    const tasks = listing.files.find((file) => file.path === 'tasks/launch.md')!;
    expect(tasks.identity).toBeDefined();
    expect(readListedFile(tasks.absolutePath, tasks.identity!, 1000).bytes.toString()).toBe(TASKS);
    const refusal = (file: string) => {
      try {
        readListedFile(file, tasks.identity!, 1000);
        return null;
      } catch (error) {
        expect(error).toBeInstanceOf(RefusedFileError);
        return (error as RefusedFileError).reason;
      }
    };
    expect(refusal(path.join(root, 'objectives/growth.md'))).toBe('link');
    // The folder swapped for a link to a folder outside holding a file of the same name.
    mkdirSync(path.join(outside, 'tasks'));
    writeFileSync(path.join(outside, 'tasks', 'launch.md'), SECRET);
    renameSync(path.join(root, 'tasks'), path.join(base, 'moved'));
    symlinkSync(path.join(outside, 'tasks'), path.join(root, 'tasks'));
    expect(refusal(tasks.absolutePath)).toBe('link');
    // The file itself replaced by a link, or by a FIFO: neither is opened.
    rmSync(path.join(root, 'tasks'));
    renameSync(path.join(base, 'moved'), path.join(root, 'tasks'));
    rmSync(tasks.absolutePath);
    symlinkSync(path.join(outside, 'tasks', 'launch.md'), tasks.absolutePath);
    expect(refusal(tasks.absolutePath)).toBe('link');
    rmSync(tasks.absolutePath);
    execFileSync('mkfifo', [tasks.absolutePath]);
    // The FIFO may even get the freed inode number: then it is refused as not regular, still unopened.
    expect(['link', 'not-regular']).toContain(refusal(tasks.absolutePath));
    rmSync(tasks.absolutePath);
    expect(refusal(tasks.absolutePath)).toBe('missing');
  });

  it('excerpt quotes at most 40 characters', () => {
    expect(excerpt('short')).toBe('"short"');
    expect(excerpt('y'.repeat(100))).toBe(`"${'y'.repeat(39)}…"`);
    expect(excerpt(`${'y'.repeat(38)}😀😀`)).toBe(`"${'y'.repeat(38)}…"`);
  });
});
