/**
 * A cache of per-file facts on disk, keyed by the SHA-256 of the file's bytes: the same content is
 * parsed once, whatever its name, workspace or git revision. Facts are stored without their path
 * and get it back on read.
 *
 * Layout under the cache root:
 *   <version>/<first two hex digits of the hash>/<rest of the hash>   one entry per content
 *   <version>/workspaces/<hash of the workspace root>                 a workspace's index
 * <version> changes with the cache format, okr's version and the parser's code, so an okr never
 * reads facts another one wrote; version directories unused for a month are removed.
 *
 * A workspace's index maps each file to its stat signature (size, times, inode) and content hash,
 * so that an unchanged file is not even read: its facts come straight from its entry. A signature
 * is trusted only when the file had not changed for a few seconds when it was taken, since a file
 * rewritten within the file system's time resolution keeps its times.
 *
 * Safety: every file is written to a temporary name and renamed into place (cache-writer.ts), so
 * readers see a whole file or none, and concurrent okr processes at worst write the same thing twice. A truncated,
 * corrupt or foreign file is ignored (and replaced on the next write). Cache errors never fail a
 * command: without a usable directory okr just parses.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  type BigIntStats,
} from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileFacts, LinkFact } from '../core/parse-file.js';
import { CacheWriter } from './cache-writer.js';

/** Bump when the layout or the format of entries or indexes changes. */
export const CACHE_FORMAT = 1;

const ENTRY_MAGIC = 'okr-facts';
const INDEX_MAGIC = 'okr-index';
const UNUSED_VERSION_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** A file changed this recently may change again without its times changing. */
export const RACY_WINDOW_NS = 3_000_000_000n;

export type Env = Record<string, string | undefined>;

/** `OKR_CACHE_DIR`, else `$XDG_CACHE_HOME/okr`, else `~/.cache/okr`. */
export function cacheRoot(env: Env): string {
  if (env.OKR_CACHE_DIR) return path.resolve(env.OKR_CACHE_DIR);
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'okr');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'okr', 'cache');
  return path.join(env.HOME || homedir(), '.cache', 'okr');
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

let versionKey: string | undefined;

/**
 * Names the facts this okr produces: the cache format, okr's version and a hash of the parser's
 * code (the core modules), so that a changed parser never reads old facts, released or not.
 */
export function cacheVersion(): string {
  if (versionKey) return versionKey;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  let okrVersion = '0';
  try {
    okrVersion = (JSON.parse(readFileSync(path.join(here, '../../package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // Not laid out as a package: the code hash still tells parsers apart.
  }
  hash.update(`${CACHE_FORMAT}\0${okrVersion}\0`);
  const core = path.join(here, '../core');
  for (const name of readdirSync(core).sort()) {
    if (!name.endsWith('.js') && !name.endsWith('.ts')) continue;
    hash.update(`${name}\0`);
    hash.update(readFileSync(path.join(core, name)));
  }
  versionKey = `v${CACHE_FORMAT}-${okrVersion}-${hash.digest('hex').slice(0, 16)}`;
  return versionKey;
}

// ---------------------------------------------------------------------------------------------
// Entries

/**
 * Facts as JSON without their path (`path` and each problem's `file` emptied, key order kept), or
 * null when a problem is about another file: then they cannot be shared by content.
 */
export function encodeFacts(facts: FileFacts): string | null {
  if (!facts.problems.every((problem) => problem.file === facts.path)) return null;
  return JSON.stringify({ ...facts, path: '', problems: facts.problems.map((problem) => ({ ...problem, file: '' })) });
}

/** The facts encoded by encodeFacts, under `filePath`; null when the JSON is not such facts. */
export function decodeFacts(json: string, filePath: string): FileFacts | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isStoredFacts(value)) return null;
  const facts = value as FileFacts;
  facts.path = filePath;
  for (const problem of facts.problems) problem.file = filePath;
  // Tasks linked by the file share its links, as parsed facts do (JSON copies them: memory).
  for (const task of facts.tasks) {
    if (task.linkedBy === 'file' && sameLinks(task.links, facts.fileLinks)) task.links = facts.fileLinks;
  }
  return facts;
}

function sameLinks(a: readonly LinkFact[], b: readonly LinkFact[]): boolean {
  return a.length === b.length && a.every((link, i) => link.id === b[i]!.id && link.line === b[i]!.line && link.column === b[i]!.column);
}

/** Enough of a shape check that a foreign or damaged entry cannot pass for facts. */
function isStoredFacts(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const facts = value as Record<string, unknown>;
  return (
    facts.path === '' &&
    typeof facts.role === 'string' &&
    (facts.objective === null || (typeof facts.objective === 'object' && !Array.isArray(facts.objective))) &&
    Array.isArray(facts.fileLinks) &&
    Array.isArray(facts.tasks) &&
    Array.isArray(facts.problems) &&
    facts.problems.every((problem) => typeof problem === 'object' && problem !== null && (problem as { file?: unknown }).file === '')
  );
}

// ---------------------------------------------------------------------------------------------
// Workspace indexes

/** What identifies a file's version without reading it. */
export function statSignature(info: BigIntStats): string {
  return `${info.size}:${info.mtimeNs}:${info.ctimeNs}:${info.ino}:${info.dev}`;
}

/** Whether a signature taken at `takenAtNs` (wall clock) may be trusted in later runs. */
export function isSettled(info: BigIntStats, takenAtNs: bigint): boolean {
  return takenAtNs - info.mtimeNs > RACY_WINDOW_NS && takenAtNs - info.ctimeNs > RACY_WINDOW_NS;
}

/** Path -> [stat signature, content hash]. */
export type WorkspaceIndex = Map<string, readonly [string, string]>;

// ---------------------------------------------------------------------------------------------

export class FactsCache {
  readonly directory: string;
  private readonly version: string;
  private readonly writer = new CacheWriter();
  private prepared: boolean | undefined;

  /** Nothing to read (a first run): lookups need not try. */
  private readonly empty: boolean;

  constructor(root: string, version = cacheVersion()) {
    this.version = version;
    this.directory = path.join(root, version);
    this.empty = !existsSync(this.directory);
  }

  private entryPath(hash: string): string {
    return path.join(this.directory, hash.slice(0, 2), hash.slice(2));
  }

  /**
   * The facts of content `hash`, under `filePath`; null when absent or unusable. Synchronous: for
   * thousands of small files that is several times faster than going through the thread pool.
   */
  get(hash: string, filePath: string): FileFacts | null {
    if (this.empty) return null;
    let text: string;
    try {
      text = readFileSync(this.entryPath(hash), 'utf8');
    } catch {
      return null;
    }
    const newline = text.indexOf('\n');
    if (newline === -1 || text.slice(0, newline) !== `${ENTRY_MAGIC} ${this.version} ${hash}`) return null;
    return decodeFacts(text.slice(newline + 1), filePath);
  }

  /** Stores facts (as encoded by encodeFacts) for content `hash`. Never throws. */
  put(hash: string, encoded: string): void {
    this.writeAtomically(this.entryPath(hash), `${ENTRY_MAGIC} ${this.version} ${hash}\n`, encoded);
  }

  private indexPath(root: string): string {
    return path.join(this.directory, 'workspaces', sha256(root).slice(0, 32));
  }

  /** The index of the workspace at `root` (an absolute, real path); empty when there is none. */
  readIndex(root: string): WorkspaceIndex {
    const index: WorkspaceIndex = new Map();
    if (this.empty) return index;
    let text: string;
    try {
      text = readFileSync(this.indexPath(root), 'utf8');
    } catch {
      return index;
    }
    const newline = text.indexOf('\n');
    if (newline === -1 || text.slice(0, newline) !== `${INDEX_MAGIC} ${this.version} ${JSON.stringify(root)}`) return index;
    try {
      const files = (JSON.parse(text.slice(newline + 1)) as { files?: unknown }).files;
      if (typeof files !== 'object' || files === null) return index;
      for (const [file, value] of Object.entries(files as Record<string, unknown>)) {
        if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && /^[0-9a-f]{64}$/.test(value[1])) {
          index.set(file, [value[0], value[1]]);
        }
      }
    } catch {
      index.clear();
    }
    return index;
  }

  writeIndex(root: string, index: WorkspaceIndex): void {
    const files: Record<string, readonly [string, string]> = {};
    for (const [file, entry] of index) files[file] = entry;
    this.writeAtomically(this.indexPath(root), `${INDEX_MAGIC} ${this.version} ${JSON.stringify(root)}\n`, JSON.stringify({ files }));
  }

  /** Writes through the cache writer: atomically, on another thread when there are many. */
  private writeAtomically(target: string, head: string, body: string): void {
    if (!this.prepare()) return;
    this.writer.write(target, head, body);
  }

  /** Waits until every entry is written. */
  async close(): Promise<void> {
    await this.writer.close();
  }

  /** Creates the version directory once; when it is new, clears out long-unused versions. */
  private prepare(): boolean {
    if (this.prepared !== undefined) return this.prepared;
    try {
      const existed = existsSync(this.directory);
      // Private to the user: facts hold task text from the workspaces read.
      mkdirSync(this.directory, { recursive: true, mode: 0o700 });
      // The version directory's time tells when this version last wrote: others are pruned by it.
      const now = new Date();
      utimesSync(this.directory, now, now);
      if (!existed) removeUnusedVersions(path.dirname(this.directory), path.basename(this.directory));
      this.prepared = true;
    } catch {
      this.prepared = false;
    }
    return this.prepared;
  }
}

function removeUnusedVersions(root: string, current: string): void {
  const now = Date.now();
  for (const name of readdirSync(root)) {
    if (name === current || !/^v\d+-/.test(name)) continue;
    const directory = path.join(root, name);
    try {
      if (now - statSync(directory).mtimeMs > UNUSED_VERSION_AGE_MS) rmSync(directory, { recursive: true, force: true });
    } catch {
      // Another okr may be removing it too.
    }
  }
}
