/**
 * A workspace's history from git: the commits on the first-parent history of HEAD that changed it,
 * what each changed, and commit dates. Plumbing only (`rev-list`, `diff-tree`, `hash-object`), run by
 * git.ts's runGit, so nothing is fetched and no hook runs.
 */
import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { runGit, type GitRepository } from './git.js';

/** A commit with its committer date. */
export interface DatedCommit {
  commit: string;
  /** Committer date as seconds since the epoch. */
  timestamp: number;
  /** Committer date as YYYY-MM-DD, in the committer's own time zone (as `git log` shows it). */
  date: string;
}

/**
 * The commits on the first-parent history of HEAD that changed something below `directory`
 * (relative to the top level, '' for all), oldest first. Empty when HEAD has no commit yet.
 */
export async function firstParentCommits(repo: GitRepository, directory: string): Promise<DatedCommit[]> {
  const head = await runGit(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: repo.topLevel, env: repo.env });
  if (head.code !== 0) return [];
  const args = ['--literal-pathspecs', 'rev-list', '--first-parent', '--format=%ct %cI', 'HEAD'];
  if (directory !== '') args.push('--', directory);
  return parseDatedCommits(await git(repo, args, 'list the history of HEAD')).reverse();
}

/** The committer date of `commit` (a full commit id). */
export async function commitDate(repo: GitRepository, commit: string): Promise<DatedCommit> {
  const found = parseDatedCommits(await git(repo, ['rev-list', '--no-walk', '--format=%ct %cI', commit], `read commit ${commit}`))[0];
  if (!found) throw new UserError(`git could not read commit ${commit}`, ExitCode.GIT);
  return found;
}

/** `rev-list --format=%ct %cI` output: `commit <id>` lines, each followed by the formatted line. */
function parseDatedCommits(stdout: string): DatedCommit[] {
  const commits: DatedCommit[] = [];
  const lines = stdout.split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    const header = /^commit ([0-9a-f]+)$/.exec(lines[i]!);
    const dated = /^(\d+) (\d{4}-\d{2}-\d{2})T/.exec(lines[i + 1]!);
    if (!header || !dated) continue;
    commits.push({ commit: header[1]!, timestamp: Number(dated[1]), date: dated[2]! });
    i++;
  }
  return commits;
}

/** One path that differs between two commits. */
export interface ChangedPath {
  /** Relative to the directory compared, with `/`. */
  path: string;
  /** The new side's mode and object id; null when the path was deleted. */
  mode: string | null;
  object: string | null;
}

/**
 * For each pair `[from, to]` of commits, the paths below `directory` whose entries differ between
 * them, in the pairs' order: one `git diff-tree --stdin -r` for all (no rename detection: a rename is
 * a deletion and an addition).
 */
export async function changedPathsOfPairs(repo: GitRepository, pairs: readonly (readonly [string, string])[], directory: string): Promise<ChangedPath[][]> {
  if (pairs.length === 0) return [];
  const args = ['--literal-pathspecs', 'diff-tree', '--stdin', '-r', '-z', '--no-renames', '--always'];
  if (directory !== '') args.push('--', directory);
  const input = pairs.map(([from, to]) => `${to} ${from}\n`).join('');
  const out = await git(repo, args, 'compare the commits of the history', input);
  const prefix = directory === '' ? '' : `${directory}/`;
  const records = out.split('\0');
  const result: ChangedPath[][] = [];
  let current: ChangedPath[] | null = null;
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const meta = /^:(\d+) (\d+) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])/.exec(record);
    if (meta && current) {
      const file = records[++i] ?? '';
      if (!file.startsWith(prefix)) continue;
      const deleted = meta[5] === 'D';
      current.push({ path: file.slice(prefix.length), mode: deleted ? null : meta[2]!, object: deleted ? null : meta[4]! });
    } else if (/^[0-9a-f]{40,64}$/.test(record)) {
      current = [];
      result.push(current);
    }
  }
  if (result.length !== pairs.length) throw new UserError(`git compared ${result.length} of ${pairs.length} commits of the history`, ExitCode.GIT);
  return result;
}

/** The blob ids git would give the files at `paths` (absolute), with the repository's filters: one `hash-object` for all. */
export async function hashFiles(repo: GitRepository, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const out = await git(repo, ['hash-object', '--stdin-paths'], 'hash the working tree files', `${paths.join('\n')}\n`);
  return out.split('\n').filter((line) => line !== '');
}

async function git(repo: GitRepository, args: string[], what: string, input?: string): Promise<string> {
  const result = await runGit(args, { cwd: repo.topLevel, env: repo.env, input });
  if (result.code !== 0) throw new UserError(`git could not ${what}: ${result.stderr.trim().split(/\r?\n/)[0] ?? ''}`, ExitCode.GIT);
  return result.stdout.toString('utf8');
}
