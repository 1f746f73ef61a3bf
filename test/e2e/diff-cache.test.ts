/**
 * `okr diff` between two commits and the facts cache: a blob on both sides is read and parsed once
 * (its facts shared by both models), a warm diff reads no blob from git (the diff pack knows the
 * blob ids), an empty-cache diff writes one pack rather than an entry per content, and a damaged
 * diff pack changes nothing in the output.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FactsCache, sha256 } from '../../src/io/facts-cache.js';
import { RevisionFacts, type FileContent } from '../../src/io/file-facts.js';
import { openRepository } from '../../src/io/git.js';
import { readWorkspaceAtCommit, type ContentFacts } from '../../src/io/git-workspace.js';
import { resolveLoadOptions } from '../../src/io/load-options.js';
import type { FileFacts } from '../../src/model/types.js';
import { createRepo, GIT_ENV, type TempRepo } from '../helpers/git-repo.js';
import { runInProcess } from '../helpers/run-in-process.js';

const FILES = 40;
const OBJECTIVE = `---
id: o
title: Ship it
period: 2026-Q4
key_results:
  - id: t
    title: Tasks
---
`;
const tasks = (i: number, done: boolean) => `---\nkr: t\n---\n- [${done ? 'x' : ' '}] task ${i}\n- [ ] other ${i}\n`;

let repo: TempRepo;
let cacheParent: string;
let base: string;
let head: string;
let cacheCount = 0;

beforeAll(() => {
  repo = createRepo();
  repo.write('okr.config.yaml', '');
  repo.write('.gitignore', 'ignored/\n');
  repo.write('objectives/o.md', OBJECTIVE);
  for (let i = 0; i < FILES; i++) repo.write(`tasks/t${i}.md`, tasks(i, false));
  repo.write('ignored/t.md', tasks(99, false));
  repo.git('add', '--force', 'ignored');
  base = repo.commit('start');
  repo.write('tasks/t3.md', tasks(3, true));
  repo.write('tasks/t7.md', tasks(7, true));
  // Both commits hold the same config and .gitignore (read from git once), and a file it ignores.
  repo.write('ignored/t.md', tasks(99, true));
  head = repo.commit('tick two');
  cacheParent = mkdtempSync(path.join(tmpdir(), 'okr-diff-cache-'));
});

afterAll(() => {
  repo.cleanup();
  rmSync(cacheParent, { recursive: true, force: true });
});

const newCacheDir = () => path.join(cacheParent, `cache-${cacheCount++}`);
const envWith = (cacheDir: string) => ({ ...process.env, ...GIT_ENV, GITHUB_WORKSPACE: undefined, OKR_CACHE_DIR: cacheDir });
const diff = async (cacheDir: string, extra: string[] = []) => {
  const result = await runInProcess([...extra, 'diff', base, head, '--format', 'json', '--today', '2026-11-15'], { cwd: repo.dir, env: envWith(cacheDir) });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
};
const filesBelow = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile());

/** A RevisionFacts for diffs with a count of the contents read from git and passed to it. */
async function countingFacts(cacheDir: string, cache = true): Promise<{ revisionFacts: RevisionFacts; factsOf: ContentFacts; read: string[] }> {
  const revisionFacts = await RevisionFacts.open(resolveLoadOptions({ cache, env: envWith(cacheDir), workers: 0 }), repo.dir, 'diff', true);
  const inner = revisionFacts.contentFacts();
  const read: string[] = [];
  const factsOf = Object.assign(
    (contents: readonly FileContent[]) => {
      read.push(...contents.map((content) => content.path));
      return inner(contents);
    },
    { known: inner.known },
  );
  return { revisionFacts, factsOf, read };
}

const factsAt = async (commit: string, factsOf: ContentFacts): Promise<Map<string, FileFacts>> => {
  const git = await openRepository(repo.dir, envWith(''));
  const read = await readWorkspaceAtCommit(git, commit, '', { cache: false }, factsOf);
  return new Map(read.facts.map((facts) => [facts.path, facts]));
};

describe('okr diff between two commits and the facts cache', () => {
  it('gives the same report with an empty cache, a warm one, and none', async () => {
    const cacheDir = newCacheDir();
    const cold = await diff(cacheDir);
    const warm = await diff(cacheDir);
    const none = await diff(newCacheDir(), ['--no-cache']);
    expect(cold).toBe(none);
    expect(warm).toBe(none);
    const report = JSON.parse(none);
    expect(report.tasks.map((t: { change: string; file: string }) => [t.change, t.file])).toEqual([
      ['completed', 'tasks/t3.md'],
      ['completed', 'tasks/t7.md'],
    ]);
  });

  it('writes one pack with an empty cache, not one file per content', async () => {
    const cacheDir = newCacheDir();
    await diff(cacheDir);
    const written = filesBelow(cacheDir);
    // okr's markers, the version's marker and the diff pack (with its items file): a few files, whatever the workspace holds.
    expect(written.length).toBeLessThanOrEqual(6);
    const packs = written.filter((file) => file.includes(`${path.sep}workspaces${path.sep}`));
    expect(packs).toHaveLength(2);
    expect(packs[1]).toBe(`${packs[0]}.items`);
  });

  for (const cache of [true, false]) {
    it(`reads and parses a blob that is on both sides once, and shares its facts${cache ? '' : ' (without the cache)'}`, async () => {
      const { revisionFacts, factsOf, read } = await countingFacts(newCacheDir(), cache);
      const before = await factsAt(base, factsOf);
      expect(read).toHaveLength(FILES + 1);
      read.length = 0;
      const after = await factsAt(head, factsOf);
      expect(read.sort()).toEqual(['tasks/t3.md', 'tasks/t7.md']);
      expect(after.get('tasks/t4.md')).toBe(before.get('tasks/t4.md'));
      expect(after.get('tasks/t3.md')).not.toEqual(before.get('tasks/t3.md'));
      await revisionFacts.finish();
    });
  }

  it('reads no blob from git when the diff pack knows them all', async () => {
    const cacheDir = newCacheDir();
    await diff(cacheDir);
    const { revisionFacts, factsOf, read } = await countingFacts(cacheDir);
    const before = await factsAt(base, factsOf);
    const after = await factsAt(head, factsOf);
    await revisionFacts.finish();
    expect(read).toEqual([]);
    const plain = async (commit: string) => factsAt(commit, (await countingFacts(newCacheDir(), false)).factsOf);
    expect(before).toEqual(await plain(base));
    expect(after).toEqual(await plain(head));
  });

  it('gives the same report when the diff pack is damaged, or maps blobs to contents it lacks', async () => {
    const none = await diff(newCacheDir(), ['--no-cache']);
    const cacheDir = newCacheDir();
    await diff(cacheDir);
    const [pack] = filesBelow(cacheDir).filter((file) => file.includes(`${path.sep}workspaces${path.sep}`));
    const bytes = readFileSync(pack!);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0x01;
    writeFileSync(pack!, bytes);
    expect(await diff(cacheDir)).toBe(none);

    // A well-formed pack whose blob ids name a content it does not hold.
    const cache = new FactsCache(path.resolve(cacheDir));
    const root = `${repo.dir}\0diff`;
    const known = cache.readPack(root);
    expect(known.exists).toBe(true);
    const writer = cache.startPack(root)!;
    writer.finish(new Map([...known.files].map(([object, [size]]) => [object, [size, sha256('not a content of this workspace')] as const])));
    await cache.close();
    expect(await diff(cacheDir)).toBe(none);
  });
});
