/**
 * The I/O floor: list a workspace's Markdown files the way okr does (every *.md, skipping
 * node_modules and dot-directories) and read each one once. `--sync` reads with readFileSync
 * instead of fs.promises (32 at a time, as okr's loader did before it read synchronously).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const [root, mode] = process.argv.slice(2);
const files = [];
const pending = [root];
while (pending.length > 0) {
  const dir = pending.pop();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') pending.push(path.join(dir, entry.name));
    } else if (entry.name.toLowerCase().endsWith('.md')) {
      files.push(path.join(dir, entry.name));
    }
  }
}
let bytes = 0;
if (mode === '--sync') {
  for (const file of files) bytes += readFileSync(file).length;
} else {
  let next = 0;
  const reader = async () => {
    while (next < files.length) bytes += (await readFile(files[next++])).length;
  };
  await Promise.all(Array.from({ length: 32 }, reader));
}
if (bytes === 0 && files.length > 0) process.exitCode = 1;
