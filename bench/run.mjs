/**
 * `npm run bench`: okr against the goals of issue 17, as ratios measured in the same run. Every
 * compared group of commands is run interleaved (A, B, C, A, B, C, ...) so that a change in the
 * machine's load affects all of them alike; each figure is the median wall time and the median CPU
 * time (user + system) of those runs of a whole process, with the highest peak RSS among them.
 *
 * Workspaces (bench/generate-workspace.mjs): M = 1,000 files (seed 2), L = 10,000 (seed 3),
 * XL = 50,000 (seed 4; memory goals only, few runs). Before timing, the markdown-it peer
 * (bench/floors/markdown-it.mjs) and okr (bench/task-counts.mjs) must find the same task counts on
 * M and L, else the bench stops.
 *
 * Writes the part of bench/RESULTS.md above its end marker and keeps the rest (the hand-written
 * "Where the time goes", and the sections of bench/pathological.mjs and bench/history.mjs).
 *
 * Options: --sizes M,L,XL (default)   --runs <n> (default 5)   --quick (3 runs, M and L only)
 *          --out <file> (default bench/RESULTS.md)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWorkspace } from './generate-workspace.mjs';
import { okrTaskCounts } from './task-counts.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const bin = path.join(repo, 'bin/okr.js');
const node = process.execPath;
const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const quick = args.includes('--quick');
const SIZES = { M: { files: 1000, seed: 2 }, L: { files: 10000, seed: 3 }, XL: { files: 50000, seed: 4 } };
const sizes = option('--sizes', quick ? 'M,L' : 'M,L,XL').split(',');
for (const size of sizes) if (!SIZES[size]) throw new Error(`bench: unknown size ${size} (M, L or XL)`);
const runs = Number(option('--runs', quick ? '3' : '5'));
const xlRuns = quick ? 1 : 2;
const warmRuns = Math.max(runs, quick ? 5 : 9);
const outFile = path.resolve(option('--out', path.join(here, 'RESULTS.md')));
const TODAY = '2026-11-15';

if (!existsSync(path.join(repo, 'dist/index.js'))) {
  console.error('bench: dist/ is missing; run `npm run build` first');
  process.exit(2);
}

const started = performance.now();
const loadAtStart = loadavg()[0];
const scratch = mkdtempSync(path.join(tmpdir(), 'okr-bench-'));
// Removed however the run ends (a failed check, a command that failed): XL is 100 MiB of files.
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
const log = (text) => process.stderr.write(`${text}\n`);
const floor = (name) => path.join(here, 'floors', name);
const okr = (...okrArgs) => [bin, ...okrArgs];
const MiB = 1024;

let cacheCount = 0;
/** A new, empty cache directory (as an environment). */
const freshCache = () => {
  const dir = path.join(scratch, `cache-${cacheCount++}`);
  mkdirSync(dir);
  return { OKR_CACHE_DIR: dir };
};
// Every run gets a cache directory in the scratch folder, never the user's.
const defaultCache = freshCache();

/**
 * Runs a process once. Wall time in ms (measured here), CPU time (user + system) in ms and peak RSS
 * in MiB (from /usr/bin/time when it is there, else NaN).
 */
function runOnce(command, commandArgs, { env = {}, cwd } = {}) {
  const timeFile = path.join(scratch, 'time.txt');
  const fullEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...defaultCache, ...env };
  for (const key of Object.keys(fullEnv)) if (fullEnv[key] === undefined) delete fullEnv[key];
  const [program, programArgs] = time ? [time, ['-f', '%e %U %S %M', '-o', timeFile, command, ...commandArgs]] : [command, commandArgs];
  const start = performance.now();
  const result = spawnSync(program, programArgs, { env: fullEnv, cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 512 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  let cpu = NaN;
  let rss = NaN;
  if (time) {
    const fields = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    cpu = (fields[1] + fields[2]) * 1000;
    rss = fields[3] / MiB;
  }
  return { ms, cpu, rss, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const rows = [];
/**
 * Runs the commands of `group` interleaved, `count` rounds of one run each, and records each one's
 * median time and CPU time and its highest peak RSS. A command is `{ label, command?, args, env?,
 * cwd?, before?, expectStatus? }`; `before()` runs untimed before each of its runs and may return
 * more environment. Returns the results by key.
 */
function interleaved(size, count, group) {
  const samples = Object.fromEntries(Object.keys(group).map((key) => [key, []]));
  for (let i = 0; i < count; i++) {
    for (const [key, spec] of Object.entries(group)) {
      const extra = spec.before?.(i) ?? {};
      const result = runOnce(spec.command ?? node, spec.args, { env: { ...spec.env, ...extra }, cwd: spec.cwd });
      if (!(spec.expectStatus ?? [0, 1]).includes(result.status)) {
        throw new Error(`bench: ${spec.label} (${size}) exited with ${result.status}: ${String(result.stderr).trim().split('\n')[0]}`);
      }
      samples[key].push(result);
    }
  }
  const out = {};
  for (const [key, spec] of Object.entries(group)) {
    const list = samples[key];
    const row = {
      size,
      label: spec.label,
      runs: count,
      ms: median(list.map((s) => s.ms)),
      cpu: median(list.map((s) => s.cpu)),
      rss: Math.max(...list.map((s) => s.rss)),
    };
    rows.push(row);
    out[key] = row;
    log(`  ${size} ${row.label}: ${row.ms.toFixed(0)} ms (CPU ${row.cpu.toFixed(0)} ms), ${row.rss.toFixed(0)} MiB`);
  }
  return out;
}

/** How many files are under `dir`, at any depth. */
function countFiles(dir) {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) count++;
  return count;
}

// ---------------------------------------------------------------------------------------------
// Workspaces first, so that their files have settled (see facts-cache.ts) before warm runs.

const workspaces = {};
for (const size of sizes) {
  const dir = path.join(scratch, `workspace-${size}`);
  const generateStart = performance.now();
  const files = generateWorkspace(dir, SIZES[size].files, SIZES[size].seed);
  const seconds = (performance.now() - generateStart) / 1000;
  let bytes = 0;
  for (const file of files) bytes += statSync(path.join(dir, file)).size;
  workspaces[size] = { dir, files, bytes };
  log(`workspace ${size}: ${files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB (generated in ${seconds.toFixed(1)} s)`);
}

// The diff repository: M's workspace, committed, then three task files edited (a task ticked, one
// added) and committed again, with fixed names and dates.
let diffRepo = null;
if (sizes.includes('M')) {
  diffRepo = path.join(scratch, 'diff-repo');
  const files = generateWorkspace(diffRepo, SIZES.M.files, SIZES.M.seed);
  const gitEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
  };
  const git = (gitArgs, date) => execFileSync('git', gitArgs, { cwd: diffRepo, env: { ...gitEnv, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }, stdio: 'pipe' });
  git(['init', '-q', '-b', 'main'], '2026-11-01T10:00:00Z');
  git(['add', '-A'], '2026-11-01T10:00:00Z');
  git(['commit', '-q', '-m', 'OKRs'], '2026-11-01T10:00:00Z');
  const taskFiles = files.filter((file) => file.includes('/tasks/')).slice(0, 3);
  for (const [i, file] of taskFiles.entries()) {
    const full = path.join(diffRepo, file);
    const text = readFileSync(full, 'utf8');
    if (!text.includes('- [ ] ')) throw new Error(`bench: ${file} has no open task to tick`);
    writeFileSync(full, `${text.replace('- [ ] ', '- [x] ')}- [ ] Task ${i + 1} added by the bench\n`);
  }
  git(['commit', '-q', '-a', '-m', 'Tick and add tasks'], '2026-11-02T10:00:00Z');
  log(`diff repository: ${files.length} files, 2 commits (${taskFiles.length} task files changed)`);
}
const settleUntil = Date.now() + 4000;

// ---------------------------------------------------------------------------------------------
// The count check: the peer and okr find the same task items.

const countChecks = [];
for (const size of sizes.filter((s) => s !== 'XL')) {
  const { dir } = workspaces[size];
  const peerRun = runOnce(node, [floor('markdown-it.mjs'), dir]);
  if (peerRun.status !== 0) throw new Error(`bench: the peer failed on ${size}: ${peerRun.stderr}`);
  const peer = JSON.parse(peerRun.stdout);
  const ours = await okrTaskCounts(dir);
  if (JSON.stringify(peer) !== JSON.stringify(ours)) {
    console.error(`bench: the peer and okr count different task items on ${size}:\n  peer ${JSON.stringify(peer)}\n  okr  ${JSON.stringify(ours)}`);
    process.exit(1);
  }
  countChecks.push({ size, counts: ours });
  log(`count check ${size}: the peer and okr agree: ${JSON.stringify(ours)}`);
}

// ---------------------------------------------------------------------------------------------
// Measurements

log('process start');
const start = interleaved('-', runs * 4, {
  nodeE0: { label: 'node -e 0', args: ['-e', '0'] },
  version: { label: 'okr --version', args: okr('--version'), expectStatus: [0] },
  help: { label: 'okr --help', args: okr('--help'), expectStatus: [0] },
});
while (Date.now() < settleUntil) spawnSync(node, ['-e', 'setTimeout(() => {}, 200)']);

const bySize = {};
for (const size of sizes.filter((s) => s !== 'XL')) {
  const { dir, files } = workspaces[size];
  const status = okr('status', dir, '--json', '--today', TODAY);
  const r = {};
  log(`size ${size} (${runs} runs of each, interleaved)`);
  Object.assign(
    r,
    interleaved(size, runs, {
      peer: { label: 'peer: gray-matter + markdown-it task count', args: [floor('markdown-it.mjs'), dir], expectStatus: [0] },
      cold: { label: 'okr status --json, cold (empty cache)', args: status, before: freshCache },
    }),
  );
  Object.assign(
    r,
    interleaved(size, runs, {
      noCache: { label: 'okr status --json --no-cache (default threads)', args: [...status, '--no-cache'] },
      oneThread: { label: 'okr status --json --no-cache, one thread (OKR_PARSE_WORKERS=0)', args: [...status, '--no-cache'], env: { OKR_PARSE_WORKERS: '0' } },
      oneWorker: { label: 'okr status --json --no-cache, 1 worker (OKR_PARSE_WORKERS=1)', args: [...status, '--no-cache'], env: { OKR_PARSE_WORKERS: '1' } },
    }),
  );

  const warmCache = freshCache();
  runOnce(node, status, { env: warmCache }); // fills the cache
  runOnce(node, status, { env: warmCache }); // writes the pack's files if the first run could not yet
  Object.assign(
    r,
    interleaved(size, runs, {
      readAll: { label: 'floor: read every file (fs.promises, 32 at a time)', args: [floor('read-all.mjs'), dir], expectStatus: [0] },
      readAllSync: { label: 'floor: read every file (readFileSync)', args: [floor('read-all.mjs'), dir, '--sync'], expectStatus: [0] },
      warm: { label: 'okr status --json, warm', args: status, env: warmCache },
    }),
  );

  // Warm runs and runs after one task file changed (a line added: new content, never cached before).
  const changed = path.join(
    dir,
    files.find((file) => file.includes('/tasks/')),
  );
  let added = 0;
  Object.assign(
    r,
    interleaved(size, warmRuns, {
      warmAgain: { label: 'okr status --json, warm (beside the next row)', args: status, env: warmCache },
      changed: {
        label: 'okr status --json, warm, one file changed',
        args: status,
        env: warmCache,
        before: () => appendFileSync(changed, `- [ ] Follow-up number ${++added} from the bench\n`),
      },
    }),
  );
  const parseTimes = [];
  const loadTimes = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(node, [floor('parse-one.mjs'), changed], { encoding: 'utf8' });
    const [load, parse] = result.stdout.trim().split(' ').map(Number);
    loadTimes.push(load);
    parseTimes.push(parse);
  }
  r.changedFileParse = median(parseTimes);
  r.changedFileLoad = median(loadTimes);
  log(`  ${size} parse of the changed file alone: ${r.changedFileParse.toFixed(1)} ms (loading the parser: ${r.changedFileLoad.toFixed(1)} ms)`);
  rows.push({ size, label: '  parse of that one file alone (okr parser loaded, fresh process)', runs, ms: r.changedFileParse, cpu: NaN, rss: NaN });
  rows.push({ size, label: "  loading okr's parser for it (fresh process)", runs, ms: r.changedFileLoad, cpu: NaN, rss: NaN });

  const lint = okr('lint', dir, '--format', 'json');
  Object.assign(
    r,
    interleaved(size, runs, {
      lintCold: { label: 'okr lint --format json, cold (empty cache)', args: lint, before: freshCache },
      lintWarm: { label: 'okr lint --format json, warm', args: lint, env: warmCache },
    }),
  );
  bySize[size] = r;
}

if (sizes.includes('XL')) {
  const { dir } = workspaces.XL;
  const status = okr('status', dir, '--json', '--today', TODAY);
  const lint = okr('lint', dir, '--format', 'json');
  log(`size XL (${xlRuns} runs of each, memory)`);
  const warmCache = freshCache();
  const fill = runOnce(node, status, { env: warmCache });
  log(`  XL cold status (fills the cache): ${fill.ms.toFixed(0)} ms, ${fill.rss.toFixed(0)} MiB`);
  runOnce(node, status, { env: warmCache });
  runOnce(node, lint, { env: warmCache });
  bySize.XL = interleaved('XL', xlRuns, {
    warm: { label: 'okr status --json, warm', args: status, env: warmCache },
    lintWarm: { label: 'okr lint --format json, warm', args: lint, env: warmCache },
  });
  bySize.XL.cold = { ms: fill.ms, cpu: fill.cpu, rss: fill.rss };
  rows.push({ size: 'XL', label: 'okr status --json, cold (empty cache; the run that fills the cache)', runs: 1, ...bySize.XL.cold });
}

let diff = null;
if (diffRepo) {
  log('okr diff (M, two adjacent commits)');
  const diffArgs = okr('diff', 'HEAD~1', 'HEAD', '--format', 'json', '--today', TODAY);
  const statusArgs = okr('status', '--json', '--today', TODAY);
  const emptyForDiff = freshCache();
  const once = runOnce(node, diffArgs, { env: emptyForDiff, cwd: diffRepo });
  if (![0, 1].includes(once.status)) throw new Error(`bench: okr diff exited with ${once.status}: ${once.stderr}`);
  const diffCacheFiles = countFiles(emptyForDiff.OKR_CACHE_DIR);
  const emptyForStatus = freshCache();
  runOnce(node, statusArgs, { env: emptyForStatus, cwd: diffRepo });
  const statusCacheFiles = countFiles(emptyForStatus.OKR_CACHE_DIR);
  const warmCache = freshCache();
  runOnce(node, diffArgs, { env: warmCache, cwd: diffRepo });
  runOnce(node, statusArgs, { env: warmCache, cwd: diffRepo });
  runOnce(node, statusArgs, { env: warmCache, cwd: diffRepo });
  const timed = interleaved('M (git)', runs, {
    diff: { label: 'okr diff HEAD~1 HEAD --format json, warm', args: diffArgs, env: warmCache, cwd: diffRepo },
    status: { label: 'okr status --json in the same repository, warm', args: statusArgs, env: warmCache, cwd: diffRepo },
    gitDiff: { label: 'git diff --numstat HEAD~1 HEAD (reference)', command: 'git', args: ['diff', '--numstat', 'HEAD~1', 'HEAD'], cwd: diffRepo, expectStatus: [0] },
  });
  diff = { ...timed, diffCacheFiles, statusCacheFiles };
  log(`  files written by one okr diff into an empty cache: ${diffCacheFiles} (one cold okr status: ${statusCacheFiles})`);
}

const elapsed = (performance.now() - started) / 1000;
const loadAtEnd = loadavg()[0];

// ---------------------------------------------------------------------------------------------
// Report

const ms = (value) => (!Number.isFinite(value) ? '' : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`);
const mib = (value) => (!Number.isFinite(value) ? '' : `${value.toFixed(0)} MiB`);
const table = [
  '| Size | Measurement | Time (median) | CPU time (median) | Peak RSS (highest) | Runs |',
  '|---|---|--:|--:|--:|--:|',
  ...rows.map((row) => `| ${row.size} | ${row.label} | ${ms(row.ms)} | ${ms(row.cpu)} | ${mib(row.rss)} | ${row.runs} |`),
].join('\n');

const targets = [];
/** A ratio goal: measured in wall time, with the CPU time ratio beside it. */
const ratioTarget = (name, a, b, limit) => {
  const wall = a.ms / b.ms;
  const cpu = a.cpu / b.cpu;
  targets.push({
    name,
    measured: `${wall.toFixed(2)} (CPU ${Number.isFinite(cpu) ? cpu.toFixed(2) : '?'})`,
    limit: `≤ ${limit.toFixed(1)}`,
    met: wall <= limit ? 'yes' : '**no**',
  });
};
const rssTarget = (name, row, limit) => targets.push({ name, measured: mib(row.rss), limit: `≤ ${limit} MiB`, met: row.rss <= limit ? 'yes' : '**no**' });

ratioTarget('okr --version / node -e 0', start.version, start.nodeE0, 1.3);
for (const size of ['M', 'L'].filter((s) => bySize[s])) ratioTarget(`cold okr status ${size} / the markdown-it peer ${size}`, bySize[size].cold, bySize[size].peer, 1.0);
if (bySize.L) {
  ratioTarget('warm okr status L / reading every file with fs.promises L', bySize.L.warm, bySize.L.readAll, 1.0);
  const sync = bySize.L.warm.ms / bySize.L.readAllSync.ms;
  targets.push({ name: '  for reference: against the readFileSync floor', measured: sync.toFixed(2), limit: '', met: '' });
  rssTarget('peak RSS, warm okr status L', bySize.L.warm, 120);
}
if (bySize.XL) {
  rssTarget('peak RSS, warm okr status XL', bySize.XL.warm, 300);
  rssTarget('peak RSS, okr lint XL (warm)', bySize.XL.lintWarm, 300);
}
if (diff) {
  ratioTarget('warm okr diff of adjacent commits M / warm okr status M', diff.diff, diff.status, 1.5);
  targets.push({
    name: 'files an empty-cache okr diff writes',
    measured: String(diff.diffCacheFiles),
    limit: `one pack: ≤ the ${diff.statusCacheFiles} a cold status writes (its pack, the config, bookkeeping)`,
    met: diff.diffCacheFiles <= Math.max(1, diff.statusCacheFiles) ? 'yes' : '**no**',
  });
}
const targetTable = ['| Goal | Measured | Limit | Met |', '|---|--:|---|---|', ...targets.map((t) => `| ${t.name} | ${t.measured} | ${t.limit} | ${t.met} |`)].join('\n');

const workerLines = [];
for (const size of ['M', 'L'].filter((s) => bySize[s])) {
  const r = bySize[size];
  const options = [
    ['one thread', r.oneThread],
    ['one worker thread', r.oneWorker],
  ].sort((a, b) => a[1].ms - b[1].ms);
  const [fastest, other] = options;
  const gain = (other[1].ms / fastest[1].ms - 1) * 100;
  const def = r.noCache.ms / fastest[1].ms;
  workerLines.push(
    `| ${size} | ${ms(r.oneThread.ms)} | ${ms(r.oneWorker.ms)} | ${ms(r.noCache.ms)} | ${fastest[0]}, by ${gain.toFixed(0)}% | ${def <= 1.05 ? 'yes' : `no (${def.toFixed(2)} × the fastest)`} |`,
  );
}
const workerTable = workerLines.length
  ? [
      '| Size | `--no-cache`, one thread | `--no-cache`, one worker | `--no-cache`, okr decides | Faster | okr decides within 5% of the faster |',
      '|---|--:|--:|--:|---|---|',
      ...workerLines,
    ].join('\n')
  : '(no M or L in this run)';

const countLines = countChecks.map(
  ({ size, counts }) => `${size}: ${counts.files} files, ${counts.open} open, ${counts.done} done, ${counts.inProgress} in progress, ${counts.cancelled} cancelled`,
);
const cpuModel = cpus()[0]?.model ?? 'unknown CPU';
const machine = `${availableParallelism()} CPUs (${cpuModel}), ${(totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}`;
const sizesLine = sizes.map((s) => `${s}: ${workspaces[s].files.length} files, ${(workspaces[s].bytes / 1024 / 1024).toFixed(1)} MiB`).join('; ');

const END = '<!-- end of the bench/run.mjs part -->';
const generated = `# Benchmark results

Machine: ${machine}. Load average (1 min): ${loadAtStart.toFixed(1)} at the start, ${loadAtEnd.toFixed(1)} at the end.
Workspaces (seeded, \`bench/generate-workspace.mjs\`): ${sizesLine}.
\`node bench/run.mjs${args.length ? ` ${args.join(' ')}` : ''}\`: ${runs} interleaved runs of each compared command (warm against one file changed: ${warmRuns}; process start: ${runs * 4}; XL: ${xlRuns}). The whole run took ${elapsed.toFixed(0)} s.

## Goals

${targetTable}

## Measurements

${table}

## Worker threads

${workerTable}

## Task counts

Checked before timing: the markdown-it peer and okr (\`bench/task-counts.mjs\`, okr's parser on the files okr lists)
find the same task items by state. ${countLines.join('; ')}.

How to read it:
- Every compared group of rows was run interleaved (A, B, C, A, B, C, ...), so a change in the machine's load
  touches all of its rows alike; ratios are of medians from the same run. Wall time is the figure of the goals;
  CPU time (user + system, \`/usr/bin/time\`) is given beside it because on a shared machine it moves less.
  Peak RSS is the highest of the runs, in MiB.
- The peer (\`bench/floors/markdown-it.mjs\`) is the fastest script a user would write: it lists the \`.md\` files
  as okr does, splits front-matter with gray-matter (which parses the YAML), parses the body with markdown-it
  and counts task items by state. The I/O floors list the files the same way and read each once, with
  \`fs.promises.readFile\` 32 at a time (the goal's floor) or in a \`readFileSync\` loop (a reference).
- "cold (empty cache)" runs with a new, empty \`OKR_CACHE_DIR\` each time: okr parses everything and writes its
  cache. "--no-cache" parses everything and writes nothing; \`OKR_PARSE_WORKERS=0\` forces one thread and \`=1\`
  one worker thread, to see where workers pay. "warm" runs with the cache filled and nothing changed; "one file
  changed" appends a task line to one task file before each run.
- XL (50,000 files) is measured for memory only: its warm runs follow one cold run that fills the cache.
- \`okr diff\` runs in a git repository of M with two commits (three task files changed: a task ticked, one
  added), its cache filled by a first diff and status; the file count is of an empty \`OKR_CACHE_DIR\` after one
  diff.
- Regenerate with \`npm run bench\` (it builds first and adds the sections below); \`node bench/run.mjs --quick\`
  for a quick check.

${END}
`;

const previous = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
let rest;
if (previous.includes(END)) rest = previous.slice(previous.indexOf(END) + END.length).replace(/^\n+/, '');
else {
  // A file from before the marker: keep the sections the other benchmarks write.
  const starts = ['## Pathological files', '<!-- okr history bench -->', '## Where the time goes'].map((mark) => previous.indexOf(mark)).filter((at) => at !== -1);
  rest = starts.length ? previous.slice(Math.min(...starts)) : '';
}
if (!rest.includes('## Where the time goes')) rest = `## Where the time goes\n\n(written by hand from profiles)\n\n${rest}`;
writeFileSync(outFile, `${generated}\n${rest}`);
process.stdout.write(`${targetTable}\n\n${table}\n\n${workerTable}\n\nWritten to ${path.relative(process.cwd(), outFile)} (${elapsed.toFixed(0)} s).\n`);
