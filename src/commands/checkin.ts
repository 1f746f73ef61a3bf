/**
 * `okr checkin <kr-id> <value>`: sets a metric's `current` (or a milestone's `done`) in place and
 * appends the check-in to the key result's `checkins:` list in its objective file. A check-in dated
 * after today is refused; one dated before the latest is inserted in date order and leaves the
 * value alone (src/edit/checkin.ts).
 */
import path from 'node:path';
import { checkinEdit, type CheckinRecord } from '../edit/checkin.js';
import type { KeyResult } from '../model/link.js';
import type { CheckinStatus, Measure } from '../model/types.js';
import { isIsoDate } from '../model/period.js';
import { computeKeyResultProgress } from '../compute/progress.js';
import type { CommandContext } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { loadWorkspace } from '../io/load-workspace.js';
import type { WriteHooks } from '../io/edit-file.js';
import { formatGuardrail, formatNumber, formatPercent } from '../render/format.js';
import { sanitizeLine } from '../safe-text.js';
import { applyEdit } from './apply-edit.js';
import { displayPath, keyResultToEdit, type EditFlags } from './edit-support.js';
import { resolveToday, resolveWorkspaceRoot } from './shared.js';
import { objectiveOfKeyResult, refuseClosed, type ForceFlag } from './closed-guard.js';

export interface CheckinOptions extends EditFlags, ForceFlag {
  confidence?: string;
  note?: string;
  /** The owner's call; commander's choices have checked it. */
  status?: CheckinStatus;
  date?: string;
  today?: string;
  dir?: string;
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

export async function runCheckin(krId: string, value: string, options: CheckinOptions, context: CommandContext, hooks?: WriteHooks): Promise<ExitCode> {
  // The clock is read once, and only when --today is not given.
  let today = options.today === undefined ? undefined : resolveToday(options.today, context);
  const date = options.date ?? (today ??= resolveToday(undefined, context));
  if (!isIsoDate(date)) throw new UsageError(`--date expects a date as YYYY-MM-DD, got "${options.date}"`);
  const confidence = parseConfidence(options.confidence);
  if (options.note !== undefined && options.note.trim() === '') throw new UsageError('--note must not be empty');

  const root = await resolveWorkspaceRoot(options.dir, context);
  const { config, model } = await loadWorkspace(root, context.load);
  const found = keyResultToEdit(model, krId, true);
  refuseClosed(objectiveOfKeyResult(model, krId), 'check in', options);
  const kr: MeasuredKeyResult = { ...found, measure: found.measure! };
  const record: CheckinRecord = { date, value: parseValue(kr, value) };
  if (confidence !== undefined) record.confidence = confidence;
  if (options.note !== undefined) record.note = options.note;
  if (options.status !== undefined) record.status = options.status;
  today ??= resolveToday(undefined, context);
  if (date > today) throw new UserError(`the check-in date ${date} is after today (${today}): a check-in records where the key result stands, so date it today or earlier`);

  const absolutePath = path.join(root, kr.file);
  const shown = displayPath(context, absolutePath, root);
  const edit = await applyEdit({ absolutePath, shown, root, maxFileSize: config.maxFileSize }, (before) => checkinEdit(before, krId, record), options, context, hooks);
  if (!edit.written || edit.after === null) return ExitCode.OK;
  const afterFacts = edit.after.facts;
  const after = afterFacts.objective?.keyResults.find((item) => item.id === krId);
  const measureAfter: Measure = after?.measure ?? kr.measure;
  const progress = (measure: Measure) => formatPercent(computeKeyResultProgress({ ...kr, measure }).progress ?? 0);
  const krLine = after ? `${shown}:${after.line}` : shown;
  const { backdatedBefore } = edit.plan;
  const stays = kr.measure.kind === 'milestone' ? `done stays ${String(kr.measure.done)}` : `current stays ${describe(kr.measure)}`;
  // The unit comes from the file: the whole line is made safe to print.
  context.stdout.write(
    `${sanitizeLine(
      backdatedBefore === null
        ? `${krId}: ${describe(kr.measure)} → ${describe(measureAfter)} (${progress(kr.measure)} → ${progress(measureAfter)}); check-in of ${date} recorded in ${krLine}`
        : `${krId}: inserted a check-in dated ${date} before the latest (${backdatedBefore}) in ${krLine}; ${stays}`,
    )}\n`,
  );
  // The key result's warnings that the edit brings (such as a date outside the period), as notes.
  const known = new Set(edit.before.facts.problems.map((p) => `${p.rule}\0${p.message}`));
  const warnings = afterFacts.problems.filter((p) => p.severity === 'warning' && p.message.includes(`"${krId}"`) && !known.has(`${p.rule}\0${p.message}`));
  for (const warning of warnings) context.stderr.write(`note: ${sanitizeLine(warning.message)}\n`);
  return ExitCode.OK;
}

function parseConfidence(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!NUMBER.test(text.trim()) || value < 0 || value > 1) {
    throw new UsageError(`--confidence expects a number from 0 to 1 (such as 0.7), got "${text}"`);
  }
  return value;
}

/** A valid key result: its measure could be read. */
type MeasuredKeyResult = KeyResult & { measure: Measure };

function parseValue(kr: MeasuredKeyResult, text: string): number | boolean {
  const { measure } = kr;
  if (measure.kind === 'tasks') {
    throw new UserError(
      `key result "${kr.id}" is measured by its linked tasks, so it has no value to check in: tick its tasks with okr done, or give it "start" and "target" (a metric) or "done" (a milestone) in ${kr.file}`,
    );
  }
  if (measure.kind === 'rollup') {
    throw new UserError(`key result "${kr.id}" is a roll-up: its progress comes from the key results that contribute to it, so check in on those instead`);
  }
  if (measure.kind === 'milestone') {
    const lower = text.trim().toLowerCase();
    if (lower === 'true' || lower === 'false') return lower === 'true';
    throw new UsageError(`key result "${kr.id}" is a milestone: check in true (reached) or false, got "${text}"`);
  }
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!NUMBER.test(trimmed) || !Number.isFinite(value)) {
    const unit = measure.unit ? ` ${measure.unit}` : '';
    const withoutUnit = measure.unit && trimmed.endsWith(measure.unit) ? `: write the number without "${measure.unit}"` : '';
    const what = measure.kind === 'metric' ? `a metric (${formatNumber(measure.start)} → ${formatNumber(measure.target)}${unit})` : `a guardrail (${formatGuardrail(measure)})`;
    throw new UsageError(`key result "${kr.id}" is ${what}: "${text}" is not a number${withoutUnit}`);
  }
  return value;
}

function describe(measure: Measure): string {
  if (measure.kind === 'metric' || measure.kind === 'guardrail') return `${formatNumber(measure.current)}${measure.unit ? ` ${measure.unit}` : ''}`;
  if (measure.kind === 'milestone') return measure.done ? 'done' : 'open';
  return 'tasks';
}
