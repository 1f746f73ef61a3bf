/** Reads a workspace from disk: its config and the facts of every Markdown file, then links them. */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { pushAll } from '../model/arrays.js';
import { CONFIG_FILES, DEFAULT_CONFIG, type OkrConfig } from '../model/config.js';
import { linkWorkspace, type MaybeTasksOf, type TaskCountsOf, type TaskSource, type WorkspaceModel } from '../model/link.js';
import { countTaskLinks, taskItemsOf } from '../model/task-items.js';
import type { FileFacts } from '../model/types.js';
import { formatSize, MAX_CONFIG_SIZE } from '../parse/limits.js';
import { findInvalidUtf8 } from '../parse/utf8.js';
import { problem, START_OF_FILE, type Problem } from '../model/problem.js';
import { ignoreRulesAt, listWorkspaceFiles, type WorkspaceFile } from './workspace-files.js';
import { readGuardedFile, readListedFile, realRoot, RefusedFileError } from './guarded-file.js';
import { configFacts, readFacts } from './file-facts.js';
import { resolveLoadOptions, type LoadOptions } from './load-options.js';
import { maxFileSizeOf } from './max-file-size.js';

export interface LoadedWorkspace {
  root: string;
  config: OkrConfig;
  model: WorkspaceModel;
  /** The Markdown files the lister accepted (the only ones a report may show lines of). */
  files: WorkspaceFile[];
}

export async function loadWorkspace(root: string, options: LoadOptions = {}): Promise<LoadedWorkspace> {
  const { config, problems: configProblems } = await readConfig(root, options);
  const listing = await listWorkspaceFiles(root, await ignoreRulesAt(root, config.exclude));
  const real = realRoot(root);
  const request = { root, files: listing.files, maxFileSize: config.maxFileSize, read: (file: WorkspaceFile) => readOneFile(file, real, config.maxFileSize) };
  const resolved = resolveLoadOptions(options);
  const { facts, tasksOf, countsOf } = await readFacts({ ...request, deferTasks: true }, resolved);
  // Null when a cache entry read as facts but its task items do not: read the files again.
  const source = (items: MaybeTasksOf, counts: TaskCountsOf): TaskSource => (resolved.taskItems ? { items } : { counts });
  const whole = (file: FileFacts) => taskItemsOf(file.tasks);
  const model =
    linkWorkspace(facts, source(tasksOf, countsOf)) ??
    linkWorkspace(
      (await readFacts({ ...request, ignoreCached: true }, resolved)).facts,
      source(whole, (file) => countTaskLinks(whole(file))),
    )!;
  pushAll(pushAll(model.problems, configProblems), listing.problems);
  return { root, config, model, files: listing.files };
}

/**
 * The config at `root` (okr.config.yaml or okr.config.yml), parsed (or from the cache), with its
 * problems. Its max_file_size is capped at the limit of the load options (see
 * LoadOptions.maxFileSize). Both files at once: a `config` error naming both, and the defaults.
 */
export async function readConfig(root: string, options: LoadOptions = {}): Promise<{ config: OkrConfig; problems: Problem[] }> {
  const resolved = resolveLoadOptions(options);
  const limit = maxFileSizeOf(resolved);
  const defaults: OkrConfig = limit === DEFAULT_CONFIG.maxFileSize ? DEFAULT_CONFIG : { ...DEFAULT_CONFIG, maxFileSize: limit };
  const read = readConfigText(root, defaults);
  if (!('text' in read)) return read;
  const { file, text } = read;
  // Cached like the facts of files, which spares a warm run loading the YAML and schema libraries.
  return configFacts(text, limit, resolved, async () => (await import('../parse/config.js')).parseConfig(text, file, limit), file);
}

/**
 * The config's name and text when it is a regular file inside the real workspace root, at most
 * MAX_CONFIG_SIZE bytes and valid UTF-8 (the guarded reader: never through a link that leads
 * outside, never a FIFO or device); else the default config with a `config` problem saying why.
 * No config at all is the default config without a problem. `defaults` is the config to use then.
 */
function readConfigText(root: string, defaults: OkrConfig): { file: string; text: string } | { config: OkrConfig; problems: Problem[] } {
  const present = CONFIG_FILES.filter((name) => {
    try {
      return lstatSync(path.join(root, name), { throwIfNoEntry: false }) !== undefined;
    } catch {
      return true; // the guarded read says why it cannot be read
    }
  });
  const file = present[0];
  if (file === undefined) return { config: defaults, problems: [] };
  const refuse = (message: string) => ({ config: defaults, problems: [problem(file, START_OF_FILE, 'error', 'config', `${message}: not read, the defaults apply`)] });
  if (present.length > 1) return refuse(`${present.join(' and ')} both exist: okr reads one config per workspace; merge them into ${file} and remove the other`);
  let bytes: Uint8Array;
  try {
    bytes = readGuardedFile(path.join(root, file), { root, maxBytes: MAX_CONFIG_SIZE, followLinks: false }).bytes;
  } catch (error) {
    if (!(error instanceof RefusedFileError)) throw error;
    if (error.reason === 'missing' && error.message === 'no such file or directory') return { config: defaults, problems: [] };
    if (error.reason === 'too-large') return refuse(`file is ${formatSize(error.size ?? MAX_CONFIG_SIZE + 1)}, over the ${formatSize(MAX_CONFIG_SIZE)} a config may have`);
    return refuse(error.message);
  }
  if (findInvalidUtf8(bytes) !== -1) return refuse('file is not valid UTF-8');
  return { file, text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') };
}

/** Files over the size limit are reported and skipped: nobody writes OKRs that long. */
// eslint-disable-next-line @typescript-eslint/require-await -- async so that a failed read reaches readFacts as a rejection, as its `read` contract says
async function readOneFile(file: WorkspaceFile, root: string, maxFileSize: number): Promise<Uint8Array | FileFacts> {
  const empty = (rule: 'file-too-large' | 'unreadable' | 'invalid-utf8', message: string): FileFacts => ({
    path: file.path,
    role: 'markdown',
    objective: null,
    fileLinks: [],
    idleLinks: [],
    tasks: [],
    problems: [problem(file.path, START_OF_FILE, 'error', rule, message)],
  });
  if (file.size > maxFileSize) {
    return empty('file-too-large', `file is ${formatSize(file.size)}, over the ${formatSize(maxFileSize)} limit: skipped`);
  }
  try {
    // Synchronous: for many small files several times faster than the thread pool. A file the
    // lister found by walking real folders is read by its identity, without resolving its path.
    return (file.identity ? readListedFile(file.absolutePath, file.identity, maxFileSize) : readGuardedFile(file.absolutePath, { root, maxBytes: maxFileSize })).bytes;
  } catch (error) {
    if (!(error instanceof RefusedFileError)) throw error;
    if (error.reason === 'too-large') {
      return empty('file-too-large', `file is ${formatSize(error.size ?? maxFileSize + 1)}, over the ${formatSize(maxFileSize)} limit: skipped`);
    }
    if (error.reason === 'outside' || error.reason === 'link') return empty('unreadable', `file cannot be read: ${error.message}: skipped`);
    return empty('unreadable', `file cannot be read: ${error.message}`);
  }
}
