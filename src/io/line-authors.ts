/**
 * Who changed which lines (`okr diff --since`): `git blame` of the working-tree files over the
 * commits after a base, so each line is credited to the author of the commit that last changed it
 * after the base, as git records the name. blame runs no hooks; its output is read in porcelain form.
 */
import path from 'node:path';
import { runGit, type GitRepository } from './git.js';

/**
 * For each file (relative to the workspace `directory` inside the repository, with `/`), each line
 * of its working-tree content (index 0 for line 1) with its author: the author of the commit after
 * `base` that last changed it, or null when no commit after `base` did (or the change is not
 * committed yet). `base` null: every commit counts (the workspace had none before). A file git
 * cannot blame (not in HEAD) gives no entry. Never throws for a file; git missing rejects.
 */
export async function lineAuthors(repo: GitRepository, directory: string, base: string | null, files: readonly string[]): Promise<Map<string, BlamedLine[]>> {
  const authors = new Map<string, BlamedLine[]>();
  for (const file of files) {
    const inRepo = directory === '' ? file : `${directory}/${file}`;
    const args = ['blame', '--porcelain', '--contents', path.join(repo.topLevel, inRepo), ...(base === null ? ['--root'] : [`^${base}`]), '--', inRepo];
    const result = await runGit(args, { cwd: repo.topLevel, env: repo.env });
    if (result.code !== 0) continue;
    authors.set(file, parseBlame(result.stdout.toString('utf8')));
  }
  return authors;
}

const NOT_COMMITTED = /^0{40}$/;

/** One line of a blamed file: its text, and the author of the commit after the base that last changed it (null when none did). */
export interface BlamedLine {
  author: string | null;
  text: string;
}

/** `git blame --porcelain` output as each final line's text and author (null for boundary and uncommitted lines). */
export function parseBlame(output: string): BlamedLine[] {
  const commits = new Map<string, { author: string | null; boundary: boolean }>();
  const lines: BlamedLine[] = [];
  let current: { author: string | null; boundary: boolean } | null = null;
  let finalLine = 0;
  for (const line of output.split('\n')) {
    const header = /^([0-9a-f]{40}) \d+ (\d+)(?: \d+)?$/.exec(line);
    if (header) {
      const sha = header[1]!;
      finalLine = Number(header[2]);
      current = commits.get(sha) ?? { author: null, boundary: NOT_COMMITTED.test(sha) };
      commits.set(sha, current);
      continue;
    }
    if (current === null) continue;
    if (line.startsWith('author ')) current.author = line.slice('author '.length);
    else if (line === 'boundary') current.boundary = true;
    else if (line.startsWith('\t')) {
      lines[finalLine - 1] = { author: current.boundary ? null : current.author, text: line.slice(1) };
    }
  }
  return Array.from(lines, (line) => line ?? { author: null, text: '' });
}
