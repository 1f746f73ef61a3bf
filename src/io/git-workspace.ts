/**
 * A workspace as it was at a git revision: the same files the work-tree loader would read (every
 * `*.md` outside `node_modules` and dot-directories, plus okr.config.yaml), read from git objects.
 * Symbolic links and submodules at a revision are skipped.
 */
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig } from '../core/config.js';
import { buildWorkspaceModel } from '../core/model.js';
import { parseOkrFile, type FileFacts } from '../core/parse-file.js';
import { compareStrings, problem, START_OF_FILE, type Problem } from '../core/problem.js';
import { readBlobs, listTree, type GitRepository, type TreeEntry } from './git.js';
import { MAX_FILE_SIZE, type LoadedWorkspace } from './load-workspace.js';

/** `directory` is the workspace root relative to the repository's top level ('' for the top). */
export async function loadWorkspaceAtCommit(repo: GitRepository, commit: string, directory: string): Promise<LoadedWorkspace> {
  const entries = await listTree(repo, commit, directory);
  const markdown = entries.filter((entry) => isWorkspaceMarkdown(entry)).sort((a, b) => compareStrings(a.path, b.path));
  const configEntry = entries.find((entry) => entry.path === CONFIG_FILE && isRegularBlob(entry));
  const readable = markdown.filter((entry) => entry.size === null || entry.size <= MAX_FILE_SIZE);
  const blobs = await readBlobs(repo, [...readable.map((entry) => entry.object), ...(configEntry ? [configEntry.object] : [])]);

  const facts: FileFacts[] = markdown.map((entry) => {
    const bytes = blobs.get(entry.object);
    if (bytes !== undefined && bytes.length <= MAX_FILE_SIZE) return parseOkrFile(entry.path, bytes);
    const tooLarge = (bytes?.length ?? entry.size ?? 0) > MAX_FILE_SIZE;
    return {
      path: entry.path,
      role: 'markdown',
      objective: null,
      fileLinks: [],
      tasks: [],
      problems: [
        tooLarge
          ? problem(entry.path, START_OF_FILE, 'error', 'file-too-large', `file is over the ${MAX_FILE_SIZE / 1024 / 1024} MB limit: skipped`)
          : problem(entry.path, START_OF_FILE, 'error', 'unreadable', 'file cannot be read from git'),
      ],
    };
  });
  let config = DEFAULT_CONFIG;
  let configProblems: Problem[] = [];
  const configBytes = configEntry ? blobs.get(configEntry.object) : undefined;
  if (configBytes !== undefined) ({ config, problems: configProblems } = parseConfig(configBytes.toString('utf8'), CONFIG_FILE));
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
