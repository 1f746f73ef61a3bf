/**
 * The facts cache: hits and misses, content addressing, damaged and foreign entries, concurrent
 * writers, the workspace index, and results that never depend on whether the cache was used.
 */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseOkrFile, type FileFacts } from '../../src/core/parse-file.js';
import { cacheRoot, cacheVersion, decodeFacts, encodeFacts, FactsCache, sha256 } from '../../src/io/facts-cache.js';
import { readFacts } from '../../src/io/file-facts.js';
import { resolveLoadOptions } from '../../src/io/load-options.js';
import { loadWorkspace } from '../../src/io/load-workspace.js';
import { listWorkspaceFiles } from '../../src/io/workspace-files.js';
import { FIXTURES, REPO_ROOT } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

const TASKS = '---\nkr: ship\n---\n# Tasks\n\n- [x] one\n- [ ] two *really*\n';
const OBJECTIVE = '---\ntype: objective\nid: o\ntitle: O\nperiod: 2026-Q4\nkey_results:\n  - id: ship\n    title: Ship it\n---\n';

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'okr-cache-test-'));
});
afterEach(() => {
  vi.useRealTimers();
  chmodSync(scratch, 0o755);
  rmSync(scratch, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): string {
  const root = path.join(scratch, 'workspace');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const cacheDir = () => path.join(scratch, 'cache');
const options = (extra: { cache?: boolean } = {}) => ({ env: { OKR_CACHE_DIR: cacheDir() }, workers: 0, ...extra });
const entryPath = (text: string) => {
  const hash = sha256(Buffer.from(text));
  return path.join(cacheDir(), cacheVersion(), hash.slice(0, 2), hash.slice(2));
};
const tasksOf = async (root: string, extra: { cache?: boolean } = {}) =>
  (await loadWorkspace(root, options(extra))).model.keyResultsById.get('ship')!.tasks.map((task) => `${task.file}:${task.line} ${task.state} ${task.text}`);

/** Every file under `dir`, relative. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const file = path.join(at, entry.name);
      if (entry.isDirectory()) walk(file);
      else out.push(path.relative(dir, file));
    }
  };
  walk(dir);
  return out.sort();
}

describe('where the cache lives', () => {
  it('is OKR_CACHE_DIR, else $XDG_CACHE_HOME/okr, else ~/.cache/okr', () => {
    expect(cacheRoot({ OKR_CACHE_DIR: '/tmp/x', XDG_CACHE_HOME: '/c', HOME: '/h' })).toBe(path.resolve('/tmp/x'));
    expect(cacheRoot({ XDG_CACHE_HOME: '/c', HOME: '/h' })).toBe(path.join('/c', 'okr'));
    expect(cacheRoot({ XDG_CACHE_HOME: 'relative', HOME: '/h' })).toBe(path.join('/h', '.cache', 'okr'));
    expect(cacheRoot({ HOME: '/h' })).toBe(path.join('/h', '.cache', 'okr'));
  });

  it('is named by the cache format, okr version and parser code', () => {
    const version = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(cacheVersion()).toMatch(new RegExp(`^v\\d+-${version.version.replace(/\./g, '\\.')}-[0-9a-f]{16}$`));
  });
});

describe('cache hits and misses', () => {
  it('stores the facts of each content once, and reads them back on the next run', async () => {
    const root = workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS, 'copy.md': TASKS });
    const first = await tasksOf(root);
    const entries = filesUnder(path.join(cacheDir(), cacheVersion())).filter((file) => !file.startsWith('workspaces'));
    expect(entries).toHaveLength(2); // tasks.md and copy.md share one entry
    // A doctored entry proves the second run reads the cache instead of parsing.
    const doctored = parseOkrFile('anything.md', Buffer.from(TASKS.replace('one', 'from the cache')));
    new FactsCache(cacheRoot({ OKR_CACHE_DIR: cacheDir() })).put(sha256(Buffer.from(TASKS)), encodeFacts(doctored)!);
    const second = await tasksOf(root);
    expect(first).toContain('tasks.md:6 done one');
    expect(second).toContain('tasks.md:6 done from the cache');
    expect(second).toContain('copy.md:6 done from the cache');
  });

  it('finds content under another name, with the new name in its facts and problems', async () => {
    const broken = '---\nkr: [ship\n---\n- [ ] x\n';
    const root = workspace({ 'objective.md': OBJECTIVE, 'a.md': broken });
    const before = await loadWorkspace(root, options());
    rmSync(path.join(root, 'a.md'));
    writeFileSync(path.join(root, 'b.md'), broken);
    const after = await loadWorkspace(root, options());
    const fresh = await loadWorkspace(root, options({ cache: false }));
    expect(before.model.problems.some((problem) => problem.file === 'a.md')).toBe(true);
    expect(after.model.problems).toEqual(fresh.model.problems);
    expect(after.model.problems.every((problem) => problem.file !== 'a.md')).toBe(true);
  });

  it('writes nothing with the cache off', async () => {
    const root = workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS });
    await tasksOf(root, { cache: false });
    expect(() => readdirSync(cacheDir())).toThrow();
  });
});

describe('damaged and foreign entries', () => {
  const damage: Record<string, (text: string) => string> = {
    truncated: (text) => text.slice(0, Math.floor(text.length / 2)),
    'cut after the header': (text) => text.slice(0, text.indexOf('\n') + 1),
    garbage: () => '\u0000\u0001 not facts at all \uFFFD',
    empty: () => '',
    'from another version': (text) => text.replace(cacheVersion(), 'v1-0.0.0-0123456789abcdef'),
    'for other content': (text) => text.replace(/^(okr-facts \S+ )[0-9a-f]{64}/, `$1${'0'.repeat(64)}`),
    'valid JSON of another shape': (text) => `${text.slice(0, text.indexOf('\n'))}\n{"path":"","tasks":"no"}`,
    'facts with a path': (text) => text.replace('"path":""', '"path":"elsewhere.md"'),
  };

  it.each(Object.keys(damage))('ignores an entry that is %s, and rewrites it', async (kind) => {
    const root = workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS });
    const expected = await tasksOf(root, { cache: false });
    await tasksOf(root);
    const entry = entryPath(TASKS);
    const good = readFileSync(entry, 'utf8');
    writeFileSync(entry, damage[kind]!(good));
    expect(await tasksOf(root)).toEqual(expected);
    expect(readFileSync(entry, 'utf8')).toBe(good);
  });

  it('never reads entries of another okr version', async () => {
    const root = workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS });
    const other = new FactsCache(cacheDir(), 'v1-9.9.9-0000000000000000');
    other.put(sha256(Buffer.from(TASKS)), encodeFacts(parseOkrFile('x.md', Buffer.from('- [ ] stale\n')))!);
    expect(await tasksOf(root)).toEqual(await tasksOf(root, { cache: false }));
  });

  it('removes version directories unused for a month when it starts a new one', async () => {
    const old = path.join(cacheDir(), 'v1-0.0.1-aaaaaaaaaaaaaaaa');
    const recent = path.join(cacheDir(), 'v1-0.0.2-bbbbbbbbbbbbbbbb');
    mkdirSync(old, { recursive: true });
    mkdirSync(recent, { recursive: true });
    const longAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    utimesSync(old, longAgo, longAgo);
    await tasksOf(workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS }));
    expect(readdirSync(cacheDir()).sort()).toEqual([cacheVersion(), path.basename(recent)].sort());
  });

  it('runs without a cache when its directory cannot be written', async () => {
    const root = workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS });
    writeFileSync(cacheDir(), 'a file, not a directory');
    expect(await tasksOf(root)).toEqual(await tasksOf(root, { cache: false }));
  });
});

describe('concurrent writers', () => {
  it('leave whole entries and no temporary files behind', async () => {
    const files: Record<string, string> = { 'objective.md': OBJECTIVE };
    for (let i = 0; i < 40; i++) files[`tasks/t${i}.md`] = TASKS.replace('two', `task ${i}`);
    const root = workspace(files);
    const expected = await tasksOf(root, { cache: false });
    const runs = await Promise.all(Array.from({ length: 6 }, () => tasksOf(root)));
    for (const run of runs) expect(run).toEqual(expected);
    const entries = filesUnder(path.join(cacheDir(), cacheVersion()));
    expect(entries.filter((file) => file.endsWith('.tmp'))).toEqual([]);
    const cache = new FactsCache(cacheDir());
    for (const text of Object.values(files)) {
      expect(cache.get(sha256(Buffer.from(text)), 'x.md')).toEqual(parseOkrFile('x.md', Buffer.from(text)));
    }
  });
});

describe('the workspace index', () => {
  async function readsOf(root: string): Promise<string[]> {
    const listing = await listWorkspaceFiles(root);
    const reads: string[] = [];
    await readFacts(
      {
        root,
        files: listing.files,
        maxFileSize: 1024 * 1024,
        read: async (file) => {
          reads.push(file.path);
          return readFileSync(file.absolutePath);
        },
      },
      resolveLoadOptions(options()),
    );
    return reads.sort();
  }

  it('skips reading files that have not changed since the last run', async () => {
    const root = workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS, 'other.md': TASKS.replace('one', 'uno') });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10_000 }); // the files have settled
    expect(await readsOf(root)).toEqual(['objective.md', 'other.md', 'tasks.md']);
    expect(await readsOf(root)).toEqual([]);
    writeFileSync(path.join(root, 'tasks.md'), TASKS.replace('one', 'eno'));
    vi.setSystemTime(Date.now() + 10_000);
    expect(await readsOf(root)).toEqual(['tasks.md']);
    expect(await readsOf(root)).toEqual([]);
  });

  it('does not trust files changed in the last seconds: their times may not show the next change', async () => {
    const root = workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS });
    expect(await readsOf(root)).toEqual(['objective.md', 'tasks.md']);
    expect(await readsOf(root)).toEqual(['objective.md', 'tasks.md']);
  });

  it('reads a file again when its size, times or inode change', async () => {
    const root = workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10_000 });
    await readsOf(root);
    const file = path.join(root, 'tasks.md');
    const { atime, mtime } = statSync(file);
    writeFileSync(file, TASKS.replace('one', 'eno')); // same size
    utimesSync(file, atime, mtime); // same times too: the change time still moves
    vi.setSystemTime(Date.now() + 10_000);
    expect(await readsOf(root)).toEqual(['tasks.md']);
    expect((await tasksOf(root)).join('\n')).toContain('eno');
  });
});

describe('results do not depend on the cache', () => {
  const cases = readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && readdirSync(path.join(FIXTURES, entry.name)).includes('args.json'))
    .map((entry) => entry.name);

  it.each(cases)('fixture %s: the same output without the cache, cold and warm', async (name) => {
    const dir = path.join(FIXTURES, name);
    const args = JSON.parse(readFileSync(path.join(dir, 'args.json'), 'utf8')) as string[];
    const copy = path.join(scratch, name);
    cpSync(dir, copy, { recursive: true, dereference: true });
    const run = (extra: string[], env: Record<string, string> = { OKR_CACHE_DIR: cacheDir() }) =>
      runInProcess([...extra, ...args, 'workspace'], { cwd: copy, env: { ...env, OKR_PARSE_WORKERS: '0' } });
    const without = await run(['--no-cache']);
    const cold = await run([]);
    const warm = await run([]);
    expect(cold).toEqual(without);
    expect(warm).toEqual(without);
  });

  it('facts do not depend on the path, beyond the path itself', () => {
    const files = readdirSync(path.join(FIXTURES, 'hostile', 'workspace')).map((name) => path.join(FIXTURES, 'hostile', 'workspace', name));
    files.push(...readdirSync(path.join(REPO_ROOT, 'examples', 'acme', 'tasks')).map((name) => path.join(REPO_ROOT, 'examples', 'acme', 'tasks', name)));
    for (const file of files) {
      const bytes = readFileSync(file);
      const here: FileFacts = parseOkrFile('here.md', bytes);
      const encoded = encodeFacts(parseOkrFile('somewhere/else.md', bytes));
      expect(encoded, file).not.toBeNull();
      expect(decodeFacts(encoded!, 'here.md'), file).toEqual(here);
    }
  });
});
