/**
 * Writes cache files, each to a temporary name renamed into place so that readers see a whole file
 * or none. Many files (a first run on a large workspace) go to a worker thread that writes them
 * while this one goes on parsing: a few thousand small writes take a second on some file systems.
 */
import { existsSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Flat, to keep messages cheap: target, head, body, target, head, body, ... (the text is head + body). */
export type WriteRequests = string[];

/** Never throws: a cache file that cannot be written is just not there next time. */
export function writeFileAtomically(target: string, text: string): void {
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    try {
      writeFileSync(temporary, text);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(temporary, text);
    }
    renameSync(temporary, target);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // Never written.
    }
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
    writeFileAtomically(target, head + body);
  }

  private startWorker(): Worker | null {
    // Run from TypeScript sources (tests) there is no compiled worker: write here.
    if (!existsSync(fileURLToPath(WORKER_URL))) {
      this.failed = true;
      return null;
    }
    const worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 } });
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
