/**
 * Editing a file in place, safely (more than an atomic write: it refuses a file that changed since
 * it was read, never replaces a file it creates, and stays inside the workspace). Reading a file
 * for an edit and writing it back: a temporary file in the same directory,
 * flushed to disk, then renamed over the original (keeping its mode), only if the file on disk is
 * still exactly what was read. A symlink is followed, so its target is edited and the link stays.
 * An edit holds the file's lock (edit-lock.ts) from the read to the rename, so two okr processes
 * never interleave their check and rename; the lock and the temporary file are removed on every
 * path out, a signal included (interrupt-cleanup.ts).
 */
import { lstatSync, unlinkSync } from 'node:fs';
import { link, lstat, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_MAX_FILE_SIZE, formatSize } from '../parse/limits.js';
import { findInvalidUtf8, locateByte } from '../parse/utf8.js';
import { UserError } from '../errors.js';
import { acquireEditLock, removeStaleTempFiles, tempPathBeside, type EditLock } from './edit-lock.js';
import { describeFsError, readGuardedFile, realRoot, RefusedFileError, resolveInside, type GuardedFile } from './guarded-file.js';
import { onInterrupt } from './interrupt-cleanup.js';

export interface FileSnapshot {
  /** The path to show the user. */
  displayPath: string;
  /** The file that is read and replaced: the symlink's target when the path is a symlink. */
  targetPath: string;
  bytes: Uint8Array;
  /** `bytes` decoded, without the BOM. */
  text: string;
  /** 3 when the file starts with a UTF-8 BOM, else 0. */
  bomLength: number;
  mode: number;
  uid: number;
  gid: number;
  mtimeMs: number;
  size: number;
  ino: number;
  /** The file's lock, held until the edit is written or released (see readFileForEdit); null when none was taken. */
  lock: EditLock | null;
}

export interface ReadForEditOptions {
  /**
   * Whether to take the file's lock (edit-lock.ts) before reading it; default true. A dry run,
   * which writes nothing, passes false (and so works in a read-only folder).
   */
  lock?: boolean;
}

/**
 * Reads a file for an edit, through the guarded reader (guarded-file.ts): the file's real path must
 * be a regular file inside the real `root` (a link inside the workspace is followed, so its target
 * is edited and the link stays; one leading outside is refused), at most `maxFileSize` bytes, and
 * valid UTF-8. Unless `options.lock` is false, the lock of the real file is taken first and
 * returned in the snapshot: the caller must end with writeFileAtomic or releaseSnapshot (both
 * release it), on every path. Throws a UserError naming `displayPath` (with line:column for invalid
 * UTF-8), a FileLockedError when another okr holds the lock too long; no lock is held then.
 */
export async function readFileForEdit(
  absolutePath: string,
  displayPath: string,
  root: string,
  maxFileSize = DEFAULT_MAX_FILE_SIZE,
  options: ReadForEditOptions = {},
): Promise<FileSnapshot> {
  let realPath: string;
  try {
    realPath = resolveInside(absolutePath, root);
  } catch (error) {
    throw editRefusal(error, displayPath, maxFileSize);
  }
  const inside = path.relative(realRoot(root), realPath).split(path.sep).slice(0, -1);
  if (inside.some((part) => part.startsWith('.') || part === 'node_modules')) {
    throw new UserError(`${displayPath}: the file is in a folder okr skips (a dot-folder or node_modules): okr does not edit it (nothing written)`);
  }
  // The lock is beside the real file, and taken only for a regular file (the read refuses the rest).
  const isFile = lstatSync(realPath, { throwIfNoEntry: false })?.isFile() ?? false;
  const lock = options.lock !== false && isFile ? await acquireEditLock(realPath, displayPath) : null;
  try {
    return readLocked(realPath, absolutePath, displayPath, root, maxFileSize, lock);
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

function readLocked(realPath: string, absolutePath: string, displayPath: string, root: string, maxFileSize: number, lock: EditLock | null): FileSnapshot {
  let read: GuardedFile;
  try {
    read = readGuardedFile(absolutePath, { root, maxBytes: maxFileSize });
  } catch (error) {
    throw editRefusal(error, displayPath, maxFileSize);
  }
  const { bytes, stats: info, realPath: targetPath } = read;
  // A link changed between resolving it and reading it: the lock is not the file's.
  if (targetPath !== realPath) throw new ConcurrentChangeError(displayPath);
  const invalidAt = findInvalidUtf8(bytes);
  if (invalidAt !== -1) {
    const at = locateByte(bytes, invalidAt);
    throw new UserError(`${displayPath}:${at.line}:${at.column}: file is not valid UTF-8: okr does not edit it (nothing written); save it as UTF-8 first`);
  }
  const bomLength = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(bomLength));
  return {
    displayPath,
    targetPath,
    bytes,
    text,
    bomLength,
    mode: info.mode & 0o7777,
    uid: info.uid,
    gid: info.gid,
    mtimeMs: info.mtimeMs,
    size: info.size,
    ino: info.ino,
    lock,
  };
}

/** Releases the lock a snapshot holds, if any (idempotent): for an edit that ends without writing. */
export async function releaseSnapshot(snapshot: FileSnapshot): Promise<void> {
  await snapshot.lock?.release();
}

export interface WriteHooks {
  /** Runs after the new content is on disk in the temporary file, just before the final check. */
  beforeCommit?: () => Promise<void> | void;
}

/** Thrown when the file changed on disk after it was read; nothing has been written. */
export class ConcurrentChangeError extends UserError {
  constructor(displayPath: string) {
    super(`${displayPath} changed on disk while okr was editing it: nothing written; run the command again`);
    this.name = 'ConcurrentChangeError';
  }
}

/**
 * Replaces the file of `snapshot` with `bytes`, atomically, unless it changed since it was read
 * (ConcurrentChangeError, nothing written). The check and the rename happen under the file's lock:
 * the snapshot's, else one taken here. Stale temporary files of okr's naming in the folder are
 * removed first (edit-lock.ts). The lock is released on every path out; throws UserErrors only.
 */
export async function writeFileAtomic(snapshot: FileSnapshot, bytes: Uint8Array, hooks: WriteHooks = {}): Promise<void> {
  let lock = snapshot.lock;
  try {
    if (!lock || lock.released) lock = await acquireEditLock(snapshot.targetPath, snapshot.displayPath);
    removeStaleTempFiles(path.dirname(snapshot.targetPath));
    const temp = await writeTempFile(snapshot.targetPath, bytes, snapshot.mode, { uid: snapshot.uid, gid: snapshot.gid }, snapshot.displayPath);
    try {
      await hooks.beforeCommit?.();
      if (!(await isUnchanged(snapshot))) throw new ConcurrentChangeError(snapshot.displayPath);
      await rename(temp.path, snapshot.targetPath);
    } catch (error) {
      await unlink(temp.path).catch(() => undefined);
      if (error instanceof UserError) throw error;
      throw new UserError(`${snapshot.displayPath}: cannot write: ${describeFsError(error)} (nothing written)`);
    } finally {
      temp.forget();
    }
    await syncDirectory(path.dirname(snapshot.targetPath));
  } finally {
    await lock?.release();
    await snapshot.lock?.release();
  }
}

/**
 * Creates a new file with `bytes`, atomically and only if nothing exists at the path yet: the
 * content is written to a temporary file and hard-linked into place, which fails if the name is
 * taken. Holds the new file's lock meanwhile; removes stale temporary files of okr's naming in the
 * folder first. Throws a UserError naming `displayPath`; nothing is left behind then.
 */
export async function createFileExclusive(absolutePath: string, bytes: Uint8Array, displayPath: string, root: string, hooks: WriteHooks = {}): Promise<void> {
  absolutePath = path.join(realFolderInside(path.dirname(absolutePath), root, displayPath), path.basename(absolutePath));
  const lock = await acquireEditLock(absolutePath, displayPath);
  try {
    removeStaleTempFiles(path.dirname(absolutePath));
    const temp = await writeTempFile(absolutePath, bytes, null, null, displayPath);
    try {
      await hooks.beforeCommit?.();
      await link(temp.path, absolutePath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new UserError(`${displayPath} already exists: okr does not overwrite it (nothing written)`);
      }
      if (error instanceof UserError) throw error;
      throw new UserError(`${displayPath}: cannot create: ${describeFsError(error)} (nothing written)`);
    } finally {
      await unlink(temp.path).catch(() => undefined);
      temp.forget();
    }
    await syncDirectory(path.dirname(absolutePath));
  } finally {
    await lock.release();
  }
}

/** What a refused read for an edit says: one line naming the file, nothing written. */
function editRefusal(error: unknown, displayPath: string, maxFileSize: number): UserError {
  if (!(error instanceof RefusedFileError)) return new UserError(`${displayPath}: ${describeFsError(error)}`);
  switch (error.reason) {
    case 'outside':
      return new UserError(`${displayPath}: ${error.message}: okr edits only files inside the workspace (nothing written)`);
    case 'not-regular':
      return new UserError(`${displayPath}: not a regular file`);
    case 'too-large':
      return new UserError(`${displayPath}: file is ${formatSize(error.size ?? maxFileSize + 1)}, over the ${formatSize(maxFileSize)} limit: okr does not edit it`);
    default:
      return new UserError(`${displayPath}: ${error.message}`);
  }
}

/**
 * The real path of `folder`, which must exist and be inside the real `root` (symbolic links on
 * the way resolved); a UserError naming `displayPath` otherwise, before anything is written.
 */
function realFolderInside(folder: string, root: string, displayPath: string): string {
  try {
    return resolveInside(folder, root);
  } catch (error) {
    if (error instanceof RefusedFileError && error.reason === 'outside') {
      throw new UserError(`${displayPath}: its folder is a symbolic link to a place outside the workspace: okr writes only inside the workspace (nothing written)`);
    }
    throw new UserError(`${displayPath}: its folder cannot be used: ${error instanceof Error ? error.message : String(error)} (nothing written)`);
  }
}

/**
 * mkdir -p of `dir`, inside the real `root` only: every folder on the way that exists (a symbolic
 * link to a folder included) must resolve inside the root, so no folder is ever created through a
 * link that leads outside. Returns the folders it created, outermost first, so that a failed
 * command can remove them again. Throws a UserError naming `displayPath`; nothing is created then.
 */
export async function makeDirectoryInside(dir: string, root: string, displayPath: string): Promise<string[]> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  while (!(await lstat(current).catch(() => null))) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  // The nearest folder that exists decides where the new ones go.
  const existing = realFolderInside(current, root, displayPath);
  const created = missing.map((folder) => path.join(existing, path.relative(current, folder)));
  for (const folder of created) {
    try {
      await mkdir(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new UserError(`${displayPath}: cannot create the folder ${path.basename(folder)}: ${describeFsError(error)} (nothing written)`);
    }
  }
  return created;
}

/** A temporary file written beside its target; `forget` ends its removal on interruption. */
interface TempFile {
  path: string;
  forget: () => void;
}

async function writeTempFile(
  target: string,
  bytes: Uint8Array,
  /** The mode to give it; null for a new file's default (0666 less the umask). */
  mode: number | null,
  owner: { uid: number; gid: number } | null,
  displayPath: string,
): Promise<TempFile> {
  const temp = tempPathBeside(target);
  // Registered before the file exists, so that an interruption at any point leaves none.
  const forget = onInterrupt(() => {
    try {
      unlinkSync(temp);
    } catch {
      // never made, or already gone
    }
  });
  let handle;
  try {
    handle = await open(temp, 'wx', mode === null ? 0o666 : 0o600);
    await handle.writeFile(bytes);
    if (mode !== null) await handle.chmod(mode);
    if (owner && typeof process.getuid === 'function' && (owner.uid !== process.getuid() || owner.gid !== process.getgid?.())) {
      await handle.chown(owner.uid, owner.gid).catch(() => undefined);
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    return { path: temp, forget };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    forget();
    throw new UserError(`${displayPath}: cannot write a temporary file beside it: ${describeFsError(error)} (nothing written)`);
  }
}

/** The file is still the one that was read: same inode, size, modification time and bytes. */
async function isUnchanged(snapshot: FileSnapshot): Promise<boolean> {
  try {
    const info = await lstat(snapshot.targetPath);
    if (!info.isFile() || info.ino !== snapshot.ino || info.size !== snapshot.size || info.mtimeMs !== snapshot.mtimeMs) return false;
    const now = await readFile(snapshot.targetPath);
    return Buffer.compare(now, snapshot.bytes) === 0;
  } catch {
    return false;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable; not every platform can open a directory, which is fine.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}
