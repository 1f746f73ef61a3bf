/**
 * How a workspace is loaded: whether the facts cache is used, where it is, how many threads parse.
 * The command line puts them in the command context (`CommandContext.load`, from the global options
 * such as --no-cache), and commands pass them to loadWorkspace.
 */
import type { Env, Warn } from './facts-cache.js';

export interface LoadOptions {
  /** Read and write the facts cache (default: true). */
  cache?: boolean;
  /** Where OKR_CACHE_DIR, XDG_CACHE_HOME and HOME are read (default: the process environment). */
  env?: Env;
  /** Worker threads that parse; 0 for none (default: by the amount to parse, or OKR_PARSE_WORKERS). */
  workers?: number;
  /** Hears warnings such as a cache folder that is not used (default: none are given). */
  warn?: Warn;
  /**
   * The largest file read, in bytes, which okr.config.yaml may lower but not raise (default: the
   * --max-file-size option, else OKR_MAX_FILE_SIZE, else 5 MB).
   */
  maxFileSize?: number;
  /**
   * Link every task item into the model, as each key result's `tasks` (default: true). False
   * links their counts only (`tasks` null, `taskCounts` the same): what a report of numbers needs
   * (status, lint, score), in a fraction of the time and memory on a large workspace.
   */
  taskItems?: boolean;
}

export interface ResolvedLoadOptions {
  cache: boolean;
  env: Env;
  workers: number | undefined;
  warn: Warn | undefined;
  /** Undefined: OKR_MAX_FILE_SIZE, else 5 MB (see max-file-size.ts, which reads the variable). */
  maxFileSize: number | undefined;
  taskItems: boolean;
}

/** `options` with the defaults filled in (see LoadOptions); reads OKR_PARSE_WORKERS from its env. */
export function resolveLoadOptions(options: LoadOptions = {}): ResolvedLoadOptions {
  const env = options.env ?? process.env;
  const fromEnv = env.OKR_PARSE_WORKERS !== undefined && env.OKR_PARSE_WORKERS !== '' ? Number(env.OKR_PARSE_WORKERS) : undefined;
  return {
    cache: options.cache ?? true,
    env,
    workers: options.workers ?? (Number.isFinite(fromEnv) ? fromEnv : undefined),
    warn: options.warn,
    maxFileSize: options.maxFileSize,
    taskItems: options.taskItems ?? true,
  };
}
