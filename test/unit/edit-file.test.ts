import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { ConcurrentChangeError, createFileExclusive, readFileForEdit, writeFileAtomic } from '../../src/io/edit-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'okr-write-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string) => path.join(dir, name);
const encode = (text: string) => new TextEncoder().encode(text);

describe('readFileForEdit', () => {
  it('splits off a BOM and keeps the bytes', async () => {
    writeFileSync(file('a.md'), Buffer.from([0xef, 0xbb, 0xbf, ...encode('é\r\n')]));
    const snapshot = await readFileForEdit(file('a.md'), 'a.md', dir);
    expect(snapshot).toMatchObject({ bomLength: 3, text: 'é\r\n', size: 7, displayPath: 'a.md' });
  });

  it('refuses invalid UTF-8 with the position of the bad byte', async () => {
    writeFileSync(file('bad.md'), Buffer.from([0x61, 0x0a, 0x62, 0xff, 0x0a]));
    await expect(readFileForEdit(file('bad.md'), 'bad.md', dir)).rejects.toThrow(
      'bad.md:2:2: file is not valid UTF-8: okr does not edit it (nothing written); save it as UTF-8 first',
    );
  });

  it('refuses a missing file, a directory and a file over the size limit', async () => {
    await expect(readFileForEdit(file('none.md'), 'none.md', dir)).rejects.toThrow('none.md: no such file or directory');
    await expect(readFileForEdit(dir, 'dir', dir)).rejects.toThrow('dir: not a regular file');
    writeFileSync(file('big.md'), 'x'.repeat(2048));
    await expect(readFileForEdit(file('big.md'), 'big.md', dir, 1024)).rejects.toThrow(/big\.md: file is 2 kB, over the 1 kB limit/);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the content, keeps the mode and leaves no temporary file', async () => {
    writeFileSync(file('a.md'), 'old\n');
    chmodSync(file('a.md'), 0o640);
    const snapshot = await readFileForEdit(file('a.md'), 'a.md', dir);
    await writeFileAtomic(snapshot, encode('new\n'));
    expect(readFileSync(file('a.md'), 'utf8')).toBe('new\n');
    expect(statSync(file('a.md')).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['a.md']);
  });

  it('edits the target of a symlink and keeps the link', async () => {
    writeFileSync(file('target.md'), 'old\n');
    symlinkSync('target.md', file('link.md'));
    const snapshot = await readFileForEdit(file('link.md'), 'link.md', dir);
    await writeFileAtomic(snapshot, encode('new\n'));
    expect(lstatSync(file('link.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(file('link.md'))).toBe('target.md');
    expect(readFileSync(file('target.md'), 'utf8')).toBe('new\n');
  });

  it('writes nothing when the file changed after it was read, even to the same size', async () => {
    writeFileSync(file('a.md'), 'old\n');
    const snapshot = await readFileForEdit(file('a.md'), 'a.md', dir);
    const write = writeFileAtomic(snapshot, encode('new\n'), { beforeCommit: () => writeFileSync(file('a.md'), 'OLD\n') });
    await expect(write).rejects.toBeInstanceOf(ConcurrentChangeError);
    await expect(write).rejects.toThrow('a.md changed on disk while okr was editing it: nothing written; run the command again');
    expect(readFileSync(file('a.md'), 'utf8')).toBe('OLD\n');
    expect(readdirSync(dir)).toEqual(['a.md']);
  });

  it('writes nothing when the file was deleted or replaced after it was read', async () => {
    writeFileSync(file('a.md'), 'old\n');
    const snapshot = await readFileForEdit(file('a.md'), 'a.md', dir);
    await expect(writeFileAtomic(snapshot, encode('new\n'), { beforeCommit: () => rmSync(file('a.md')) })).rejects.toBeInstanceOf(ConcurrentChangeError);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('createFileExclusive', () => {
  it('creates a new file and never replaces an existing one', async () => {
    await createFileExclusive(file('n.md'), encode('one\n'), 'n.md', dir);
    expect(readFileSync(file('n.md'), 'utf8')).toBe('one\n');
    await expect(createFileExclusive(file('n.md'), encode('two\n'), 'n.md', dir)).rejects.toThrow('n.md already exists: okr does not overwrite it (nothing written)');
    expect(readFileSync(file('n.md'), 'utf8')).toBe('one\n');
    expect(readdirSync(dir)).toEqual(['n.md']);
  });

  it('loses the race to a file created meanwhile', async () => {
    const create = createFileExclusive(file('n.md'), encode('mine\n'), 'n.md', dir, { beforeCommit: () => writeFileSync(file('n.md'), 'theirs\n') });
    await expect(create).rejects.toBeInstanceOf(UserError);
    expect(readFileSync(file('n.md'), 'utf8')).toBe('theirs\n');
    expect(readdirSync(dir)).toEqual(['n.md']);
  });
});
