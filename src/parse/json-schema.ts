/**
 * JSON Schemas (draft 2020-12) of an objective's front-matter, a task file's front-matter and
 * okr.config.yaml, generated from the zod schemas of `schema.ts`, the one schema okr has: for
 * editors (`okr schema`, and the files under `schema/`, held equal to this by a test). Nothing here
 * is written by hand but the titles.
 */
import { zodSchemas } from './schema.js';

/** The schemas okr prints, by the name `okr schema` takes (the command line's list is SCHEMA_KINDS of src/options.ts). */
export type SchemaKind = 'objective' | 'task' | 'config';

const ABOUT: Record<SchemaKind, { title: string; description: string }> = {
  objective: { title: 'okr objective', description: 'The front-matter of an okr objective file: the objective, its period and its key results (with their check-ins).' },
  task: { title: 'okr task file', description: 'The front-matter of an okr task file: the key result(s) its task items count towards.' },
  config: { title: 'okr.config.yaml', description: 'The settings of an okr workspace (okr.config.yaml at its root).' },
};

/** The file name under `schema/` of each schema, e.g. `objective.schema.json`. */
export function schemaFileName(kind: SchemaKind): string {
  return `${kind}.schema.json`;
}

/**
 * The JSON Schema of `kind` as a plain object: zod's JSON Schema of the input okr accepts (as
 * written in the file, before trimming), with a title and description. Refinements JSON Schema
 * cannot express carry a `pattern`/`format` from the zod schema's metadata. Never throws.
 */
export function jsonSchemaOf(kind: SchemaKind): Record<string, unknown> {
  const schemas = zodSchemas();
  const zod = kind === 'objective' ? schemas.objective : kind === 'task' ? schemas.taskFile : schemas.config;
  const { $schema, ...rest } = zod.toJSONSchema({ io: 'input' }) as Record<string, unknown>;
  return { $schema, ...ABOUT[kind], ...rest };
}

/** The JSON Schema of `kind` as the text `okr schema` prints and `schema/` holds: 2-space JSON and a newline. */
export function formatJsonSchema(kind: SchemaKind): string {
  return `${JSON.stringify(jsonSchemaOf(kind), null, 2)}\n`;
}
