/**
 * A cache of per-file facts on disk, keyed by the SHA-256 of the file's bytes: the same content is
 * parsed once, whatever its name, workspace or git revision. Facts are stored without their path
 * (see facts-codec.ts) and get it back on read.
 *
 * Layout under the cache root (which may be a shared folder: okr touches only its own folder in
 * it, see cache-folder.ts):
 *   okr-cache/CACHEDIR.TAG, okr-cache/okr-cache.json                            okr's markers
 *   okr-cache/<version>/okr-version                                             the version's marker
 *   okr-cache/<version>/<first two hex digits of the hash>/<rest of the hash>   one entry per content
 *   okr-cache/<version>/workspaces/<hash of the workspace root>                 a workspace's pack
 *   okr-cache/<version>/workspaces/<hash of the workspace root>.items           its task items
 *   okr-cache/<version>/workspaces/<hash of the workspace root>.journal         changes since the pack
 *   okr-cache/<version>/workspaces/<hash of the root, a NUL and "history">      a pack of the contents okr history last met
 *   okr-cache/<version>/workspaces/<hash of the root, a NUL and "diff">         the same for okr diff between two commits
 *     (a revisions pack's files are [git blob id, size, content hash]: see RevisionFacts in file-facts.ts)
 *   okr-cache/<version>/configs/<hash>                                          a parsed okr.config.yaml
 * <version> changes with the cache format, okr's version and the parser's code, so an okr never
 * reads facts another one wrote; marked version folders unused for a month are removed.
 *
 * A workspace's pack maps each of its files to a stat signature (size, times, inode) and content
 * hash, and holds the facts of those contents: a run on an unchanged workspace reads one file,
 * and does not even read the workspace's files. A signature is trusted only when the file had not
 * changed for a few seconds when it was taken, since a file rewritten within the file system's time
 * resolution keeps its times. Later runs note what changed in the journal (signatures and hashes
 * only; the new contents' facts go to entries), which is folded into a new pack once it grows;
 * contents that leave the pack then become entries, so `okr diff` finds older revisions' facts.
 *
 * Safety: every file is written whole to a new temporary name and renamed into place
 * (cache-writer.ts), so readers see a whole file or none, and concurrent okr processes at worst
 * write the same thing twice or drop each other's journal lines (a later run just reads those files
 * again). Every file is read with the guarded reader (guarded-file.ts: inside okr's folder, no
 * symbolic link, a regular file, size-capped) and carries a CRC-32 of its content, so a truncated,
 * corrupt, hand-edited or foreign file is ignored (and replaced on the next write); decoding checks
 * the structure too (facts-codec.ts). Cache errors never fail a command: without a usable folder
 * (see checkCacheFolder) okr warns once and just parses.
 */
import { isAscii } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, lstatSync, openSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import type { FileFacts } from '../model/types.js';
import { PARSER_FORMAT } from '../parse/format.js';
import {
  checkCacheFolder,
  createMarkedDirectory,
  CACHEDIR_TAG,
  CACHEDIR_TAG_TEXT,
  CREATE_FLAGS,
  ensureDirectoryBelow,
  isMarkedVersion,
  isRealDirectory,
  OWNER_MARKER,
  OWNER_MARKER_TEXT,
  pruneVersions,
  STALE_TEMPORARY_AGE_MS,
  VERSION_MARKER,
  versionMarkerText,
  writeAll,
} from './cache-folder.js';
import { CacheWriter, writeFileAtomically } from './cache-writer.js';
import { readGuardedFile, RefusedFileError } from './guarded-file.js';
import type { TaskItems, TaskLinkCounts } from '../model/task-items.js';
import { decodeFacts, decodeFactsApart } from './facts-codec.js';

/** Bump when the layout or the format of entries or indexes changes. */
export const CACHE_FORMAT = 4;

const ENTRY_MAGIC = 'okr-facts';
const PACK_MAGIC = 'okr-pack';
const ITEMS_MAGIC = 'okr-pack-items';
const JOURNAL_MAGIC = 'okr-journal';
const CONFIG_MAGIC = 'okr-config';
/** A pack's last line: this word, a space and the CRC-32 of all before it. */
const PACK_END = 'okr-pack-end';
const UNUSED_VERSION_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** The most bytes read of each kind of cache file: more is not okr's, and is not read. */
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;
const MAX_PACK_BYTES = 1024 * 1024 * 1024;
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

export type Env = Record<string, string | undefined>;

/** Receives a warning (a phrase without `okr: warning: `), e.g. that the cache is not used. */
export type Warn = (message: string) => void;

/** The CRC-32 of `data` (UTF-8 for a string) as 8 hex digits: what each cache file is checked by. */
export function checksum(data: string | Uint8Array, previous?: number): string {
  return crc32(data, previous).toString(16).padStart(8, '0');
}

/** Warnings given already, per receiver: each is given once per run. */
const warned = new WeakMap<Warn, Set<string>>();

function warnOnce(warn: Warn | undefined, message: string): void {
  if (!warn) return;
  let given = warned.get(warn);
  if (!given) warned.set(warn, (given = new Set()));
  if (given.has(message)) return;
  given.add(message);
  warn(message);
}

/** `OKR_CACHE_DIR`, else `$XDG_CACHE_HOME/okr`, else `~/.cache/okr`. */
export function cacheRoot(env: Env): string {
  if (env.OKR_CACHE_DIR) return path.resolve(env.OKR_CACHE_DIR);
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'okr');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'okr', 'cache');
  return path.join(env.HOME || homedir(), '.cache', 'okr');
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

let versionKey: string | undefined;

/** The packages whose versions decide what a file's facts are. */
const PARSING_DEPENDENCIES = [
  'gray-matter',
  'yaml',
  'zod',
  'micromark',
  'micromark-extension-gfm',
  'micromark-extension-gfm-task-list-item',
  'micromark-extension-gfm-strikethrough',
  'micromark-util-decode-string',
];

/**
 * Names the facts this okr produces: the cache format, okr's version, the parser's format
 * (PARSER_FORMAT, raised whenever facts change meaning) and the versions of the parsing
 * dependencies, so that a changed parser never reads old facts. Independent of where the code
 * lies: moving a module changes nothing.
 */
export function cacheVersion(): string {
  if (versionKey) return versionKey;
  const here = path.dirname(fileURLToPath(import.meta.url));
  let okrVersion = '0';
  try {
    okrVersion = (JSON.parse(readFileSync(path.join(here, '../../package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // Not laid out as a package: the format and the dependencies still tell parsers apart.
  }
  versionKey = versionName(okrVersion, PARSER_FORMAT, dependencyVersions(PARSING_DEPENDENCIES));
  return versionKey;
}

/** `v<cache format>-<okr version>-<16 hex digits>` of the parser format and the dependencies' versions. */
export function versionName(okrVersion: string, parserFormat: number, dependencies: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256');
  hash.update(`${CACHE_FORMAT}\0${okrVersion}\0${parserFormat}\0`);
  for (const name of Object.keys(dependencies).sort()) hash.update(`${name}@${dependencies[name]}\0`);
  return `v${CACHE_FORMAT}-${okrVersion}-${hash.digest('hex').slice(0, 16)}`;
}

/** Each package's version, from the package.json above its resolved entry point ('?' when not found). */
function dependencyVersions(names: readonly string[]): Record<string, string> {
  const require = createRequire(import.meta.url);
  const versions: Record<string, string> = {};
  for (const name of names) {
    versions[name] = '?';
    try {
      let dir = path.dirname(require.resolve(name));
      for (let up = 0; up < 6; up++) {
        const manifest = path.join(dir, 'package.json');
        if (existsSync(manifest)) {
          const data = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
          if (data.name === name && typeof data.version === 'string') {
            versions[name] = data.version;
            break;
          }
        }
        dir = path.dirname(dir);
      }
    } catch {
      // Not installed where okr runs: '?' still names this set of versions.
    }
  }
  return versions;
}

// ---------------------------------------------------------------------------------------------
// Workspace packs

/** Facts found in the cache, with their encoding and where it was. */
export interface FoundFacts {
  facts: FileFacts;
  encoded: string;
  fromPack: boolean;
  /** For facts found without their task items: decodes them (null when they are damaged). */
  decodeTasks: (() => TaskItems | null) | null;
  /** For facts found without their task items: their counts by links (see countTaskLinks). */
  counts: TaskLinkCounts[] | null;
}

/** Path -> [stat signature, content hash]. */
export type WorkspaceIndex = Map<string, readonly [string, string]>;

/**
 * What a workspace's pack and journal say. A pack is two text files. The pack itself: a header
 * line, one line per content (its hash, a space and the header of its facts' encoding: everything
 * but the task items, see facts-codec.ts), then a line with the JSON of its files ([path,
 * signature, hash] each), which is written last but one so that a pack is written as it is learnt,
 * and last a line with the CRC-32 of all before it and that of its items file, so that a cut or
 * edited one is not used. Its items file (`.items`): a header line, one line per content (its hash,
 * a space and the task items of its encoding), and a line with the CRC-32 of all before it. A report
 * of numbers reads the pack alone (the task items' counts are in the headers); the items file is
 * read only when task items are needed, and a pack whose items file is missing or not its own just
 * has no task items to give (the files are read again). Entries are parsed one by one when asked
 * for (see packedEncoding), so that a run never holds a whole parsed pack next to the facts decoded
 * from it.
 */
export interface WorkspacePack {
  /** Whether there is a usable pack (else the next run writes one). */
  exists: boolean;
  /** The pack's files, with the journal's changes applied. */
  files: WorkspaceIndex;
  /** The pack's files alone. */
  packedFiles: WorkspaceIndex;
  /**
   * The pack's bytes. Kept as bytes, and each entry made a string only when it is decoded: a
   * string of the whole pack would weigh on the garbage collector for the whole run.
   */
  bytes: Buffer;
  /** How its bytes read as text: all ASCII is read as such, several times faster than UTF-8. */
  encoding: 'latin1' | 'utf8';
  /** Content hash -> where the header of its encoding starts and ends in `bytes`. */
  entries: Map<string, readonly [number, number]>;
  /**
   * The task items of content `hash`'s encoding, from the pack's items file (read on first use);
   * null when the pack has none for it or its items file is missing, damaged or not its own.
   */
  items: (hash: string) => string | null;
}

export function emptyPack(): WorkspacePack {
  return { exists: false, files: new Map(), packedFiles: new Map(), bytes: Buffer.alloc(0), encoding: 'latin1', entries: new Map(), items: () => null };
}

/** The encoding the pack holds for content `hash` (not checked: decode it), or null (also when its task items cannot be had). */
export function packedEncoding(pack: WorkspacePack, hash: string): string | null {
  const bounds = pack.entries.get(hash);
  if (bounds === undefined) return null;
  const items = pack.items(hash);
  return items === null ? null : `${pack.bytes.toString(pack.encoding, bounds[0], bounds[1])}\t${items}`;
}

/** The entry lines of a pack or items file between `start` and `end`: hash -> [start, end] of the text after the hash; null when a line is not such an entry. */
function readEntryLines(bytes: Buffer, start: number, end: number): Map<string, readonly [number, number]> | null {
  const entries = new Map<string, readonly [number, number]>();
  for (let lineEnd = 0; start < end; start = lineEnd + 1) {
    lineEnd = bytes.indexOf(NEWLINE, start);
    if (lineEnd - start <= HASH_LENGTH + 1 || bytes[start + HASH_LENGTH] !== SPACE) return null;
    const hash = bytes.toString('latin1', start, start + HASH_LENGTH);
    if (!HASH.test(hash)) return null;
    entries.set(hash, [start + HASH_LENGTH + 1, lineEnd]);
  }
  return entries;
}

const JOURNAL_MIN_ENTRIES = 32;
const JOURNAL_SHARE = 32;

/** Whether a journal of `entries` changes is worth folding into a new pack of `files` files. */
export function isJournalFull(entries: number, files: number): boolean {
  return entries > Math.max(JOURNAL_MIN_ENTRIES, Math.floor(files / JOURNAL_SHARE));
}

/** A signature and hash as the pack stores them: [path, signature, hash] (checked on read). */
type PackedFile = [string, string, string];

const HASH = /^[0-9a-f]{64}$/;
const HASH_LENGTH = 64;
const SPACE = 0x20;
const OPEN_BRACKET = 0x5b;
const NEWLINE = 0x0a;
const CHECKSUM = /^[0-9a-f]{8}$/;

function readPackedFiles(value: unknown, into: WorkspaceIndex): boolean {
  if (!Array.isArray(value)) return false;
  for (const file of value) {
    if (!Array.isArray(file) || file.length !== 3 || typeof file[0] !== 'string' || typeof file[1] !== 'string' || typeof file[2] !== 'string' || file[2].length !== HASH_LENGTH) {
      return false;
    }
    into.set(file[0], [file[1], file[2]]);
  }
  return true;
}

/** The files' JSON, in path order: the same files always give the same text. */
function packedFiles(index: WorkspaceIndex): string {
  const files: PackedFile[] = [];
  for (const [file, [signature, hash]] of index) files.push([file, signature, hash]);
  files.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return JSON.stringify(files);
}

// ---------------------------------------------------------------------------------------------

export class FactsCache {
  /** okr's own folder in the cache root (see cache-folder.ts). */
  readonly folder: string;
  /** This version's folder in it. */
  readonly directory: string;
  private readonly root: string;
  private readonly version: string;
  private readonly writer: CacheWriter;
  private prepared: boolean | undefined;
  /** The cache root may not be used (see checkCacheFolder): nothing is read or written. */
  private readonly refused: boolean;
  /** Whether okr's folder is there already (else the first write makes it). */
  private readonly folderExists: boolean;
  /** Nothing to read (a first run, or a refused folder): lookups need not try. */
  private readonly empty: boolean;
  /** See entryFolders. */
  private knownEntryFolders: Set<string> | undefined;

  /**
   * The cache in `root` (see cacheRoot) for facts of `version`. When okr may not use the folder
   * (another user's, writable by others, a link, unmarked), `warn` hears why, once, and the cache
   * reads and writes nothing.
   */
  constructor(
    root: string,
    version = cacheVersion(),
    private readonly warn?: Warn,
  ) {
    this.root = root;
    this.version = version;
    const check = checkCacheFolder(root);
    this.folder = check.folder;
    this.directory = path.join(this.folder, version);
    this.writer = new CacheWriter(this.folder);
    this.refused = !check.usable;
    if (!check.usable) warnOnce(warn, `cache ${check.folder} not used: ${check.reason}`);
    this.folderExists = check.usable && check.exists;
    this.empty = !this.folderExists || !isRealDirectory(this.directory);
  }

  private entryPath(hash: string): string {
    return path.join(this.directory, hash.slice(0, 2), hash.slice(2));
  }

  /** The encoding stored for content `hash` (not checked: decode it), or null. */
  getEncoded(hash: string): string | null {
    if (this.empty || !HASH.test(hash) || !this.entryFolders().has(hash.slice(0, 2))) return null;
    return this.readWithHeader(this.entryPath(hash), `${ENTRY_MAGIC} ${this.version} ${hash}`, MAX_ENTRY_BYTES);
  }

  /**
   * The folders of entries (two hex digits each) there were when first asked: a content whose folder
   * is not among them has no entry, and is not looked for (in a new cache, a first run would look for
   * every file's entry in vain). Entries put by this run are not looked up again.
   */
  private entryFolders(): Set<string> {
    if (this.knownEntryFolders === undefined) {
      try {
        this.knownEntryFolders = new Set(readdirSync(this.directory).filter((name) => /^[0-9a-f]{2}$/.test(name)));
      } catch {
        this.knownEntryFolders = new Set();
      }
    }
    return this.knownEntryFolders;
  }

  /** Stores facts (as encoded by encodeFacts) for content `hash`. Never throws. */
  put(hash: string, encoded: string): void {
    this.writeWithHeader(this.entryPath(hash), `${ENTRY_MAGIC} ${this.version} ${hash}`, encoded);
  }

  private configPath(hash: string): string {
    return path.join(this.directory, 'configs', hash);
  }

  /** What is stored for a config file of content `hash` (JSON text, not checked), or null. */
  getConfig(hash: string): string | null {
    if (this.empty || !HASH.test(hash)) return null;
    return this.readWithHeader(this.configPath(hash), `${CONFIG_MAGIC} ${this.version} ${hash}`, MAX_CONFIG_BYTES);
  }

  /** Stores the parsed config of content `hash`. Never throws. */
  putConfig(hash: string, json: string): void {
    this.writeWithHeader(this.configPath(hash), `${CONFIG_MAGIC} ${this.version} ${hash}`, json);
  }

  private packPath(root: string): string {
    return path.join(this.directory, 'workspaces', sha256(root).slice(0, 32));
  }

  private journalPath(root: string): string {
    return `${this.packPath(root)}.journal`;
  }

  private itemsPath(root: string): string {
    return `${this.packPath(root)}.items`;
  }

  /** A cache file's bytes, through the guarded reader (inside okr's folder, no link, regular, capped), or null. */
  private readBytes(file: string, maxBytes: number): Buffer | null {
    try {
      return readGuardedFile(file, { root: this.folder, maxBytes, followLinks: false }).bytes;
    } catch (error) {
      if (error instanceof RefusedFileError) return null;
      throw error;
    }
  }

  /** The pack of the workspace at `root` (an absolute, real path), with its journal applied. */
  readPack(root: string): WorkspacePack {
    const pack = emptyPack();
    if (this.empty) return pack;
    const bytes = this.readBytes(this.packPath(root), MAX_PACK_BYTES);
    if (bytes === null) return pack;
    const header = Buffer.from(`${PACK_MAGIC} ${this.version} ${JSON.stringify(root)}\n`);
    if (!bytes.subarray(0, header.length).equals(header)) return pack;
    // The last line holds the checksum of all before it (and that of the items file): a pack cut short or edited has none that fits.
    const trailerStart = bytes.lastIndexOf(NEWLINE, bytes.length - 2) + 1;
    if (bytes.length === 0 || bytes[bytes.length - 1] !== NEWLINE || trailerStart < header.length) return pack;
    const trailer = bytes.toString('latin1', trailerStart, bytes.length - 1).split(' ');
    if (trailer.length !== 3 || trailer[0] !== PACK_END || trailer[1] !== checksum(bytes.subarray(0, trailerStart)) || !CHECKSUM.test(trailer[2]!)) return pack;
    const itemsChecksum = trailer[2]!;
    const encoding = isAscii(bytes) ? 'latin1' : 'utf8';
    // The files' line comes before it, written last but one.
    const filesStart = bytes.lastIndexOf(NEWLINE, trailerStart - 2) + 1;
    if (bytes[filesStart] !== OPEN_BRACKET || filesStart < header.length) return pack;
    try {
      if (!readPackedFiles(JSON.parse(bytes.toString(encoding, filesStart, trailerStart)), pack.packedFiles)) return emptyPack();
    } catch {
      return emptyPack();
    }
    // Each entry line: 64 hex digits, a space, the encoding's header. A line of another form makes the pack damaged.
    const entries = readEntryLines(bytes, header.length, filesStart);
    if (entries === null) return emptyPack();
    pack.entries = entries;
    pack.bytes = bytes;
    pack.encoding = encoding;
    pack.exists = true;
    let items: { bytes: Buffer; encoding: 'latin1' | 'utf8'; entries: Map<string, readonly [number, number]> } | null | undefined;
    pack.items = (hash) => {
      if (!entries.has(hash)) return null;
      if (items === undefined) items = this.readPackItems(root, itemsChecksum);
      const bounds = items?.entries.get(hash);
      return bounds === undefined ? null : items!.bytes.toString(items!.encoding, bounds[0], bounds[1]);
    };
    for (const [file, entry] of pack.packedFiles) pack.files.set(file, entry);
    const journal = this.readWithHeader(this.journalPath(root), `${JOURNAL_MAGIC} ${this.version} ${JSON.stringify(root)}`, MAX_PACK_BYTES);
    if (journal !== null) {
      const changes: WorkspaceIndex = new Map();
      try {
        if (readPackedFiles(JSON.parse(journal), changes)) for (const [file, entry] of changes) pack.files.set(file, entry);
      } catch {
        // A damaged journal: the files it named are read again.
      }
    }
    return pack;
  }

  /** The items file of the pack of `root`, when it is whole and the one whose checksum the pack names; else null. */
  private readPackItems(root: string, expectedChecksum: string): { bytes: Buffer; encoding: 'latin1' | 'utf8'; entries: Map<string, readonly [number, number]> } | null {
    const bytes = this.readBytes(this.itemsPath(root), MAX_PACK_BYTES);
    if (bytes === null || bytes.length === 0 || bytes[bytes.length - 1] !== NEWLINE) return null;
    const header = Buffer.from(`${ITEMS_MAGIC} ${this.version} ${JSON.stringify(root)}\n`);
    if (!bytes.subarray(0, header.length).equals(header)) return null;
    const trailerStart = bytes.lastIndexOf(NEWLINE, bytes.length - 2) + 1;
    if (trailerStart < header.length) return null;
    const sum = checksum(bytes.subarray(0, trailerStart));
    if (sum !== expectedChecksum || bytes.toString('latin1', trailerStart, bytes.length - 1) !== `${PACK_END} ${sum}`) return null;
    const entries = readEntryLines(bytes, header.length, trailerStart);
    return entries && { bytes, encoding: isAscii(bytes) ? 'latin1' : 'utf8', entries };
  }

  /**
   * The facts of content `hash` under `filePath`, with their encoding: from the pack when it has
   * them, else from their entry; null when neither has usable facts. With `apart`, the facts come
   * without their task items, which `decodeTasks` gives (see decodeFactsApart).
   */
  lookup(pack: WorkspacePack, hash: string, filePath: string, apart = false): FoundFacts | null {
    if (apart) {
      const bounds = pack.entries.get(hash);
      if (bounds !== undefined) {
        // Only the header is made a string: the task items are read when they are needed.
        const split = decodeFactsApart(pack.bytes.toString(pack.encoding, bounds[0], bounds[1]), filePath, () => pack.items(hash));
        if (split) {
          return {
            facts: split.facts,
            // Read only to write the encoding elsewhere, which facts from the pack never are.
            get encoded() {
              const encoded = packedEncoding(pack, hash);
              if (encoded === null) throw new Error('internal: the task items of a packed entry are not there');
              return encoded;
            },
            fromPack: true,
            decodeTasks: split.decodeTasks,
            counts: split.counts,
          };
        }
      }
      const encoded = this.getEncoded(hash);
      const split = encoded === null ? null : decodeFactsApart(encoded, filePath);
      return split ? { facts: split.facts, encoded: encoded!, fromPack: false, decodeTasks: split.decodeTasks, counts: split.counts } : null;
    }
    const decode = (encoded: string | null, fromPack: boolean): FoundFacts | null => {
      if (encoded === null) return null;
      const facts = decodeFacts(encoded, filePath);
      return facts ? { facts, encoded, fromPack, decodeTasks: null, counts: null } : null;
    };
    return decode(packedEncoding(pack, hash), true) ?? decode(this.getEncoded(hash), false);
  }

  /**
   * Starts a new pack for the workspace at `root`: entries are written as they are added, and the
   * pack takes the place of the old one (and of its journal) when finished. Null without a usable
   * cache directory.
   */
  startPack(root: string): PackWriter | null {
    if (!this.prepare()) return null;
    const target = this.packPath(root);
    if (!ensureDirectoryBelow(this.folder, path.dirname(target))) return null;
    removeStaleTemporaryFiles(path.dirname(target));
    return PackWriter.open(target, `${PACK_MAGIC} ${this.version} ${JSON.stringify(root)}\n`, `${ITEMS_MAGIC} ${this.version} ${JSON.stringify(root)}\n`, () =>
      this.removeJournal(root),
    );
  }

  /** Writes the journal of the workspace at `root`: its files' changes since the pack. */
  writeJournal(root: string, changes: WorkspaceIndex): void {
    this.writeWithHeader(this.journalPath(root), `${JOURNAL_MAGIC} ${this.version} ${JSON.stringify(root)}`, packedFiles(changes));
  }

  private removeJournal(root: string): void {
    try {
      // Removes a link itself, never what it points to.
      rmSync(this.journalPath(root), { force: true });
    } catch {
      // Its changes are in the new pack anyway.
    }
  }

  /**
   * A file's text after its header line, when that line is `header`, a space and the checksum of
   * the rest (see writeWithHeader); else null.
   */
  private readWithHeader(file: string, header: string, maxBytes: number): string | null {
    const bytes = this.readBytes(file, maxBytes);
    if (bytes === null) return null;
    const newline = bytes.indexOf(NEWLINE);
    if (newline !== Buffer.byteLength(header) + 9) return null;
    const body = bytes.subarray(newline + 1);
    if (bytes.toString('utf8', 0, newline) !== `${header} ${checksum(body)}`) return null;
    // Mostly ASCII: copied as such, that is several times faster than decoding UTF-8.
    return body.toString(isAscii(body) ? 'latin1' : 'utf8');
  }

  /** Writes `header`, a space, the checksum of `body`, a newline and `body`: see readWithHeader. */
  private writeWithHeader(target: string, header: string, body: string): void {
    if (!this.prepare()) return;
    this.writer.write(target, `${header} ${checksum(body)}\n`, body);
  }

  /** Waits until every entry is written. */
  async close(): Promise<void> {
    await this.writer.close();
  }

  /**
   * Makes okr's folder (marked) and this version's folder (marked) once; when the version's folder
   * is new, clears out marked versions unused for a month. False when the cache cannot be written.
   */
  private prepare(): boolean {
    if (this.prepared !== undefined) return this.prepared;
    this.prepared = false;
    if (this.refused) return false;
    try {
      if (!this.folderExists) {
        // Private to the user: facts hold task text from the workspaces read.
        const made = createMarkedDirectory(this.root, path.basename(this.folder), { [CACHEDIR_TAG]: CACHEDIR_TAG_TEXT, [OWNER_MARKER]: OWNER_MARKER_TEXT });
        const check = checkCacheFolder(this.root);
        if (!check.usable) warnOnce(this.warn, `cache ${check.folder} not used: ${check.reason}`);
        if (!made || !check.usable) return false;
      }
      const existed = isMarkedVersion(this.directory);
      if (!existed) {
        if (!createMarkedDirectory(this.folder, this.version, { [VERSION_MARKER]: versionMarkerText(this.version) })) return false;
        if (!isMarkedVersion(this.directory)) {
          // A folder of this name without its marker (left by an older okr): marked now.
          if (!isRealDirectory(this.directory) || !writeFileAtomically(this.folder, path.join(this.directory, VERSION_MARKER), versionMarkerText(this.version))) return false;
        }
      }
      // The version folder's time tells when this version last wrote: others are pruned by it.
      const now = new Date();
      utimesSync(this.directory, now, now);
      if (!existed) pruneVersions(this.folder, this.version, UNUSED_VERSION_AGE_MS);
      this.prepared = true;
    } catch {
      this.prepared = false;
    }
    return this.prepared;
  }
}

function removeStaleTemporaryFiles(directory: string): void {
  const now = Date.now();
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.endsWith('.tmp')) continue;
    try {
      const file = path.join(directory, name);
      // lstat: a link is judged (and removed) itself.
      if (now - lstatSync(file).mtimeMs > STALE_TEMPORARY_AGE_MS) rmSync(file, { force: true });
    } catch {
      // Another okr may be removing it too.
    }
  }
}

/** Text gathered before each write: few system calls, little memory. */
const PACK_CHUNK_CHARS = 1 << 20;

/**
 * One file written in chunks to a new temporary name (O_EXCL | O_NOFOLLOW), with the count and
 * CRC-32 of the bytes written. Never throws: after a failure it just reports that it is not whole.
 */
class ChunkedFile {
  private chunk: string[] = [];
  private chunkLength = 0;
  /** Bytes written, and their CRC-32. */
  written = 0;
  crc = 0;
  failed = false;

  private constructor(
    readonly temporary: string,
    private fd: number | null,
  ) {}

  static open(target: string): ChunkedFile | null {
    const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      return new ChunkedFile(temporary, openSync(temporary, CREATE_FLAGS, 0o600));
    } catch {
      return null;
    }
  }

  append(text: string): void {
    this.chunk.push(text);
    this.chunkLength += text.length;
    if (this.chunkLength >= PACK_CHUNK_CHARS) this.flush();
  }

  flush(): void {
    if (this.fd === null || this.chunk.length === 0) return;
    const bytes = Buffer.from(this.chunk.join(''));
    this.chunk = [];
    this.chunkLength = 0;
    try {
      writeAll(this.fd, bytes);
      this.written += bytes.length;
      this.crc = crc32(bytes, this.crc);
    } catch {
      this.failed = true;
    }
  }

  checksum(): string {
    return this.crc.toString(16).padStart(8, '0');
  }

  /** Writes what is gathered, checks the size and closes; then renames into `target`. Throws when the file is not whole. */
  finishAs(target: string): void {
    this.flush();
    if (this.fd === null || this.failed) throw new Error('not written');
    if (fstatSync(this.fd).size !== this.written) throw new Error('short write');
    closeSync(this.fd);
    this.fd = null;
    renameSync(this.temporary, target);
  }

  abandon(): void {
    this.chunk = [];
    try {
      if (this.fd !== null) closeSync(this.fd);
    } catch {
      // Closed already.
    }
    this.fd = null;
    try {
      unlinkSync(this.temporary);
    } catch {
      // Never written, or renamed.
    }
  }
}

/**
 * Writes a pack entry by entry (see WorkspacePack): the headers of the entries' encodings to the
 * pack, their task items to its items file, each a new temporary file renamed into place when
 * finished, the items file first, and only when every byte was written; the pack's last line names
 * the checksum of its items file. Never throws: a pack that cannot be written is just not there next time.
 */
export class PackWriter {
  private readonly added = new Set<string>();
  private closed = false;

  private constructor(
    private readonly target: string,
    private readonly pack: ChunkedFile,
    private readonly items: ChunkedFile,
    private readonly onFinished: () => void,
  ) {}

  /** A writer of the pack `target` (its folder checked already) starting with `header`, and of its items file starting with `itemsHeader`; null when they cannot be made. */
  static open(target: string, header: string, itemsHeader: string, onFinished: () => void): PackWriter | null {
    const pack = ChunkedFile.open(target);
    if (!pack) return null;
    const items = ChunkedFile.open(`${target}.items`);
    if (!items) {
      pack.abandon();
      return null;
    }
    const writer = new PackWriter(target, pack, items, onFinished);
    pack.append(header);
    items.append(itemsHeader);
    return writer;
  }

  /** Adds the facts' encoding of content `hash` (once per hash; one that is not two parts joined by a tab is left out). */
  add(hash: string, encoded: string): void {
    if (this.closed || this.added.has(hash)) return;
    const separator = encoded.indexOf('\t');
    if (separator === -1) return;
    this.added.add(hash);
    this.pack.append(`${hash} ${encoded.slice(0, separator)}\n`);
    this.items.append(`${hash} ${encoded.slice(separator + 1)}\n`);
  }

  has(hash: string): boolean {
    return this.added.has(hash);
  }

  /** Writes the files' line and the checksum lines, and puts the items file and the pack in place. */
  finish(files: WorkspaceIndex): void {
    if (this.closed) return;
    let itemsChecksum: string;
    try {
      this.items.flush();
      itemsChecksum = this.items.checksum();
      this.items.append(`${PACK_END} ${itemsChecksum}\n`);
      this.items.finishAs(`${this.target}.items`);
    } catch {
      this.abandon();
      return;
    }
    try {
      this.pack.append(`${packedFiles(files)}\n`);
      this.pack.flush();
      this.pack.append(`${PACK_END} ${this.pack.checksum()} ${itemsChecksum}\n`);
      this.pack.finishAs(this.target);
      this.closed = true;
      this.onFinished();
    } catch {
      this.abandon();
      // The items file just put in place belongs to no pack: an older pack would not take it either.
      try {
        unlinkSync(`${this.target}.items`);
      } catch {
        // Another run may have replaced it.
      }
    }
  }

  /** Drops the pack (when a run fails before it is finished). */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    this.pack.abandon();
    this.items.abandon();
  }
}
