/**
 * The folder okr keeps its cache in, and what okr may do there. The cache root (OKR_CACHE_DIR, or
 * the default) may be a shared folder such as /tmp or $RUNNER_TEMP, so okr keeps its data in a
 * folder of its own inside it, `okr-cache/`, marked as okr's (CACHEDIR.TAG and okr-cache.json), and
 * touches nothing else there. Inside it, each version folder carries a marker too, and only marked
 * version folders are ever removed.
 *
 * A folder that another user could have written is not used: okr's folder must be a real
 * directory (not a symbolic link) owned by the user running okr and writable by nobody else, and the
 * cache root holding it must belong to that user or to root and, when others may write to it, have
 * the sticky bit (as /tmp has) so that nobody else can move okr's folder away or put another in its
 * place. Nothing here follows a symbolic link inside okr's folder: directories are checked with
 * `lstat` before use, files are created with O_EXCL | O_NOFOLLOW and renamed into place.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import path from 'node:path';
import { readGuardedFile, RefusedFileError } from './guarded-file.js';

/** The name of okr's own folder inside the cache root. */
export const CACHE_FOLDER = 'okr-cache';
/** The standard cache directory tag (https://bford.info/cachedir/): backup tools skip the folder. */
export const CACHEDIR_TAG = 'CACHEDIR.TAG';
export const CACHEDIR_TAG_TEXT =
  'Signature: 8a477f597d28d0efbb8bb47a5f6ae8e2\n# This file is a cache directory tag created by okr.\n# For information about cache directory tags, see https://bford.info/cachedir/\n';
/** okr's own marker of its folder. */
export const OWNER_MARKER = 'okr-cache.json';
export const OWNER_MARKER_TEXT = '{"owner":"okr","content":"okr facts cache; safe to delete"}\n';
/** The marker of a version folder inside okr's folder; its text names the folder. */
export const VERSION_MARKER = 'okr-version';

/** The text of the marker of version folder `version`. */
export function versionMarkerText(version: string): string {
  return `okr-cache-version ${version}\n`;
}

const MARKER_MAX_BYTES = 4096;

/** Flags of every file okr creates in its cache: new (never an existing file or a link), written only. */
export const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

export type CacheFolderCheck =
  /** okr may use `folder`; `exists` says whether it is there already (else it is to be created). */
  | { usable: true; folder: string; exists: boolean }
  /** okr must not use the cache: `reason` is a short phrase (no text from any file). */
  | { usable: false; folder: string; reason: string };

/**
 * Whether okr may keep its cache in `root`/okr-cache (see the module comment for the rules); reads
 * only the two folders' `lstat`/`stat` and okr's marker. Never throws.
 */
export function checkCacheFolder(root: string): CacheFolderCheck {
  const folder = path.join(root, CACHE_FOLDER);
  const refuse = (reason: string): CacheFolderCheck => ({ usable: false, folder, reason });
  const uid = process.getuid?.();
  let parent: Stats | undefined;
  try {
    parent = statSync(root, { throwIfNoEntry: false });
  } catch (error) {
    return refuse(`its folder ${root} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  // No root yet: it is created, private, with okr's folder.
  if (parent === undefined) return { usable: true, folder, exists: false };
  if (!parent.isDirectory()) return refuse(`${root} is not a directory`);
  if (uid !== undefined) {
    if (parent.uid !== uid && parent.uid !== 0) return refuse(`${root} belongs to another user`);
    if ((parent.mode & 0o022) !== 0 && (parent.mode & 0o1000) === 0) return refuse(`${root} is writable by other users and has no sticky bit`);
  }
  let own: Stats | undefined;
  try {
    own = lstatSync(folder, { throwIfNoEntry: false });
  } catch (error) {
    return refuse(`it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (own === undefined) return { usable: true, folder, exists: false };
  if (own.isSymbolicLink()) return refuse('it is a symbolic link');
  if (!own.isDirectory()) return refuse('it is not a directory');
  if (uid !== undefined) {
    if (own.uid !== uid) return refuse('it belongs to another user');
    if ((own.mode & 0o022) !== 0) return refuse('it is writable by other users');
  }
  if (readMarker(folder, OWNER_MARKER) !== OWNER_MARKER_TEXT) return refuse(`it is not marked as okr's (no ${OWNER_MARKER})`);
  return { usable: true, folder, exists: true };
}

/** The text of marker `name` in `folder` (a regular file, no link), or null. */
function readMarker(folder: string, name: string): string | null {
  try {
    return readGuardedFile(path.join(folder, name), { root: folder, maxBytes: MARKER_MAX_BYTES, followLinks: false }).bytes.toString('latin1');
  } catch (error) {
    if (error instanceof RefusedFileError) return null;
    throw error;
  }
}

/**
 * Creates directory `name` in `parent` with its marker files in it, all at once: a temporary
 * directory is filled and renamed into place, so nobody ever sees it unmarked. True when it is
 * there now (made here or by a concurrent okr), false when it cannot be made. Never throws.
 */
export function createMarkedDirectory(parent: string, name: string, markers: Readonly<Record<string, string>>): boolean {
  const target = path.join(parent, name);
  let temporary: string | null = null;
  try {
    mkdirSync(parent, { recursive: true, mode: 0o700 });
    temporary = path.join(parent, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    mkdirSync(temporary, { mode: 0o700 });
    for (const [marker, text] of Object.entries(markers)) {
      if (!writeNewFile(path.join(temporary, marker), Buffer.from(text))) throw new Error('marker not written');
    }
    renameSync(temporary, target);
    temporary = null;
    return true;
  } catch {
    // Made by a concurrent okr meanwhile (EEXIST, ENOTEMPTY): fine when it is a directory now.
    return isRealDirectory(target);
  } finally {
    if (temporary !== null) {
      try {
        rmSync(temporary, { recursive: true, force: true });
      } catch {
        // Nothing to remove.
      }
    }
  }
}

/** Whether `dir` is a directory itself, not a symbolic link to one. */
export function isRealDirectory(dir: string): boolean {
  try {
    return lstatSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

/** Whether `dir` is a version folder okr made: a real directory holding its marker, naming it. */
export function isMarkedVersion(dir: string): boolean {
  return isRealDirectory(dir) && readMarker(dir, VERSION_MARKER) === versionMarkerText(path.basename(dir));
}

/**
 * Makes sure `dir` is a real directory at or below `base` (already checked), every folder between
 * them too: missing ones are created (private), and a symbolic link or a file on the way means no
 * (nothing is written through a link). `known` remembers folders checked already. Never throws.
 */
export function ensureDirectoryBelow(base: string, dir: string, known?: Set<string>): boolean {
  if (known?.has(dir)) return true;
  const relative = path.relative(base, dir);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return false;
  let at = base;
  for (const part of relative === '' ? [] : relative.split(path.sep)) {
    at = path.join(at, part);
    if (known?.has(at)) continue;
    try {
      mkdirSync(at, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return false;
    }
    if (!isRealDirectory(at)) return false;
    known?.add(at);
  }
  return true;
}

/**
 * Writes `bytes` to a new file `file` (never an existing file or a link: O_EXCL | O_NOFOLLOW),
 * checking that every byte was written (the count of each write and the size after): true when it
 * was; else the file is removed and false. Never throws.
 */
export function writeNewFile(file: string, bytes: Uint8Array): boolean {
  let fd: number | null = null;
  try {
    fd = openSync(file, CREATE_FLAGS, 0o600);
    writeAll(fd, bytes);
    if (fstatSync(fd).size !== bytes.length) throw new Error('short write');
    closeSync(fd);
    fd = null;
    return true;
  } catch {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // Closed already.
      }
      try {
        rmSync(file, { force: true });
      } catch {
        // Never made.
      }
    }
    return false;
  }
}

/** Writes all of `bytes` at the file's position; throws when a write makes no progress (a full disk, a size limit). */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length;) {
    const written = writeSync(fd, bytes, at, bytes.length - at);
    if (written <= 0) throw new Error('short write');
    at += written;
  }
}

/**
 * Removes version folders of `folder` (okr's own) other than `current` that carry okr's marker and
 * have not been used for `maxAgeMs`, and temporary folders of okr's naming left for an hour by a
 * process killed while making one. Anything unmarked stays. Never throws.
 */
export function pruneVersions(folder: string, current: string, maxAgeMs: number, now = Date.now()): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (name === current) continue;
    const dir = path.join(folder, name);
    try {
      if (/^\.v\d+-.*\.tmp$/.test(name)) {
        if (isRealDirectory(dir) && now - lstatSync(dir).mtimeMs > STALE_TEMPORARY_AGE_MS) rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (!/^v\d+-/.test(name) || !isMarkedVersion(dir)) continue;
      if (now - lstatSync(dir).mtimeMs > maxAgeMs) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another okr may be removing it too.
    }
  }
}

/** Temporary files and folders of processes killed while writing: gone after an hour. */
export const STALE_TEMPORARY_AGE_MS = 60 * 60 * 1000;
