/**
 * `npm run bench:history` (also the last part of `npm run bench`): `okr history` over 100 commits of a
 * 1,000-file workspace against one cold `okr status` of it, both with an empty cache. The target: at
 * most 2 ×. The repository is built here: the seeded workspace, then 99 dated commits that each tick
 * tasks in three task files and add one to a fourth. Writes its section of bench/RESULTS.md (replacing
 * an earlier one) and prints it.
 *
 * Options: --runs <n> (default 5)   --out <file> (default bench/RESULTS.md)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom, generateWorkspace } from './generate-workspace.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, '..', 'bin/okr.js');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option('--runs', '5'));
const outFile = path.resolve(option('--out', path.join(here, 'RESULTS.md')));
const FILES = 1000;
const COMMITS = 100;
const TODAY = '2026-11-15';
const log = (text) => process.stderr.write(`${text}\n`);

if (!existsSync(path.join(here, '..', 'dist/cli.js'))) {
  log('bench: dist/ is missing; run `npm run build` first');
  process.exit(2);
}

const scratch = mkdtempSync(path.join(tmpdir(), 'okr-bench-history-'));
const dir = path.join(scratch, 'repo');
const gitEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};
const git = (gitArgs, env = {}) => {
  const result = spawnSync('git', ['-c', 'commit.gpgsign=false', ...gitArgs], { cwd: dir, env: { ...gitEnv, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${gitArgs.join(' ')}: ${result.stderr}`);
};

const files = generateWorkspace(dir, FILES, 2);
git(['init', '-q', '-b', 'main']);
const taskFiles = files.filter((file) => file.includes('/tasks/'));
const random = createRandom(7);
const start = Date.parse('2026-10-01T09:00:00Z');
for (let i = 0; i < COMMITS; i++) {
  if (i > 0) {
    for (let k = 0; k < 3; k++) {
      const file = path.join(dir, random.pick(taskFiles));
      writeFileSync(file, readFileSync(file, 'utf8').replace('- [ ] ', '- [x] '));
    }
    const added = path.join(dir, random.pick(taskFiles));
    writeFileSync(added, `${readFileSync(added, 'utf8')}- [ ] Follow-up ${i}\n`);
  }
  const date = new Date(start + i * 10 * 3600 * 1000).toISOString();
  git(['add', '-A']);
  git(['commit', '-q', '-m', `commit ${i}`], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
}
log(`repository: ${files.length} files, ${COMMITS} commits`);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
/**
 * One run with an empty cache (or with `keptCache`, left in place): wall time, CPU time (user + system,
 * when /usr/bin/time is there; NaN otherwise), stdout.
 */
const time = (okrArgs, keptCache = null) => {
  const cache = keptCache ?? mkdtempSync(path.join(scratch, 'cache-'));
  const cpuFile = path.join(scratch, 'cpu.txt');
  const command = [process.execPath, bin, ...okrArgs];
  const [program, programArgs] = timeBin ? [timeBin, ['-f', '%U %S', '-o', cpuFile, ...command]] : [command[0], command.slice(1)];
  const began = performance.now();
  const result = spawnSync(program, programArgs, { cwd: dir, env: { ...process.env, OKR_CACHE_DIR: cache, NO_COLOR: '1' }, maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - began;
  if (keptCache === null) rmSync(cache, { recursive: true, force: true });
  if (![0, 1].includes(result.status)) throw new Error(`okr ${okrArgs.join(' ')}: exit ${result.status}: ${result.stderr}`);
  const cpu = timeBin
    ? readFileSync(cpuFile, 'utf8')
        .trim()
        .split('\n')
        .pop()
        .split(' ')
        .reduce((sum, value) => sum + Number(value) * 1000, 0)
    : NaN;
  return { ms, cpu, stdout: result.stdout.toString('utf8') };
};
// Taken in turn, so that a change in the machine's load affects both alike.
const samples = { status: [], history: [], statusCpu: [], historyCpu: [], warm: [], warmCpu: [] };
let points = 0;
for (let i = 0; i < runs; i++) {
  const status = time(['status', '--json', '--today', TODAY]);
  const history = time(['history', '--json', '--today', TODAY]);
  samples.status.push(status.ms);
  samples.statusCpu.push(status.cpu);
  samples.history.push(history.ms);
  samples.historyCpu.push(history.cpu);
  points = JSON.parse(history.stdout).series[0]?.points.length ?? 0;
  // A second history run, after a first one filled the cache.
  const kept = mkdtempSync(path.join(scratch, 'cache-'));
  time(['history', '--json', '--today', TODAY], kept);
  const warm = time(['history', '--json', '--today', TODAY], kept);
  rmSync(kept, { recursive: true, force: true });
  if (warm.stdout !== history.stdout) throw new Error('okr history: a second run printed something else');
  samples.warm.push(warm.ms);
  samples.warmCpu.push(warm.cpu);
}
rmSync(scratch, { recursive: true, force: true });
const status = median(samples.status);
const history = median(samples.history);
const ratio = history / status;
const statusCpu = median(samples.statusCpu);
const historyCpu = median(samples.historyCpu);
const cpuRatio = historyCpu / statusCpu;
const warm = median(samples.warm);
const warmCpu = median(samples.warmCpu);
const load = loadavg()[0];
log(
  `  status --json, cold: ${status.toFixed(0)} ms; history --json, cold: ${history.toFixed(0)} ms (${points} points); ratio ${ratio.toFixed(2)}, CPU time ratio ${cpuRatio.toFixed(2)}; history, warm: ${warm.toFixed(0)} ms`,
);

const MARK = '<!-- okr history bench -->';
const section = `${MARK}
## okr history

\`node bench/history.mjs\` (\`npm run bench:history\`): a git repository of the ${FILES}-file workspace (seed 2) with
${COMMITS} dated commits, each after the first ticking tasks in three task files and adding one to a fourth. Median of
${runs} runs of each, taken in turn, each with an empty cache (\`OKR_CACHE_DIR\` new every run).

| | Time | CPU time (user + system) |
|---|--:|--:|
| okr status --json, cold (empty cache) | ${status.toFixed(0)} ms | ${statusCpu.toFixed(0)} ms |
| okr history --json over ${COMMITS} commits, cold (empty cache) | ${history.toFixed(0)} ms | ${historyCpu.toFixed(0)} ms |
| okr history --json over ${COMMITS} commits, warm (a second run) | ${warm.toFixed(0)} ms | ${warmCpu.toFixed(0)} ms |

| Target | Measured | Limit | Met |
|---|--:|---|---|
| history over ${COMMITS} commits / one cold status | ${ratio.toFixed(2)} | ≤ 2 | ${ratio <= 2 ? 'yes' : '**no**'} |
|   for reference: the same in CPU time | ${cpuRatio.toFixed(2)} | ≤ 2 | ${cpuRatio <= 2 ? 'yes' : '**no**'} |

Load average when it ended: ${load.toFixed(1)} on ${availableParallelism()} CPUs, Node ${process.version} (wall times on a
loaded machine move a lot; CPU time less). The warm run is a second \`okr history\` with the cache the first one
filled (its output checked equal). History reads the first commit whole, then every later commit by its changes:
one \`git diff-tree --stdin\` gives all of them, and the new blobs of a run of commits (up to 500) are read with one
\`git cat-file --batch\` and parsed (1,000 files at the first commit, then the ~400 changed ones), or taken from the
cache; the contents met are written to the cache once, at the end, as the workspace's history pack (one file). The
model is linked and measured again at every commit, from task counts (each file's counted once, unchanged files
keep theirs).

Beyond one cold status, a cold history parses the ~400 contents the commits changed (about 1.4 × the contents
of one status) and links and measures 100 models, each from task counts (see "Where the time goes" above).
`;
const before = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
const kept = before.includes(MARK) ? before.slice(0, before.indexOf(MARK)) : before;
writeFileSync(outFile, `${kept}${kept === '' || kept.endsWith('\n\n') ? '' : '\n'}${section}`);
process.stdout.write(`${section}\nWritten to ${path.relative(process.cwd(), outFile)}.\n`);
