/**
 * The schemas of the front-matter and of okr.config.yaml, in zod, the only schema okr has: key lists,
 * types and validation all come from them. Also plain-words messages for zod's issues.
 */
import { z } from 'zod';
import { isIsoDate } from '../model/period.js';
import { ID_PATTERN } from '../model/slug.js';
import { CHECKIN_STATUSES } from '../model/types.js';
import { CADENCE_WORDS } from '../model/cadence.js';
import { cutText, excerpt } from '../model/problem.js';

export { ID_PATTERN } from '../model/slug.js';

/**
 * What JSON Schema says of a date that `isIsoDate` accepts (zod's refinements do not reach a JSON
 * Schema): a real calendar date (format `date`, which validators check for the days of each month)
 * as YYYY-MM-DD, not in year 0000. test/unit/json-schema.test.ts holds the two to the same verdicts.
 */
const ISO_DATE_JSON_SCHEMA = { format: 'date', pattern: '^(?!0000)\\d{4}-\\d{2}-\\d{2}$' };

/** Built once, when the parser is loaded. */
function buildSchemas() {
  const id = z.string().regex(ID_PATTERN);
  // zod trims before it counts; JSON Schema cannot trim, so its `pattern` asks for a non-space.
  const text = z.string().trim().min(1).meta({ pattern: '\\S' });
  const number = z.number(); // zod rejects NaN and ±Infinity
  /** How often check-ins are due: weekly (7 days), biweekly (14), monthly (30), or a number of days. */
  const cadence = z.union([z.enum(CADENCE_WORDS), z.number().int().min(1)]);

  /** One entry of a key result's `checkins:` history, as `okr checkin` appends it. */
  const checkin = z
    .object({
      date: z.string().refine(isIsoDate, { message: 'expected a date as YYYY-MM-DD' }).meta(ISO_DATE_JSON_SCHEMA),
      value: z.union([number, z.boolean()]),
      confidence: number.min(0).max(1).optional(),
      note: z.string().optional(),
      status: z.enum(CHECKIN_STATUSES).optional(),
    })
    .loose();

  const keyResult = z
    .object({
      id,
      title: text,
      owner: text.optional(),
      start: number.optional(),
      target: number.optional(),
      current: number.optional(),
      unit: z.string().optional(),
      weight: number.min(0).optional(),
      done: z.boolean().optional(),
      checkins: z.array(checkin).optional(),
      /** The key result's score, 0..1: set by hand (an owner's judgement) or frozen by `okr close`. */
      score: number.min(0).max(1).optional(),
      /** The key result's progress, 0..1, when `okr close` froze a score set by hand: what `okr lint` compares later progress with. */
      progress_at_close: number.min(0).max(1).optional(),
      /** A guardrail: a health metric to hold at or above this value (with `current`). */
      keep_above: number.optional(),
      /** A guardrail: a health metric to hold at or below this value (with `current`). */
      keep_below: number.optional(),
      /** `rollup`: progress is the weighted mean of the key results that contribute to it. */
      measure: z.enum(['rollup']).optional(),
      /** The id of a key result (usually of the parent objective) this one counts toward. */
      contributes_to: id.optional(),
    })
    .loose();

  const objective = z
    .object({
      type: z.literal('objective').optional(),
      id,
      title: text,
      owner: text.optional(),
      period: z.union([z.string(), z.number().int()]).optional(),
      start: z.string().optional(),
      end: z.string().optional(),
      parent: id.optional(),
      progress_from: z.enum(['key_results', 'children', 'both']).optional(),
      /** Committed objectives are expected to reach 1.0; aspirational ones are a success at 0.7. */
      commitment: z.enum(['committed', 'aspirational']).optional(),
      /** The date `okr close` closed the objective's period. */
      closed: z.string().refine(isIsoDate, { message: 'expected a date as YYYY-MM-DD' }).meta(ISO_DATE_JSON_SCHEMA).optional(),
      /** The objective's score, 0..1, frozen by `okr close`. */
      score: number.min(0).max(1).optional(),
      /** What was learned, written by `okr close`. */
      close_note: z.string().optional(),
      /** The id of the objective this one carries on from (`okr new objective --from`). */
      continues: id.optional(),
      /** Overrides okr.config.yaml's `checkins.cadence` for this objective's key results. */
      cadence: cadence.optional(),
      // `key_results:` with nothing after it is an objective without key results.
      key_results: z.array(keyResult).nullable().optional(),
    })
    .loose();

  /** The objective's own keys; key results are validated one by one. */
  const objectiveHeader = objective.omit({ key_results: true });

  const taskFile = z
    .object({
      type: z.enum(['tasks', 'task']).optional(),
      kr: z.union([id, z.array(id).min(1)]),
      title: text.optional(),
      owner: text.optional(),
    })
    .loose();

  const thresholds = z
    .object({
      on_track: number.min(0).max(1).optional(),
      at_risk: number.min(0).max(1).optional(),
    })
    .strict();

  const checkinSettings = z.object({ cadence: cadence.optional() }).strict();

  const config = z
    .object({
      thresholds: thresholds.optional(),
      max_file_size: z.union([z.number().int().positive(), z.string()]).optional(),
      /** Globs of files and folders not read, in gitignore syntax, relative to the workspace root. */
      exclude: z.array(z.string().trim().min(1)).optional(),
      /** Check-ins: how often they are due (`okr due`). */
      checkins: checkinSettings.optional(),
    })
    .strict();

  return { checkin, keyResult, objective, objectiveHeader, taskFile, thresholds, checkinSettings, config };
}

export type Schemas = ReturnType<typeof buildSchemas>;
const schemas: Schemas = buildSchemas();

/** The zod schemas themselves (for a JSON Schema, or tests). */
export function zodSchemas(): Schemas {
  return schemas;
}

/** The keys each kind of mapping may hold, in the schema's order: for unknown-key warnings and their suggestions. */
export const OBJECTIVE_KEYS: readonly string[] = Object.keys(schemas.objective.shape);
export const KEY_RESULT_KEYS: readonly string[] = Object.keys(schemas.keyResult.shape);
export const CHECKIN_KEYS: readonly string[] = Object.keys(schemas.checkin.shape);
export const TASK_FILE_KEYS: readonly string[] = Object.keys(schemas.taskFile.shape);
export const CONFIG_KEYS: readonly string[] = Object.keys(schemas.config.shape);
export const THRESHOLD_KEYS: readonly string[] = Object.keys(schemas.thresholds.shape);
export const CHECKIN_SETTINGS_KEYS: readonly string[] = Object.keys(schemas.checkinSettings.shape);

export type CheckinData = z.infer<Schemas['checkin']>;
export type ObjectiveData = z.infer<Schemas['objective']>;
export type ObjectiveHeaderData = z.infer<Schemas['objectiveHeader']>;
export type KeyResultData = z.infer<Schemas['keyResult']>;
export type TaskFileData = z.infer<Schemas['taskFile']>;
export type ConfigData = z.infer<Schemas['config']>;

/** What zod's safeParse returns: the parsed data (strings trimmed where the schema trims, other keys kept), or zod's error. */
export type SchemaResult<T> = { success: true; data: T } | { success: false; error: z.ZodError };

/** Validates one entry of a key result's `checkins:` list. Never throws; describe failures with describeSchemaIssues. */
export function validateCheckin(data: unknown): SchemaResult<CheckinData> {
  return schemas.checkin.safeParse(data);
}

/** Validates one key result of an objective's `key_results:` list. Never throws. */
export function validateKeyResult(data: unknown): SchemaResult<KeyResultData> {
  return schemas.keyResult.safeParse(data);
}

/** Validates an objective's own keys (its `key_results` are validated one by one). Never throws. */
export function validateObjectiveHeader(data: unknown): SchemaResult<ObjectiveHeaderData> {
  return schemas.objectiveHeader.safeParse(data);
}

/** Validates a task file's front-matter. Never throws. */
export function validateTaskFile(data: unknown): SchemaResult<TaskFileData> {
  return schemas.taskFile.safeParse(data);
}

/** Validates okr.config.yaml's data (unknown keys are issues here: the mapping is strict). Never throws. */
export function validateConfig(data: unknown): SchemaResult<ConfigData> {
  return schemas.config.safeParse(data);
}

export interface SchemaIssue {
  path: (string | number)[];
  /** 'key' when the issue is about the key itself (unknown key), else about the value. */
  at: 'key' | 'value';
  message: string;
}

/**
 * Turns zod's issues for `data` into okr's messages: each names the key by its path
 * (`key_results[1].target`), what was expected and what was found. An unknown key of a strict
 * mapping gives one issue per key, `at: 'key'`; every other issue is about the value at `path`.
 */
export function describeSchemaIssues(error: z.ZodError, data: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ path: [...path, key], at: 'key', message: `unknown key ${excerpt(formatPath([...path, key]))}` });
      }
      continue;
    }
    const value = valueAt(data, path);
    const name = formatPath(path);
    issues.push({ path, at: 'value', message: `${name}: ${describeIssue(issue, value, path)}` });
  }
  return issues;
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown, path: (string | number)[]): string {
  const key = path[path.length - 1];
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return `is required`;
      if (issue.expected === 'number' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
        return `expected a number, got the string ${JSON.stringify(cutText(String(value)))}: write it without quotes`;
      }
      if (issue.expected === 'number' && typeof value === 'number') {
        return `expected a finite number, got ${String(value)}`;
      }
      return `expected ${expectedWords(issue.expected)}, got ${describeValue(value)}`;
    case 'invalid_format':
      if (key === 'id' || key === 'parent' || key === 'kr' || key === 'contributes_to' || key === 'continues' || typeof key === 'number') {
        return `${JSON.stringify(cutText(String(value)))} is not a valid id: use lowercase letters, digits, ".", "_" and "-", starting with a letter or digit`;
      }
      return `${JSON.stringify(cutText(String(value)))} has the wrong form`;
    case 'too_small':
      if (issue.origin === 'string') return value === undefined ? 'is required' : 'must not be empty';
      if (issue.origin === 'array') return 'must name at least one key result';
      return `must be at least ${String(issue.minimum)}, got ${describeValue(value)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}, got ${describeValue(value)}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describeValue(value)}`;
    case 'invalid_union':
      if (key === 'kr') return describeKrValue(value);
      if (key === 'period') return `expected a period such as 2026-Q4, got ${describeValue(value)}`;
      if (key === 'value') return `expected a number (metric) or true/false (milestone), got ${describeValue(value)}`;
      return `got ${describeValue(value)}, which is not allowed here`;
    default:
      return issue.message;
  }
}

/** `kr:` that is neither an id nor a list of ids: names the first item of a list that is not an id. */
function describeKrValue(value: unknown): string {
  if (Array.isArray(value)) {
    const index = value.findIndex((item) => typeof item !== 'string');
    if (index >= 0) {
      const item: unknown = value[index];
      const hint = typeof item === 'number' ? `: quote it ("${String(item)}") to use it as an id` : '';
      return `expected a list of key result ids (text), but item ${index + 1} is ${describeValue(item)}${hint}`;
    }
  }
  return `expected a key result id or a list of ids, got ${describeValue(value)}`;
}

function expectedWords(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'a mapping of keys to values';
    default:
      return expected;
  }
}

/** A value in words for messages: `the number 5`, `the text "x"`, `a list`, `an empty value` (null). */
export function describeValue(value: unknown): string {
  if (value === null) return 'an empty value';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return Number.isFinite(value) ? `the number ${value}` : `${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

/** A path written for messages: `key_results[1].target`; the empty path is `front-matter`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    out += typeof segment === 'number' ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  }
  return out === '' ? 'front-matter' : out;
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}
