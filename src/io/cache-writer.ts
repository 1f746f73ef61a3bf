/**
 * Writes cache files, each to a new temporary file (O_EXCL | O_NOFOLLOW, every byte checked)
 * renamed into place, so that readers see a whole file or none and nothing is written through a
 * symbolic link; folders on the way must be real directories below okr's cache folder (see
 * cache-folder.ts). Many files (a first run on a large workspace) go to a worker thread that writes
 * them while this one goes on parsing: a few thousand small writes take a second on some file systems.
 */
import { existsSync, renameSync, unlinkSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ensureDirectoryBelow, writeNewFile } from './cache-folder.js';

/** Flat, to keep messages cheap: target, head, body, target, head, body, ... (the text is head + body). */
export type WriteRequests = string[];

/**
 * Writes `text` to `target`, a file below `base` (okr's cache folder, checked already): false when
 * it could not be written whole (then nothing is left behind). `known` remembers folders checked
 * already. Never throws: a cache file that cannot be written is just not there next time.
 */
export function writeFileAtomically(base: string, target: string, text: string, known?: Set<string>): boolean {
  if (!ensureDirectoryBelow(base, path.dirname(target), known)) return false;
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  if (!writeNewFile(temporary, Buffer.from(text))) return false;
  try {
    // Replaces whatever is at the target, a symbolic link included, without following it.
    renameSync(temporary, target);
    return true;
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // Gone already.
    }
    return false;
  }
}

/** Writes handed over after this many go to a worker thread. */
const WORKER_AFTER = 64;
const BATCH = 32;
const WORKER_URL = new URL('./cache-writer-worker.js', import.meta.url);

export class CacheWriter {
  private written = 0;
  private worker: Worker | null = null;
  private failed = false;
  private batch: WriteRequests = [];
  private readonly known = new Set<string>();

  /** `base`: okr's cache folder, under which every target lies. */
  constructor(private readonly base: string) {}

  /** Writes `head` + `body` to `target` (on the worker, the concatenation too). */
  write(target: string, head: string, body: string): void {
    this.written++;
    if (this.written > WORKER_AFTER && !this.failed) {
      this.worker ??= this.startWorker();
      if (this.worker) {
        this.batch.push(target, head, body);
        if (this.batch.length >= BATCH * 3) this.send();
        return;
      }
    }
    writeFileAtomically(this.base, target, head + body, this.known);
  }

  private startWorker(): Worker | null {
    // Run from TypeScript sources (tests) there is no compiled worker: write here.
    if (!existsSync(fileURLToPath(WORKER_URL))) {
      this.failed = true;
      return null;
    }
    const worker = new Worker(WORKER_URL, { workerData: this.base, resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 } });
    worker.on('error', () => (this.failed = true));
    return worker;
  }

  private send(): void {
    if (this.batch.length === 0 || !this.worker) return;
    this.worker.postMessage(this.batch);
    this.batch = [];
  }

  /** Waits until everything handed over is written. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.send();
    await new Promise<void>((resolve) => {
      worker.once('message', () => resolve());
      worker.once('error', () => resolve());
      worker.once('exit', () => resolve());
      worker.postMessage('flush');
    });
    this.worker = null;
    await worker.terminate();
  }
}
