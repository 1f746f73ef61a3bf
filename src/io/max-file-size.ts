/**
 * The largest Markdown file okr reads: 5 MB, unless raised by the --max-file-size option or the
 * OKR_MAX_FILE_SIZE variable. okr.config.yaml may lower it but not raise it (see parseConfig).
 * Apart from load-options.ts, so that a run that loads no workspace loads none of this.
 */
import { DEFAULT_MAX_FILE_SIZE, parseSize } from '../parse/limits.js';
import { UsageError } from '../errors.js';
import type { ResolvedLoadOptions } from './load-options.js';

/** The limit in bytes for resolved load options; a usage error when OKR_MAX_FILE_SIZE is not a size. */
export function maxFileSizeOf(options: ResolvedLoadOptions): number {
  if (options.maxFileSize !== undefined) return options.maxFileSize;
  const value = options.env.OKR_MAX_FILE_SIZE;
  if (value === undefined || value === '') return DEFAULT_MAX_FILE_SIZE;
  return parseSizeOption(value, 'OKR_MAX_FILE_SIZE');
}

/** A size given on the command line or in the environment, in bytes; a usage error when it is none. */
export function parseSizeOption(value: string, what: string): number {
  const size = parseSize(value);
  if (size === null) throw new UsageError(`${what}: "${value}" is not a size: use a number of bytes or a size such as "5 MB" or "512 kB"`);
  return size;
}
