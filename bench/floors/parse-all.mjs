/** The parser floor: a bare unified + remark-parse + remark-gfm parse of every file, in one thread. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';

const processor = unified().use(remarkParse).use(remarkGfm);
const pending = [process.argv[2]];
let nodes = 0;
while (pending.length > 0) {
  const dir = pending.pop();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') pending.push(file);
    } else if (entry.name.toLowerCase().endsWith('.md')) {
      nodes += processor.parse(readFileSync(file, 'utf8')).children.length;
    }
  }
}
if (nodes === 0) process.exitCode = 1;
