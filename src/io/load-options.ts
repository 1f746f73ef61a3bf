/**
 * How a workspace is loaded: whether the facts cache is used, where it is, how many threads parse.
 * Commands may pass these to loadWorkspace; the command line sets the defaults once per run, so a
 * global option such as --no-cache reaches every command that loads a workspace.
 */
import { DEFAULT_MAX_FILE_SIZE, parseSize } from '../core/limits.js';
import { UsageError } from '../errors.js';
import type { Env } from './facts-cache.js';

export interface LoadOptions {
  /** Read and write the facts cache (default: true). */
  cache?: boolean;
  /** Where OKR_CACHE_DIR, XDG_CACHE_HOME and HOME are read (default: the process environment). */
  env?: Env;
  /** Worker threads that parse; 0 for none (default: by the amount to parse, or OKR_PARSE_WORKERS). */
  workers?: number;
  /**
   * The largest file read, in bytes, which okr.config.yaml may lower but not raise (default: the
   * --max-file-size option, else OKR_MAX_FILE_SIZE, else 5 MB).
   */
  maxFileSize?: number;
}

export interface ResolvedLoadOptions {
  cache: boolean;
  env: Env;
  workers: number | undefined;
  maxFileSize: number;
}

let defaults: LoadOptions = {};

/** Set by the command line at the start of each run. */
export function setDefaultLoadOptions(options: LoadOptions): void {
  defaults = { ...options };
}

export function resolveLoadOptions(options: LoadOptions = {}): ResolvedLoadOptions {
  const env = options.env ?? defaults.env ?? process.env;
  const fromEnv = env.OKR_PARSE_WORKERS !== undefined && env.OKR_PARSE_WORKERS !== '' ? Number(env.OKR_PARSE_WORKERS) : undefined;
  return {
    cache: options.cache ?? defaults.cache ?? true,
    env,
    workers: options.workers ?? defaults.workers ?? (Number.isFinite(fromEnv) ? fromEnv : undefined),
    maxFileSize: options.maxFileSize ?? defaults.maxFileSize ?? maxFileSizeFromEnv(env),
  };
}

/** OKR_MAX_FILE_SIZE, else the built-in limit; a usage error when it is set but not a size. */
function maxFileSizeFromEnv(env: Env): number {
  const value = env.OKR_MAX_FILE_SIZE;
  if (value === undefined || value === '') return DEFAULT_MAX_FILE_SIZE;
  return parseSizeOption(value, 'OKR_MAX_FILE_SIZE');
}

/** A size given on the command line or in the environment, in bytes; a usage error when it is none. */
export function parseSizeOption(value: string, what: string): number {
  const size = parseSize(value);
  if (size === null) throw new UsageError(`${what}: "${value}" is not a size: use a number of bytes or a size such as "5 MB" or "512 kB"`);
  return size;
}
