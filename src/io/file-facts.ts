/**
 * The facts of a workspace's files, as cheaply as they can be had: a file whose stat signature the
 * workspace's index knows is not even read; a file whose content the cache knows is read and hashed
 * but not parsed; the rest is parsed, on every core when there is much of it, and cached.
 */
import { statSync, type BigIntStats } from 'node:fs';
import { realpath } from 'node:fs/promises';
import type { FileFacts } from '../core/parse-file.js';
import { cacheRoot, FactsCache, isSettled, sha256, statSignature, type WorkspaceIndex } from './facts-cache.js';
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
}

const CONCURRENT_READS = 32;

interface ToParse extends ParseInput {
  index: number;
  hash: string | null;
}

/** Facts of every file of the request, in its order. */
export async function readFacts(request: FactsRequest, options: ResolvedLoadOptions): Promise<FileFacts[]> {
  const { files } = request;
  const cache = options.cache ? new FactsCache(cacheRoot(options.env)) : null;
  const indexRoot = cache ? await realpath(request.root).catch(() => request.root) : request.root;
  const oldIndex: WorkspaceIndex = cache ? cache.readIndex(indexRoot) : new Map();
  const newIndex: WorkspaceIndex = new Map();

  // Without an index this is a first run: start the workers now, to load while files are read.
  let pool: ParsePool | null = null;
  if (oldIndex.size === 0) {
    const count = workerCount(
      files.reduce((sum, file) => sum + file.size, 0),
      options.workers,
    );
    if (count > 0) pool = new ParsePool(count);
  }

  try {
    const results: FileFacts[] = new Array(files.length);
    // Files the index vouches for: their facts straight from the cache, without reading them.
    // Synchronous stats and reads: for many small files several times faster than the thread pool.
    const signatures: (string | null)[] = new Array(files.length).fill(null);
    const toRead: number[] = [];
    const maxSize = BigInt(request.maxFileSize);
    files.forEach((file, index) => {
      if (cache) {
        const takenAtNs = BigInt(Date.now()) * 1_000_000n;
        let info: BigIntStats | undefined;
        try {
          info = statSync(file.absolutePath, { bigint: true, throwIfNoEntry: false });
        } catch {
          info = undefined;
        }
        if (info?.isFile() && info.size <= maxSize && isSettled(info, takenAtNs)) {
          const signature = statSignature(info);
          signatures[index] = signature;
          const known = oldIndex.get(file.path);
          if (known && known[0] === signature) {
            const facts = cache.get(known[1], file.path);
            if (facts) {
              results[index] = facts;
              newIndex.set(file.path, known);
              return;
            }
          }
        }
      }
      toRead.push(index);
    });

    const toParse: ToParse[] = [];
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
        if (cache && hash) {
          if (signature) newIndex.set(file.path, [signature, hash]);
          const facts = cache.get(hash, file.path);
          if (facts) {
            results[index] = facts;
            continue;
          }
        }
        toParse.push({ index, path: file.path, bytes: read, hash });
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENT_READS, toRead.length) }, readNext));

    if (toParse.length > 0) {
      pool ??= startPool(toParse, options);
      await parseAndStore(toParse, results, pool, cache);
    }
    // Rewritten only when it learned something: a run that just met a freshly edited file leaves
    // it alone (that file is not settled yet).
    if (cache && hasNews(oldIndex, newIndex)) cache.writeIndex(indexRoot, newIndex);
    return results;
  } finally {
    pool?.close();
    await cache?.close();
  }
}

export interface FileContent {
  path: string;
  bytes: Uint8Array;
}

/** Facts of contents that come with no stat to go by (from git objects, say): cached, else parsed. */
export async function factsOfContents(contents: readonly FileContent[], options: ResolvedLoadOptions): Promise<FileFacts[]> {
  const cache = options.cache ? new FactsCache(cacheRoot(options.env)) : null;
  const results: FileFacts[] = new Array(contents.length);
  const toParse: ToParse[] = [];
  contents.forEach((content, index) => {
    const hash = cache ? sha256(content.bytes) : null;
    const facts = cache && hash ? cache.get(hash, content.path) : null;
    if (facts) results[index] = facts;
    else toParse.push({ index, path: content.path, bytes: content.bytes, hash });
  });
  if (toParse.length > 0) {
    const pool = startPool(toParse, options);
    try {
      await parseAndStore(toParse, results, pool, cache);
    } finally {
      pool?.close();
      await cache?.close();
    }
  }
  return results;
}

function startPool(inputs: readonly ParseInput[], options: ResolvedLoadOptions): ParsePool | null {
  const count = workerCount(
    inputs.reduce((sum, input) => sum + input.bytes.length, 0),
    options.workers,
  );
  return count > 0 ? new ParsePool(count) : null;
}

/** Parses `toParse` into `results` (at their indexes), then caches what can be cached. */
async function parseAndStore(toParse: ToParse[], results: FileFacts[], pool: ParsePool | null, cache: FactsCache | null): Promise<void> {
  toParse.sort((a, b) => a.index - b.index);
  // Each file's facts are stored as soon as they are known, and its bytes let go: at no point does
  // the whole workspace sit in memory twice.
  const bytes = toParse.reduce((sum, input) => sum + input.bytes.length, 0);
  const options = { encode: cache !== null, compact: bytes > COMPACT_THRESHOLD_BYTES };
  await (pool ?? new ParsePool(0)).parse(toParse, options, (i, parsed) => {
    const input = toParse[i]!;
    results[input.index] = parsed.facts;
    if (cache && parsed.encoded !== null) cache.put(input.hash ?? sha256(input.bytes), parsed.encoded);
    input.bytes = RELEASED;
  });
}

const RELEASED = new Uint8Array(0);

function hasNews(oldIndex: WorkspaceIndex, newIndex: WorkspaceIndex): boolean {
  for (const [file, entry] of newIndex) {
    const known = oldIndex.get(file);
    if (!known || known[0] !== entry[0] || known[1] !== entry[1]) return true;
  }
  return false;
}
