/**
 * The one way okr reads a file: workspace Markdown, okr.config.yaml, templates, source lines for
 * reports, the files it edits and its own cache all go through `readGuardedFile`. Whoever wrote the
 * tree (a stranger's pull request), a read never leaves the root it is given, never opens a FIFO,
 * socket or device, and never takes more than its size limit into memory.
 *
 * The checks, in order: the path's real location (symbolic links resolved) is inside the real root;
 * `lstat` of that location says regular file (so nothing else is ever opened); it is opened with
 * O_NOFOLLOW and O_NONBLOCK, and `fstat` of the open file must be the same file (a swap between the
 * checks is refused, never followed); at most `maxBytes` are read, even from a file that grows.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';

export type RefusalReason = 'missing' | 'outside' | 'link' | 'not-regular' | 'too-large' | 'unreadable';

/** Why a guarded read refused a file; `message` is a lower-case phrase to follow `file: `. */
export class RefusedFileError extends Error {
  readonly reason: RefusalReason;
  /** For `too-large`: the size found, in bytes (at least `maxBytes + 1`). */
  readonly size: number | null;
  constructor(reason: RefusalReason, message: string, size: number | null = null) {
    super(message);
    this.name = 'RefusedFileError';
    this.reason = reason;
    this.size = size;
  }
}

export interface ReadGuard {
  /** The directory the file must be inside, absolute; its own symbolic links are resolved here. */
  root: string;
  /** The most bytes to read; a larger file is refused (`too-large`) without being read whole. */
  maxBytes: number;
  /**
   * Whether a symbolic link on the way (the file itself or a folder below the root) may be
   * followed to a place that is still inside the root. Default true; the cache says false.
   */
  followLinks?: boolean;
}

export interface GuardedFile {
  bytes: Buffer;
  /** The file read: the real path, symbolic links resolved. */
  realPath: string;
  /** `fstat` of the open file. */
  stats: Stats;
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** The real path of `dir` (symbolic links resolved), or `dir` made absolute when it cannot be resolved. */
export function realRoot(dir: string): string {
  try {
    return realpathSync.native(dir);
  } catch {
    return path.resolve(dir);
  }
}

/** True when `child` is `root` itself or below it; both absolute and already resolved. */
export function isInside(root: string, child: string): boolean {
  const relative = path.relative(root, child);
  return relative === '' || !(relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative));
}

/**
 * The real path of `file` when it is inside the real `root` (see realRoot), else a
 * RefusedFileError: `outside`, `missing` (nothing at the path, or a dangling link) or `link` (a
 * loop, or any link at all when `followLinks` is false). Nothing is opened.
 */
export function resolveInside(file: string, root: string, followLinks = true): string {
  const real = realRoot(root);
  const absolute = path.resolve(root, file);
  let target: string;
  try {
    target = realpathSync.native(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new RefusedFileError('link', 'symbolic link loop');
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const isLink = lstatSync(absolute, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
      throw new RefusedFileError('missing', isLink ? 'broken symbolic link' : 'no such file or directory');
    }
    throw new RefusedFileError('unreadable', describeFsError(error));
  }
  if (!isInside(real, target)) {
    const named = isInside(path.resolve(root), absolute) || isInside(real, absolute);
    throw new RefusedFileError('outside', named ? 'symbolic link points outside the workspace' : 'is outside the workspace');
  }
  if (!followLinks && target !== path.join(real, path.relative(path.resolve(root), absolute))) {
    throw new RefusedFileError('link', 'symbolic link: not followed here');
  }
  return target;
}

/**
 * Reads a regular file inside `guard.root` (see the module comment for the checks). Returns its
 * bytes, real path and stats; throws RefusedFileError (never any other error) when the file is
 * missing, outside the root, a link that may not be followed, not a regular file (a FIFO, socket,
 * device or directory, none of which is opened), over `guard.maxBytes` bytes, or unreadable.
 */
export function readGuardedFile(file: string, guard: ReadGuard): GuardedFile {
  const realPath = resolveInside(file, guard.root, guard.followLinks ?? true);
  return readRegularFile(realPath, guard.maxBytes, null);
}

/** Which file a path named when it was listed: its device and inode numbers. */
export interface FileIdentity {
  dev: number;
  ino: number;
}

/**
 * Reads a file that the workspace lister found as a regular file, not a link, by walking real
 * folders below the root, and whose identity (device and inode) it noted: the same checks as
 * readGuardedFile, with that identity in place of resolving the path. `lstat` of `absolutePath`
 * must show that very file, still regular (so nothing else is ever opened), and so must `fstat` of
 * it opened with O_NOFOLLOW and O_NONBLOCK; a folder on the way swapped for a link since the
 * listing leads to another file, which is refused (`link`). At most `maxBytes` are read. Throws
 * RefusedFileError as readGuardedFile does. Saves resolving every path of a large workspace.
 */
export function readListedFile(absolutePath: string, identity: FileIdentity, maxBytes: number): GuardedFile {
  return readRegularFile(absolutePath, maxBytes, identity);
}

/**
 * The checks both readers share, on a path that is resolved already or whose `identity` is known:
 * `lstat` says a regular file (and that very file, with `identity`), at most `maxBytes`; opened with
 * O_NOFOLLOW and O_NONBLOCK, `fstat` says the same file; then at most `maxBytes` are read.
 */
function readRegularFile(filePath: string, maxBytes: number, identity: FileIdentity | null): GuardedFile {
  let before: Stats | undefined;
  try {
    before = lstatSync(filePath);
  } catch (error) {
    throw refusalOf(error);
  }
  if (identity && (before.isSymbolicLink() || before.ino !== identity.ino || before.dev !== identity.dev))
    throw new RefusedFileError('link', 'the file changed since it was listed');
  if (!before.isFile()) throw new RefusedFileError('not-regular', before.isDirectory() ? 'is a directory' : 'not a regular file (a device, socket or pipe)');
  if (before.size > maxBytes) throw new RefusedFileError('too-large', `file is over the ${maxBytes}-byte limit`, before.size);
  let fd: number;
  try {
    fd = openSync(filePath, OPEN_FLAGS);
  } catch (error) {
    throw refusalOf(error);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.ino !== before.ino || stats.dev !== before.dev) throw new RefusedFileError('link', 'the file changed while it was opened');
    return { bytes: readAtMost(fd, maxBytes, stats.size), realPath: filePath, stats };
  } catch (error) {
    throw refusalOf(error);
  } finally {
    closeSync(fd);
  }
}

/** The bytes of an open file, refusing it once more than `maxBytes` have come (it may have grown). */
function readAtMost(fd: number, maxBytes: number, sizeHint: number): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(maxBytes, sizeHint) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) throw new RefusedFileError('too-large', `file is over the ${maxBytes}-byte limit`, length);
      const larger = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(buffer.length * 2, 64 * 1024)));
      buffer.copy(larger, 0, 0, length);
      buffer = larger;
    }
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) break;
    length += read;
  }
  if (length > maxBytes) throw new RefusedFileError('too-large', `file is over the ${maxBytes}-byte limit`, length);
  return buffer.subarray(0, length);
}

function refusalOf(error: unknown): RefusedFileError {
  if (error instanceof RefusedFileError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new RefusedFileError('missing', 'no such file or directory');
  if (code === 'ELOOP') return new RefusedFileError('link', 'symbolic link: not followed');
  return new RefusedFileError('unreadable', describeFsError(error));
}

/** A short, fixed phrase for a file-system error (no path, no text from the file). */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'input/output error';
    default:
      return code ? `file system error ${code}` : error instanceof Error ? error.message : String(error);
  }
}
