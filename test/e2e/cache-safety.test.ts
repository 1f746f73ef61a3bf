/**
 * The cache as the built okr meets it: a cache folder made by another user is not used (one
 * warning, the same output), and a write cut short (a file size limit) never puts a partial pack or
 * entry in place.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_FOLDER } from '../../src/io/cache-folder.js';
import { BIN, FIXTURES, runCli } from '../helpers/run-cli.js';
import { IS_ROOT, NOBODY, okrRunnableBy } from '../helpers/other-user.js';

const STATUS = ['status', '--json', '--today', '2026-11-25'];

let scratch: string;
let workspace: string;
let cache: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'okr-cache-e2e-'));
  // Readable by another user, for the runs as that user.
  chmodSync(scratch, 0o755);
  workspace = path.join(scratch, 'workspace');
  cpSync(path.join(FIXTURES, 'acme-json', 'workspace'), workspace, { recursive: true, dereference: true });
  cache = path.join(scratch, 'cache');
});
afterEach(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** Every file below `dir`, relative. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('a cache folder of another user', () => {
  it.skipIf(!IS_ROOT)('is not used: one warning on stderr, the same output (run as user 65534 on a cache made by root)', ({ skip }) => {
    const okr = okrRunnableBy(NOBODY, NOBODY);
    if ('reason' in okr) return skip(okr.reason);
    const expected = runCli([...STATUS, workspace, '--no-cache']);
    expect(runCli([...STATUS, workspace], { env: { OKR_CACHE_DIR: cache } })).toEqual(expected);
    chmodSync(cache, 0o755);
    const before = filesUnder(cache);
    const other = runCli([...STATUS, workspace], { env: { OKR_CACHE_DIR: cache, HOME: scratch }, uid: NOBODY, gid: NOBODY, bin: okr.bin });
    expect(other.stdout).toBe(expected.stdout);
    expect(other.code).toBe(expected.code);
    expect(other.stderr).toBe(`okr: warning: cache ${path.join(cache, CACHE_FOLDER)} not used: it belongs to another user\n`);
    expect(filesUnder(cache)).toEqual(before);
  });
});

describe('a write cut short', () => {
  it('never puts a partial pack or entry in place, and the next run is whole', () => {
    const expected = runCli([...STATUS, workspace, '--no-cache']);
    // A 4 KiB file size limit (ulimit -f): writing the pack (tens of kB) comes up short, then fails (EFBIG).
    const limited = spawnSync('sh', ['-c', 'ulimit -f 4 && exec "$0" "$@"', process.execPath, BIN, ...STATUS, workspace], {
      env: { ...process.env, OKR_CACHE_DIR: cache, OKR_DEBUG: '' },
      encoding: 'utf8',
    });
    expect({ stdout: limited.stdout, stderr: limited.stderr, code: limited.status }).toEqual(expected);
    const written = filesUnder(cache);
    expect(written.filter((file) => file.endsWith('.tmp'))).toEqual([]);
    expect(written.filter((file) => file.includes(`${path.sep}workspaces${path.sep}`))).toEqual([]);
    // Without the limit: the pack is written, and read by the run after.
    expect(runCli([...STATUS, workspace], { env: { OKR_CACHE_DIR: cache } })).toEqual(expected);
    const packs = filesUnder(cache).filter((file) => file.includes(`${path.sep}workspaces${path.sep}`));
    // The pack and its items file.
    expect(packs).toHaveLength(2);
    expect(packs[1]).toBe(`${packs[0]}.items`);
    // Larger than the limit: the limited run did meet a short write.
    expect(statSync(path.join(cache, packs[0]!)).size).toBeGreaterThan(4 * 1024);
    expect(runCli([...STATUS, workspace], { env: { OKR_CACHE_DIR: cache } })).toEqual(expected);
  });

  it('never puts a partial entry in place either', () => {
    runCli([...STATUS, workspace], { env: { OKR_CACHE_DIR: cache } });
    const before = filesUnder(cache);
    // A changed file with a long task list: its facts (over 4 KiB) go to an entry.
    const tasks = Array.from({ length: 200 }, (_, i) => `- [ ] follow-up number ${i} for the launch week`).join('\n');
    writeFileSync(path.join(workspace, 'tasks', 'long.md'), `---\nkr: launch-week\n---\n${tasks}\n`);
    const expected = runCli([...STATUS, workspace, '--no-cache']);
    const limited = spawnSync('sh', ['-c', 'ulimit -f 4 && exec "$0" "$@"', process.execPath, BIN, ...STATUS, workspace], {
      env: { ...process.env, OKR_CACHE_DIR: cache, OKR_DEBUG: '' },
      encoding: 'utf8',
    });
    expect({ stdout: limited.stdout, stderr: limited.stderr, code: limited.status }).toEqual(expected);
    const added = filesUnder(cache).filter((file) => !before.includes(file));
    // The journal (small) may be written; no entry, no temporary file.
    expect(added.filter((file) => !file.endsWith('.journal'))).toEqual([]);
    // Without the limit the entry is written, and it is larger than the limit was.
    expect(runCli([...STATUS, workspace], { env: { OKR_CACHE_DIR: cache } })).toEqual(expected);
    const entries = filesUnder(cache).filter((file) => !before.includes(file) && !file.endsWith('.journal'));
    expect(entries).toHaveLength(1);
    expect(statSync(path.join(cache, entries[0]!)).size).toBeGreaterThan(4 * 1024);
  });
});
