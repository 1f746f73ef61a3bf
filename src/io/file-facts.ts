/**
 * The facts of a workspace's files, as cheaply as they can be had: a file whose stat signature the
 * workspace's pack knows is not even read; a file whose content the cache knows is read and hashed
 * but not parsed; the rest is parsed, on every core when there is much of it, and cached.
 *
 * The one door to the facts cache (facts-cache.ts and what it uses): readFacts for a workspace's
 * files, factsOfContents for contents outside any pack (revisions for okr diff), configFacts for
 * okr.config.yaml. A damaged cache is never an error here: what does not decode is parsed again.
 */
import { statSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import type { MaybeTasksOf, TaskCountsOf } from '../model/link.js';
import { CONFIG_FILE, DEFAULT_CONFIG, type OkrConfig } from '../model/config.js';
import type { Problem } from '../model/problem.js';
import { isRuleId } from '../model/rules.js';
import type { FileFacts } from '../model/types.js';
import { countTaskLinks, taskFactsOf, taskItemsOf, type TaskItems, type TaskLinkCounts } from '../model/task-items.js';
import { cacheRoot, emptyPack, FactsCache, isJournalFull, packedEncoding, sha256, type WorkspaceIndex, type WorkspacePack } from './facts-cache.js';
import { decodeFacts } from './facts-codec.js';
import { trustedSignature } from './file-signature.js';
import type { ResolvedLoadOptions } from './load-options.js';
import { COMPACT_THRESHOLD_BYTES, ParsePool, workerCount, type ParseInput } from './parse-pool.js';
import type { WorkspaceFile } from './workspace-files.js';

export interface FactsRequest {
  /** The workspace root, absolute. */
  root: string;
  files: readonly WorkspaceFile[];
  maxFileSize: number;
  /** Reads one file: its bytes, or facts that say why it is not parsed. */
  read(file: WorkspaceFile): Promise<Uint8Array | FileFacts>;
  /**
   * Leave the task items of cached facts to be decoded by `tasksOf` as they are used (see
   * buildWorkspaceModel): the facts of a large workspace then never sit whole in memory.
   */
  deferTasks?: boolean;
  /** Read nothing from the cache (a damaged one is being replaced), but fill it. */
  ignoreCached?: boolean;
}

export interface WorkspaceFacts {
  /** Every file's facts, in the request's order. */
  facts: FileFacts[];
  /**
   * Each file's task items; null when deferred ones turn out damaged (the caller reads the
   * workspace again with ignoreCached). Never throws.
   */
  tasksOf: MaybeTasksOf;
  /**
   * Each file's task items summed up by their links (see countTaskLinks): from the cache without
   * decoding the items when it has them, else counted from the items (null as for tasksOf).
   */
  countsOf: TaskCountsOf;
}

const CONCURRENT_READS = 32;

interface ToParse extends ParseInput {
  index: number;
  hash: string | null;
}

/** The encodings of the contents a run met, by hash: for a new pack. */
type Encodings = Map<string, string>;

/** Facts of every file of the request, in its order. */
export async function readFacts(request: FactsRequest, options: ResolvedLoadOptions): Promise<WorkspaceFacts> {
  const { files } = request;
  const cache = options.cache ? new FactsCache(cacheRoot(options.env), undefined, options.warn) : null;
  const packRoot = cache ? await realpath(request.root).catch(() => request.root) : request.root;
  const pack = cache && !request.ignoreCached ? cache.readPack(packRoot) : emptyPack();
  const deferred = new Map<FileFacts, () => TaskItems | null>();
  const counted = new Map<FileFacts, TaskLinkCounts[]>();
  // Facts kept apart always come with their counts: with counts only, their task items are not kept
  // (nor, through them, the pack's bytes).
  const keepsItems = (counts: TaskLinkCounts[] | null) => options.taskItems || counts === null;
  const newIndex: WorkspaceIndex = new Map();
  // A first run writes the workspace's pack as it goes. Later runs note the content hash of every
  // file met, and the encodings not in the pack, in case the journal is to be folded into a new pack.
  const packWriter = cache && !pack.exists ? cache.startPack(packRoot) : null;
  const hashes = new Array<string | undefined>(files.length);
  const encodings: Encodings = new Map();
  // A pack entry that does not decode: the whole pack is written anew.
  let packDamaged = false;

  // Without a pack this is a first run: start the workers now, to load while files are read.
  let pool: ParsePool | null = null;
  if (!pack.exists) {
    const count = workerCount(
      files.reduce((sum, file) => sum + file.size, 0),
      options.workers,
    );
    if (count > 0) pool = new ParsePool(count);
  }

  try {
    const results = new Array<FileFacts>(files.length);
    /** Facts of content `hash` from the pack or an entry, noting its encoding for a new pack. */
    const cached = (index: number, hash: string, filePath: string): FileFacts | null => {
      if (!cache || request.ignoreCached) return null;
      const found = cache.lookup(pack, hash, filePath, request.deferTasks);
      if (pack.entries.has(hash) && !found?.fromPack) packDamaged = true;
      if (!found) return null;
      hashes[index] = hash;
      if (packWriter) packWriter.add(hash, found.encoded);
      else if (!found.fromPack) encodings.set(hash, found.encoded);
      if (found.counts) counted.set(found.facts, found.counts);
      if (found.decodeTasks && keepsItems(found.counts)) deferred.set(found.facts, found.decodeTasks);
      return found.facts;
    };

    // Files the pack vouches for: their facts without reading them.
    const signatures = new Array<string | null>(files.length).fill(null);
    const toRead: number[] = [];
    files.forEach((file, index) => {
      if (cache && file.size <= request.maxFileSize) {
        const signature = file.signature !== undefined ? file.signature : signatureNow(file.absolutePath);
        signatures[index] = signature;
        const known = signature === null ? undefined : pack.files.get(file.path);
        if (known && known[0] === signature) {
          const facts = cached(index, known[1], file.path);
          if (facts) {
            results[index] = facts;
            newIndex.set(file.path, known);
            return;
          }
        }
      }
      toRead.push(index);
    });

    const toParse: ToParse[] = [];
    // Whether any file's signature is new: only then is there something to store.
    let learned = false;
    let next = 0;
    const readNext = async (): Promise<void> => {
      while (next < toRead.length) {
        const index = toRead[next++]!;
        const file = files[index]!;
        const signature = signatures[index];
        const read = await request.read(file);
        if (!(read instanceof Uint8Array)) {
          results[index] = read;
          continue;
        }
        const hash = cache ? sha256(read) : null;
        if (hash) {
          if (signature) {
            newIndex.set(file.path, [signature, hash]);
            const known = pack.files.get(file.path);
            if (!known || known[0] !== signature || known[1] !== hash) learned = true;
          }
          const facts = cached(index, hash, file.path);
          if (facts) {
            results[index] = facts;
            continue;
          }
        }
        hashes[index] = hash ?? undefined;
        toParse.push({ index, path: file.path, bytes: read, hash });
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENT_READS, toRead.length) }, readNext));

    const parsed = new Map<string, string>();
    if (toParse.length > 0) {
      pool ??= startPool(toParse, options);
      await parseInto(
        toParse,
        results,
        pool,
        cache !== null,
        (hash, encoded) => (packWriter ? packWriter.add(hash, encoded) : parsed.set(hash, encoded)),
        request.deferTasks
          ? (facts, decodeTasks, counts) => {
              if (counts) counted.set(facts, counts);
              if (keepsItems(counts)) deferred.set(facts, decodeTasks);
            }
          : null,
        !options.taskItems,
      );
    }
    if (packWriter) packWriter.finish(newIndex);
    else if (cache) storeWorkspace(cache, packRoot, pack, newIndex, learned, packDamaged, hashes, encodings, parsed);
    const tasksOf: MaybeTasksOf = (facts) => {
      const decode = deferred.get(facts);
      return decode ? decode() : taskItemsOf(facts.tasks);
    };
    const countsOf: TaskCountsOf = (facts) => {
      const counts = counted.get(facts);
      if (counts) return counts;
      const items = tasksOf(facts);
      return items && countTaskLinks(items);
    };
    return { facts: results, tasksOf, countsOf };
  } finally {
    packWriter?.abandon();
    pool?.close();
    await cache?.close();
  }
}

function signatureNow(file: string): string | null {
  const takenAtMs = Date.now();
  try {
    const stats = statSync(file, { throwIfNoEntry: false });
    return stats ? trustedSignature(stats, takenAtMs) : null;
  } catch {
    return null;
  }
}

/**
 * Stores what a run with a pack learned: newly parsed contents as entries, and changed files in
 * the journal; once the journal is long, a new pack takes it in, and contents no longer in the
 * workspace leave the pack as entries.
 */
function storeWorkspace(
  cache: FactsCache,
  root: string,
  pack: WorkspacePack,
  newIndex: WorkspaceIndex,
  changed: boolean,
  damaged: boolean,
  hashes: readonly (string | undefined)[],
  encodings: Encodings,
  parsed: Map<string, string>,
): void {
  // The journal is rewritten only when a file's signature is new: a run that just met a freshly
  // edited file leaves it alone (that file is not settled yet).
  const changes: WorkspaceIndex = new Map();
  if (changed) {
    for (const [file, entry] of newIndex) {
      const packed = pack.packedFiles.get(file);
      if (!packed || packed[0] !== entry[0] || packed[1] !== entry[1]) changes.set(file, entry);
    }
  }
  if (damaged || (changed && isJournalFull(changes.size, newIndex.size))) {
    const writer = cache.startPack(root);
    if (writer) {
      for (const hash of hashes) {
        const encoded = hash === undefined ? null : (parsed.get(hash) ?? encodings.get(hash) ?? packedEncoding(pack, hash));
        if (encoded !== null) writer.add(hash!, encoded);
      }
      writer.finish(newIndex);
      for (const hash of pack.entries.keys()) {
        const encoded = writer.has(hash) ? null : packedEncoding(pack, hash);
        if (encoded !== null) cache.put(hash, encoded);
      }
      return;
    }
  }
  for (const [hash, encoded] of parsed) cache.put(hash, encoded);
  if (changed) cache.writeJournal(root, changes);
}

export interface FileContent {
  path: string;
  bytes: Uint8Array;
  /** The git blob id the bytes were read from, when they were (see RevisionFacts.knownBlob). */
  object?: string;
}

/**
 * Facts of contents that come with no stat to go by (from git objects, say): cached, else parsed.
 * `workspaceRoot`, when given, names the workspace whose pack is searched too.
 */
export async function factsOfContents(contents: readonly FileContent[], options: ResolvedLoadOptions, workspaceRoot?: string): Promise<FileFacts[]> {
  const cache = options.cache ? new FactsCache(cacheRoot(options.env), undefined, options.warn) : null;
  const pack = cache && workspaceRoot ? cache.readPack(await realpath(workspaceRoot).catch(() => workspaceRoot)) : emptyPack();
  const results = new Array<FileFacts>(contents.length);
  const toParse: ToParse[] = [];
  contents.forEach((content, index) => {
    const hash = cache ? sha256(content.bytes) : null;
    const facts = cache && hash ? (cache.lookup(pack, hash, content.path)?.facts ?? null) : null;
    if (facts) results[index] = facts;
    else toParse.push({ index, path: content.path, bytes: content.bytes, hash });
  });
  if (toParse.length > 0) {
    const pool = startPool(toParse, options);
    try {
      await parseInto(toParse, results, pool, cache !== null, (hash, encoded) => cache?.put(hash, encoded), null);
    } finally {
      pool?.close();
      await cache?.close();
    }
  }
  return results;
}

/** Which run a revisions pack is for: `okr history`, or `okr diff` between revisions. */
export type RevisionPackKind = 'history' | 'diff';

/** The pseudo-root of a workspace's revisions pack of `kind`: no real path holds a NUL. */
const revisionPackRoot = (root: string, kind: RevisionPackKind) => `${root}\0${kind}`;

/** Facts of a git blob known without reading it, with the blob's size in bytes. */
export interface KnownBlob {
  facts: FileFacts;
  size: number;
}

/**
 * Facts of the contents of git revisions of one workspace (for `okr history` and `okr diff`), with
 * one cache write for the whole run: each content is looked up in the run's own revisions pack (the
 * one the last run of the same `kind` wrote), then in the workspace's pack and the other kind's pack
 * (each read only when first needed), then in the per-content entries, and parsed otherwise;
 * finish() writes every content met (found or parsed) as the new revisions pack, in one file. So a
 * second run over the same revisions parses nothing, and the pack holds what the last run needed only.
 *
 * The pack also maps each git blob id met (given as FileContent.object) to its size and content
 * hash (stored as the pack's files: [blob id, size, hash]), so that the next run takes the facts of
 * a known blob without reading it from git (see knownBlob). With `share` (for a diff: two revisions
 * whose files mostly agree), the facts of one blob at one path are one object, handed out again to
 * every later request: read them, do not change them.
 * A damaged pack is never an error: what does not decode is read from git and parsed again.
 */
export class RevisionFacts {
  private readonly met = new Map<string, string>();
  /** Blob id -> [size in bytes as a decimal string, content hash], for the new pack. */
  private readonly blobs: WorkspaceIndex = new Map();
  /** Facts handed out, with the blob's size, by `${blob id}\0${path}` (with `share`). */
  private readonly shared = new Map<string, KnownBlob>();
  /** The other packs, read when first needed (null: not yet). */
  private others: WorkspacePack[] | null = null;
  /** Whether this run met something its own pack did not hold: only then is the pack written. */
  private learned = false;
  private finished = false;

  private constructor(
    private readonly options: ResolvedLoadOptions,
    private readonly cache: FactsCache | null,
    private readonly own: WorkspacePack,
    private readonly root: string,
    private readonly kind: RevisionPackKind,
    private readonly share: boolean,
  ) {}

  /**
   * For the workspace at `workspaceRoot` (absolute), with `options.cache` deciding whether the cache
   * is used; `kind` names the pack this run reads first and writes (default 'history'); `share` as
   * in the class comment (default false). Reads the run's own pack; never throws for the cache.
   */
  static async open(options: ResolvedLoadOptions, workspaceRoot: string, kind: RevisionPackKind = 'history', share = false): Promise<RevisionFacts> {
    const cache = options.cache ? new FactsCache(cacheRoot(options.env), undefined, options.warn) : null;
    const root = await realpath(workspaceRoot).catch(() => workspaceRoot);
    const own = cache ? cache.readPack(revisionPackRoot(root, kind)) : emptyPack();
    return new RevisionFacts(options, cache, own, root, kind, share);
  }

  /** This object's factsOf and knownBlob, as readWorkspaceAtCommit and markdownFactsAtCommit take them. */
  contentFacts(): ((contents: readonly FileContent[]) => Promise<FileFacts[]>) & { known: (object: string, filePath: string) => KnownBlob | null } {
    return Object.assign((contents: readonly FileContent[]) => this.factsOf(contents), { known: (object: string, filePath: string) => this.knownBlob(object, filePath) });
  }

  /**
   * The facts of git blob `object` as the file `filePath`, with its size, when they are known
   * without reading it: handed out before (with `share`), or the own pack maps the blob to a content
   * whose facts decode. Else null (read the blob and pass it to factsOf).
   */
  knownBlob(object: string, filePath: string): KnownBlob | null {
    const key = `${object}\0${filePath}`;
    const given = this.shared.get(key);
    if (given) return given;
    const mapped = this.blobs.get(object) ?? this.own.files.get(object);
    if (!mapped || !this.cache) return null;
    const size = Number(mapped[0]);
    if (!Number.isSafeInteger(size) || size < 0) return null;
    const facts = this.lookup(mapped[1], filePath);
    if (!facts) return null;
    this.noteBlob(object, mapped);
    const known = { facts, size };
    if (this.share) this.shared.set(key, known);
    return known;
  }

  /**
   * Facts of `contents`, in their order (each file's path as given); contents seen before come from
   * the cache. A content's `object`, when given, is noted as its git blob id for knownBlob.
   */
  async factsOf(contents: readonly FileContent[]): Promise<FileFacts[]> {
    const results = new Array<FileFacts>(contents.length);
    const sizes = contents.map((content) => content.bytes.length);
    const toParse: ToParse[] = [];
    contents.forEach((content, index) => {
      const hash = this.cache ? sha256(content.bytes) : null;
      const found = hash ? this.lookup(hash, content.path) : null;
      if (found) results[index] = found;
      else toParse.push({ index, path: content.path, bytes: content.bytes, hash });
      if (hash && content.object !== undefined) this.noteBlob(content.object, [String(content.bytes.length), hash]);
    });
    if (toParse.length > 0) {
      this.learned = true;
      const pool = startPool(toParse, this.options);
      try {
        await parseInto(toParse, results, pool, this.cache !== null, (hash, encoded) => this.met.set(hash, encoded), null);
      } finally {
        pool?.close();
      }
    }
    if (this.share) {
      contents.forEach((content, index) => {
        if (content.object !== undefined) this.shared.set(`${content.object}\0${content.path}`, { facts: results[index]!, size: sizes[index]! });
      });
    }
    return results;
  }

  private noteBlob(object: string, mapped: readonly [string, string]): void {
    if (this.blobs.has(object)) return;
    this.blobs.set(object, mapped);
    const packed = this.own.files.get(object);
    if (!packed || packed[0] !== mapped[0] || packed[1] !== mapped[1]) this.learned = true;
  }

  private lookup(hash: string, filePath: string): FileFacts | null {
    const known = this.met.get(hash);
    if (known !== undefined) return decodeFacts(known, filePath);
    const cache = this.cache!;
    if (this.own.entries.has(hash)) {
      const found = cache.lookup(this.own, hash, filePath);
      if (found) {
        // From an entry when the pack's does not decode: the pack is written anew.
        if (!found.fromPack) this.learned = true;
        this.met.set(hash, found.encoded);
        return found.facts;
      }
    }
    this.learned = true;
    this.others ??= [cache.readPack(this.root), cache.readPack(revisionPackRoot(this.root, this.kind === 'diff' ? 'history' : 'diff'))];
    for (const pack of this.others) {
      if (!pack.entries.has(hash)) continue;
      const found = cache.lookup(pack, hash, filePath);
      if (found) {
        this.met.set(hash, found.encoded);
        return found.facts;
      }
    }
    const found = cache.lookup(emptyPack(), hash, filePath);
    if (found) this.met.set(hash, found.encoded);
    return found?.facts ?? null;
  }

  /**
   * Writes every content met, and every blob id met, as the run's revisions pack (one file), unless
   * the pack holds exactly that already; waits for the cache; once. Never throws.
   */
  async finish(): Promise<void> {
    if (this.finished || !this.cache) return;
    this.finished = true;
    if (this.learned || this.met.size !== this.own.entries.size || this.blobs.size !== this.own.files.size) {
      const writer = this.cache.startPack(revisionPackRoot(this.root, this.kind));
      if (writer) {
        for (const [hash, encoded] of this.met) writer.add(hash, encoded);
        writer.finish(this.blobs);
      }
    }
    await this.cache.close();
  }
}

function startPool(inputs: readonly ParseInput[], options: ResolvedLoadOptions): ParsePool | null {
  const count = workerCount(
    inputs.reduce((sum, input) => sum + input.bytes.length, 0),
    options.workers,
  );
  return count > 0 ? new ParsePool(count) : null;
}

/**
 * Parses `toParse` into `results` (at their indexes), handing each cacheable encoding to `store`
 * when `encode` is set. Facts of a large parse are kept encoded until their task items are needed
 * (see ParseOptions): `defer` takes what decodes them; without it they are decoded at once.
 */
async function parseInto(
  toParse: ToParse[],
  results: FileFacts[],
  pool: ParsePool | null,
  encode: boolean,
  store: (hash: string, encoded: string) => void,
  defer: ((facts: FileFacts, decodeTasks: () => TaskItems | null, counts: TaskLinkCounts[] | null) => void) | null,
  countsOnly = false,
): Promise<void> {
  toParse.sort((a, b) => a.index - b.index);
  // Each file's bytes are let go as soon as its facts are known: at no point does the whole
  // workspace sit in memory twice.
  const bytes = toParse.reduce((sum, input) => sum + input.bytes.length, 0);
  const options = { encode, compact: bytes > COMPACT_THRESHOLD_BYTES, countsOnly };
  await (pool ?? new ParsePool(0)).parse(toParse, options, (i, parsed) => {
    const input = toParse[i]!;
    const { facts, decodeTasks } = parsed;
    if (decodeTasks) {
      if (defer) {
        defer(facts, decodeTasks, parsed.counts);
      } else {
        // Just encoded here: it decodes.
        facts.tasks = taskFactsOf(decodeTasks()!);
      }
    }
    results[input.index] = facts;
    if (encode && parsed.encoded !== null) store(input.hash ?? sha256(input.bytes), parsed.encoded);
    input.bytes = RELEASED;
  });
}

const RELEASED = new Uint8Array(0);

/** A parsed okr.config.yaml: the config and its problems. */
export interface ConfigFacts {
  config: OkrConfig;
  problems: Problem[];
}

/**
 * The parsed config of `text` (the content of `file`, okr.config.yaml or okr.config.yml) under the
 * size limit `limit` (bytes): from the cache when it holds it, by the file name, the text and the
 * limit, else from `parse`, which is then stored. With `options.cache` false, or a stored entry that
 * does not decode, just `parse`.
 */
export async function configFacts(text: string, limit: number, options: ResolvedLoadOptions, parse: () => Promise<ConfigFacts>, file = CONFIG_FILE): Promise<ConfigFacts> {
  const cache = options.cache ? new FactsCache(cacheRoot(options.env), undefined, options.warn) : null;
  // The file's name is in its problems, so it is in the key (left out for okr.config.yaml, as before).
  const named = file === CONFIG_FILE ? text : `${file}\0${text}`;
  const hash = cache ? sha256(limit === DEFAULT_CONFIG.maxFileSize ? named : `${limit}\0${named}`) : '';
  const stored = cache?.getConfig(hash);
  const known = stored ? decodeConfig(stored, file) : null;
  if (known) return known;
  const parsed = await parse();
  if (cache) {
    cache.putConfig(hash, JSON.stringify(parsed));
    await cache.close();
  }
  return parsed;
}

/** A parsed config of `file` as stored by configFacts, or null when the JSON is not one. */
function decodeConfig(json: string, file: string): ConfigFacts | null {
  try {
    const value = JSON.parse(json) as { config?: Partial<OkrConfig>; problems?: unknown };
    const config = value.config;
    const isNumber = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
    if (!config || !isNumber(config.maxFileSize) || !isNumber(config.thresholds?.onTrack) || !isNumber(config.thresholds?.atRisk)) return null;
    if (!Array.isArray(config.exclude) || !config.exclude.every((glob) => typeof glob === 'string')) return null;
    if (typeof config.cadenceDays !== 'number' || !Number.isSafeInteger(config.cadenceDays) || config.cadenceDays < 1) return null;
    if (!Array.isArray(value.problems) || !value.problems.every((problem) => isProblem(problem, file))) return null;
    return { config: config as OkrConfig, problems: value.problems as Problem[] };
  } catch {
    return null;
  }
}

function isProblem(value: unknown, file: string): boolean {
  const problem = value as Partial<Problem> | null;
  return (
    typeof problem === 'object' &&
    problem !== null &&
    problem.file === file &&
    typeof problem.line === 'number' &&
    typeof problem.column === 'number' &&
    (problem.severity === 'error' || problem.severity === 'warning') &&
    isRuleId(problem.rule) &&
    typeof problem.message === 'string'
  );
}
