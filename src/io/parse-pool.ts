/**
 * Parses many files on every core. Worker threads are started as soon as a caller expects much to
 * parse, so that they load while files are read; the calling thread parses too, batch by batch, so
 * nothing waits on a worker. Results come back in input order and hold the same facts one thread
 * computes, since parseOkrFile depends only on its arguments. Little to parse: no workers at all.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileFacts } from '../model/types.js';
import { countTaskLinks, taskItemsOf, type TaskItems, type TaskLinkCounts } from '../model/task-items.js';
import { decodeFacts, decodeFactsApart, encodeFacts } from './facts-codec.js';

export interface ParseInput {
  path: string;
  bytes: Uint8Array;
}

/**
 * Facts, and their path-free encoding (see encodeFacts) when they can be cached. Compact facts
 * (see ParseOptions) come without their task items, which `decodeTasks` decodes from the encoding.
 */
export interface ParsedFile {
  facts: FileFacts;
  encoded: string | null;
  decodeTasks: (() => TaskItems | null) | null;
  /** Compact facts' task items summed up by their links (see countTaskLinks). */
  counts: TaskLinkCounts[] | null;
}

/** What a worker sends back for one file: the encoding when there is one, else the facts. */
export type WorkerResult = { encoded: string } | { facts: FileFacts };

export interface ParseBatch {
  id: number;
  files: ParseInput[];
}

export interface ParsedBatch {
  id: number;
  results: WorkerResult[];
}

export interface ParseOptions {
  /** Encode the facts for the cache. */
  encode: boolean;
  /**
   * Keep facts encoded (see ParsedFile), as workers and the cache give them, until their task items
   * are needed: a fraction of the memory (no objects, no strings holding on to a whole file's
   * text), which keeps large workspaces within bounds. For small ones it is not worth the time.
   */
  compact: boolean;
  /**
   * With compact facts, only their task counts will be read (LoadOptions.taskItems false): facts
   * parsed in this thread give their counts straight away, without decoding their own encoding.
   */
  countsOnly?: boolean;
}

/** Parses of more than this many bytes keep compact facts (see ParseOptions). */
export const COMPACT_THRESHOLD_BYTES = 4 * 1024 * 1024;

/** Below this many bytes to parse, one thread is faster than starting workers. */
export const WORKER_THRESHOLD_BYTES = 4 * 1024 * 1024;
/** Each further worker is worth its start-up for about this many bytes. */
const BYTES_PER_WORKER = 2 * 1024 * 1024;
const MIN_CORES = 2;
const MAX_WORKERS = 15;
/** Files per batch: small enough to share work evenly, large enough to keep messages few. */
const BATCH_FILES = 16;

/**
 * Worker threads for `bytes` of input: `requested` when given (0: none), else none below the
 * threshold (a worker's module loading and JIT warm-up would cost more than it saves: measured on
 * a 1,000-file workspace, see bench/RESULTS.md) and up to one fewer than the cores above it (the
 * calling thread parses too).
 */
export function workerCount(bytes: number, requested?: number): number {
  if (requested !== undefined) return Math.max(0, Math.min(64, Math.floor(requested)));
  const cores = availableParallelism();
  if (cores < MIN_CORES || bytes < WORKER_THRESHOLD_BYTES) return 0;
  return Math.min(cores - 1, MAX_WORKERS, Math.ceil(bytes / BYTES_PER_WORKER));
}

const WORKER_URL = new URL('./parse-worker.js', import.meta.url);

export class ParsePool {
  private readonly workers: Worker[] = [];
  private failure: Error | null = null;
  private onFailure: ((error: Error) => void) | null = null;

  /** Starts `count` workers now. Run from TypeScript sources (tests) there are none to start. */
  constructor(count: number) {
    if (count <= 0 || !existsSync(fileURLToPath(WORKER_URL))) return;
    for (let i = 0; i < count; i++) {
      // A worker keeps little (a batch at a time): a small heap makes it collect often, which keeps
      // memory down. Should a file ever need more, the worker dies and this thread parses the rest.
      const worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 } });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a parse worker stopped with exit code ${code}`));
      });
      this.workers.push(worker);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  private fail(error: unknown): void {
    if (this.failure) return;
    this.failure = error instanceof Error ? error : new Error(String(error));
    this.onFailure?.(this.failure);
  }

  /**
   * Parses `inputs`, handing each file's facts to `done` (with its index in `inputs`) as soon as
   * they are known, so that nothing piles up.
   */
  async parse(inputs: readonly ParseInput[], options: ParseOptions, done: (index: number, parsed: ParsedFile) => void): Promise<void> {
    const { parseOkrFile } = await import('../parse/file-facts.js');
    const finished = new Array<boolean>(inputs.length).fill(false);
    const parseHere = (index: number): void => {
      const { path } = inputs[index]!;
      const facts = parseOkrFile(path, inputs[index]!.bytes);
      finished[index] = true;
      const encoded = options.encode || options.compact ? encodeFacts(facts) : null;
      if (options.compact && options.countsOnly && encoded !== null) {
        const counts = countTaskLinks(taskItemsOf(facts.tasks));
        facts.tasks = [];
        done(index, { facts, encoded, counts, decodeTasks: () => decodeFactsApart(encoded, path)?.decodeTasks() ?? null });
        return;
      }
      const compact = options.compact && encoded !== null ? decodeFactsApart(encoded, path) : null;
      done(index, compact ? { facts: compact.facts, encoded, decodeTasks: compact.decodeTasks, counts: compact.counts } : { facts, encoded, decodeTasks: null, counts: null });
    };
    if (this.workers.length === 0) {
      for (let i = 0; i < inputs.length; i++) parseHere(i);
      return;
    }

    // Batches small enough that every thread gets several (a forced pool may get few files).
    const batchSize = Math.max(1, Math.min(BATCH_FILES, Math.ceil(inputs.length / (4 * (this.workers.length + 1)))));
    const batches: ParseBatch[] = [];
    for (let start = 0; start < inputs.length; start += batchSize) {
      batches.push({ id: start, files: inputs.slice(start, start + batchSize) });
    }
    let next = 0;
    let pending = 0;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      // Done, or a worker failed: whatever is missing is parsed here (a worker that cannot start,
      // say for lack of memory, must not fail the command).
      const finish = (failure?: Error) => {
        if (settled || (!failure && (next < batches.length || pending > 0))) return;
        settled = true;
        this.onFailure = null;
        if (failure) this.close();
        for (const worker of this.workers) worker.removeAllListeners('message');
        try {
          for (let i = 0; i < inputs.length; i++) if (!finished[i]) parseHere(i);
          resolve();
        } catch (error) {
          reject(error);
        }
      };
      if (this.failure) return finish(this.failure);
      this.onFailure = finish;
      const feed = (worker: Worker) => {
        if (next >= batches.length) return;
        pending++;
        worker.postMessage(batches[next++]);
      };
      for (const worker of this.workers) {
        worker.on('message', (reply: ParsedBatch) => {
          pending--;
          reply.results.forEach((result, offset) => {
            const index = reply.id + offset;
            const input = inputs[index]!;
            if ('encoded' in result) {
              const decoded = options.compact ? decodeFactsApart(result.encoded, input.path) : null;
              const facts = decoded ? decoded.facts : decodeFacts(result.encoded, input.path);
              if (!facts) return parseHere(index);
              finished[index] = true;
              done(index, { facts, encoded: result.encoded, decodeTasks: decoded?.decodeTasks ?? null, counts: decoded?.counts ?? null });
            } else {
              finished[index] = true;
              done(index, { facts: result.facts, encoded: null, decodeTasks: null, counts: null });
            }
          });
          feed(worker);
          finish();
        });
        // Two batches in flight, so that a worker never waits for the next.
        feed(worker);
        feed(worker);
      }
      // This thread takes a batch whenever it is free, and reads replies in between.
      const parseInThisThread = () => {
        if (settled) return;
        if (next < batches.length) {
          const batch = batches[next++]!;
          for (let offset = 0; offset < batch.files.length; offset++) parseHere(batch.id + offset);
          setImmediate(parseInThisThread);
        } else {
          finish();
        }
      };
      setImmediate(parseInThisThread);
    });
  }

  close(): void {
    for (const worker of this.workers) {
      worker.removeAllListeners();
      void worker.terminate();
    }
    this.workers.length = 0;
  }
}
