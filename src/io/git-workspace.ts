/**
 * A workspace as it was at a git revision: the same files the work-tree loader would read (every
 * `*.md` outside `node_modules` and dot-directories, plus okr.config.yaml), read from git objects.
 * Symbolic links and submodules at a revision are skipped.
 */
import path from 'node:path';
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig } from '../core/config.js';
import { buildWorkspaceModel } from '../core/model.js';
import type { FileFacts } from '../core/parse-file.js';
import { formatSize } from '../core/limits.js';
import { compareStrings, problem, START_OF_FILE, type Problem } from '../core/problem.js';
import { readBlobs, listTree, type GitRepository, type TreeEntry } from './git.js';
import type { LoadedWorkspace } from './load-workspace.js';
import { factsOfContents } from './file-facts.js';
import { resolveLoadOptions } from './load-options.js';

/** `directory` is the workspace root relative to the repository's top level ('' for the top). */
export async function loadWorkspaceAtCommit(repo: GitRepository, commit: string, directory: string): Promise<LoadedWorkspace> {
  const entries = await listTree(repo, commit, directory);
  const markdown = entries.filter((entry) => isWorkspaceMarkdown(entry)).sort((a, b) => compareStrings(a.path, b.path));

  // The config comes first: it sets the size limit for the rest.
  const options = resolveLoadOptions();
  let config = options.maxFileSize === DEFAULT_CONFIG.maxFileSize ? DEFAULT_CONFIG : { ...DEFAULT_CONFIG, maxFileSize: options.maxFileSize };
  let configProblems: Problem[] = [];
  const configEntry = entries.find((entry) => entry.path === CONFIG_FILE && isRegularBlob(entry));
  if (configEntry) {
    const bytes = (await readBlobs(repo, [configEntry.object])).get(configEntry.object);
    if (bytes !== undefined) ({ config, problems: configProblems } = parseConfig(bytes.toString('utf8'), CONFIG_FILE, options.maxFileSize));
  }
  const limit = config.maxFileSize;
  const blobs = await readBlobs(
    repo,
    markdown.filter((entry) => entry.size === null || entry.size <= limit).map((entry) => entry.object),
  );

  const contents = markdown.flatMap((entry) => {
    const bytes = blobs.get(entry.object);
    return bytes !== undefined && bytes.length <= limit ? [{ path: entry.path, bytes }] : [];
  });
  const parsed = new Map((await factsOfContents(contents, resolveLoadOptions(), path.join(repo.topLevel, directory))).map((facts) => [facts.path, facts]));
  const facts: FileFacts[] = markdown.map((entry) => {
    const known = parsed.get(entry.path);
    if (known) return known;
    const bytes = blobs.get(entry.object);
    const size = bytes?.length ?? entry.size ?? 0;
    return {
      path: entry.path,
      role: 'markdown',
      objective: null,
      fileLinks: [],
      tasks: [],
      problems: [
        size > limit
          ? problem(entry.path, START_OF_FILE, 'error', 'file-too-large', `file is ${formatSize(size)}, over the ${formatSize(limit)} limit: skipped`)
          : problem(entry.path, START_OF_FILE, 'error', 'unreadable', 'file cannot be read from git'),
      ],
    };
  });
  const model = buildWorkspaceModel(facts);
  model.problems.push(...configProblems);
  return { root: directory, config, model };
}

function isRegularBlob(entry: TreeEntry): boolean {
  return entry.type === 'blob' && (entry.mode === '100644' || entry.mode === '100755');
}

function isWorkspaceMarkdown(entry: TreeEntry): boolean {
  if (!isRegularBlob(entry) || !entry.path.toLowerCase().endsWith('.md')) return false;
  const directories = entry.path.split('/').slice(0, -1);
  return !directories.some((name) => name.startsWith('.') || name === 'node_modules');
}
