/** Prints how long okr's parser takes on one file, in a fresh process (cold, like a real run). */
import { readFileSync } from 'node:fs';

const { parseOkrFile } = await import(new URL('../../dist/core/parse-file.js', import.meta.url).href);
const bytes = readFileSync(process.argv[2]);
const start = performance.now();
parseOkrFile(process.argv[3] ?? 'file.md', bytes);
console.log((performance.now() - start).toFixed(3));
