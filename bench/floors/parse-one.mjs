/**
 * How long okr's parser takes on one file in a fresh process (cold, like a real run): prints
 * `<ms to load the parser> <ms to parse the file>`.
 */
import { readFileSync } from 'node:fs';

const bytes = readFileSync(process.argv[2]);
const loadStart = performance.now();
const { parseOkrFile } = await import(new URL('../../dist/parse/file-facts.js', import.meta.url).href);
const parseStart = performance.now();
parseOkrFile(process.argv[3] ?? 'file.md', bytes);
const end = performance.now();
console.log(`${(parseStart - loadStart).toFixed(3)} ${(end - parseStart).toFixed(3)}`);
