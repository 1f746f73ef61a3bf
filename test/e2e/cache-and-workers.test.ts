/**
 * The built CLI with the facts cache and parse workers: the same bytes out whether files are parsed
 * in one thread or several, cold or from the cache, and by several okr processes at once.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorkspace } from '../../bench/generate-workspace.mjs';
import { FactsCache } from '../../src/io/facts-cache.js';
import { CACHE_FOLDER, CACHEDIR_TAG, OWNER_MARKER, VERSION_MARKER } from '../../src/io/cache-folder.js';
import { BIN, FIXTURES, REPO_ROOT, runCli, runCliAsync, type CliResult } from '../helpers/run-cli.js';

let scratch: string;
let generated: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'okr-workers-test-'));
  generated = path.join(scratch, 'generated');
  generateWorkspace(generated, 120, 7);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const STATUS = ['status', '--json', '--today', '2026-11-15'];

function run(args: string[], env: Record<string, string>): CliResult {
  return runCli(args, { env: { OKR_CACHE_DIR: path.join(scratch, 'unused-cache'), ...env } });
}

/** run without blocking: independent runs go at the same time. */
function runAsync(args: string[], env: Record<string, string>): Promise<CliResult> {
  return runCliAsync(args, { env: { OKR_CACHE_DIR: path.join(scratch, 'unused-cache'), ...env } });
}

/** Runs several CLIs at the same time. */
function runTogether(count: number, args: string[], env: Record<string, string>): Promise<CliResult[]> {
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<CliResult>((resolve, reject) => {
          const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1', ...env } });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          child.on('error', reject);
          child.on('close', (code) => resolve({ stdout, stderr, code: code ?? -1 }));
        }),
    ),
  );
}

describe('parse workers', () => {
  const workspaces = () => [generated, path.join(REPO_ROOT, 'examples/acme'), path.join(FIXTURES, 'hostile', 'workspace')];

  // The workspaces, and the runs that do not depend on one another, go at the same time; the warm
  // run from the cache comes after the cold one that filled it.
  it('give the same output as one thread, with and without the cache', async () => {
    await Promise.all(
      workspaces().map(async (dir) => {
        const copy = path.join(scratch, `copy-${path.basename(path.dirname(dir))}-${path.basename(dir)}`);
        await cp(dir, copy, { recursive: true, dereference: true });
        const cache = path.join(scratch, `cache-${path.basename(copy)}`);
        const [oneThread, twoThreads, cold] = await Promise.all([
          runAsync([...STATUS, copy, '--no-cache'], { OKR_PARSE_WORKERS: '0' }),
          runAsync([...STATUS, copy, '--no-cache'], { OKR_PARSE_WORKERS: '2' }),
          runAsync([...STATUS, copy], { OKR_PARSE_WORKERS: '3', OKR_CACHE_DIR: cache }),
        ]);
        expect(oneThread.stdout.length, dir).toBeGreaterThan(0);
        expect(twoThreads, dir).toEqual(oneThread);
        expect(cold, dir).toEqual(oneThread);
        expect(await runAsync([...STATUS, copy], { OKR_PARSE_WORKERS: '0', OKR_CACHE_DIR: cache }), dir).toEqual(oneThread);
      }),
    );
  });

  it('give the same output to lint', async () => {
    const [oneThread, twoThreads] = await Promise.all([
      runAsync(['lint', generated, '--format', 'json', '--no-cache'], { OKR_PARSE_WORKERS: '0' }),
      runAsync(['lint', generated, '--format', 'json', '--no-cache'], { OKR_PARSE_WORKERS: '2' }),
    ]);
    expect(twoThreads).toEqual(oneThread);
  });
});

describe('a large workspace (over 4 MB of Markdown)', () => {
  it('gives the same output kept encoded until linked, cold, warm, in one thread or several', async () => {
    const large = path.join(scratch, 'large');
    generateWorkspace(large, 2100, 11);
    const cache = path.join(scratch, 'large-cache');
    // The runs without the cache go beside the cold one; the warm ones come after it.
    const [expected, cold, lintExpected] = await Promise.all([
      runAsync([...STATUS, large, '--no-cache'], { OKR_PARSE_WORKERS: '0' }),
      runAsync([...STATUS, large], { OKR_CACHE_DIR: cache }),
      runAsync(['lint', large, '--format', 'json', '--no-cache'], { OKR_PARSE_WORKERS: '0' }),
    ]);
    expect(expected.stdout.length).toBeGreaterThan(100_000);
    expect(cold).toEqual(expected);
    expect(await runAsync([...STATUS, large], { OKR_CACHE_DIR: cache })).toEqual(expected);
    expect(await runAsync(['lint', large, '--format', 'json'], { OKR_CACHE_DIR: cache })).toEqual(lintExpected);
  });
});

describe('several okr processes at once', () => {
  it('fill one cache without corrupting it, and all print the same', async () => {
    const cache = path.join(scratch, 'shared-cache');
    const [expected, results] = await Promise.all([runAsync([...STATUS, generated, '--no-cache'], {}), runTogether(4, [...STATUS, generated], { OKR_CACHE_DIR: cache })]);
    for (const result of results) expect(result).toEqual(expected);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(path.join(dir, entry.name));
        else files.push(path.join(dir, entry.name));
      }
    };
    walk(cache);
    expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
    // One pack for the workspace, whole, and readable; nothing else to write on a first run.
    // The built okr's version (its code is the compiled core, not these sources).
    // In okr's own folder, beside its markers.
    const own = path.join(cache, CACHE_FOLDER);
    expect(readdirSync(cache)).toEqual([CACHE_FOLDER]);
    const versions = readdirSync(own, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(versions).toHaveLength(1);
    const facts = new FactsCache(cache, versions[0]);
    const pack = facts.readPack(realpathSync(generated));
    expect(pack.exists).toBe(true);
    expect(pack.packedFiles.size + pack.entries.size).toBeGreaterThan(0);
    for (const [file, [, hash]] of pack.files) expect(facts.lookup(pack, hash, file), file).not.toBeNull();
    const markers = [path.join(own, CACHEDIR_TAG), path.join(own, OWNER_MARKER), path.join(own, versions[0]!, VERSION_MARKER)];
    expect(files.filter((file) => !file.includes(`${path.sep}workspaces${path.sep}`) && !file.includes(`${path.sep}configs${path.sep}`) && !markers.includes(file))).toEqual([]);
    expect(run([...STATUS, generated], { OKR_CACHE_DIR: cache })).toEqual(expected);
  });
});
