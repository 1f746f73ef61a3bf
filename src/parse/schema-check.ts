/**
 * The schemas of schema.ts checked by hand, for valid data: each check returns exactly what zod's
 * safeParse returns on success (strings trimmed where the schema trims, unknown keys passed through,
 * arrays copied), or undefined when the data is not valid or not of a shape it reads, and then zod
 * decides and explains. So a valid file is read without loading zod. A differential test
 * (test/unit/schema-differential.test.ts) holds every check to zod.
 */
import { isIsoDate } from '../compute/period.js';
import type { CheckinData, ConfigData, KeyResultData, ObjectiveHeaderData, TaskFileData } from './schema.js';
import { ID_PATTERN } from './schema-keys.js';

/** A value the schema refuses, or one this module leaves to zod. */
const REFUSED = Symbol('refused');
type Check = (value: unknown) => unknown;

interface Field {
  key: string;
  check: Check;
  optional: boolean;
}

const required = (key: string, check: Check): Field => ({ key, check, optional: false });
const optional = (key: string, check: Check): Field => ({ key, check, optional: true });

const string: Check = (value) => (typeof value === 'string' ? value : REFUSED);
const id: Check = (value) => (typeof value === 'string' && ID_PATTERN.test(value) ? value : REFUSED);
const text: Check = (value) => {
  if (typeof value !== 'string') return REFUSED;
  const trimmed = value.trim();
  return trimmed.length >= 1 ? trimmed : REFUSED;
};
const isoDate: Check = (value) => (typeof value === 'string' && isIsoDate(value) ? value : REFUSED);
const boolean: Check = (value) => (typeof value === 'boolean' ? value : REFUSED);
/** zod's number: finite (no NaN, no ±Infinity); -0 stays -0. */
const number: Check = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : REFUSED);
const numberBetween = (min: number, max: number): Check => (value) =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : REFUSED;
/** zod's `.int()`: a safe integer. */
const integer: Check = (value) => (typeof value === 'number' && Number.isSafeInteger(value) ? value : REFUSED);
const positiveInteger: Check = (value) => (typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : REFUSED);
const oneOf = (...values: readonly string[]): Check => (value) => (typeof value === 'string' && values.includes(value) ? value : REFUSED);

/** The first alternative that accepts the value, like zod's union. */
const either = (...checks: readonly Check[]): Check => (value) => {
  for (const check of checks) {
    const checked = check(value);
    if (checked !== REFUSED) return checked;
  }
  return REFUSED;
};

const list = (element: Check, minLength = 0): Check => (value) => {
  if (!Array.isArray(value) || value.length < minLength) return REFUSED;
  const out: unknown[] = new Array(value.length);
  for (let index = 0; index < value.length; index++) {
    const checked = element(value[index]);
    if (checked === REFUSED) return REFUSED;
    out[index] = checked;
  }
  return out;
};

/**
 * A mapping, read as zod reads an object: the schema's keys in the schema's order, then (`loose`)
 * every other key as it is. Only plain objects are read; a `__proto__` key is left to zod.
 */
const mapping = (fields: readonly Field[], others: 'loose' | 'strict'): Check => {
  const known = new Set(fields.map((field) => field.key));
  return (value) => {
    if (!isPlainObject(value)) return REFUSED;
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      if (!(field.key in input)) {
        if (field.optional) continue;
        return REFUSED;
      }
      const item = input[field.key];
      if (item === undefined && field.optional) {
        out[field.key] = undefined;
        continue;
      }
      const checked = field.check(item);
      if (checked === REFUSED) return REFUSED;
      out[field.key] = checked;
    }
    for (const key in input) {
      if (known.has(key)) continue;
      if (others === 'strict') return REFUSED;
      out[key] = input[key];
    }
    return out;
  };
};

function isPlainObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return (prototype === Object.prototype || prototype === null) && !Object.prototype.hasOwnProperty.call(value, '__proto__');
}

const checkin = mapping(
  [
    required('date', isoDate),
    required('value', either(number, boolean)),
    optional('confidence', numberBetween(0, 1)),
    optional('note', string),
  ],
  'loose',
);

const keyResult = mapping(
  [
    required('id', id),
    required('title', text),
    optional('owner', text),
    optional('start', number),
    optional('target', number),
    optional('current', number),
    optional('unit', string),
    optional('weight', numberBetween(0, Infinity)),
    optional('done', boolean),
    optional('checkins', list(checkin)),
  ],
  'loose',
);

/** The objective without `key_results`, which passes through as any other key. */
const objectiveHeader = mapping(
  [
    optional('type', oneOf('objective')),
    required('id', id),
    required('title', text),
    optional('owner', text),
    optional('period', either(string, integer)),
    optional('start', string),
    optional('end', string),
    optional('parent', id),
  ],
  'loose',
);

const taskFile = mapping(
  [optional('type', oneOf('tasks', 'task')), required('kr', either(id, list(id, 1))), optional('title', text), optional('owner', text)],
  'loose',
);

const config = mapping(
  [
    optional('thresholds', mapping([optional('on_track', numberBetween(0, 1)), optional('at_risk', numberBetween(0, 1))], 'strict')),
    optional('max_file_size', either(positiveInteger, string)),
  ],
  'strict',
);

function answer<T>(checked: unknown): T | undefined {
  return checked === REFUSED ? undefined : (checked as T);
}

/** The check-in record, checked by hand; undefined when it is not of the usual valid shapes (zod decides then). */
export const checkCheckin = (data: unknown) => answer<CheckinData>(checkin(data));
/** The key-result entry, checked by hand; undefined when it is not of the usual valid shapes (zod decides then). */
export const checkKeyResult = (data: unknown) => answer<KeyResultData>(keyResult(data));
/** The objective's front-matter without key results, checked by hand; undefined when zod must decide. */
export const checkObjectiveHeader = (data: unknown) => answer<ObjectiveHeaderData>(objectiveHeader(data));
/** A task file's front-matter, checked by hand; undefined when zod must decide. */
export const checkTaskFile = (data: unknown) => answer<TaskFileData>(taskFile(data));
/** okr.config.yaml, checked by hand; undefined when zod must decide. */
export const checkConfig = (data: unknown) => answer<ConfigData>(config(data));
