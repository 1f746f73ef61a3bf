/** Option handling shared by commands. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { isIsoDate, toIsoDate } from '../model/period.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { findWorkspaceRoot } from '../io/find-root.js';
import { MIN_MARKDOWN_LENGTH } from '../render/markdown-limits.js';

/** `[dir]` if given (it must be a directory), else the nearest ancestor holding okr.config.yaml. */
export async function resolveWorkspaceRoot(dir: string | undefined, context: CommandContext): Promise<string> {
  if (dir === undefined) return findWorkspaceRoot(context.cwd);
  const absolute = path.resolve(context.cwd, dir);
  const info = await stat(absolute).catch(() => null);
  if (!info) throw new UsageError(`no such directory: ${dir}`);
  if (!info.isDirectory()) throw new UsageError(`not a directory: ${dir}`);
  return absolute;
}

/**
 * How text output shows a workspace-relative path (`tasks/k.md`, with `/`): relative to the working
 * directory when that is inside the workspace `root` (`k.md` from `tasks/`, as eslint does), so that
 * it can be clicked and pasted; else unchanged. Only for showing; JSON keeps workspace paths.
 */
export function pathFromCwd(root: string, cwd: string): (file: string) => string {
  const inside = path.relative(root, cwd);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return (file) => file;
  return (file) => path.relative(cwd, path.join(root, file)).split(path.sep).join('/');
}

/** `--today YYYY-MM-DD`, else the local date. */
export function resolveToday(value: string | undefined, context: CommandContext): string {
  if (value === undefined) return toIsoDate(context.now());
  if (!isIsoDate(value)) throw new UsageError(`--today expects a date as YYYY-MM-DD, got "${value}"`);
  return value;
}

/**
 * `--max-length <bytes>` of a Markdown report: undefined when not given (the report's default),
 * else a whole number of at least `MIN_MARKDOWN_LENGTH`. Throws a UsageError for anything else, or
 * when `format` is not `markdown`.
 */
export function parseMaxLength(value: string | undefined, format: string): number | undefined {
  if (value === undefined) return undefined;
  if (format !== 'markdown') throw new UsageError('--max-length applies to --format markdown only');
  if (!/^\d{1,15}$/.test(value) || Number(value) < MIN_MARKDOWN_LENGTH) {
    throw new UsageError(`--max-length expects a whole number of bytes, at least ${MIN_MARKDOWN_LENGTH}, got "${value}"`);
  }
  return Number(value);
}
