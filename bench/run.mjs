/**
 * `npm run bench`: okr's speed on seeded synthetic workspaces of 100, 1,000 and 10,000 files,
 * against three floors measured in the same run (process start, reading every file, a bare remark
 * parse). Prints a table and writes bench/RESULTS.md. Every figure is the median wall time of
 * several runs of a whole process, with its peak RSS.
 *
 * Options: --sizes S,M,L   --runs <n> (default 5; L: at most 3)   --out <file> (default bench/RESULTS.md)
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWorkspace } from './generate-workspace.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const bin = path.join(repo, 'bin/okr.js');
const node = process.execPath;
const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1];
};
const SIZES = { S: { files: 100, seed: 1 }, M: { files: 1000, seed: 2 }, L: { files: 10000, seed: 3 } };
const sizes = option('--sizes', 'S,M,L').split(',');
const baseRuns = Number(option('--runs', '5'));
const runsFor = (size) => (size === 'L' ? Math.min(3, baseRuns) : baseRuns);
const outFile = path.resolve(option('--out', path.join(here, 'RESULTS.md')));
const TODAY = '2026-11-15';

if (!existsSync(path.join(repo, 'dist/cli.js'))) {
  console.error('bench: dist/ is missing; run `npm run build` first');
  process.exit(2);
}

const started = performance.now();
const scratch = mkdtempSync(path.join(tmpdir(), 'okr-bench-'));
const log = (text) => process.stderr.write(`${text}\n`);

/** Runs a process once: wall time in ms, peak RSS in MB (when /usr/bin/time is there). */
function runOnce(command, commandArgs, env = {}) {
  const rssFile = path.join(scratch, 'rss.txt');
  const fullEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env };
  for (const key of Object.keys(fullEnv)) if (fullEnv[key] === undefined) delete fullEnv[key];
  const [program, programArgs] = time ? [time, ['-f', '%M', '-o', rssFile, command, ...commandArgs]] : [command, commandArgs];
  const start = performance.now();
  const result = spawnSync(program, programArgs, { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  const rss = time ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024 : NaN;
  return { ms, rss, status: result.status, stdout: result.stdout };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `runs` runs (after `before()` each, untimed): median time, highest peak RSS. */
function measure(label, runs, command, commandArgs, { env, before, expectStatus = [0, 1] } = {}) {
  const times = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const extra = before?.(i) ?? {};
    const result = runOnce(command, commandArgs, { ...env, ...extra });
    if (!expectStatus.includes(result.status)) throw new Error(`${label}: exit code ${result.status}`);
    times.push(result.ms);
    rss = Math.max(rss, result.rss);
  }
  const ms = median(times);
  log(`  ${label}: ${ms.toFixed(0)} ms, ${rss.toFixed(0)} MB`);
  return { ms, rss };
}

const okr = (...okrArgs) => [bin, ...okrArgs];
const caches = [];
const freshCache = () => {
  const dir = mkdtempSync(path.join(scratch, 'cache-'));
  caches.push(dir);
  return { OKR_CACHE_DIR: dir };
};

// Workspaces first, so that their files have settled (see facts-cache.ts) before warm runs.
const workspaces = {};
for (const size of sizes) {
  const dir = path.join(scratch, `workspace-${size}`);
  const files = generateWorkspace(dir, SIZES[size].files, SIZES[size].seed);
  let bytes = 0;
  for (const file of files) bytes += statSync(path.join(dir, file)).size;
  workspaces[size] = { dir, files, bytes };
  log(`workspace ${size}: ${files.length} files, ${(bytes / 1024 / 1024).toFixed(2)} MB`);
}
const settleUntil = Date.now() + 4000;

const results = { global: {}, sizes: {} };
log('process start');
// Interleaved, so that a change in the machine's load affects all three alike.
{
  const runs = { nodeE0: [['-e', '0'], []], version: [okr('--version'), []], help: [okr('--help'), []] };
  for (let i = 0; i < baseRuns * 4; i++) {
    for (const [commandArgs, samples] of Object.values(runs)) samples.push(runOnce(node, commandArgs));
  }
  for (const [key, [, samples]] of Object.entries(runs)) {
    if (samples.some((sample) => sample.status !== 0)) throw new Error(`${key}: failed`);
    results.global[key] = { ms: median(samples.map((sample) => sample.ms)), rss: Math.max(...samples.map((sample) => sample.rss)) };
    log(`  ${key}: ${results.global[key].ms.toFixed(1)} ms, ${results.global[key].rss.toFixed(0)} MB`);
  }
}
while (Date.now() < settleUntil) spawnSync(node, ['-e', 'setTimeout(() => {}, 200)']);

for (const size of sizes) {
  const { dir, files } = workspaces[size];
  const runs = runsFor(size);
  const r = {};
  log(`size ${size} (${runs} runs each)`);
  const status = ['status', dir, '--json', '--today', TODAY];
  r.floorIo = measure('floor: read every file', runs, node, [path.join(here, 'floors/read-all.mjs'), dir]);
  r.floorIoSync = measure('floor: read every file (sync)', runs, node, [path.join(here, 'floors/read-all.mjs'), dir, '--sync']);
  r.floorParse = measure('floor: remark + remark-gfm parse', runs, node, [path.join(here, 'floors/parse-all.mjs'), dir]);
  r.cold = measure('status --json, cold (empty cache)', runs, node, okr(...status), { before: freshCache });
  r.noCache = measure('status --json --no-cache', runs, node, okr(...status, '--no-cache'));
  r.noCacheOneThread = measure('status --json --no-cache, one thread (forced)', runs, node, okr(...status, '--no-cache'), { env: { OKR_PARSE_WORKERS: '0' } });
  r.noCacheWorker = measure('status --json --no-cache, 1 worker thread (forced)', runs, node, okr(...status, '--no-cache'), { env: { OKR_PARSE_WORKERS: '1' } });

  const warmCache = freshCache();
  runOnce(node, okr(...status), warmCache); // fills the cache
  runOnce(node, okr(...status), warmCache); // writes the pack's files if the first run could not yet

  // Warm runs, and runs after one task file changed (a line added: new content, never cached
  // before), taken in turn so that a change in the machine's load affects both alike; they are
  // compared with each other, so more of them than of the rest.
  const changed = path.join(
    dir,
    files.find((file) => file.includes('/tasks/')),
  );
  const warmRuns = Math.max(runs, 9);
  const samples = { warm: [], changed: [] };
  for (let i = 0; i < warmRuns; i++) {
    samples.warm.push(runOnce(node, okr(...status), warmCache));
    appendFileSync(changed, `- [ ] Follow-up number ${i + 1} from the bench\n`);
    samples.changed.push(runOnce(node, okr(...status), warmCache));
  }
  for (const [key, label] of [
    ['warm', 'status --json, warm'],
    ['changed', 'status --json, warm, one file changed'],
  ]) {
    if (samples[key].some((sample) => ![0, 1].includes(sample.status))) throw new Error(`${label}: failed`);
    r[key] = { ms: median(samples[key].map((sample) => sample.ms)), rss: Math.max(...samples[key].map((sample) => sample.rss)) };
    log(`  ${label}: ${r[key].ms.toFixed(0)} ms, ${r[key].rss.toFixed(0)} MB (${warmRuns} runs)`);
  }
  const loadTimes = [];
  const parseTimes = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(node, [path.join(here, 'floors/parse-one.mjs'), changed], { encoding: 'utf8' });
    const [load, parse] = result.stdout.trim().split(' ').map(Number);
    loadTimes.push(load);
    parseTimes.push(parse);
  }
  r.changedFileParse = { ms: median(parseTimes) };
  r.changedFileLoadAndParse = { ms: median(loadTimes) + median(parseTimes) };
  log(`  parse of the changed file alone: ${r.changedFileParse.ms.toFixed(1)} ms (${r.changedFileLoadAndParse.ms.toFixed(1)} ms with loading the parser)`);

  r.lintCold = measure('lint, cold (empty cache)', runs, node, okr('lint', dir, '--format', 'json'), { before: freshCache });
  r.lintWarm = measure('lint, warm', runs, node, okr('lint', dir, '--format', 'json'), { env: warmCache });
  results.sizes[size] = r;
  for (const cache of caches.splice(0)) rmSync(cache, { recursive: true, force: true });
}
rmSync(scratch, { recursive: true, force: true });
const elapsed = (performance.now() - started) / 1000;

// ---------------------------------------------------------------------------------------------
// Report

const ms = (value) => (value === undefined ? '' : value.ms >= 1000 ? `${(value.ms / 1000).toFixed(2)} s` : `${value.ms.toFixed(0)} ms`);
const mb = (value) => (value === undefined || !Number.isFinite(value.rss) ? '' : `${value.rss.toFixed(0)} MB`);
const rows = [
  ['node -e 0 (floor: process start)', (s) => (s === sizes[0] ? results.global.nodeE0 : undefined)],
  ['okr --version', (s) => (s === sizes[0] ? results.global.version : undefined)],
  ['okr --help', (s) => (s === sizes[0] ? results.global.help : undefined)],
  ['floor: read every file (fs.promises, 32 at a time)', (s) => results.sizes[s].floorIo],
  ['floor: read every file (readFileSync)', (s) => results.sizes[s].floorIoSync],
  ['floor: bare remark + remark-gfm parse, one thread', (s) => results.sizes[s].floorParse],
  ['okr status --json, cold (empty cache)', (s) => results.sizes[s].cold],
  ['okr status --json --no-cache', (s) => results.sizes[s].noCache],
  ['okr status --json --no-cache, one thread (forced)', (s) => results.sizes[s].noCacheOneThread],
  ['okr status --json --no-cache, 1 worker thread (forced)', (s) => results.sizes[s].noCacheWorker],
  ['okr status --json, warm', (s) => results.sizes[s].warm],
  ['okr status --json, warm, one file changed', (s) => results.sizes[s].changed],
  ['  parse of that one file (okr parser, fresh process)', (s) => results.sizes[s].changedFileParse],
  ['  the same, with loading the parser', (s) => results.sizes[s].changedFileLoadAndParse],
  ['okr lint, cold (empty cache)', (s) => results.sizes[s].lintCold],
  ['okr lint, warm', (s) => results.sizes[s].lintWarm],
];
const header = `| | ${sizes.map((s) => `${s} (${SIZES[s].files} files) time | ${s} peak RSS`).join(' | ')} |`;
const rule = `|---|${sizes.map(() => '--:|--:').join('|')}|`;
const table = [header, rule, ...rows.map(([label, get]) => `| ${label} | ${sizes.map((s) => `${ms(get(s))} | ${mb(get(s))}`).join(' | ')} |`)].join('\n');

const targets = [];
const target = (name, measured, limit, met) => targets.push({ name, measured, limit, met });
const ratio = (a, b) => a.ms / b.ms;
const g = results.global;
target('okr --version / node -e 0', ratio(g.version, g.nodeE0).toFixed(2), '≤ 1.5', ratio(g.version, g.nodeE0) <= 1.5);
target('okr --help / node -e 0', ratio(g.help, g.nodeE0).toFixed(2), '≤ 1.5', ratio(g.help, g.nodeE0) <= 1.5);
for (const size of ['M', 'L'].filter((s) => results.sizes[s])) {
  const r = results.sizes[size];
  target(`cold status ${size} (empty cache) / parser floor ${size}`, ratio(r.cold, r.floorParse).toFixed(3), '≤ 0.25', ratio(r.cold, r.floorParse) <= 0.25);
  target(`cold status ${size} (--no-cache) / parser floor ${size}`, ratio(r.noCache, r.floorParse).toFixed(3), '≤ 0.25', ratio(r.noCache, r.floorParse) <= 0.25);
}
const L = results.sizes.L;
const M = results.sizes.M;
if (L) {
  target('warm status L / I/O floor L', ratio(L.warm, L.floorIo).toFixed(2), '≤ 3', ratio(L.warm, L.floorIo) <= 3);
  target('  for reference: against the readFileSync floor', ratio(L.warm, L.floorIoSync).toFixed(2), '≤ 3', ratio(L.warm, L.floorIoSync) <= 3);
  const loadAllowance = L.warm.ms + 2 * L.changedFileLoadAndParse.ms;
  target(
    'warm status L, one file changed',
    `${L.changed.ms.toFixed(0)} ms`,
    `≤ warm + 2 × its parse (loading the parser included) = ${loadAllowance.toFixed(0)} ms`,
    L.changed.ms <= loadAllowance,
  );
  const allowance = L.warm.ms + 2 * L.changedFileParse.ms;
  target('  for reference: against the parse alone, parser loaded already', `${L.changed.ms.toFixed(0)} ms`, `≤ ${allowance.toFixed(0)} ms`, L.changed.ms <= allowance);
  const peak = Math.max(...['cold', 'noCache', 'noCacheOneThread', 'noCacheWorker', 'warm', 'changed', 'lintCold', 'lintWarm'].map((key) => L[key].rss));
  target('peak RSS of any okr run on L', `${peak.toFixed(0)} MB`, '< 400 MB', peak < 400);
}
if (L && M) {
  target('cold status L / cold status M (empty cache)', ratio(L.cold, M.cold).toFixed(2), '≤ 12', ratio(L.cold, M.cold) <= 12);
  target('cold status L / cold status M (--no-cache)', ratio(L.noCache, M.noCache).toFixed(2), '≤ 12', ratio(L.noCache, M.noCache) <= 12);
}
const targetTable = [
  '| Target | Measured | Limit | Met |',
  '|---|--:|---|---|',
  ...targets.map((t) => `| ${t.name} | ${t.measured} | ${t.limit} | ${t.met ? 'yes' : '**no**'} |`),
].join('\n');

const cpuModel = cpus()[0]?.model ?? 'unknown CPU';
const machine = `${availableParallelism()} CPUs (${cpuModel}), ${(totalmem() / 1024 ** 3).toFixed(0)} GB RAM, Node ${process.version}, ${process.platform}`;
const sizesLine = sizes.map((s) => `${s}: ${workspaces[s].files.length} files, ${(workspaces[s].bytes / 1024 / 1024).toFixed(2)} MB`).join('; ');
const markdown = `# Benchmark results

Machine: ${machine}.
Workspaces (seeded, \`bench/generate-workspace.mjs\`): ${sizesLine}.
Each figure is the median wall time of ${baseRuns} runs (L: ${runsFor('L')}; warm and one file changed: ${Math.max(baseRuns, 9)}, taken in turn) of a whole process, with the highest peak RSS
of those runs (\`/usr/bin/time\`). The whole benchmark took ${elapsed.toFixed(0)} s.

${table}

${targetTable}

How to read it:
- The floors are whole processes too: \`node -e 0\`; a script that lists the workspace as okr does and reads every
  file once with \`fs.promises.readFile\`, 32 at a time (how okr's loader read files before this work), or in a
  \`readFileSync\` loop (faster for thousands of small files; okr itself reads that way); and a script that parses
  every file with unified + remark-parse + remark-gfm in one thread. The warm target uses the first I/O
  floor; against the readFileSync loop, which neither stats nor decodes anything, the ratio moves between
  about 2.5 and 3.4 from one run of this benchmark to the next on this machine (garbage collection is a
  quarter of a warm run), so it is shown for reference.
- "cold (empty cache)" runs with a new, empty cache directory each time: okr parses everything and writes the
  workspace's pack. "--no-cache" parses everything and writes nothing. "warm" runs with the cache filled and
  nothing changed. "one file changed" adds a task line to one task file before each run.
- "parse of that one file" is okr's parser on that file in a fresh process, once its modules are loaded; "with
  loading the parser" adds loading them (about 10 ms), which a run that meets a changed file pays too, since a
  warm run never loads the parser. Parsing a file, like each floor, is counted as a run does it: with its
  modules loaded. Against the parse alone (about 5 ms) the allowance is under the noise between runs.
- Regenerate with \`npm run bench\` (it builds first); \`node bench/run.mjs --sizes S,M --runs 3\` for a quick look.

Where the time goes:
- A first run spends about 0.1 s before it parses anything: process start, then the command's and the parser's
  modules. Markdown is read by a block scan, with micromark only where needed; usual front-matter by okr's own
  splitter, YAML reader and schema checks, with gray-matter, the yaml package and zod loaded only for files that
  need them. On 100 files that fixed part is most of the run.
- Worker threads: on this two-CPU machine a worker's module loading, JIT warm-up and messages cost about what
  the second CPU brings on 1,000 files (compare the forced rows with \`--no-cache\`, which is one thread there),
  so okr starts workers only from 4 MB of Markdown on: the 10,000-file workspace. Machines with more CPUs get
  one worker per CPU but one.
- A first run writes one pack per workspace as it parses (about as large as the Markdown): one file, not one
  per content, so the disk's speed at small writes matters little.
- A warm run does not read the workspace's files: it lists and stats them, reads the pack, and decodes each
  file's facts (${workspaces.L ? 'for 10,000 files, the facts of about 200,000 task items' : 'its task items'}); task items are linked into the
  model straight from their encoding, one file at a time, and the report (6 MB of JSON on L) is built and
  written. The parsed okr.config.yaml is cached too, so a warm run loads neither the YAML nor the schema library.
- After one file changed, a run reads and parses that file, which means loading the parser's modules first,
  stores its facts as an entry, and once the file has settled (its times a few seconds old) notes it in the
  pack's journal.
`;
writeFileSync(outFile, markdown);
process.stdout.write(`${table}\n\n${targetTable}\n\nWritten to ${path.relative(process.cwd(), outFile)} (${elapsed.toFixed(0)} s).\n`);
