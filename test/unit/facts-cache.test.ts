/**
 * The facts cache: its encoding, the workspace pack and its journal, entries shared by content,
 * damaged and foreign files, concurrent writers, and results that never depend on whether the
 * cache was used.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseOkrFile, type FileFacts } from '../../src/parse/file-facts.js';
import { cacheRoot, cacheVersion, FactsCache, isJournalFull, packedEncoding, sha256 } from '../../src/io/facts-cache.js';
import { taskFactsOf } from '../../src/model/task-items.js';
import type { RuleId } from '../../src/model/rules.js';
import { CACHE_FOLDER, CACHEDIR_TAG, CACHEDIR_TAG_TEXT, OWNER_MARKER, OWNER_MARKER_TEXT, VERSION_MARKER, versionMarkerText } from '../../src/io/cache-folder.js';
import { decodeFacts, decodeFactsApart, encodeFacts } from '../../src/io/facts-codec.js';
import { factsOfContents, readFacts, RevisionFacts } from '../../src/io/file-facts.js';
import { resolveLoadOptions } from '../../src/io/load-options.js';
import { loadWorkspace, readConfig } from '../../src/io/load-workspace.js';
import { listWorkspaceFiles } from '../../src/io/workspace-files.js';
import { FIXTURES, REPO_ROOT } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

const TASKS = '---\nkr: ship\n---\n# Tasks\n\n- [x] one\n- [ ] two *really*\n';
const OBJECTIVE = '---\ntype: objective\nid: o\ntitle: O\nperiod: 2026-Q4\nkey_results:\n  - id: ship\n    title: Ship it\n---\n';
/** Facts with every kind of thing the encoding holds: links of a file and of sections, groups, problems. */
const RICH = [
  '---',
  'kr: [ship, ship-too]',
  'color: blue',
  '---',
  '- [x] one',
  '- [-] group',
  '  - [ ] inner',
  '  - [/] inner two',
  '',
  '## Later <!-- kr: later -->',
  '',
  '- [ ] three <!-- kr: elsewhere -->',
  '- [X] four',
  '- [ ] five',
  '',
].join('\n');

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

/** Files written in a test have settled (see file-signature.ts) once the clock moves on. */
function letFilesSettle(): void {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10_000 });
}

const cacheDir = () => path.join(scratch, 'cache');
const versionDir = () => path.join(cacheDir(), 'okr-cache', cacheVersion());
const options = (extra: { cache?: boolean } = {}) => ({ env: { OKR_CACHE_DIR: cacheDir() }, workers: 0, ...extra });
const entryPath = (text: string) => {
  const hash = sha256(Buffer.from(text));
  return path.join(versionDir(), hash.slice(0, 2), hash.slice(2));
};
const tasksOf = async (root: string, extra: { cache?: boolean } = {}) =>
  (await loadWorkspace(root, options(extra))).model.keyResultsById.get('ship')!.tasks!.map((task) => `${task.file}:${task.line} ${task.state} ${task.text}`);

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
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

const ownFolder = () => path.join(cacheDir(), CACHE_FOLDER);
/** okr's folder in the cache root, marked as okr makes it. */
function markOwnFolder(): string {
  mkdirSync(ownFolder(), { recursive: true, mode: 0o700 });
  writeFileSync(path.join(ownFolder(), CACHEDIR_TAG), CACHEDIR_TAG_TEXT);
  writeFileSync(path.join(ownFolder(), OWNER_MARKER), OWNER_MARKER_TEXT);
  return ownFolder();
}
/** A version folder in okr's folder, marked as okr makes it. */
function markedVersion(name: string): string {
  const dir = path.join(markOwnFolder(), name);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(path.join(dir, VERSION_MARKER), versionMarkerText(name));
  return dir;
}

const packFiles = () => filesUnder(path.join(versionDir(), 'workspaces'));
const packPath = () => {
  const packs = packFiles().filter((file) => !file.endsWith('.journal') && !file.endsWith('.items'));
  expect(packs).toHaveLength(1);
  return path.join(versionDir(), 'workspaces', packs[0]!);
};
const journalPath = () => `${packPath()}.journal`;
const entriesIn = () => filesUnder(versionDir()).filter((file) => !file.startsWith('workspaces') && !file.startsWith('configs') && file !== 'okr-version');

/** Rewrites the workspace's pack with each entry's encoding changed by `change`. */
async function rewritePack(root: string, change: (hash: string, encoded: string) => string): Promise<void> {
  const cache = new FactsCache(cacheDir());
  const real = realpathSync(root);
  const pack = cache.readPack(real);
  expect(pack.exists).toBe(true);
  const writer = cache.startPack(real)!;
  for (const hash of pack.entries.keys()) writer.add(hash, change(hash, packedEncoding(pack, hash)!));
  writer.finish(pack.packedFiles);
  await cache.close();
}

/** The paths readFacts reads (rather than taking from the pack) in a run on `root`. */
async function readsOf(root: string): Promise<string[]> {
  const listing = await listWorkspaceFiles(root);
  const reads: string[] = [];
  await readFacts(
    {
      root,
      files: listing.files,
      maxFileSize: 1024 * 1024,
      // eslint-disable-next-line @typescript-eslint/require-await -- the reader contract is async; this one reads synchronously
      read: async (file) => {
        reads.push(file.path);
        return readFileSync(file.absolutePath);
      },
    },
    resolveLoadOptions(options()),
  );
  return reads.sort();
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

describe('the encoding of facts', () => {
  const samples = () => {
    const files = readdirSync(path.join(FIXTURES, 'hostile', 'workspace')).map((name) => path.join(FIXTURES, 'hostile', 'workspace', name));
    files.push(...readdirSync(path.join(REPO_ROOT, 'examples', 'acme', 'tasks')).map((name) => path.join(REPO_ROOT, 'examples', 'acme', 'tasks', name)));
    return files.map((file) => [path.relative(REPO_ROOT, file), readFileSync(file)] as const);
  };

  it('holds everything but the path: facts decode the same under any name', () => {
    for (const [name, bytes] of [...samples(), ['rich', Buffer.from(RICH)] as const]) {
      const here: FileFacts = parseOkrFile('here.md', bytes);
      const encoded = encodeFacts(parseOkrFile('somewhere/else.md', bytes));
      expect(encoded, name).not.toBeNull();
      expect(decodeFacts(encoded!, 'here.md'), name).toEqual(here);
      const apart = decodeFactsApart(encoded!, 'here.md')!;
      expect(apart.facts, name).toEqual({ ...here, tasks: [] });
      expect(taskFactsOf(apart.decodeTasks()!), name).toEqual(here.tasks);
    }
  });

  it('keeps the rich sample whole: links of the file and of sections, groups, states, problems', () => {
    const facts = parseOkrFile('rich.md', Buffer.from(RICH));
    expect(facts.tasks.map((task) => task.linkedBy)).toEqual(['file', 'file', 'file', 'file', 'item', 'section', 'section']);
    expect(facts.problems.length).toBeGreaterThan(0);
    const decoded = decodeFacts(encodeFacts(facts)!, 'rich.md')!;
    expect(decoded).toEqual(facts);
    // Tasks that share a list of links share it after decoding too (memory).
    expect(decoded.tasks[0]!.links).toBe(decoded.fileLinks);
    expect(decoded.tasks[5]!.links).toBe(decoded.tasks[6]!.links);
  });

  it('is not made for facts with a problem about another file', () => {
    const facts = parseOkrFile('a.md', Buffer.from(TASKS));
    facts.problems.push({ file: 'b.md', line: 1, column: 1, severity: 'error', rule: 'x' as RuleId, message: 'y' });
    expect(encodeFacts(facts)).toBeNull();
  });

  const good = () => encodeFacts(parseOkrFile('rich.md', Buffer.from(RICH)))!;
  const [header, tasks] = good().split('\t') as [string, string];
  const withTask = (change: (fields: unknown[]) => void) => {
    const value = JSON.parse(tasks) as [unknown[], unknown[]];
    change(value[1]);
    return `${header}\t${JSON.stringify(value)}`;
  };
  const damage: Record<string, () => string> = {
    truncated: () => good().slice(0, Math.floor(good().length / 2)),
    'without task items': () => header,
    garbage: () => '\u0000\u0001 not facts at all \uFFFD',
    empty: () => '',
    'of another shape': () => '{"path":"","tasks":"no"}\t[]',
    'with an unknown role': () => `[9${header.slice(2)}\t${tasks}`,
    'with a negative line': () => withTask((fields) => (fields[0] = -1)),
    'with a fractional column': () => withTask((fields) => (fields[1] = 1.5)),
    'with text that is not a string': () => withTask((fields) => (fields[3] = 7)),
    'with an unknown state': () => withTask((fields) => (fields[4] = 9)),
    'with a parent after the task': () => withTask((fields) => (fields[5] = 5)),
    'with links that do not exist': () => withTask((fields) => (fields[7] = 40)),
    'with a missing field': () => withTask((fields) => fields.pop()),
  };
  it.each(Object.keys(damage))('reads as no facts when it is %s', (kind) => {
    expect(decodeFacts(damage[kind]!(), 'x.md')).toBeNull();
    const apart = decodeFactsApart(damage[kind]!(), 'x.md');
    if (apart) expect(apart.decodeTasks()).toBeNull();
  });
});

describe('the workspace pack', () => {
  it('is written by a first run, without entries, and read by the next run instead of parsing', async () => {
    const root = workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS, 'copy.md': TASKS });
    letFilesSettle();
    const first = await tasksOf(root);
    expect(entriesIn()).toEqual([]);
    const pack = new FactsCache(cacheDir()).readPack(realpathSync(root));
    expect([...pack.packedFiles.keys()].sort()).toEqual(['copy.md', 'objective.md', 'tasks.md']);
    expect(pack.entries.size).toBe(2); // tasks.md and copy.md share one
    // A doctored pack proves the second run reads it instead of parsing.
    const doctored = encodeFacts(parseOkrFile('x.md', Buffer.from(TASKS.replace('one', 'from the pack'))))!;
    await rewritePack(root, (hash, encoded) => (hash === sha256(Buffer.from(TASKS)) ? doctored : encoded));
    expect(await readsOf(root)).toEqual([]);
    const second = await tasksOf(root);
    expect(first).toContain('tasks.md:6 done one');
    expect(second).toContain('tasks.md:6 done from the pack');
    expect(second).toContain('copy.md:6 done from the pack');
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

  it('is not written with the cache off', async () => {
    const root = workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS });
    await tasksOf(root, { cache: false });
    expect(existsSync(cacheDir())).toBe(false);
  });

  it('does not vouch for files changed in the last seconds: their times may not show the next change', async () => {
    const root = workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS });
    expect(await readsOf(root)).toEqual(['objective.md', 'tasks.md']);
    expect(await readsOf(root)).toEqual(['objective.md', 'tasks.md']);
  });

  it('is not vouched for when a file size, times or inode change', async () => {
    const root = workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS });
    letFilesSettle();
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

describe('the journal', () => {
  const manyFiles = (count: number) => {
    const files: Record<string, string> = { 'objective.md': OBJECTIVE };
    for (let i = 0; i < count; i++) files[`tasks/t${i}.md`] = TASKS.replace('two', `task ${i}`);
    return files;
  };

  it('notes changed files, with their facts in entries, and leaves the pack alone', async () => {
    const root = workspace(manyFiles(40));
    letFilesSettle();
    expect(await readsOf(root)).toHaveLength(41);
    const pack = readFileSync(packPath());
    const changed = TASKS.replace('two', 'changed');
    writeFileSync(path.join(root, 'tasks/t3.md'), changed);
    vi.setSystemTime(Date.now() + 10_000);
    expect(await readsOf(root)).toEqual(['tasks/t3.md']);
    expect(readFileSync(packPath())).toEqual(pack);
    expect(readFileSync(journalPath(), 'utf8')).toContain('"tasks/t3.md"');
    expect(existsSync(entryPath(changed))).toBe(true);
    expect(await readsOf(root)).toEqual([]);
    expect((await tasksOf(root)).join('\n')).toContain('tasks/t3.md:7 open changed');
  });

  it('is folded into a new pack once long, and contents that left the pack become entries', async () => {
    const files = manyFiles(40);
    const root = workspace(files);
    letFilesSettle();
    await readsOf(root);
    const oldPack = readFileSync(packPath());
    expect(isJournalFull(33, 41)).toBe(true);
    for (let i = 0; i < 33; i++) writeFileSync(path.join(root, `tasks/t${i}.md`), TASKS.replace('two', `edited ${i}`));
    vi.setSystemTime(Date.now() + 10_000);
    expect(await readsOf(root)).toHaveLength(33);
    expect(readFileSync(packPath())).not.toEqual(oldPack);
    expect(existsSync(journalPath())).toBe(false);
    // The contents no longer in the workspace are entries now: an older revision's facts (okr diff).
    for (let i = 0; i < 33; i++) expect(existsSync(entryPath(files[`tasks/t${i}.md`]!)), `t${i}`).toBe(true);
    expect(existsSync(entryPath(files['tasks/t39.md']!))).toBe(false);
    expect(await readsOf(root)).toEqual([]);
    expect(await tasksOf(root)).toEqual(await tasksOf(root, { cache: false }));
  });

  it('is ignored when damaged: the files it named are read again, and it is written anew', async () => {
    const root = workspace(manyFiles(3));
    letFilesSettle();
    await readsOf(root);
    writeFileSync(path.join(root, 'tasks/t1.md'), TASKS.replace('two', 'changed'));
    vi.setSystemTime(Date.now() + 10_000);
    await readsOf(root);
    const journal = readFileSync(journalPath(), 'utf8');
    writeFileSync(journalPath(), journal.slice(0, -5));
    expect(await readsOf(root)).toEqual(['tasks/t1.md']);
    expect(readFileSync(journalPath(), 'utf8')).toBe(journal);
    expect(await tasksOf(root)).toEqual(await tasksOf(root, { cache: false }));
  });
});

describe('facts of other revisions', () => {
  it('come from the workspace pack, or from entries, or are parsed and stored as entries', async () => {
    const root = workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS });
    await tasksOf(root);
    const doctored = encodeFacts(parseOkrFile('x.md', Buffer.from(TASKS.replace('one', 'from the pack'))))!;
    await rewritePack(root, (hash, encoded) => (hash === sha256(Buffer.from(TASKS)) ? doctored : encoded));
    const older = TASKS.replace('one', 'older');
    const contents = [
      { path: 'tasks.md', bytes: Buffer.from(TASKS) },
      { path: 'old.md', bytes: Buffer.from(older) },
    ];
    const [fromPack, parsed] = await factsOfContents(contents, resolveLoadOptions(options()), root);
    expect(fromPack!.tasks[0]!.text).toBe('from the pack');
    expect(parsed).toEqual(parseOkrFile('old.md', Buffer.from(older)));
    expect(existsSync(entryPath(older))).toBe(true);
    expect(existsSync(entryPath(TASKS))).toBe(false);
  });
});

describe('the config', () => {
  const CONFIG = 'thresholds:\n  on_track: 0.1\n  at_risk: 0.2\nmax_file_size: 2 MB\n';

  it('is stored parsed, and read back without parsing', async () => {
    const root = workspace({ 'okr.config.yaml': CONFIG });
    const first = await readConfig(root, options());
    expect(first.config).toEqual({ thresholds: { onTrack: 0.1, atRisk: 0.2 }, maxFileSize: 2 * 1024 * 1024, exclude: [], cadenceDays: 7 });
    const stored = filesUnder(path.join(versionDir(), 'configs'));
    expect(stored).toEqual([sha256(CONFIG)]);
    const file = path.join(versionDir(), 'configs', stored[0]!);
    const body = readFileSync(file, 'utf8').slice(readFileSync(file, 'utf8').indexOf('\n') + 1);
    // Doctored through the cache itself (a hand edit fails the file's checksum: see below).
    const doctor = new FactsCache(cacheDir());
    doctor.putConfig(stored[0]!, body.replace('"onTrack":0.1,', '"onTrack":0.125,'));
    await doctor.close();
    expect((await readConfig(root, options())).config.thresholds.onTrack).toBe(0.125);
  });

  it('keeps okr.config.yml apart from an okr.config.yaml of the same text: its problems name the file read', async () => {
    const text = 'thresholds:\n  on_track: 2\n';
    const root = workspace({ 'okr.config.yaml': text });
    expect((await readConfig(root, options())).problems.map((p) => p.file)).toEqual(['okr.config.yaml']);
    renameSync(path.join(root, 'okr.config.yaml'), path.join(root, 'okr.config.yml'));
    const yml = await readConfig(root, options());
    expect(yml.problems.map((p) => p.file)).toEqual(['okr.config.yml']);
    expect(await readConfig(root, options())).toEqual(yml);
    expect(filesUnder(path.join(versionDir(), 'configs'))).toHaveLength(2);
  });

  it.each([
    ['garbage', () => 'not json'],
    ['another shape', () => '{"config":{"thresholds":{}},"problems":[]}'],
    [
      'a problem of another file',
      () => '{"config":{"thresholds":{"onTrack":0.1,"atRisk":0.2},"maxFileSize":1},"problems":[{"file":"x.md","line":1,"column":1,"severity":"error","rule":"r","message":"m"}]}',
    ],
  ])('is parsed again when what is stored is %s', async (_kind, body) => {
    const root = workspace({ 'okr.config.yaml': 'thresholds:\n  on_track: 2\n' });
    const expected = await readConfig(root, options({ cache: false }));
    expect(expected.problems).toHaveLength(1);
    await readConfig(root, options());
    const file = path.join(versionDir(), 'configs', sha256('thresholds:\n  on_track: 2\n'));
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, `${text.slice(0, text.indexOf('\n') + 1)}${body()}`);
    expect(await readConfig(root, options())).toEqual(expected);
  });
});

describe('damaged and foreign cache files', () => {
  describe('entries', () => {
    const damage: Record<string, (text: string) => string> = {
      truncated: (text) => text.slice(0, Math.floor(text.length / 2)),
      'cut after the header': (text) => text.slice(0, text.indexOf('\n') + 1),
      garbage: () => '\u0000\u0001 not facts at all \uFFFD',
      empty: () => '',
      'from another version': (text) => text.replace(cacheVersion(), 'v1-0.0.0-0123456789abcdef'),
      'for other content': (text) => text.replace(/^(okr-facts \S+ )[0-9a-f]{64}/, `$1${'0'.repeat(64)}`),
      'of another shape': (text) => `${text.slice(0, text.indexOf('\n'))}\n{"path":"","tasks":"no"}\t[]`,
    };

    it.each(Object.keys(damage))('are ignored when %s, and written anew', async (kind) => {
      const contents = [{ path: 'tasks.md', bytes: Buffer.from(TASKS) }];
      const expected = parseOkrFile('tasks.md', Buffer.from(TASKS));
      await factsOfContents(contents, resolveLoadOptions(options()));
      const entry = entryPath(TASKS);
      const good = readFileSync(entry, 'utf8');
      writeFileSync(entry, damage[kind]!(good));
      expect(await factsOfContents(contents, resolveLoadOptions(options()))).toEqual([expected]);
      expect(readFileSync(entry, 'utf8')).toBe(good);
    });
  });

  describe('packs', () => {
    const damage: Record<string, (text: string) => string> = {
      truncated: (text) => text.slice(0, Math.floor(text.length / 2)),
      'cut before its list of files': (text) => text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1),
      garbage: () => '\u0000\u0001 not a pack at all \uFFFD',
      empty: () => '',
      'from another version': (text) => text.replace(cacheVersion(), 'v1-0.0.0-0123456789abcdef'),
      'of another workspace': (text) => text.replace(/^(okr-pack \S+ )"[^\n]*"/, '$1"/elsewhere"'),
      'damaged in an entry': (text) => text.replace(/\n([0-9a-f]{64}) \[/, '\n$1 [[['),
      'damaged in its list of files': (text) => text.replace(/\n\[\["/, '\n[["x", 3, '),
    };

    it.each(Object.keys(damage))('are ignored when %s, and written anew', async (kind) => {
      const root = workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS, 'other.md': RICH.replace('ship-too', 'ship') });
      letFilesSettle();
      const expected = await loadWorkspace(root, options({ cache: false }));
      await loadWorkspace(root, options());
      const good = readFileSync(packPath(), 'utf8');
      const damaged = damage[kind]!(good);
      expect(damaged).not.toBe(good);
      writeFileSync(packPath(), damaged);
      expect(await loadWorkspace(root, options())).toEqual(expected);
      expect(readFileSync(packPath(), 'utf8')).toBe(good);
      expect(await readsOf(root)).toEqual([]);
    });
  });

  describe("a pack's items file", () => {
    /** Sets an items file's last line to the checksum of all before it, as okr writes it. */
    const reseal = (text: string) => {
      const body = text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1);
      return `${body}okr-pack-end ${crc32(Buffer.from(body)).toString(16).padStart(8, '0')}\n`;
    };
    const damage: Record<string, (text: string) => string | null> = {
      missing: () => null,
      truncated: (text) => text.slice(0, Math.floor(text.length / 2)),
      garbage: () => '\u0000\u0001 not a pack at all \uFFFD',
      empty: () => '',
      // Whole in itself, but not the one the pack names.
      'damaged in an entry and resealed': (text) => reseal(text.replace(/ \[\[/, ' [{')),
      'of another pack (its checksum is not the one the pack names)': (text) => reseal(text.replace(/\n[0-9a-f]{64} [^\n]*/, '')),
    };

    it.each(Object.keys(damage))('when %s: a report of numbers does not need it; task items are read again, and both files written anew', async (kind) => {
      const root = workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS, 'other.md': RICH.replace('ship-too', 'ship') });
      letFilesSettle();
      const expected = await loadWorkspace(root, options({ cache: false }));
      const expectedCounts = await loadWorkspace(root, { ...options({ cache: false }), taskItems: false });
      await loadWorkspace(root, options());
      const items = `${packPath()}.items`;
      const [good, goodPack] = [readFileSync(items, 'utf8'), readFileSync(packPath(), 'utf8')];
      const damaged = damage[kind]!(good);
      if (damaged === null) rmSync(items);
      else writeFileSync(items, damaged);
      // Counts come from the pack alone: the items file is not needed, and nothing is written.
      expect(await loadWorkspace(root, { ...options(), taskItems: false })).toEqual(expectedCounts);
      expect(existsSync(items) ? readFileSync(items, 'utf8') : null).toBe(damaged);
      expect(readFileSync(packPath(), 'utf8')).toBe(goodPack);
      // Task items cannot come from it: the files are read again, and the pack written anew.
      expect(await loadWorkspace(root, options())).toEqual(expected);
      expect(readFileSync(items, 'utf8')).toBe(good);
      expect(readFileSync(packPath(), 'utf8')).toBe(goodPack);
      expect(await tasksOf(root)).toEqual(await tasksOf(root, { cache: false }));
      expect(await readsOf(root)).toEqual([]);
    });
  });

  it('never reads packs or entries of another okr version', async () => {
    const root = workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS });
    const other = new FactsCache(cacheDir(), 'v1-9.9.9-0000000000000000');
    other.put(sha256(Buffer.from(TASKS)), encodeFacts(parseOkrFile('x.md', Buffer.from('- [ ] stale\n')))!);
    const writer = other.startPack(realpathSync(root))!;
    writer.add(sha256(Buffer.from(TASKS)), encodeFacts(parseOkrFile('x.md', Buffer.from('- [ ] stale\n')))!);
    writer.finish(new Map());
    await other.close();
    expect(await tasksOf(root)).toEqual(await tasksOf(root, { cache: false }));
  });

  it('removes version directories unused for a month when it starts a new one', async () => {
    const old = markedVersion('v1-0.0.1-aaaaaaaaaaaaaaaa');
    const recent = markedVersion('v1-0.0.2-bbbbbbbbbbbbbbbb');
    const longAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    utimesSync(old, longAgo, longAgo);
    await tasksOf(workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS }));
    expect(readdirSync(ownFolder()).sort()).toEqual([CACHEDIR_TAG, OWNER_MARKER, cacheVersion(), path.basename(recent)].sort());
  });

  it('removes temporary files of runs killed while writing a pack, after an hour', async () => {
    const root = workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS });
    markedVersion(cacheVersion());
    const directory = path.join(versionDir(), 'workspaces');
    mkdirSync(directory, { recursive: true });
    const stale = path.join(directory, 'abc.123.deadbeef.tmp');
    const fresh = path.join(directory, 'abc.456.cafebabe.tmp');
    writeFileSync(stale, 'half a pack');
    writeFileSync(fresh, 'a pack being written');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(stale, twoHoursAgo, twoHoursAgo);
    await tasksOf(root);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });

  it('runs without a cache when its directory cannot be written', async () => {
    const root = workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS });
    writeFileSync(cacheDir(), 'a file, not a directory');
    expect(await tasksOf(root)).toEqual(await tasksOf(root, { cache: false }));
  });
});

describe('concurrent runs', () => {
  it('leave a whole pack and no temporary files behind', async () => {
    const files: Record<string, string> = { 'objective.md': OBJECTIVE };
    for (let i = 0; i < 40; i++) files[`tasks/t${i}.md`] = TASKS.replace('two', `task ${i}`);
    const root = workspace(files);
    letFilesSettle();
    const expected = await tasksOf(root, { cache: false });
    const runs = await Promise.all(Array.from({ length: 6 }, () => tasksOf(root)));
    for (const run of runs) expect(run).toEqual(expected);
    expect(filesUnder(cacheDir()).filter((file) => file.endsWith('.tmp'))).toEqual([]);
    const cache = new FactsCache(cacheDir());
    const pack = cache.readPack(realpathSync(root));
    expect(pack.packedFiles.size).toBe(41);
    for (const [file, text] of Object.entries(files)) {
      expect(cache.lookup(pack, sha256(Buffer.from(text)), file)?.facts).toEqual(parseOkrFile(file, Buffer.from(text)));
    }
    expect(await readsOf(root)).toEqual([]);
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
    letFilesSettle();
    const run = (extra: string[], env: Record<string, string> = { OKR_CACHE_DIR: cacheDir() }) =>
      runInProcess([...extra, ...args, 'workspace'], { cwd: copy, env: { ...env, OKR_PARSE_WORKERS: '0' } });
    const without = await run(['--no-cache']);
    const cold = await run([]);
    const warm = await run([]);
    expect(cold).toEqual(without);
    expect(warm).toEqual(without);
  });
});

describe('facts of many revisions (okr history)', () => {
  const historyRoot = (root: string) => `${realpathSync(root)}\0history`;
  const contentsOf = (...texts: string[]) => texts.map((text, i) => ({ path: `t${i}.md`, bytes: Buffer.from(text) }));
  const older = TASKS.replace('one', 'older');
  const oldest = TASKS.replace('one', 'oldest');

  it('are parsed, and written once at the end as the history pack, not as entries', async () => {
    const root = workspace({ 'objective.md': OBJECTIVE });
    const facts = await RevisionFacts.open(resolveLoadOptions(options()), root);
    expect(await facts.factsOf(contentsOf(older))).toEqual([parseOkrFile('t0.md', Buffer.from(older))]);
    expect(await facts.factsOf(contentsOf(TASKS, older))).toEqual([parseOkrFile('t0.md', Buffer.from(TASKS)), parseOkrFile('t1.md', Buffer.from(older))]);
    expect(existsSync(versionDir())).toBe(false);
    await facts.finish();
    expect(existsSync(entryPath(older))).toBe(false);
    expect(existsSync(entryPath(TASKS))).toBe(false);
    const pack = new FactsCache(cacheDir()).readPack(historyRoot(root));
    expect(pack.exists).toBe(true);
    expect([...pack.entries.keys()].sort()).toEqual([sha256(Buffer.from(older)), sha256(Buffer.from(TASKS))].sort());
  });

  it('come from the history pack on the next run, which keeps only the contents it met', async () => {
    const root = workspace({ 'objective.md': OBJECTIVE });
    const first = await RevisionFacts.open(resolveLoadOptions(options()), root);
    await first.factsOf(contentsOf(older, oldest));
    await first.finish();
    // The pack's facts of `older` doctored: a run that shows them took them from the pack.
    const cache = new FactsCache(cacheDir());
    const pack = cache.readPack(historyRoot(root));
    const writer = cache.startPack(historyRoot(root))!;
    const doctored = encodeFacts(parseOkrFile('x.md', Buffer.from(TASKS.replace('one', 'from the history pack'))))!;
    for (const hash of pack.entries.keys()) writer.add(hash, hash === sha256(Buffer.from(older)) ? doctored : packedEncoding(pack, hash)!);
    writer.finish(new Map());
    await cache.close();

    const second = await RevisionFacts.open(resolveLoadOptions(options()), root);
    const [fromPack, parsed] = await second.factsOf(contentsOf(older, TASKS));
    expect(fromPack!.tasks[0]!.text).toBe('from the history pack');
    expect(fromPack!.path).toBe('t0.md');
    expect(parsed).toEqual(parseOkrFile('t1.md', Buffer.from(TASKS)));
    await second.finish();
    const after = new FactsCache(cacheDir()).readPack(historyRoot(root));
    expect([...after.entries.keys()].sort()).toEqual([sha256(Buffer.from(older)), sha256(Buffer.from(TASKS))].sort());
  });

  it('come from the workspace pack too, and are the same without the cache', async () => {
    const root = workspace({ 'objective.md': OBJECTIVE, 'tasks.md': TASKS });
    await tasksOf(root);
    const contents = contentsOf(TASKS, older, older);
    const expected = contents.map((content) => parseOkrFile(content.path, content.bytes));
    const plain = await RevisionFacts.open(resolveLoadOptions(options()), root);
    expect(await plain.factsOf(contents)).toEqual(expected);
    const without = await RevisionFacts.open(resolveLoadOptions(options({ cache: false })), root);
    expect(await without.factsOf(contents)).toEqual(expected);
    await without.finish();

    const doctored = encodeFacts(parseOkrFile('x.md', Buffer.from(TASKS.replace('one', 'from the pack'))))!;
    await rewritePack(root, (hash, encoded) => (hash === sha256(Buffer.from(TASKS)) ? doctored : encoded));
    const fromPack = await RevisionFacts.open(resolveLoadOptions(options()), root);
    expect((await fromPack.factsOf(contentsOf(TASKS)))[0]!.tasks[0]!.text).toBe('from the pack');
  });
});
