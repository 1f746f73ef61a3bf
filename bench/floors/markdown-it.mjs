/**
 * The peer: the fastest script a user would write to count a workspace's tasks. It lists the
 * Markdown files the way okr does (every *.md, skipping node_modules and dot-directories), splits
 * each file's front-matter with gray-matter (which parses the YAML), parses the body with
 * markdown-it, and counts task items by their first inline token: `[ ]` open, `[x]` done, `[/]` in
 * progress, `[-]` cancelled, at the start of a list item's first paragraph. Prints
 * `{"files":…,"open":…,"done":…,"inProgress":…,"cancelled":…}` so that the bench can check it
 * finds what okr finds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt();
const counts = { files: 0, open: 0, done: 0, inProgress: 0, cancelled: 0 };
const states = { ' ': 'open', x: 'done', X: 'done', '/': 'inProgress', '-': 'cancelled' };

const pending = [process.argv[2]];
while (pending.length > 0) {
  const dir = pending.pop();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') pending.push(file);
    } else if (entry.name.toLowerCase().endsWith('.md')) {
      counts.files++;
      const { content } = matter(readFileSync(file, 'utf8'));
      const tokens = md.parse(content, {});
      for (let i = 2; i < tokens.length; i++) {
        const token = tokens[i];
        if (token.type !== 'inline' || tokens[i - 1].type !== 'paragraph_open' || tokens[i - 2].type !== 'list_item_open') continue;
        const text = token.content;
        if (text[0] !== '[' || text[2] !== ']' || !(text.length === 3 || text[3] === ' ' || text[3] === '\t')) continue;
        const state = states[text[1]];
        if (state) counts[state]++;
      }
    }
  }
}
process.stdout.write(`${JSON.stringify(counts)}\n`);
