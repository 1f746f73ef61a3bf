import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireEditLock, isOkrTempName, isProcessAlive, lockPathOf, removeStaleTempFiles, tempPathBeside } from '../../src/io/edit-lock.js';
import { onInterrupt } from '../../src/io/interrupt-cleanup.js';
import { readFileForEdit, releaseSnapshot, writeFileAtomic } from '../../src/io/edit-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'okr-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string) => path.join(dir, name);
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid;

describe('names', () => {
  it('temporary files are of exactly one pattern, which the lock does not match', () => {
    const temp = path.basename(tempPathBeside(file('a.md')));
    expect(temp).toMatch(new RegExp(`^\\.a\\.md\\.okr-${process.pid}-[0-9a-f]{8}\\.tmp$`));
    expect(isOkrTempName(temp)).toBe(true);
    for (const other of ['.a.md.okr-1-0123abc.tmp', '.a.md.okr-1-0123abcd.tmp~', 'a.md.okr-1-0123abcd.tmp', '.a.md.okr--0123abcd.tmp', path.basename(lockPathOf(file('a.md')))]) {
      expect(isOkrTempName(other), other).toBe(false);
    }
    expect(path.basename(lockPathOf(file('a.md')))).toBe('.a.md.okr-lock');
  });

  it('a process is alive while it runs', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(deadPid())).toBe(false);
    for (const pid of [0, -1, 1.5, 2 ** 40]) expect(isProcessAlive(pid)).toBe(false);
  });
});

describe('removeStaleTempFiles', () => {
  it("removes those of gone processes and old ones, keeps this process's and everything else", () => {
    const dead = deadPid();
    writeFileSync(file(`.a.md.okr-${dead}-0123abcd.tmp`), 'x');
    writeFileSync(file(`.a.md.okr-${process.pid}-0123abcd.tmp`), 'x');
    writeFileSync(file(`.a.md.okr-${dead}-0123abcd.tmp.keep`), 'x');
    writeFileSync(file('a.md'), 'x');
    expect(removeStaleTempFiles(dir)).toEqual([`.a.md.okr-${dead}-0123abcd.tmp`]);
    expect(readdirSync(dir).sort()).toEqual([`.a.md.okr-${dead}-0123abcd.tmp.keep`, `.a.md.okr-${process.pid}-0123abcd.tmp`, 'a.md'].sort());
    expect(removeStaleTempFiles(path.join(dir, 'missing'))).toEqual([]);
  });
});

describe('acquireEditLock', () => {
  it('makes the lock file and removes it on release, once', async () => {
    writeFileSync(file('a.md'), 'x');
    const lock = await acquireEditLock(file('a.md'), 'a.md');
    expect(readFileSync(lock.path, 'utf8')).toMatch(new RegExp(`^okr-lock ${process.pid} \\S+ [0-9a-f]{16}\\n$`));
    expect(readdirSync(dir).sort()).toEqual(['.a.md.okr-lock', 'a.md']);
    await lock.release();
    await lock.release();
    expect(lock.released).toBe(true);
    expect(readdirSync(dir)).toEqual(['a.md']);
  });

  it('does not remove a lock that is no longer its own', async () => {
    const lock = await acquireEditLock(file('a.md'), 'a.md');
    writeFileSync(lock.path, 'okr-lock 1 other 0123456789abcdef\n');
    await lock.release();
    expect(existsSync(lock.path)).toBe(true);
  });

  it('cannot be made in a folder that does not exist: one line, nothing left', async () => {
    await expect(acquireEditLock(file('none/a.md'), 'none/a.md')).rejects.toThrow('none/a.md: cannot lock it for editing: no such file or directory (nothing written)');
  });
});

describe('readFileForEdit and writeFileAtomic', () => {
  it('hold the lock from the read to the write, and release it', async () => {
    writeFileSync(file('a.md'), 'old\n');
    const snapshot = await readFileForEdit(file('a.md'), 'a.md', dir);
    expect(existsSync(file('.a.md.okr-lock'))).toBe(true);
    await writeFileAtomic(snapshot, new TextEncoder().encode('new\n'));
    expect(readdirSync(dir)).toEqual(['a.md']);
    expect(snapshot.lock?.released).toBe(true);
  });

  it('take no lock when asked not to, and one for the write alone then', async () => {
    writeFileSync(file('a.md'), 'old\n');
    const snapshot = await readFileForEdit(file('a.md'), 'a.md', dir, undefined, { lock: false });
    expect(snapshot.lock).toBeNull();
    expect(readdirSync(dir)).toEqual(['a.md']);
    await writeFileAtomic(snapshot, new TextEncoder().encode('new\n'));
    expect(readdirSync(dir)).toEqual(['a.md']);
    expect(readFileSync(file('a.md'), 'utf8')).toBe('new\n');
  });

  it('release the lock when the read is refused, or when the edit is dropped', async () => {
    writeFileSync(file('bad.md'), Buffer.from([0x61, 0xff]));
    await expect(readFileForEdit(file('bad.md'), 'bad.md', dir)).rejects.toThrow('not valid UTF-8');
    writeFileSync(file('a.md'), 'old\n');
    const snapshot = await readFileForEdit(file('a.md'), 'a.md', dir);
    await releaseSnapshot(snapshot);
    expect(readdirSync(dir).sort()).toEqual(['a.md', 'bad.md']);
  });
});

describe('onInterrupt', () => {
  it('listens to signals only while a clean-up is registered', () => {
    const before = ['SIGINT', 'SIGTERM', 'SIGHUP'].map((signal) => process.listenerCount(signal));
    const forgetA = onInterrupt(() => undefined);
    const forgetB = onInterrupt(() => undefined);
    expect(process.listenerCount('SIGINT')).toBe(before[0]! + 1);
    forgetA();
    forgetA();
    expect(process.listenerCount('SIGTERM')).toBe(before[1]! + 1);
    forgetB();
    expect(['SIGINT', 'SIGTERM', 'SIGHUP'].map((signal) => process.listenerCount(signal))).toEqual(before);
  });
});
