/**
 * What okr.config.yaml sets and its defaults, apart from the parser (config.ts), which loads the
 * YAML and schema libraries: a run that finds the parsed config in the cache never loads them.
 */
/** Gaps (expected progress minus progress, fractions 0..1) that decide a status (src/compute/health.ts). */
export interface Thresholds {
  /** Largest gap (expected - progress) that is still on track. */
  onTrack: number;
  /** Largest gap that is at risk; beyond it, off track. */
  atRisk: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { onTrack: 0.15, atRisk: 0.3 };

/** Default for `max_file_size` in okr.config.yaml: 5 MiB, in bytes. */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/** The config file `okr init` writes, and the one named in messages about either. */
export const CONFIG_FILE = 'okr.config.yaml';

/** The names a workspace's config may have, read the same way; a folder holding both is refused. */
export const CONFIG_FILES: readonly string[] = [CONFIG_FILE, 'okr.config.yml'];

/** Whether `file` (a path relative to the workspace root, with `/`) is the workspace's config file. */
export function isConfigFile(file: string): boolean {
  return CONFIG_FILES.includes(file);
}

export interface OkrConfig {
  thresholds: Thresholds;
  /** Files larger than this many bytes are reported and skipped. */
  maxFileSize: number;
  /** `exclude:` globs (gitignore syntax, relative to the workspace root) of files and folders not read. */
  exclude: readonly string[];
  /** Days between check-ins (`checkins.cadence`; default 7, weekly): `okr due`. */
  cadenceDays: number;
}

export const DEFAULT_CONFIG: OkrConfig = { thresholds: DEFAULT_THRESHOLDS, maxFileSize: DEFAULT_MAX_FILE_SIZE, exclude: [], cadenceDays: 7 };
