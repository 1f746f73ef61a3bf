/** `okr schema <kind>`: prints the JSON Schema of objective or task front-matter, or of okr.config.yaml. */
import type { CommandContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { writeAs } from '../output.js';
import type { SchemaKind } from '../parse/json-schema.js';

export async function runSchema(kind: SchemaKind, context: CommandContext): Promise<ExitCode> {
  const { formatJsonSchema } = await import('../parse/json-schema.js');
  writeAs(context.stdout, 'json', formatJsonSchema(kind));
  return ExitCode.OK;
}
