/** Reads a workspace from disk: its config and the facts of every Markdown file, then links them. */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE, DEFAULT_CONFIG, type OkrConfig } from '../core/config-defaults.js';
import { buildWorkspaceModel, type WorkspaceModel } from '../core/model.js';
import type { FileFacts } from '../core/parse-file.js';
import { formatSize } from '../core/limits.js';
import { problem, START_OF_FILE, type Problem } from '../core/problem.js';
import { describeFsError, listWorkspaceFiles, type WorkspaceFile } from './workspace-files.js';
import { cacheRoot, FactsCache, sha256 } from './facts-cache.js';
import { DamagedCacheError, readFacts } from './file-facts.js';
import { resolveLoadOptions, type LoadOptions } from './load-options.js';
import { maxFileSizeOf } from './max-file-size.js';

export interface LoadedWorkspace {
  root: string;
  config: OkrConfig;
  model: WorkspaceModel;
}

export async function loadWorkspace(root: string, options: LoadOptions = {}): Promise<LoadedWorkspace> {
  const { config, problems: configProblems } = await readConfig(root, options);
  const listing = await listWorkspaceFiles(root);
  const request = { root, files: listing.files, maxFileSize: config.maxFileSize, read: (file: WorkspaceFile) => readOneFile(file, config.maxFileSize) };
  const resolved = resolveLoadOptions(options);
  let model: WorkspaceModel;
  try {
    const { facts, tasksOf } = await readFacts({ ...request, deferTasks: true }, resolved);
    model = buildWorkspaceModel(facts, tasksOf);
  } catch (error) {
    if (!(error instanceof DamagedCacheError)) throw error;
    // A cache entry that reads as facts but whose task items do not: read the files again.
    const { facts } = await readFacts({ ...request, ignoreCached: true }, resolved);
    model = buildWorkspaceModel(facts);
  }
  model.problems.push(...configProblems, ...listing.problems);
  return { root, config, model };
}

/**
 * okr.config.yaml at `root`, parsed (or from the cache), with its problems. Its max_file_size is
 * capped at the limit of the load options (see LoadOptions.maxFileSize).
 */
export async function readConfig(root: string, options: LoadOptions = {}): Promise<{ config: OkrConfig; problems: Problem[] }> {
  const resolved = resolveLoadOptions(options);
  const limit = maxFileSizeOf(resolved);
  const defaults: OkrConfig = limit === DEFAULT_CONFIG.maxFileSize ? DEFAULT_CONFIG : { ...DEFAULT_CONFIG, maxFileSize: limit };
  let text: string;
  try {
    text = await readFile(path.join(root, CONFIG_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { config: defaults, problems: [] };
    return { config: defaults, problems: [problem(CONFIG_FILE, START_OF_FILE, 'error', 'unreadable', `cannot be read: ${describeFsError(error)}`)] };
  }
  // Cached like the facts of files, which spares a warm run loading the YAML and schema libraries;
  // by the text and the limit it was parsed under.
  const cache = resolved.cache ? new FactsCache(cacheRoot(resolved.env)) : null;
  const hash = cache ? sha256(limit === DEFAULT_CONFIG.maxFileSize ? text : `${limit}\0${text}`) : '';
  const stored = cache?.getConfig(hash);
  const known = stored ? decodeConfig(stored) : null;
  if (known) return known;
  const { parseConfig } = await import('../core/config.js');
  const parsed = parseConfig(text, CONFIG_FILE, limit);
  if (cache) {
    cache.putConfig(hash, JSON.stringify(parsed));
    await cache.close();
  }
  return parsed;
}

/** A parsed config as stored by readConfig, or null when the JSON is not one. */
function decodeConfig(json: string): { config: OkrConfig; problems: Problem[] } | null {
  try {
    const value = JSON.parse(json) as { config?: Partial<OkrConfig>; problems?: unknown };
    const config = value.config;
    const isNumber = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
    if (!config || !isNumber(config.maxFileSize) || !isNumber(config.thresholds?.onTrack) || !isNumber(config.thresholds?.atRisk)) return null;
    if (!Array.isArray(value.problems) || !value.problems.every(isProblem)) return null;
    return { config: config as OkrConfig, problems: value.problems as Problem[] };
  } catch {
    return null;
  }
}

function isProblem(value: unknown): boolean {
  const problem = value as Partial<Problem> | null;
  return (
    typeof problem === 'object' &&
    problem !== null &&
    problem.file === CONFIG_FILE &&
    typeof problem.line === 'number' &&
    typeof problem.column === 'number' &&
    (problem.severity === 'error' || problem.severity === 'warning') &&
    typeof problem.rule === 'string' &&
    typeof problem.message === 'string'
  );
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

