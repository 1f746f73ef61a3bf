/** zod schemas of the front-matter and of okr.config.yaml, and plain-words messages for their issues. */
import { z } from 'zod';
import { isIsoDate } from './period.js';

export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

const id = z.string().regex(ID_PATTERN);
const text = z.string().trim().min(1);
const number = z.number(); // zod rejects NaN and ±Infinity

/** One entry of a key result's `checkins:` history, as `okr checkin` appends it. */
export const checkinSchema = z
  .object({
    date: z.string().refine(isIsoDate, { message: 'expected a date as YYYY-MM-DD' }),
    value: z.union([number, z.boolean()]),
    confidence: number.min(0).max(1).optional(),
    note: z.string().optional(),
  })
  .loose();

export const keyResultSchema = z
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
    checkins: z.array(checkinSchema).optional(),
  })
  .loose();

export const objectiveSchema = z
  .object({
    type: z.literal('objective').optional(),
    id,
    title: text,
    owner: text.optional(),
    period: z.union([z.string(), z.number().int()]).optional(),
    start: z.string().optional(),
    end: z.string().optional(),
    parent: id.optional(),
    key_results: z.array(keyResultSchema).optional(),
  })
  .loose();

/** The objective's own keys; key results are validated one by one. */
export const objectiveHeaderSchema = objectiveSchema.omit({ key_results: true });

export const taskFileSchema = z
  .object({
    type: z.enum(['tasks', 'task']).optional(),
    kr: z.union([id, z.array(id).min(1)]),
    title: text.optional(),
    owner: text.optional(),
  })
  .loose();

export const configSchema = z
  .object({
    thresholds: z
      .object({
        on_track: number.min(0).max(1).optional(),
        at_risk: number.min(0).max(1).optional(),
      })
      .strict()
      .optional(),
    max_file_size: z.union([z.number().int().positive(), z.string()]).optional(),
  })
  .strict();

export const CONFIG_KEYS = Object.keys(configSchema.shape);

export const OBJECTIVE_KEYS = Object.keys(objectiveSchema.shape);
export const KEY_RESULT_KEYS = Object.keys(keyResultSchema.shape);
export const TASK_FILE_KEYS = Object.keys(taskFileSchema.shape);

export type ObjectiveData = z.infer<typeof objectiveSchema>;
export type KeyResultData = z.infer<typeof keyResultSchema>;
export type TaskFileData = z.infer<typeof taskFileSchema>;
export type ConfigData = z.infer<typeof configSchema>;

export interface SchemaIssue {
  path: (string | number)[];
  /** 'key' when the issue is about the key itself (unknown key), else about the value. */
  at: 'key' | 'value';
  message: string;
}

/** Turns zod issues into messages that name the key, what was expected and what was found. */
export function describeSchemaIssues(error: z.ZodError, data: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ path: [...path, key], at: 'key', message: `unknown key "${formatPath([...path, key])}"` });
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
        return `expected a number, got the string ${JSON.stringify(value)}: write it without quotes`;
      }
      if (issue.expected === 'number' && typeof value === 'number') {
        return `expected a finite number, got ${String(value)}`;
      }
      return `expected ${expectedWords(issue.expected)}, got ${describeValue(value)}`;
    case 'invalid_format':
      if (key === 'id' || key === 'parent' || key === 'kr' || typeof key === 'number') {
        return `${JSON.stringify(value)} is not a valid id: use lowercase letters, digits, ".", "_" and "-", starting with a letter or digit`;
      }
      return `${JSON.stringify(value)} has the wrong form`;
    case 'too_small':
      if (issue.origin === 'string') return value === undefined ? 'is required' : 'must not be empty';
      if (issue.origin === 'array') return 'must name at least one key result';
      return `must be at least ${String(issue.minimum)}, got ${describeValue(value)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}, got ${describeValue(value)}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describeValue(value)}`;
    case 'invalid_union':
      if (key === 'kr') return `expected a key result id or a list of ids, got ${describeValue(value)}`;
      if (key === 'period') return `expected a period such as 2026-Q4, got ${describeValue(value)}`;
      if (key === 'value') return `expected a number (metric) or true/false (milestone), got ${describeValue(value)}`;
      return `got ${describeValue(value)}, which is not allowed here`;
    default:
      return issue.message;
  }
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

/** `key_results[1].target` */
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
