/**
 * okr's own count of a workspace's task items by state, in the shape the markdown-it peer
 * (bench/floors/markdown-it.mjs) prints: `{ files, open, done, inProgress, cancelled }`. The files
 * are the ones okr's lister accepts (loadWorkspace, without the cache); each is parsed with
 * parseOkrFile and every task item counts, groups included. Uses the built library (dist/), so
 * run `npm run build` first. As a script: `node bench/task-counts.mjs <dir>` prints the JSON.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const KEYS = { open: 'open', done: 'done', 'in-progress': 'inProgress', cancelled: 'cancelled' };

/** The counts of the workspace at `dir`; throws when a task item has a state the peer has no name for. */
export async function okrTaskCounts(dir) {
  const { loadWorkspace, parseOkrFile } = await import(new URL('../dist/index.js', import.meta.url).href);
  const { files } = await loadWorkspace(dir, { cache: false, workers: 0 });
  const counts = { files: files.length, open: 0, done: 0, inProgress: 0, cancelled: 0 };
  for (const file of files) {
    for (const task of parseOkrFile(file.path, readFileSync(file.absolutePath)).tasks) {
      const key = KEYS[task.state];
      if (key === undefined) throw new Error(`${file.path}: a task item in state ${task.state}`);
      counts[key]++;
    }
  }
  return counts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${JSON.stringify(await okrTaskCounts(process.argv[2] ?? '.'))}\n`);
}
