/**
 * What okr.config.yaml sets and its defaults, apart from the parser (config.ts), which loads the
 * YAML and schema libraries: a run that finds the parsed config in the cache never loads them.
 */
import { DEFAULT_THRESHOLDS, type Thresholds } from '../compute/health.js';
import { DEFAULT_MAX_FILE_SIZE } from '../parse/limits.js';

export const CONFIG_FILE = 'okr.config.yaml';

export interface OkrConfig {
  thresholds: Thresholds;
  /** Files larger than this many bytes are reported and skipped. */
  maxFileSize: number;
}

export const DEFAULT_CONFIG: OkrConfig = { thresholds: DEFAULT_THRESHOLDS, maxFileSize: DEFAULT_MAX_FILE_SIZE };
