/**
 * The JSON Schemas okr prints (`okr schema`) and ships (`schema/`) are generated from the zod
 * schema, and give the same verdicts: on every fixture's front-matter (read with okr's own reader)
 * a JSON Schema validator (ajv) fails exactly the files okr reports `schema` errors in, and on
 * generated front-matter it agrees with zod.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCHEMA_KINDS } from '../../src/options.js';
import { parseOkrFile } from '../../src/parse/file-facts.js';
import { splitFrontMatter } from '../../src/parse/front-matter.js';
import { formatJsonSchema, jsonSchemaOf, schemaFileName, type SchemaKind } from '../../src/parse/json-schema.js';
import { validateConfig, zodSchemas } from '../../src/parse/schema.js';
import { stripBom } from '../../src/parse/utf8.js';
import { parseYaml } from '../../src/parse/yaml.js';
import { propertyRuns } from '../helpers/property-runs.js';
import { FIXTURES, REPO_ROOT } from '../helpers/run-cli.js';

// Strict, but for `type: [number, boolean]`, which is plain JSON Schema (ajv only asks that it be allowed).
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
// ajv-formats is CommonJS whose module.exports is the plugin itself.
(addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
const compile = (kind: SchemaKind) => {
  const validate = ajv.compile(jsonSchemaOf(kind));
  return (data: unknown): boolean => validate(data);
};
const validators: Record<SchemaKind, (data: unknown) => boolean> = { objective: compile('objective'), task: compile('task'), config: compile('config') };

function filesUnder(dir: string, name: (file: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => name(file))
    .map((file) => path.join(dir, file))
    .sort();
}

describe('okr schema', () => {
  it.each(SCHEMA_KINDS)('schema/%s.schema.json is what the zod schema generates (run `npm run schema` after changing it)', (kind) => {
    expect(readFileSync(path.join(REPO_ROOT, 'schema', schemaFileName(kind)), 'utf8')).toBe(formatJsonSchema(kind));
  });

  it('gives the objective schema its key results and their check-ins', () => {
    type Node = { properties?: Record<string, Node>; items?: Node; anyOf?: Node[]; required?: string[] };
    const keyResults = (jsonSchemaOf('objective') as Node).properties?.key_results;
    const keyResult = keyResults?.anyOf?.find((branch) => branch.items)?.items;
    expect(keyResult?.required).toEqual(['id', 'title']);
    expect(keyResult?.properties?.checkins?.items?.required).toEqual(['date', 'value']);
  });

  /** okr's verdict (no `schema` problem) and the JSON Schema's on a file's front-matter; null for plain Markdown, which has no schema. */
  function verdicts(file: string, bytes: Uint8Array): { file: string; okr: boolean; jsonSchema: boolean } | null {
    const facts = parseOkrFile(file, bytes);
    if (facts.role === 'markdown') return null;
    const { data } = splitFrontMatter(stripBom(new TextDecoder().decode(bytes)).text);
    // Front-matter that is not YAML data at all (a syntax error) has nothing to validate.
    if (data === undefined) return null;
    const okr = !facts.problems.some((p) => p.rule === 'schema');
    return { file, okr, jsonSchema: validators[facts.role === 'objective' ? 'objective' : 'task'](data) };
  }

  it("fails exactly the fixtures' front-matter that okr reports schema errors in", () => {
    const found = filesUnder(FIXTURES, (name) => name.endsWith('.md')).map((file) => verdicts(path.relative(FIXTURES, file), readFileSync(file)));
    const verdictsFound = found.filter((v) => v !== null);
    expect(verdictsFound.filter((v) => v.okr !== v.jsonSchema)).toEqual([]);
    // Both verdicts occur, so the comparison means something.
    expect(verdictsFound.filter((v) => v.okr).length).toBeGreaterThan(10);
    expect(verdictsFound.filter((v) => !v.okr).length).toBeGreaterThan(2);
  });

  it.each([
    ['an empty key_results', 'id: a\ntitle: A\nperiod: 2026-Q4\nkey_results:', true],
    ['a blank title', 'type: objective\nid: a\ntitle: "  "\nperiod: 2026-Q4', false],
    ['a blank owner', 'type: objective\nid: a\ntitle: A\nowner: "\\t"\nperiod: 2026-Q4', false],
    ['a check-in on a real date', 'id: a\ntitle: A\nperiod: 2024\nkey_results:\n  - { id: k, title: K, start: 0, target: 1, checkins: [{ date: 2024-02-29, value: 1 }] }', true],
    ['a check-in on February 30', 'id: a\ntitle: A\nperiod: 2026\nkey_results:\n  - { id: k, title: K, start: 0, target: 1, checkins: [{ date: 2026-02-30, value: 1 }] }', false],
    ['a check-in in year 0', 'id: a\ntitle: A\nperiod: 2026\nkey_results:\n  - { id: k, title: K, start: 0, target: 1, checkins: [{ date: 0000-01-01, value: 1 }] }', false],
    ['a check-in on 2026-1-2', 'id: a\ntitle: A\nperiod: 2026\nkey_results:\n  - { id: k, title: K, start: 0, target: 1, checkins: [{ date: 2026-1-2, value: 1 }] }', false],
    ['a task file for an empty list of ids', 'kr: []', false],
    ['a task file for two key results', 'kr: [a, b]', true],
  ])('gives the same verdict as okr on %s', (_, frontMatter, valid) => {
    expect(verdicts('x.md', new TextEncoder().encode(`---\n${frontMatter}\n---\n- [ ] x #k\n`))).toEqual({ file: 'x.md', okr: valid, jsonSchema: valid });
  });

  it("agrees with zod on the fixtures' okr.config.yaml files", () => {
    // The rule `config` also reports what the JSON Schema leaves to okr: a `max_file_size` text that
    // is not a size ("5 MB") and thresholds out of order; the JSON Schema is held to zod's verdict.
    const files = filesUnder(FIXTURES, (name) => path.basename(name) === 'okr.config.yaml');
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      const parsed = parseYaml(stripBom(readFileSync(file, 'utf8')).text);
      if (parsed.issues.length > 0) continue;
      const data = parsed.data ?? {};
      expect({ file, valid: validators.config(data) }).toEqual({ file, valid: validateConfig(data).success });
    }
  });

  // Values of every kind front-matter holds, valid and not, near the edges of each key's rule.
  const scalar = fc.oneof(
    fc.constantFrom('', ' ', ' x ', 'growth', 'Bad Id', '2026-Q4', '2026-11-02', '2026-02-30', '0000-01-01', '2026-1-2', 'objective', 'tasks', 'task'),
    fc.string({ maxLength: 6 }),
    fc.constantFrom(0, -1, 0.5, 1, 1.5, 2026, 2.5, 1e300, Number.MAX_SAFE_INTEGER + 2),
    fc.boolean(),
    fc.constant(null),
  );
  const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }));
  const checkin = fc.record({ date: value, value: value, confidence: value, note: value, other: value }, { requiredKeys: [] });
  const keyResult = fc.record(
    {
      id: value,
      title: value,
      owner: value,
      start: value,
      target: value,
      current: value,
      unit: value,
      weight: value,
      done: value,
      checkins: fc.oneof(value, fc.array(checkin, { maxLength: 2 })),
    },
    { requiredKeys: [] },
  );
  const objective = fc.record(
    {
      type: value,
      id: value,
      title: value,
      owner: value,
      period: value,
      start: value,
      end: value,
      parent: value,
      key_results: fc.oneof(value, fc.array(keyResult, { maxLength: 2 })),
    },
    { requiredKeys: [] },
  );
  const taskFile = fc.record({ type: value, kr: value, title: value, owner: value, extra: value }, { requiredKeys: [] });
  const config = fc.record(
    { thresholds: fc.oneof(value, fc.record({ on_track: value, at_risk: value, other: value }, { requiredKeys: [] })), max_file_size: value, other: value },
    { requiredKeys: [] },
  );

  it('agrees with zod on generated objectives, key results and check-ins', () => {
    fc.assert(
      fc.property(objective, (data) => validators.objective(data) === zodSchemas().objective.safeParse(data).success),
      propertyRuns(400),
    );
  });

  it('agrees with zod on generated task files and configs', () => {
    fc.assert(
      fc.property(taskFile, config, (task, settings) => {
        expect(validators.task(task)).toBe(zodSchemas().taskFile.safeParse(task).success);
        expect(validators.config(settings)).toBe(zodSchemas().config.safeParse(settings).success);
      }),
      propertyRuns(300),
    );
  });
});
