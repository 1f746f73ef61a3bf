/** Reads a workspace from disk: its config and the facts of every Markdown file, then links them. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig, type OkrConfig } from '../core/config.js';
import { buildWorkspaceModel, type WorkspaceModel } from '../core/model.js';
import { parseOkrFile, type FileFacts } from '../core/parse-file.js';
import { problem, START_OF_FILE, type Problem } from '../core/problem.js';
import { describeFsError, listWorkspaceFiles, type WorkspaceFile } from './workspace-files.js';

/** Files larger than this are reported and skipped: nobody writes OKRs that long. */
export const MAX_FILE_SIZE = 5 * 1024 * 1024;

export interface LoadedWorkspace {
  root: string;
  config: OkrConfig;
  model: WorkspaceModel;
}

export async function loadWorkspace(root: string): Promise<LoadedWorkspace> {
  const { config, problems: configProblems } = await readConfig(root);
  const listing = await listWorkspaceFiles(root);
  const facts = await readFileFacts(listing.files);
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

const CONCURRENT_READS = 32;

async function readFileFacts(files: readonly WorkspaceFile[]): Promise<FileFacts[]> {
  const results: FileFacts[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      results[index] = await readOneFile(files[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_READS, files.length) }, worker));
  return results;
}

async function readOneFile(file: WorkspaceFile): Promise<FileFacts> {
  const empty = (rule: string, message: string): FileFacts => ({
    path: file.path,
    role: 'markdown',
    objective: null,
    fileLinks: [],
    tasks: [],
    problems: [problem(file.path, START_OF_FILE, 'error', rule, message)],
  });
  if (file.size > MAX_FILE_SIZE) {
    return empty('file-too-large', `file is ${formatSize(file.size)}, over the ${formatSize(MAX_FILE_SIZE)} limit: skipped`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file.absolutePath);
  } catch (error) {
    return empty('unreadable', `file cannot be read: ${describeFsError(error)}`);
  }
  if (bytes.length > MAX_FILE_SIZE) {
    return empty('file-too-large', `file is ${formatSize(bytes.length)}, over the ${formatSize(MAX_FILE_SIZE)} limit: skipped`);
  }
  return parseOkrFile(file.path, bytes);
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}
