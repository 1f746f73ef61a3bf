/**
 * The hand-written checks (schema-check.ts) must answer only for data zod accepts, with exactly the
 * data zod's safeParse returns (trimmed text, unknown keys passed through, key order, -0), and must
 * answer for every valid mapping of the usual shapes, so that valid files never load zod. Generated
 * data sits in and around the valid shapes: near misses of every constraint, extra keys, whitespace,
 * numbers that are not finite or not integers, wrong types, nested lists.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCheckin, checkConfig, checkKeyResult, checkObjectiveHeader, checkTaskFile } from '../../src/parse/schema-check.js';
import { CHECKIN_KEYS, CONFIG_KEYS, KEY_RESULT_KEYS, OBJECTIVE_KEYS, TASK_FILE_KEYS, THRESHOLD_KEYS } from '../../src/parse/schema-keys.js';
import { validateKeyResult, validateTaskFile, zodSchemas, type Schemas } from '../../src/parse/schema.js';
import { canonical } from '../helpers/canonical.js';


// ---- values in and around each constraint ---------------------------------------------------

const anyValue = fc.anything({ maxDepth: 2, maxKeys: 3, withNullPrototype: true, withBoxedValues: true, withSparseArray: true });
const wrongType = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, 1, -0, '', [], {}, ['a'], { a: 1 }, new Date(0), new Uint8Array(1)),
  anyValue,
);

/** A value the schema accepts, and values around it: near misses of the constraint, and anything. */
interface Field {
  valid: fc.Arbitrary<unknown>;
  noisy: fc.Arbitrary<unknown>;
}
const field = (valid: fc.Arbitrary<unknown>, nearMiss: fc.Arbitrary<unknown>): Field => ({
  valid,
  noisy: fc.oneof({ weight: 2, arbitrary: valid }, { weight: 3, arbitrary: nearMiss }, { weight: 1, arbitrary: wrongType }),
});

const idText = fc.oneof(
  fc.constantFrom('a', 'kr-1', 'kr-73-0', 'objective-17', '0', '9x', 'a.b_c-d', 'a..b', 'a-', 'a_'),
  fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,8}$/),
);
const id = field(idText, fc.constantFrom('', 'A', 'Kr-1', '-a', '.a', '_a', 'a b', ' a', 'a ', 'a\n', 'é', 'a/b', 'a:b', 'a\u0000'));
const whitespace = fc.constantFrom('', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2028', '\ufeff', '\u3000', '\v', '\f', '\u200b');
const word = fc.oneof(fc.constantFrom('Ship it', 'growth-team', 'Title', 'x', 'ünïcödé 数据 🎉', 'a\u200b'), fc.string({ minLength: 1, maxLength: 6 }).filter((t) => t.trim() !== ''));
const textValue = fc.tuple(whitespace, word, whitespace).map(([a, b, c]) => `${a}${b}${c}`);
const text = field(textValue, fc.tuple(whitespace, whitespace).map(([a, b]) => `${a}${b}`));
const finite = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, 1.5, -0.5, 0.999, 1.0000001, 100, 2.5e-8, 1e21, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, -Number.MAX_SAFE_INTEGER, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -5, max: 5 }),
);
const notFinite = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '3', '0.5', ' 1 ', 'NaN', 'Infinity');
const number = field(finite, notFinite);
const fraction = field(
  fc.oneof(fc.constantFrom(0, -0, 1, 0.5, 0.7, 1e-300), fc.double({ min: 0, max: 1, noNaN: true })),
  fc.oneof(notFinite, fc.constantFrom(-1e-300, -0.1, 1.0000001, 2, -1), fc.double()),
);
const nonNegative = field(
  fc.oneof(fc.constantFrom(0, -0, 1, 2.5, 1e21), fc.double({ min: 0, noNaN: true, noDefaultInfinity: true })),
  fc.oneof(notFinite, fc.constantFrom(-1e-300, -1, -0.5), fc.double()),
);
const integer = fc.oneof(fc.constantFrom(0, -0, 1, 2026, -3, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER), fc.integer());
const notInteger = fc.oneof(notFinite, fc.constantFrom(0.5, 2026.1, 2 ** 53, -(2 ** 53), 1e21, Number.MAX_SAFE_INTEGER + 2), fc.double());
const boolean = field(fc.boolean(), fc.constantFrom('true', 'yes', 'false', 0, 1, null));
const periodLike = fc.constantFrom('2026-Q4', '2026-H1', '2026', '2026-11-15', '', ' x ');
const anyString = field(fc.oneof(textValue, periodLike, fc.string({ maxLength: 5 })), fc.constantFrom(1, null, true));
const date = field(
  fc.oneof(
    fc.constantFrom('2026-01-31', '2026-02-28', '2024-02-29', '0001-01-01', '9999-12-31'),
    fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  ),
  fc.constantFrom('2026-02-30', '2025-02-29', '0000-01-01', '2026-1-1', '2026-13-01', '2026-00-10', ' 2026-01-01', '2026-01-01 ', '2026-01-01T00:00', '20260101', '', 20260101),
);
const union = (...fields: Field[]): Field => ({ valid: fc.oneof(...fields.map((f) => f.valid)), noisy: fc.oneof(...fields.map((f) => f.noisy)) });
/** Sparse lists: zod reads a hole as undefined. */
const holes = [new Array(2), Object.assign(new Array(2), { 1: 'a' })];
const list = (element: fc.Arbitrary<unknown>, noisyElement: fc.Arbitrary<unknown>, minLength = 0): Field =>
  field(
    fc.array(element, { minLength, maxLength: 3 }),
    fc.oneof(fc.array(noisyElement, { maxLength: 3 }), fc.constantFrom([], [undefined], ...holes), fc.array(element, { maxLength: 3 }).map((items) => [...items, null])),
  );

/**
 * Mappings built from `fields`: all valid, or valid but for one field, or noisy anywhere; optional
 * keys present or not, required ones now and then missing, a few other keys, in any order, now and
 * then without a prototype or with a `__proto__` key.
 */
function mapping(fields: Record<string, Field>, required: readonly string[] = []): { valid: fc.Arbitrary<Record<string, unknown>>; noisy: fc.Arbitrary<Record<string, unknown>> } {
  const names = Object.keys(fields);
  const entries = (noise: 'none' | 'one' | 'any') =>
    fc.tuple(
      fc.tuple(...names.map((name) => fc.record({ valid: fields[name]!.valid, noisy: fields[name]!.noisy, present: fc.integer({ min: 0, max: required.includes(name) ? 15 : 1 }), noisy_: fc.boolean() }))),
      fc.integer({ min: 0, max: names.length - 1 }),
    ).map(([values, chosen]) =>
      values.flatMap((value, index) => {
        const name = names[index]!;
        const isRequired = required.includes(name);
        const present = isRequired ? (noise === 'none' ? true : value.present !== 0) : value.present !== 0;
        if (!present) return [];
        const noisy = noise === 'any' ? value.noisy_ : noise === 'one' && index === chosen;
        return [[name, noisy ? value.noisy : value.valid] as const];
      }),
    );
  const extraKey = fc.constantFrom('extra', 'Title', 'titel', 'notes', '1', '0', 'constructor', 'toString', 'key_results', 'x y', '');
  const build = (noise: 'none' | 'one' | 'any') =>
    fc
      .tuple(entries(noise), fc.array(fc.tuple(extraKey, anyValue), { maxLength: 3 }), fc.integer({ min: 0, max: 1000 }), fc.boolean(), fc.integer({ min: 0, max: 40 }))
      .map(([known, others, shuffle, nullPrototype, oddity]) => {
        const all = [...known, ...(noise === 'none' && oddity % 2 === 0 ? [] : others)];
        const order = all.map((entry, index) => ({ entry, rank: (index * 7919 + shuffle) % 101 })).sort((a, b) => a.rank - b.rank);
        const out: Record<string, unknown> = nullPrototype ? Object.create(null) : {};
        for (const { entry } of order) out[entry[0]] = entry[1];
        if (oddity === 1) Object.defineProperty(out, '__proto__', { value: 'x', enumerable: true, configurable: true, writable: true });
        return out;
      });
  const valid = build('none');
  return { valid, noisy: fc.oneof(valid, build('one'), build('any')) };
}

const checkin = mapping({ date, value: union(number, boolean), confidence: fraction, note: anyString }, ['date', 'value']);
const keyResult = mapping(
  {
    id,
    title: text,
    owner: text,
    start: number,
    target: number,
    current: number,
    unit: anyString,
    weight: nonNegative,
    done: boolean,
    checkins: list(checkin.valid, checkin.noisy),
  },
  ['id', 'title'],
);
const objective = mapping(
  {
    type: field(fc.constant('objective'), fc.constantFrom('Objective', 'objective ', 'tasks')),
    id,
    title: text,
    owner: text,
    period: union(anyString, field(integer, notInteger)),
    start: anyString,
    end: anyString,
    parent: id,
    key_results: list(keyResult.valid, keyResult.noisy),
  },
  ['id', 'title'],
);
const taskFile = mapping(
  {
    type: field(fc.constantFrom('tasks', 'task'), fc.constantFrom('Tasks', 'objective', ' task', 'task ')),
    kr: union(id, list(id.valid, id.noisy, 1)),
    title: text,
    owner: text,
  },
  ['kr'],
);
const thresholds = mapping({ on_track: fraction, at_risk: fraction });
const config = mapping({
  thresholds: { valid: thresholds.valid, noisy: fc.oneof(thresholds.noisy, wrongType) },
  max_file_size: union(field(fc.oneof(fc.integer({ min: 1 }), fc.constantFrom(1, Number.MAX_SAFE_INTEGER)), fc.oneof(notInteger, fc.constantFrom(0, -0, -1))), anyString),
});

// ---- the law ----------------------------------------------------------------------------------

/** Only plain mappings with no `__proto__` key are promised an answer; nested values checked by the schema too. */
function isUsualMapping(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && !Object.hasOwn(value, '__proto__');
}

function usualThroughout(name: keyof Schemas, data: unknown): boolean {
  if (!isUsualMapping(data)) return false;
  const record = data as Record<string, unknown>;
  if (name === 'keyResult' && Array.isArray(record.checkins)) return record.checkins.every(isUsualMapping);
  if (name === 'config' && record.thresholds !== undefined) return isUsualMapping(record.thresholds);
  return true;
}

const CHECKS = {
  checkin: [checkCheckin, checkin.noisy],
  keyResult: [checkKeyResult, keyResult.noisy],
  objectiveHeader: [checkObjectiveHeader, objective.noisy],
  taskFile: [checkTaskFile, taskFile.noisy],
  config: [checkConfig, config.noisy],
} as const satisfies Partial<Record<keyof Schemas, readonly [(data: unknown) => unknown, fc.Arbitrary<unknown>]>>;

describe('hand-written schema checks against zod', () => {
  it('list the same keys as the zod schemas', () => {
    const schemas = zodSchemas();
    expect(OBJECTIVE_KEYS).toEqual(Object.keys(schemas.objective.shape));
    expect(KEY_RESULT_KEYS).toEqual(Object.keys(schemas.keyResult.shape));
    expect(CHECKIN_KEYS).toEqual(Object.keys(schemas.checkin.shape));
    expect(TASK_FILE_KEYS).toEqual(Object.keys(schemas.taskFile.shape));
    expect(CONFIG_KEYS).toEqual(Object.keys(schemas.config.shape));
    expect(THRESHOLD_KEYS).toEqual(Object.keys(schemas.config.shape.thresholds.unwrap().shape));
    expect(Object.keys(schemas.objectiveHeader.shape)).toEqual(OBJECTIVE_KEYS.filter((key) => key !== 'key_results'));
  });

  it.each(Object.keys(CHECKS) as (keyof typeof CHECKS)[])('%s: answers exactly as zod, for all valid usual data', (name) => {
    const [check, arbitrary] = CHECKS[name];
    const schema = zodSchemas()[name];
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(arbitrary, (data) => {
        const reference = schema.safeParse(data);
        const answer = check(data);
        if (!reference.success) {
          invalid++;
          expect(answer, canonical(data)).toBeUndefined();
          return;
        }
        valid++;
        if (usualThroughout(name, data)) expect(answer, canonical(data)).not.toBeUndefined();
        if (answer !== undefined) expect(canonical(answer), canonical(data)).toBe(canonical(reference.data));
      }),
      { seed: 20260517, numRuns: 3000 },
    );
    // Both sides of every schema are exercised.
    expect(valid).toBeGreaterThan(300);
    expect(invalid).toBeGreaterThan(300);
  });

  it('pass unknown keys through as they are, after the known ones', () => {
    const notes = { a: [1] };
    const data = { title: '  Grow  ', notes, id: 'kr-1', '7': 'x', weight: -0 };
    const checked = checkKeyResult(data);
    expect(checked).toBeDefined();
    expect(canonical(checked)).toBe(canonical(zodSchemas().keyResult.parse(data)));
    expect(canonical(checked)).toBe('{"7":"x","id":"kr-1","title":"Grow","weight":-0,"notes":{"a":[1]}}');
    expect((checked as Record<string, unknown>).notes).toBe(notes);
  });

  it('leave invalid data to zod, whose messages stay', () => {
    expect(checkTaskFile({ kr: 'Bad Id' })).toBeUndefined();
    const result = validateTaskFile({ kr: 'Bad Id' });
    expect(result.success).toBe(false);
    expect(validateKeyResult({ id: 'kr-1', title: 'x', target: Number.NaN }).success).toBe(false);
    expect(validateKeyResult({ id: 'kr-1', title: 'x', target: 3 })).toEqual({ success: true, data: { id: 'kr-1', title: 'x', target: 3 } });
  });
});
