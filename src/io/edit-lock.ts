/**
 * The lock an edit holds from reading a file to renaming its new content into place, the names of
 * okr's temporary files, and the removal of those an interrupted edit left behind.
 *
 * A lock is a small file `.<name>.okr-lock` beside the file it guards (beside the real file, never
 * beside a symbolic link to it), holding `okr-lock <pid> <host> <nonce>`. It is made by writing a
 * temporary file and hard-linking it to the lock's name: `link` fails when the name is taken, as one
 * atomic step (also on NFS), so a lock is never seen half-written. okr never reads it as part of
 * the workspace (it does not end in `.md`), and removes it when the edit ends, fails, or is
 * interrupted (see interrupt-cleanup.ts).
 *
 * A lock is stale when its process is gone (same host, no such pid) or it is older than
 * STALE_LOCK_MS; a stale lock is moved aside (a rename, so only one process takes it) and removed,
 * and only when what was moved is still the lock judged stale. A live lock is waited for, at most
 * LOCK_WAIT_MS, then the edit is refused: "another okr is editing <file>; try again".
 *
 * Temporary files are `.<name>.okr-<pid>-<8 hex digits>.tmp`. Before an edit writes in a folder it
 * removes the ones of exactly that pattern whose process is gone or that are older than
 * STALE_TEMP_MS; nothing else is ever removed.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, unlinkSync } from 'node:fs';
import { link, open, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';
import { describeFsError, readGuardedFile, RefusedFileError } from './guarded-file.js';
import { onInterrupt } from './interrupt-cleanup.js';

/** How long an edit waits for another okr's lock on the same file before giving up, in ms. */
export const LOCK_WAIT_MS = 5_000;
/** A lock older than this (ms) is stale whoever holds it: an edit holds one for well under a second. */
export const STALE_LOCK_MS = 2 * 60_000;
/** A temporary file of okr's naming older than this (ms) is stale even when its pid is alive (reused). */
export const STALE_TEMP_MS = 10 * 60_000;

const TEMP_NAME = /^\.(.+)\.okr-(\d+)-[0-9a-f]{8}\.tmp$/;
const LOCK_CONTENT = /^okr-lock (\d+) (\S+) ([0-9a-f]{16})\n$/;

/** `.<name>.okr-<pid>-<8 hex digits>.tmp` beside `target`: the name of a new temporary file. */
export function tempPathBeside(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.okr-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** True when `name` (a file name, no folder) is exactly of okr's temporary-file pattern. */
export function isOkrTempName(name: string): boolean {
  return TEMP_NAME.test(name);
}

/** The name of the lock of `realPath`: `.<name>.okr-lock` in the same folder. */
export function lockPathOf(realPath: string): string {
  return path.join(path.dirname(realPath), `.${path.basename(realPath)}.okr-lock`);
}

/**
 * Whether a process with this id runs on this machine. `process.kill(pid, 0)` sends nothing: ESRCH
 * says there is none, EPERM that there is one of another user. Ids that are not plain positive
 * process ids (0 would mean the process group) count as gone.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid > 0x7fffffff) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes from `dir` the temporary files an interrupted okr left: regular files (not links) whose
 * name is exactly okr's pattern (see tempPathBeside), of another process that is gone, or older
 * than STALE_TEMP_MS (`now` in ms since the epoch). Everything else stays. Never throws; returns
 * the names removed.
 */
export function removeStaleTempFiles(dir: string, now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match) continue;
    const pid = Number(match[2]);
    if (pid === process.pid) continue;
    const file = path.join(dir, name);
    try {
      const info = lstatSync(file);
      if (!info.isFile()) continue;
      if (isProcessAlive(pid) && now - info.mtimeMs <= STALE_TEMP_MS) continue;
      unlinkSync(file);
      removed.push(name);
    } catch {
      // Gone meanwhile, or not ours to remove: leave it.
    }
  }
  return removed;
}

/** Thrown when another okr holds the lock of the file for longer than LOCK_WAIT_MS; nothing written. */
export class FileLockedError extends UserError {
  constructor(displayPath: string) {
    super(`another okr is editing ${displayPath}; try again (nothing written)`);
    this.name = 'FileLockedError';
  }
}

/** A lock held on one file; `release` removes it (once; later calls do nothing). */
export interface EditLock {
  /** The lock file. */
  readonly path: string;
  /** True once released. */
  readonly released: boolean;
  release(): Promise<void>;
}

interface Holder {
  kind: 'gone' | 'foreign' | 'held';
  content?: string;
  stale?: boolean;
}

/**
 * Takes the lock of the file at `realPath` (its real path: symbolic links already resolved; it
 * need not exist yet, its folder must). Waits while another live okr holds it, up to LOCK_WAIT_MS
 * (then FileLockedError); takes over a stale one (see the module comment). Throws a UserError
 * naming `displayPath` when the lock cannot be made (a read-only folder) or when something that is
 * not okr's lock has its name. The lock is removed if the process is interrupted before `release`.
 */
export async function acquireEditLock(realPath: string, displayPath: string): Promise<EditLock> {
  const lockPath = lockPathOf(realPath);
  const content = `okr-lock ${process.pid} ${thisHost()} ${randomBytes(8).toString('hex')}\n`;
  const temp = tempPathBeside(realPath);
  const forgetTemp = onInterrupt(() => unlinkQuietly(temp));
  try {
    await writeSmallFile(temp, content, displayPath);
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let attempt = 0; ; attempt += 1) {
      // Registered before the link, so that an interruption right after it leaves no lock behind.
      const forgetLock = onInterrupt(() => releaseSync(lockPath, content));
      try {
        await link(temp, lockPath);
        return heldLock(lockPath, content, forgetLock);
      } catch (error) {
        forgetLock();
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new UserError(`${displayPath}: cannot lock it for editing: ${describeFsError(error)} (nothing written)`);
        }
      }
      const holder = inspectLock(lockPath);
      if (holder.kind === 'foreign') {
        throw new UserError(`${displayPath}: ${path.basename(lockPath)} beside it is not a lock okr made: remove it if no okr is running (nothing written)`);
      }
      const live = holder.kind === 'held' && !holder.stale;
      if (holder.kind === 'held' && holder.stale) await breakStaleLock(lockPath, holder.content!);
      // Bounded whatever happens: a lock that cannot be taken over counts as held.
      if (Date.now() >= deadline) throw new FileLockedError(displayPath);
      await sleep(live ? Math.min(10 * 2 ** Math.min(attempt, 4), 150) + Math.floor(Math.random() * 10) : 1);
    }
  } finally {
    await unlink(temp).catch(() => undefined);
    forgetTemp();
  }
}

function heldLock(lockPath: string, content: string, forget: () => void): EditLock {
  let released = false;
  return {
    path: lockPath,
    get released() {
      return released;
    },
    async release() {
      if (released) return;
      released = true;
      // Removed only while it is still this lock (a lock judged stale may have been taken over).
      if (readLock(lockPath).content === content) await unlink(lockPath).catch(() => undefined);
      forget();
    },
  };
}

function releaseSync(lockPath: string, content: string): void {
  if (readLock(lockPath).content === content) unlinkQuietly(lockPath);
}

/** The lock file's content, through the guarded reader (a regular file, not a link, at most 256 bytes). */
function readLock(lockPath: string): { content?: string; mtimeMs?: number; missing?: boolean } {
  try {
    const read = readGuardedFile(lockPath, { root: path.dirname(lockPath), maxBytes: 256, followLinks: false });
    return { content: read.bytes.toString('utf8'), mtimeMs: read.stats.mtimeMs };
  } catch (error) {
    return { missing: error instanceof RefusedFileError && error.reason === 'missing' };
  }
}

function inspectLock(lockPath: string, now = Date.now()): Holder {
  const read = readLock(lockPath);
  // A dangling link of the lock's name reads as missing, yet takes the name: not okr's.
  if (read.missing) return { kind: lstatSync(lockPath, { throwIfNoEntry: false }) ? 'foreign' : 'gone' };
  const match = read.content === undefined ? null : LOCK_CONTENT.exec(read.content);
  if (!match) return { kind: 'foreign' };
  const sameHost = match[2] === thisHost();
  const gone = sameHost && Number(match[1]) !== process.pid && !isProcessAlive(Number(match[1]));
  return { kind: 'held', content: read.content!, stale: gone || now - read.mtimeMs! > STALE_LOCK_MS };
}

/**
 * Removes a stale lock whose content was `seen`. It is renamed aside first, so that of several
 * processes only one takes it; if what was taken is not the stale lock (another process took the
 * stale one over and locked again meanwhile), it is put back unless the name was taken once more.
 * The name aside is of okr's temporary pattern, so a process killed in between leaves nothing that
 * the next edit does not remove.
 */
async function breakStaleLock(lockPath: string, seen: string): Promise<void> {
  const aside = tempPathBeside(lockPath);
  const forget = onInterrupt(() => unlinkQuietly(aside));
  try {
    try {
      await rename(lockPath, aside);
    } catch {
      return;
    }
    const taken = readLock(aside).content;
    if (taken !== seen) await link(aside, lockPath).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
  } finally {
    forget();
  }
}

async function writeSmallFile(file: string, content: string, displayPath: string): Promise<void> {
  let handle;
  try {
    handle = await open(file, 'wx', 0o644);
    await handle.writeFile(content);
    await handle.close();
    handle = undefined;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(file).catch(() => undefined);
    throw new UserError(`${displayPath}: cannot lock it for editing: ${describeFsError(error)} (nothing written)`);
  }
}

/** This machine's name as a lock records it: one word. */
function thisHost(): string {
  return hostname().replace(/\s/g, '_') || 'unknown';
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
