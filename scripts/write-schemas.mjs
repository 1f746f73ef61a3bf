// `npm run schema`: writes schema/<kind>.schema.json from the built okr (the same text as
// `okr schema <kind>`). test/unit/json-schema.test.ts fails while they differ from what the zod
// schema generates, so a change to the schema comes with its JSON Schema files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { formatJsonSchema, schemaFileName } from '../dist/parse/json-schema.js';
import { SCHEMA_KINDS } from '../dist/options.js';

const folder = new URL('../schema/', import.meta.url);
mkdirSync(folder, { recursive: true });
for (const kind of SCHEMA_KINDS) {
  writeFileSync(new URL(schemaFileName(kind), folder), formatJsonSchema(kind));
  console.log(`schema/${schemaFileName(kind)}`);
}
