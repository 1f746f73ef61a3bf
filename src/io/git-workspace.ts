/**
 * A workspace as it was at a git revision: the same files the work-tree loader would read (every
 * `*.md` outside `node_modules` and dot-directories, and not left out by the revision's own
 * `.gitignore` files and `exclude:` globs, plus okr.config.yaml or .yml), read from git objects.
 * Symbolic links and submodules at a revision are skipped. In a partial clone, contents that are not
 * in the local repository are not fetched: each such file gets an `unreadable` problem.
 */
import path from 'node:path';
import { pushAll } from '../model/arrays.js';
import { CONFIG_FILES, DEFAULT_CONFIG, type OkrConfig } from '../model/config.js';
import { buildWorkspaceModel, type LinkedTaskMemo } from '../model/link.js';
import type { FileFacts } from '../model/types.js';
import { formatSize } from '../parse/limits.js';
import { compareStrings, problem, START_OF_FILE, type Problem } from '../model/problem.js';
import { missingObjects, ObjectsNotLocalError, readBlobs, listTree, listTreePaths, type GitRepository, type TreeEntry } from './git.js';
import { GITIGNORE, IgnoreRules, isIgnoredPath, type OuterIgnoreFile } from './ignore-rules.js';
import type { LoadedWorkspace } from './load-workspace.js';
import { configFacts, factsOfContents, type FileContent, type KnownBlob } from './file-facts.js';
import { resolveLoadOptions, type LoadOptions, type ResolvedLoadOptions } from './load-options.js';
import { maxFileSizeOf } from './max-file-size.js';

/**
 * The workspace at `commit`: `directory` is the workspace root relative to the repository's top
 * level ('' for the top); `loadOptions` as for loadWorkspace; `factsOf` and `shared` as for
 * readWorkspaceAtCommit.
 */
export async function loadWorkspaceAtCommit(
  repo: GitRepository,
  commit: string,
  directory: string,
  loadOptions: LoadOptions = {},
  factsOf?: ContentFacts,
  shared?: SharedReads,
): Promise<LoadedWorkspace> {
  const read = await readWorkspaceAtCommit(repo, commit, directory, loadOptions, factsOf, shared);
  const model = buildWorkspaceModel(read.facts, undefined, shared?.linkedTasks);
  pushAll(model.problems, read.configProblems);
  return { root: directory, config: read.config, model, files: [] };
}

/** A workspace's files as read from one commit, before they are linked into a model. */
export interface WorkspaceAtCommit {
  config: OkrConfig;
  /** Problems of the config file (or of there being two). */
  configProblems: Problem[];
  /** The facts of every workspace Markdown file, sorted by path (relative to the workspace). */
  facts: FileFacts[];
  /** Whether a Markdown file at `file` (relative to the workspace) would be read at this commit: not in a skipped folder, not ignored. */
  reads(file: string): boolean;
  /** The resolved load options the facts were read with. */
  options: ResolvedLoadOptions;
  /** The object ids of the Markdown files read and of the config file(s), by path relative to the workspace. */
  objects: Map<string, string>;
}

/**
 * What reads of several commits of one repository share (for `okr diff`): tree listings started
 * early (by commit: listTree of the workspace's directory), the contents of the config and
 * `.gitignore` blobs read already (by blob id), which two revisions mostly have in common, and the
 * task records of files whose facts both models share.
 */
export interface SharedReads {
  trees: Map<string, Promise<TreeEntry[]>>;
  blobs: Map<string, Buffer>;
  /** For loadWorkspaceAtCommit: the task records of facts shared by the revisions' models, linked once (see LinkedTaskMemo). */
  linkedTasks?: LinkedTaskMemo;
}

/**
 * What loadWorkspaceAtCommit reads, unlinked: the config, and the facts of the Markdown files, with
 * a predicate that says which other paths it would read (for reading later commits by their changes
 * only, see src/io/history.ts). `factsOf` gives the Markdown files' facts (default:
 * factsOfContents); `shared`, when given, is used and filled (see SharedReads). Throws as
 * loadWorkspaceAtCommit does.
 */
export async function readWorkspaceAtCommit(
  repo: GitRepository,
  commit: string,
  directory: string,
  loadOptions: LoadOptions = {},
  factsOf?: ContentFacts,
  shared?: SharedReads,
): Promise<WorkspaceAtCommit> {
  const entries = await (shared?.trees.get(commit) ?? listTree(repo, commit, directory));
  const reader = blobReader(repo, commit, directory);
  const read = shared ? rememberingReader(reader, shared.blobs) : reader;
  const listed = entries.filter((entry) => isWorkspaceMarkdown(entry)).sort((a, b) => compareStrings(a.path, b.path));

  // The config comes first: it sets the size limit for the rest.
  const options = resolveLoadOptions(loadOptions);
  const maxFileSize = maxFileSizeOf(options);
  let config = maxFileSize === DEFAULT_CONFIG.maxFileSize ? DEFAULT_CONFIG : { ...DEFAULT_CONFIG, maxFileSize };
  let configProblems: Problem[] = [];
  const configEntries = entries.filter((entry) => CONFIG_FILES.includes(entry.path) && isRegularBlob(entry));
  const configEntry = configEntries[0];
  if (configEntries.length > 1) {
    const names = configEntries.map((entry) => entry.path).join(' and ');
    configProblems = [
      problem(
        configEntry!.path,
        START_OF_FILE,
        'error',
        'config',
        `${names} both exist: okr reads one config per workspace; merge them into one and remove the other: not read, the defaults apply`,
      ),
    ];
  } else if (configEntry) {
    const bytes = (await read([configEntry.object])).get(configEntry.object);
    if (bytes !== undefined) {
      // Cached like the config of the working tree: a warm run loads neither the YAML nor the schema library.
      const text = bytes.toString('utf8');
      const file = configEntry.path;
      ({ config, problems: configProblems } = await configFacts(
        text,
        maxFileSize,
        options,
        async () => (await import('../parse/config.js')).parseConfig(text, file, maxFileSize),
        file,
      ));
    } else if (read.missing.has(configEntry.object)) configProblems = [problem(configEntry.path, START_OF_FILE, 'error', 'unreadable', `${NOT_LOCAL}: the defaults apply`)];
  }
  const kept = await ignoreFilter(entries, config.exclude, directory, repo, commit, read);
  const markdown = listed.filter((entry) => kept(entry.path));
  const facts = await markdownFacts(markdown, reader, config.maxFileSize, factsOf ?? defaultFacts(options, path.join(repo.topLevel, directory)));
  const objects = new Map([...markdown, ...configEntries].map((entry) => [entry.path, entry.object]));
  return { config, configProblems, facts, options, objects, reads: (file) => file.toLowerCase().endsWith('.md') && !inSkippedFolder(file) && kept(file) };
}

/**
 * Facts of file contents, in their order: how the Markdown read from git is parsed (or found in the
 * facts cache). By default factsOfContents; `okr history` and `okr diff` pass RevisionFacts (one
 * cache write per run), whose `known` gives the facts and size of a blob known by its id: such a
 * blob is not read from git at all.
 */
export type ContentFacts = ((contents: readonly FileContent[]) => Promise<FileFacts[]>) & {
  known?: (object: string, filePath: string) => KnownBlob | null;
};

function defaultFacts(options: ResolvedLoadOptions, workspaceRoot: string): ContentFacts {
  return (contents) => factsOfContents(contents, options, workspaceRoot);
}

/**
 * The facts of `markdown` (tree entries of `commit`, paths relative to the workspace), in their
 * order: read from git in batches and parsed (or taken from the facts cache by content, through
 * `factsOf` when given); a file over `limit` bytes, or whose content cannot be read, gets facts
 * holding only that problem.
 */
export async function markdownFactsAtCommit(
  repo: GitRepository,
  commit: string,
  directory: string,
  markdown: readonly TreeEntry[],
  limit: number,
  options: ResolvedLoadOptions,
  factsOf?: ContentFacts,
): Promise<FileFacts[]> {
  return markdownFacts(markdown, blobReader(repo, commit, directory), limit, factsOf ?? defaultFacts(options, path.join(repo.topLevel, directory)));
}

async function markdownFacts(markdown: readonly TreeEntry[], read: BlobReader, limit: number, factsOf: ContentFacts): Promise<FileFacts[]> {
  // Read and parsed in batches, by count and by size, so that the contents of a large revision never
  // sit in memory at once: a batch's bytes are let go once its facts are known.
  // By entry, not by path: the entries may hold one path at several commits (history.ts).
  const parsed = new Map<TreeEntry, FileFacts>();
  const sizes = new Map<TreeEntry, number>();
  // Blobs whose facts are known by their id are not read.
  const unknown = markdown.filter((entry) => {
    const known = factsOf.known?.(entry.object, entry.path);
    if (!known) return true;
    if (known.size <= limit) parsed.set(entry, known.facts);
    else sizes.set(entry, known.size);
    return false;
  });
  for (const batch of batches(unknown.filter((entry) => entry.size === null || entry.size <= limit))) {
    const blobs = await read(batch.map((entry) => entry.object));
    const kept: TreeEntry[] = [];
    const contents = batch.flatMap((entry) => {
      const bytes = blobs.get(entry.object);
      if (bytes !== undefined) sizes.set(entry, bytes.length);
      if (bytes === undefined || bytes.length > limit) return [];
      kept.push(entry);
      return [{ path: entry.path, bytes, object: entry.object }];
    });
    const facts = await factsOf(contents);
    kept.forEach((entry, i) => parsed.set(entry, facts[i]!));
  }
  return markdown.map((entry) => {
    const known = parsed.get(entry);
    if (known) return known;
    const size = sizes.get(entry) ?? entry.size ?? 0;
    return {
      path: entry.path,
      role: 'markdown',
      objective: null,
      fileLinks: [],
      idleLinks: [],
      tasks: [],
      problems: [
        size > limit
          ? problem(entry.path, START_OF_FILE, 'error', 'file-too-large', `file is ${formatSize(size)}, over the ${formatSize(limit)} limit: skipped`)
          : read.missing.has(entry.object)
            ? problem(entry.path, START_OF_FILE, 'error', 'unreadable', NOT_LOCAL)
            : problem(entry.path, START_OF_FILE, 'error', 'unreadable', 'file cannot be read from git'),
      ],
    };
  });
}

/**
 * A predicate: whether a path (relative to the workspace) is not left out by the revision's
 * `.gitignore` files (in the workspace, from `entries`, and in the folders above it up to the
 * repository's top) and `exclude` globs, by the
 * rules the work-tree lister follows (ignore-rules.ts). A `.gitignore` whose content is not in the
 * local repository does not apply.
 */
async function ignoreFilter(
  entries: readonly TreeEntry[],
  exclude: readonly string[],
  directory: string,
  repo: GitRepository,
  commit: string,
  read: BlobReader,
): Promise<(file: string) => boolean> {
  const inside = entries.filter((entry) => (entry.path === GITIGNORE || entry.path.endsWith(`/${GITIGNORE}`)) && isRegularBlob(entry) && !inSkippedFolder(entry.path));
  const above: string[] = [];
  for (let dir = directory; dir !== '';) {
    dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
    above.push(dir === '' ? GITIGNORE : `${dir}/${GITIGNORE}`);
  }
  const outerEntries = (await listTreePaths(repo, commit, above)).filter(isRegularBlob);
  const blobs = await read([...inside, ...outerEntries].map((entry) => entry.object));
  const outer: OuterIgnoreFile[] = outerEntries
    .filter((entry) => blobs.has(entry.object))
    .map((entry) => {
      const dir = entry.path.slice(0, -GITIGNORE.length); // '' or 'a/b/'
      return { prefix: `${directory.slice(dir.length)}/`, text: blobs.get(entry.object)!.toString('utf8') };
    })
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const root = IgnoreRules.create(outer, exclude);
  const texts = new Map(inside.filter((entry) => blobs.has(entry.object)).map((entry) => [entry.path.slice(0, -GITIGNORE.length - 1), blobs.get(entry.object)!.toString('utf8')]));
  if (root.empty && texts.size === 0) return () => true;
  const rules = new Map<string, IgnoreRules>();
  const rulesIn = (dir: string): IgnoreRules => {
    let known = rules.get(dir);
    if (known === undefined) {
      const parent = dir === '' ? root : rulesIn(dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '');
      const text = texts.get(dir);
      known = text === undefined ? parent : parent.enter(dir, text);
      rules.set(dir, known);
    }
    return known;
  };
  const folders = new Map<string, boolean>();
  return (file) => !isIgnoredPath(file, rulesIn, folders);
}

const NOT_LOCAL = "file's content is not in the local repository (partial clone): okr does not fetch; run git fetch";

type BlobReader = ((objects: readonly string[]) => Promise<Map<string, Buffer>>) & { missing: Set<string> };

/**
 * Reads blobs of `commit` below `directory` without ever fetching: when git lacks some (a partial
 * clone), they are found with missingObjects, noted in `missing`, and the rest are read.
 */
function blobReader(repo: GitRepository, commit: string, directory: string): BlobReader {
  let missing: Set<string> | null = null;
  const read = (async (objects: readonly string[]) => {
    let blobs: Map<string, Buffer> | null = null;
    try {
      blobs = await readBlobs(repo, missing ? objects.filter((object) => !missing!.has(object)) : objects);
    } catch (error) {
      if (!(error instanceof ObjectsNotLocalError)) throw error;
    }
    if (missing === null && (blobs === null || objects.some((object) => !blobs!.has(object)))) {
      missing = await missingObjects(repo, commit, directory);
      for (const object of missing) read.missing.add(object);
      if (blobs === null)
        blobs = await readBlobs(
          repo,
          objects.filter((object) => !missing!.has(object)),
        );
    }
    if (blobs === null) throw new ObjectsNotLocalError('objects still missing');
    return blobs;
  }) as BlobReader;
  read.missing = new Set();
  return read;
}

/** `read`, taking blobs from `known` first and keeping there the ones it reads (for small blobs only). */
function rememberingReader(read: BlobReader, known: Map<string, Buffer>): BlobReader {
  const remembering = (async (objects: readonly string[]) => {
    const toRead = objects.filter((object) => !known.has(object));
    if (toRead.length > 0) for (const [object, bytes] of await read(toRead)) known.set(object, bytes);
    return new Map(objects.filter((object) => known.has(object)).map((object) => [object, known.get(object)!]));
  }) as BlobReader;
  remembering.missing = read.missing;
  return remembering;
}

/** Files per batch of contents read from git, and bytes (as git lists their sizes). */
export const BLOB_BATCH_FILES = 500;
export const BLOB_BATCH_BYTES = 32 * 1024 * 1024;

/** `entries` in order, cut into batches of at most BLOB_BATCH_FILES files and BLOB_BATCH_BYTES bytes (or one file). */
export function batches<T extends { size: number | null }>(entries: readonly T[], maxFiles = BLOB_BATCH_FILES, maxBytes = BLOB_BATCH_BYTES): T[][] {
  const result: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entry.size ?? 0;
    if (current.length > 0 && (current.length >= maxFiles || bytes + size > maxBytes)) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) result.push(current);
  return result;
}

export function isRegularBlob(entry: TreeEntry): boolean {
  return entry.type === 'blob' && (entry.mode === '100644' || entry.mode === '100755');
}

function isWorkspaceMarkdown(entry: TreeEntry): boolean {
  return isRegularBlob(entry) && entry.path.toLowerCase().endsWith('.md') && !inSkippedFolder(entry.path);
}

/** Whether `file` is in a folder the lister never enters: a dot-folder or node_modules. */
function inSkippedFolder(file: string): boolean {
  const directories = file.split('/').slice(0, -1);
  return directories.some((name) => name.startsWith('.') || name === 'node_modules');
}
