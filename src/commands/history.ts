/** `okr history [id...] [dir]`: how progress and status moved, reconstructed from git. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { CommandContext } from '../context.js';
import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { readHistory, resolveHistoryBound } from '../io/history.js';
import { didYouMean } from '../model/suggest.js';
import type { HistoryFormat } from '../options.js';
import { writeAs } from '../output.js';
import { renderHistoryCsv, renderHistoryJson, renderHistoryMarkdown, renderHistoryText } from '../render/history.js';
import { createStyle, detectColorLevel } from '../render/style.js';
import { resolveToday, resolveWorkspaceRoot } from './shared.js';

export interface HistoryOptions {
  today?: string;
  since?: string;
  until?: string;
  format?: HistoryFormat;
  /** Same as `format: 'json'`. */
  json?: boolean;
  dir?: string;
}

export async function runHistory(args: readonly string[], options: HistoryOptions, context: CommandContext): Promise<ExitCode> {
  // --format is checked by the command line (src/options.ts).
  const format = options.json ? 'json' : (options.format ?? 'text');
  const today = resolveToday(options.today, context);
  const { ids, dir } = await splitArguments(args, options.dir, context.cwd);
  const root = await resolveWorkspaceRoot(dir, context);
  const since = options.since === undefined ? null : await resolveHistoryBound(root, options.since, '--since', context.env);
  const until = options.until === undefined ? null : await resolveHistoryBound(root, options.until, '--until', context.env);

  const history = await readHistory(root, ids, { env: context.env, load: context.load, since, until, today });
  if (history.unknown.length > 0) {
    const first = history.unknown[0]!;
    const where = history.points === 0 ? 'no commit in the range changed the workspace' : `no point of its history declares it${didYouMean(first, history.known)}`;
    throw new UserError(`"${first}" is not an objective or key result in this workspace's history: ${where}`);
  }
  if (format === 'json') writeAs(context.stdout, 'json', renderHistoryJson(history.series));
  else if (format === 'csv') context.stdout.write(renderHistoryCsv(history.series));
  else if (format === 'markdown') context.stdout.write(renderHistoryMarkdown(history.series));
  else context.stdout.write(renderHistoryText(history.series, await createStyle(detectColorLevel(Boolean(context.stdout.isTTY), context.env))));
  return ExitCode.OK;
}

/** The ids, and the workspace folder: `--dir`, else the last argument when it names an existing directory. */
async function splitArguments(args: readonly string[], dirOption: string | undefined, cwd: string): Promise<{ ids: string[]; dir: string | undefined }> {
  const last = args[args.length - 1];
  if (dirOption !== undefined || last === undefined) return { ids: [...args], dir: dirOption };
  const info = await stat(path.resolve(cwd, last)).catch(() => null);
  return info?.isDirectory() ? { ids: args.slice(0, -1), dir: last } : { ids: [...args], dir: undefined };
}
