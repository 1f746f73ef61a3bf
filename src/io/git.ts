/**
 * Reading a git repository: revisions, trees and file contents at a revision, without a checkout and
 * without touching the work tree or the index. git runs with an argument array, never through a
 * shell, and only plumbing commands that run no hooks or fsmonitor.
 *
 * git stays local: in a partial clone git would fetch missing objects on demand, which runs the
 * repository's configured upload-pack or ssh command and goes to the network. Every call sets
 * GIT_NO_LAZY_FETCH=1 (git 2.44 and later) and disables every transport on the command line
 * (`-c protocol.allow=never` and each known protocol, which the repository's config cannot
 * override), so no git okr runs can fetch; objects that are not there are reported (missingObjects).
 */
import { spawn } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { UsageError, UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';

/** Options before every git command: no transport at all, whatever the repository's config says. */
export const NO_TRANSPORTS: readonly string[] = [
  'protocol.allow=never',
  ...['file', 'git', 'ssh', 'http', 'https', 'ext', 'fd'].map((name) => `protocol.${name}.allow=never`),
].flatMap((setting) => ['-c', setting]);

/** Thrown by readBlobs when git needed to fetch an object it does not have (a partial clone) and was not let. */
export class ObjectsNotLocalError extends Error {
  constructor(detail: string) {
    super(`file contents are not in the local repository (partial clone): okr does not fetch; run git fetch (${detail})`);
    this.name = 'ObjectsNotLocalError';
  }
}

/** Whether git's stderr says it wanted to fetch from a promisor remote (a partial clone) and could not. */
export function isRefusedFetch(stderr: string): boolean {
  return /promisor remote|lazy fetching disabled|transport '[^']*' not allowed/i.test(stderr);
}

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export interface GitRepository {
  /** Absolute, real path of the work tree's top level. */
  topLevel: string;
  env: Record<string, string | undefined>;
}

export async function runGit(args: readonly string[], options: { cwd: string; env: Record<string, string | undefined>; input?: string }): Promise<GitResult> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.env)) if (value !== undefined) env[key] = value;
  // Never wait on a credential prompt, and take no optional locks (a concurrent `git` must not fail).
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_OPTIONAL_LOCKS = '0';
  // Never fetch (see the module comment).
  env.GIT_NO_LAZY_FETCH = '1';
  env.GIT_PROTOCOL_FROM_USER = '0';
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...NO_TRANSPORTS, ...args], { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'], shell: false });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new UserError('git is not installed or not on the PATH: okr diff needs it', ExitCode.GIT) : error);
    });
    child.on('close', (code) => {
      resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => {
      // git exited before reading all of its input; its exit code tells what happened.
    });
    child.stdin.end(options.input ?? '');
  });
}

/** The repository that holds `dir`; an error (exit 2) when there is none. */
export async function openRepository(dir: string, env: Record<string, string | undefined>): Promise<GitRepository> {
  const result = await runGit(['rev-parse', '--show-toplevel'], { cwd: dir, env });
  if (result.code !== 0) {
    if (/not a git repository/i.test(result.stderr)) throw new UserError(`not in a git repository: ${dir}`, ExitCode.GIT);
    throw new UserError(`git cannot read the repository at ${dir}: ${firstLine(result.stderr)}`, ExitCode.GIT);
  }
  const topLevel = result.stdout.toString('utf8').replace(/\r?\n$/, '');
  if (topLevel === '') throw new UserError(`not in a git work tree: ${dir}`, ExitCode.GIT);
  return { topLevel: await realpath(topLevel), env };
}

/** Rejects what git could take for an option, or what cannot be a revision at all. */
export function checkRevisionArgument(revision: string, what: string): void {
  if (revision === '') throw new UsageError(`${what} revision is empty`);
  if (revision.startsWith('-')) throw new UsageError(`${what} revision "${revision}" starts with "-": give a branch, tag or commit`);
  if (/[\u0000-\u001f\u007f]/.test(revision)) throw new UsageError(`${what} revision contains control characters`);
}

/** The commit a revision names, or null when it names none. */
export async function resolveCommit(repo: GitRepository, revision: string): Promise<string | null> {
  const result = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], { cwd: repo.topLevel, env: repo.env });
  if (result.code !== 0) return null;
  return result.stdout.toString('utf8').trim() || null;
}

/** Like resolveCommit, but a user-facing error (exit 2) for a revision that does not exist. */
export async function requireCommit(repo: GitRepository, revision: string, what: string): Promise<string> {
  checkRevisionArgument(revision, what);
  const commit = await resolveCommit(repo, revision);
  if (commit === null) throw new UserError(`unknown revision "${revision}": no such branch, tag or commit in ${repo.topLevel}`, ExitCode.GIT);
  return commit;
}

export const DEFAULT_BRANCHES = ['origin/HEAD', 'main', 'master'] as const;

/** The merge-base of HEAD with the default branch (origin/HEAD, else main, else master). */
export async function defaultBase(repo: GitRepository): Promise<{ commit: string; branch: string }> {
  const head = await resolveCommit(repo, 'HEAD');
  if (head === null) throw new UserError('the repository has no commits yet: there is nothing to compare with', ExitCode.GIT);
  for (const branch of DEFAULT_BRANCHES) {
    const tip = await resolveCommit(repo, branch);
    if (tip === null) continue;
    const result = await runGit(['merge-base', head, tip], { cwd: repo.topLevel, env: repo.env });
    if (result.code !== 0) throw new UserError(`HEAD and ${branch} have no common ancestor: give the base revision, e.g. okr diff ${branch}`, ExitCode.GIT);
    return { commit: result.stdout.toString('utf8').trim(), branch };
  }
  throw new UserError(`no default branch to compare with (tried ${DEFAULT_BRANCHES.join(', ')}): give the base revision, e.g. okr diff HEAD~1`, ExitCode.GIT);
}

export interface TreeEntry {
  /** Relative to the directory that was listed, with `/`. */
  path: string;
  mode: string;
  type: string;
  object: string;
  size: number | null;
}

/**
 * Every entry below `directory` (relative to the top level, '' for all) at a commit, recursively.
 * Sizes come with them, except in a partial clone that lacks some of the blobs (git would fetch
 * them to tell their size): there every size is null.
 */
export async function listTree(repo: GitRepository, commit: string, directory: string): Promise<TreeEntry[]> {
  const list = (withSizes: boolean) => {
    const args = ['--literal-pathspecs', 'ls-tree', '-r', '-z', ...(withSizes ? ['-l'] : []), '--full-tree', commit];
    if (directory !== '') args.push('--', directory);
    return runGit(args, { cwd: repo.topLevel, env: repo.env });
  };
  let result = await list(true);
  if (result.code !== 0 && isRefusedFetch(result.stderr)) result = await list(false);
  if (result.code !== 0 && isRefusedFetch(result.stderr)) {
    throw new UserError(`the files of ${commit} are not in the local repository (partial clone): okr does not fetch; run git fetch`, ExitCode.GIT);
  }
  if (result.code !== 0) throw new UserError(`git could not list ${commit}: ${firstLine(result.stderr)}`, ExitCode.GIT);
  const prefix = directory === '' ? '' : `${directory}/`;
  return parseTreeListing(result.stdout, prefix);
}

/**
 * The entries at exactly `paths` (relative to the top level, with `/`) at a commit, those that
 * exist; paths relative to the top level. Not recursive: a folder is listed as a tree entry.
 */
export async function listTreePaths(repo: GitRepository, commit: string, paths: readonly string[]): Promise<TreeEntry[]> {
  if (paths.length === 0) return [];
  const result = await runGit(['--literal-pathspecs', 'ls-tree', '-z', '--full-tree', commit, '--', ...paths], { cwd: repo.topLevel, env: repo.env });
  if (result.code !== 0) throw new UserError(`git could not list ${commit}: ${firstLine(result.stderr)}`, ExitCode.GIT);
  const wanted = new Set(paths);
  return parseTreeListing(result.stdout, '').filter((entry) => wanted.has(entry.path));
}

/** `git ls-tree -z` output (with or without `-l`) as entries, keeping those below `prefix` (with it cut off). */
function parseTreeListing(stdout: Buffer, prefix: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of stdout.toString('utf8').split('\0')) {
    if (record === '') continue;
    const match = /^(\d+) (\w+) ([0-9a-f]+)(?: +(-|\d+))?\t([\s\S]*)$/.exec(record);
    if (!match) continue;
    const fullPath = match[5]!;
    if (!fullPath.startsWith(prefix)) continue;
    entries.push({
      path: fullPath.slice(prefix.length),
      mode: match[1]!,
      type: match[2]!,
      object: match[3]!,
      size: match[4] === undefined || match[4] === '-' ? null : Number(match[4]),
    });
  }
  return entries;
}

/** Contents of blobs, by object id, with one `git cat-file --batch` for all of them. */
export async function readBlobs(repo: GitRepository, objects: readonly string[]): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>();
  const unique = [...new Set(objects)];
  if (unique.length === 0) return blobs;
  const result = await runGit(['cat-file', '--batch'], { cwd: repo.topLevel, env: repo.env, input: `${unique.join('\n')}\n` });
  if (result.code !== 0 && isRefusedFetch(result.stderr)) throw new ObjectsNotLocalError(firstLine(result.stderr));
  if (result.code !== 0) throw new UserError(`git could not read file contents: ${firstLine(result.stderr)}`, ExitCode.GIT);
  const out = result.stdout;
  let offset = 0;
  while (offset < out.length) {
    const headerEnd = out.indexOf(0x0a, offset);
    if (headerEnd === -1) break;
    const header = out.toString('utf8', offset, headerEnd).split(' ');
    offset = headerEnd + 1;
    if (header[1] === 'missing' || header.length < 3) continue;
    const size = Number(header[2]);
    blobs.set(header[0]!, out.subarray(offset, offset + size));
    offset += size + 1; // contents are followed by a newline
  }
  return blobs;
}

/**
 * The objects below `directory` (relative to the top level, '' for all) at `commit` that are not in
 * the local repository (a partial clone), found without fetching them (`rev-list --missing=print`).
 */
export async function missingObjects(repo: GitRepository, commit: string, directory: string): Promise<Set<string>> {
  const args = ['--literal-pathspecs', 'rev-list', '--objects', '--missing=print', '--no-walk', commit];
  if (directory !== '') args.push('--', directory);
  const result = await runGit(args, { cwd: repo.topLevel, env: repo.env });
  if (result.code !== 0) throw new UserError(`git could not list the objects of ${commit}: ${firstLine(result.stderr)}`, ExitCode.GIT);
  const missing = new Set<string>();
  for (const line of result.stdout.toString('utf8').split('\n')) if (line.startsWith('?')) missing.add(line.slice(1).trim());
  return missing;
}

/** Where `dir` is inside the repository, relative to its top level with `/` ('' at the top). */
export async function pathInRepository(repo: GitRepository, dir: string): Promise<string> {
  const real = await realpath(dir);
  const relative = path.relative(repo.topLevel, real);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    throw new UserError(`${dir} is outside the git repository at ${repo.topLevel}`, ExitCode.GIT);
  }
  return relative.split(path.sep).join('/');
}

export function shortCommit(commit: string): string {
  return commit.slice(0, 12);
}

function firstLine(text: string): string {
  return text.trim().split(/\r?\n/)[0] ?? '';
}
