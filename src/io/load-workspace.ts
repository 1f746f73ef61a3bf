/** Reads a workspace from disk: its config and the facts of every Markdown file, then links them. */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig, type OkrConfig } from '../core/config.js';
import { buildWorkspaceModel, type WorkspaceModel } from '../core/model.js';
import type { FileFacts } from '../core/parse-file.js';
import { formatSize } from '../core/limits.js';
import { problem, START_OF_FILE, type Problem } from '../core/problem.js';
import { describeFsError, listWorkspaceFiles, type WorkspaceFile } from './workspace-files.js';
import { readFacts } from './file-facts.js';
import { resolveLoadOptions, type LoadOptions } from './load-options.js';

export interface LoadedWorkspace {
  root: string;
  config: OkrConfig;
  model: WorkspaceModel;
}

export async function loadWorkspace(root: string, options: LoadOptions = {}): Promise<LoadedWorkspace> {
  const { config, problems: configProblems } = await readConfig(root);
  const listing = await listWorkspaceFiles(root);
  const facts = await readFileFacts(root, listing.files, config.maxFileSize, options);
  const model = buildWorkspaceModel(facts);
  model.problems.push(...configProblems, ...listing.problems);
  return { root, config, model };
}

export async function readConfig(root: string): Promise<{ config: OkrConfig; problems: Problem[] }> {
  let text: string;
  try {
    text = await readFile(path.join(root, CONFIG_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { config: DEFAULT_CONFIG, problems: [] };
    return { config: DEFAULT_CONFIG, problems: [problem(CONFIG_FILE, START_OF_FILE, 'error', 'unreadable', `cannot be read: ${describeFsError(error)}`)] };
  }
  return parseConfig(text, CONFIG_FILE);
}

/** Facts of every file, in order: from the cache when it has them, else parsed (see file-facts.ts). */
async function readFileFacts(root: string, files: readonly WorkspaceFile[], maxFileSize: number, options: LoadOptions): Promise<FileFacts[]> {
  return readFacts({ root, files, maxFileSize, read: (file) => readOneFile(file, maxFileSize) }, resolveLoadOptions(options));
}

/** Files over the size limit are reported and skipped: nobody writes OKRs that long. */
async function readOneFile(file: WorkspaceFile, maxFileSize: number): Promise<Uint8Array | FileFacts> {
  const empty = (rule: string, message: string): FileFacts => ({
    path: file.path,
    role: 'markdown',
    objective: null,
    fileLinks: [],
    tasks: [],
    problems: [problem(file.path, START_OF_FILE, 'error', rule, message)],
  });
  if (file.size > maxFileSize) {
    return empty('file-too-large', `file is ${formatSize(file.size)}, over the ${formatSize(maxFileSize)} limit: skipped`);
  }
  let bytes: Uint8Array;
  try {
    // Synchronous: for many small files several times faster than the thread pool.
    bytes = readFileSync(file.absolutePath);
  } catch (error) {
    return empty('unreadable', `file cannot be read: ${describeFsError(error)}`);
  }
  if (bytes.length > maxFileSize) {
    return empty('file-too-large', `file is ${formatSize(bytes.length)}, over the ${formatSize(maxFileSize)} limit: skipped`);
  }
  return bytes;
}

