/**
 * Lists the Markdown files of a workspace: every `*.md` below the root except in `node_modules`,
 * `.git` and dot-directories, and except what the `.gitignore` files and the config's `exclude:`
 * globs leave out (ignore-rules.ts; an ignored folder is not entered). Never leaves the root:
 * symlinks are followed only to regular files inside it, and symlinked directories are not entered
 * (so no loops).
 */
import { lstatSync, readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { trustedSignature } from './file-signature.js';
import { describeFsError, isInside, readGuardedFile, RefusedFileError, type FileIdentity } from './guarded-file.js';
import { GITIGNORE, IgnoreRules, MAX_GITIGNORE_SIZE, type OuterIgnoreFile } from './ignore-rules.js';
import { findRepositoryRoot } from './repository-root.js';
import { formatSize } from '../parse/limits.js';
import { compareStrings, problem, START_OF_FILE, type Problem } from '../model/problem.js';
import type { RuleId, SeverityOf } from '../model/rules.js';
import { findInvalidUtf8 } from '../parse/utf8.js';

export interface WorkspaceFile {
  /** Relative to the root, with `/`. */
  path: string;
  absolutePath: string;
  size: number;
  /**
   * The file's (for a link, its target's) signature when it was listed, when it can be trusted
   * (see file-signature.ts): the facts cache goes by it. Absent when not known.
   */
  signature?: string | null;
  /**
   * For a regular file found by walking real folders (not through a link): its device and inode
   * when listed, so that it can be read without resolving its path (see readListedFile).
   */
  identity?: FileIdentity;
}

export interface WorkspaceListing {
  files: WorkspaceFile[];
  problems: Problem[];
}

const SKIPPED_DIRECTORIES = new Set(['node_modules']);

/**
 * The Markdown files below `root` (see the module comment), sorted by path, with a problem for each
 * that cannot be listed or read. `rules` (default: none) are the ignore rules at the root, without
 * the root's own `.gitignore`, which is read here like the nested ones; a `.gitignore` that cannot
 * be read is an `unreadable` error and its patterns do not apply.
 */
export async function listWorkspaceFiles(root: string, rules: IgnoreRules = IgnoreRules.create([], [])): Promise<WorkspaceListing> {
  const realRoot = await realpath(root);
  const files: WorkspaceFile[] = [];
  const problems: Problem[] = [];
  const note = <R extends RuleId>(relative: string, severity: SeverityOf<R>, rule: R, message: string) => problems.push(problem(relative, START_OF_FILE, severity, rule, message));

  const pending: { dir: string; rules: IgnoreRules }[] = [{ dir: '', rules }];
  while (pending.length > 0) {
    const { dir: relativeDir, rules: outerRules } = pending.pop()!;
    const absoluteDir = path.join(root, relativeDir);
    let entries: Dirent[];
    try {
      // Synchronous, a directory at a time: through the thread pool, a large tree takes several times longer.
      entries = readdirSync(absoluteDir, { withFileTypes: true });
    } catch (error) {
      note(relativeDir || '.', 'error', 'unreadable', `directory cannot be read: ${describeFsError(error)}`);
      continue;
    }
    const badNames = namesNotUtf8(absoluteDir, entries);
    let here = outerRules;
    // A .gitignore that is a symbolic link is not read, as git does not read one.
    if (entries.some((entry) => entry.name === GITIGNORE && entry.isFile())) {
      const read = readIgnoreFile(path.join(absoluteDir, GITIGNORE), realRoot);
      if (typeof read === 'string') here = here.enter(relativeDir, read);
      else note(relativeDir === '' ? GITIGNORE : `${relativeDir}/${GITIGNORE}`, 'error', 'unreadable', `${read.reason}: its patterns are not applied`);
    }
    const test = !here.empty;
    for (const entry of entries) {
      const relative = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
      if (badNames?.has(entry.name)) {
        if (entry.isDirectory() || entry.name.toLowerCase().endsWith('.md')) {
          note(relative, 'error', 'invalid-utf8', `${entry.isDirectory() ? 'folder' : 'file'} name is not valid UTF-8: skipped; rename it`);
        }
        continue;
      }
      // Joined by hand: path.join's normalising shows for thousands of files, and a name has no separator.
      const absolute = absoluteDir.endsWith(path.sep) ? absoluteDir + entry.name : absoluteDir + path.sep + entry.name;
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || SKIPPED_DIRECTORIES.has(entry.name)) continue;
        if (test && here.ignores(relative, true)) continue;
        pending.push({ dir: relative, rules: here });
      } else if (entry.name.toLowerCase().endsWith('.md')) {
        if (test && here.ignores(relative, false)) continue;
        if (entry.isFile()) {
          const status = statusOf(absolute, lstatSync);
          if (status === null) note(relative, 'error', 'unreadable', 'file vanished or cannot be read');
          else files.push({ path: relative, absolutePath: absolute, size: status.size, signature: status.signature, identity: { dev: status.stats.dev, ino: status.stats.ino } });
        } else if (entry.isSymbolicLink()) {
          const target = await resolveLinkInside(absolute, realRoot);
          // Read the checked target, not the link, so a link changed meanwhile cannot lead outside.
          if (target.ok) files.push({ path: relative, absolutePath: target.path, size: target.status.size, signature: target.status.signature });
          else note(relative, 'warning', 'skipped-link', target.reason);
        } else {
          note(relative, 'warning', 'skipped-file', 'not a regular file (a device, socket or pipe): skipped');
        }
      }
    }
  }
  files.sort((a, b) => compareStrings(a.path, b.path));
  return { files, problems };
}

/**
 * The ignore rules at workspace `root` before its own `.gitignore` (which listWorkspaceFiles reads):
 * the `.gitignore` files of the folders above it up to the top of the git repository it is in
 * (none outside a repository; one that cannot be read is left out), and the config's `exclude` globs.
 */
export async function ignoreRulesAt(root: string, exclude: readonly string[]): Promise<IgnoreRules> {
  const outer: OuterIgnoreFile[] = [];
  const absolute = path.resolve(root);
  const top = await findRepositoryRoot(absolute);
  if (top !== null && top !== absolute) {
    for (let dir = path.dirname(absolute); ; dir = path.dirname(dir)) {
      const text = readIgnoreFile(path.join(dir, GITIGNORE), top);
      if (typeof text === 'string') outer.unshift({ prefix: `${path.relative(dir, absolute).split(path.sep).join('/')}/`, text });
      if (dir === top || path.dirname(dir) === dir) break;
    }
  }
  return IgnoreRules.create(outer, exclude);
}

/** A `.gitignore`'s text (a regular file inside the real root, at most MAX_GITIGNORE_SIZE bytes), or why it cannot be read. */
export function readIgnoreFile(file: string, root: string): string | { reason: string } {
  try {
    return readGuardedFile(file, { root, maxBytes: MAX_GITIGNORE_SIZE, followLinks: false }).bytes.toString('utf8');
  } catch (error) {
    if (!(error instanceof RefusedFileError)) throw error;
    if (error.reason === 'too-large') return { reason: `file is over the ${formatSize(MAX_GITIGNORE_SIZE)} a .gitignore may have` };
    return { reason: `file cannot be read: ${error.message}` };
  }
}

/**
 * The names (as Node decodes them, bad bytes as U+FFFD) of the entries whose names are not valid
 * UTF-8, or null when none can be: such a name cannot be opened by its decoded form.
 */
function namesNotUtf8(dir: string, entries: readonly Dirent[]): Set<string> | null {
  if (!entries.some((entry) => entry.name.includes('\ufffd'))) return null;
  const bad = new Set<string>();
  try {
    for (const name of readdirSync(dir, { encoding: 'buffer' })) {
      if (findInvalidUtf8(name) !== -1) bad.add(name.toString('utf8'));
    }
  } catch {
    // Listed a moment ago: whatever fails now is reported when the entry is read.
  }
  return bad;
}

interface FileStatus {
  stats: Stats;
  size: number;
  signature: string | null;
}

function statusOf(file: string, stat: typeof lstatSync /* or statSync: the same type */): FileStatus | null {
  const takenAtMs = Date.now();
  try {
    // Synchronous: one stat per file through the thread pool, awaited in turn, costs far more.
    const stats = stat(file, { throwIfNoEntry: false });
    return stats ? { stats, size: stats.size, signature: trustedSignature(stats, takenAtMs) } : null;
  } catch {
    return null;
  }
}

async function resolveLinkInside(link: string, realRoot: string): Promise<{ ok: true; path: string; status: FileStatus } | { ok: false; reason: string }> {
  let target: string;
  try {
    target = await realpath(link);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ELOOP' ? 'symbolic link loop: skipped' : 'broken symbolic link: skipped' };
  }
  if (!isInside(realRoot, target)) {
    return { ok: false, reason: 'symbolic link points outside the workspace: skipped' };
  }
  // A link must not reach what the lister itself never enters (.git holds the checkout's token).
  if (
    path
      .relative(realRoot, target)
      .split(path.sep)
      .slice(0, -1)
      .some((part) => part.startsWith('.') || SKIPPED_DIRECTORIES.has(part))
  ) {
    return { ok: false, reason: 'symbolic link points into a folder okr skips (a dot-folder or node_modules): skipped' };
  }
  const status = statusOf(target, statSync);
  if (!status?.stats.isFile()) return { ok: false, reason: 'symbolic link does not point to a regular file: skipped' };
  return { ok: true, path: target, status };
}
