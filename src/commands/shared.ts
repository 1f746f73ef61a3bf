/** Option handling shared by commands. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { isIsoDate, toIsoDate } from '../model/period.js';
import type { CommandContext } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { locateWorkspace, type WorkspaceLocation } from '../io/find-root.js';
import { CONFIG_FILES } from '../model/config.js';
import type { WorkspaceModel } from '../model/link.js';
import { MIN_MARKDOWN_LENGTH } from '../render/markdown-limits.js';

/**
 * The workspace a command works on: the one around `[dir]` when given (it must be a directory; its
 * scope is its place below the workspace root, null at the root), else the one around the current
 * directory (scope null: the whole workspace). See locateWorkspace: the nearest folder at or above
 * holding okr.config.yaml or okr.config.yml, else the directory itself. Throws a UsageError for a
 * `dir` that is not a directory, a UserError for a folder holding both config files.
 */
export async function resolveWorkspace(dir: string | undefined, context: CommandContext): Promise<WorkspaceLocation> {
  if (dir === undefined) return { ...(await locateWorkspace(context.cwd)), scope: null };
  const absolute = path.resolve(context.cwd, dir);
  const info = await stat(absolute).catch(() => null);
  if (!info) throw new UsageError(`no such directory: ${dir}`);
  if (!info.isDirectory()) throw new UsageError(`not a directory: ${dir}`);
  return locateWorkspace(absolute);
}

/** The root of resolveWorkspace's workspace: for commands that work on the whole workspace (edits). */
export async function resolveWorkspaceRoot(dir: string | undefined, context: CommandContext): Promise<string> {
  return (await resolveWorkspace(dir, context)).root;
}

/**
 * Throws a UserError (exit 1) saying which directory was read and how to start a workspace when
 * `location` is no workspace: no config file there or above, and `declared` false (nothing in it
 * declares an objective, and nothing in it has a problem to report).
 */
export function requireWorkspace(location: WorkspaceLocation, declared: boolean): void {
  if (location.configFile !== null || declared) return;
  throw new UserError(
    `no okr workspace in ${location.root}: no ${CONFIG_FILES.join(' or ')} there or in a folder above, and no objective below it; start one there with okr init, or name a workspace's folder`,
  );
}

/** Whether `model` declares anything a report could show: an objective or a problem. */
export function declaresAnything(model: WorkspaceModel): boolean {
  return model.objectives.length > 0 || model.problems.length > 0;
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
