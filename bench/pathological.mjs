/**
 * Pathological Markdown files within the size limit: the inputs that once exhausted the parser
 * (see README "Limits and safety"), built at run time. Imported by the tests, which check that each
 * finishes and is reported; run as a script (`npm run bench:pathological`, also the last step of
 * `npm run bench`) it measures okr on each, one file per workspace, and writes the table into the
 * "Pathological files" section of bench/RESULTS.md.
 *
 * Options: --runs <n> (default 3)   --out <file> (default bench/RESULTS.md)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Just under the default 5 MB limit. */
const LARGE = 4.9 * 1000 * 1000;

/** A task list of `length` characters or a little less: `- [ ] Task number N` lines. */
export function taskList(length) {
  const lines = [];
  let size = 0;
  for (let i = 0; ; i++) {
    const line = `- [ ] Task number ${i}\n`;
    if (size + line.length > length) break;
    lines.push(line);
    size += line.length;
  }
  return { text: lines.join(''), tasks: lines.length };
}

/**
 * The cases: `name`, what it is, `text()` to build it, and what okr must report: `tooComplex` (a
 * `file-too-complex` error at `line`) or `tasks` (that many task items read).
 */
export const PATHOLOGICAL_CASES = [
  {
    name: 'definitions',
    description: 'about 700,000 link reference definitions (4.9 MB)',
    text: () => '- [ ] t\n' + '[a]: b\n'.repeat(Math.floor((LARGE - 8) / 7)),
    tooComplex: { line: 1 },
  },
  {
    name: 'distinct-definitions',
    description: 'about 540,000 distinct link reference definitions (4.9 MB)',
    text: () => {
      const lines = ['- [ ] t\n'];
      for (let i = 0, size = 8; size < LARGE - 16; i++) {
        const line = `[${i.toString(36)}]: b\n`;
        lines.push(line);
        size += line.length;
      }
      return lines.join('');
    },
    tooComplex: { line: 1 },
  },
  {
    name: 'html-comments',
    description: '`<!--` repeated in a task item (160 kB)',
    text: () => '- [ ] a ' + '<!--'.repeat(40_000) + '\n',
    tooComplex: { line: 1 },
  },
  {
    name: 'nested-emphasis',
    description: 'emphasis marks that never close, `*_` repeated in a task item (180 kB)',
    text: () => '- [ ] ' + '*_'.repeat(90_000) + 'a\n',
    tooComplex: { line: 1 },
  },
  {
    name: 'unclosed-links',
    description: 'unclosed links, `[a](` repeated in a task item (120 kB)',
    text: () => '- [ ] ' + '[a]('.repeat(30_000) + '\n',
    tooComplex: { line: 1 },
  },
  {
    name: 'unclosed-images',
    description: 'unclosed images, `![a](` repeated in a task item (120 kB)',
    text: () => '- [ ] ' + '![a]('.repeat(24_000) + '\n',
    tooComplex: { line: 1 },
  },
  {
    name: 'task-list-html-comment',
    description: 'a 4.9 MB task list ending in an HTML comment',
    text: () => taskList(LARGE - 20).text + '<!-- the end -->\n',
    tasks: taskList(LARGE - 20).tasks,
  },
];

// ---------------------------------------------------------------------------------------------
// The measurements (when run as a script).

const here = path.dirname(fileURLToPath(import.meta.url));
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) measureAll();

function measureAll() {
  const repo = path.resolve(here, '..');
  const bin = path.join(repo, 'bin/okr.js');
  if (!existsSync(path.join(repo, 'dist/cli.js'))) {
    console.error('bench: dist/ is missing; run `npm run build` first');
    process.exit(2);
  }
  const args = process.argv.slice(2);
  const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const runs = Number(option('--runs', '3'));
  const outFile = path.resolve(option('--out', path.join(here, 'RESULTS.md')));
  const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const scratch = mkdtempSync(path.join(tmpdir(), 'okr-pathological-'));
  const started = performance.now();
  const log = (text) => process.stderr.write(`${text}\n`);

  const runOnce = (commandArgs, cwd) => {
    const rssFile = path.join(scratch, 'rss.txt');
    const env = { ...process.env, NO_COLOR: '1' };
    const [program, programArgs] = time ? [time, ['-f', '%M', '-o', rssFile, process.execPath, ...commandArgs]] : [process.execPath, commandArgs];
    const start = performance.now();
    const result = spawnSync(program, programArgs, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1024 * 1024 * 1024 });
    const ms = performance.now() - start;
    if (result.error) throw result.error;
    if (![0, 1].includes(result.status)) throw new Error(`okr ${commandArgs.slice(1).join(' ')}: exit ${result.status}\n${result.stderr}`);
    const rss = time ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024 : NaN;
    return { ms, rss, stdout: result.stdout.toString('utf8') };
  };
  const measure = (label, commandArgs, cwd) => {
    const samples = Array.from({ length: runs }, () => runOnce(commandArgs, cwd));
    const ms = samples.map((s) => s.ms).sort((a, b) => a - b)[samples.length >> 1];
    const rss = Math.max(...samples.map((s) => s.rss));
    log(`  ${label}: ${ms.toFixed(0)} ms, ${rss.toFixed(0)} MB`);
    return { ms, rss, stdout: samples[0].stdout };
  };
  const outcome = (stdout) => {
    const report = JSON.parse(stdout);
    const complex = report.problems.filter((p) => p.rule === 'file-too-complex').length;
    return complex > 0 ? `\`file-too-complex\` ×${complex}` : `${report.problems.length} problems`;
  };

  const rows = [];
  for (const testCase of PATHOLOGICAL_CASES) {
    const dir = path.join(scratch, testCase.name);
    mkdirSync(dir);
    // A workspace needs its config (or an objective) to be one: the case's file alone is not.
    writeFileSync(path.join(dir, 'okr.config.yaml'), '# okr workspace\n');
    const text = testCase.text();
    writeFileSync(path.join(dir, 'file.md'), text);
    log(`${testCase.name} (${(text.length / 1000).toFixed(0)} kB)`);
    const lint = measure('lint --format json --no-cache', [bin, 'lint', dir, '--format', 'json', '--no-cache'], dir);
    const status = measure('status --json --no-cache', [bin, 'status', dir, '--json', '--no-cache', '--today', '2026-11-15'], dir);
    rows.push([testCase.description, `${(text.length / 1000).toFixed(0)} kB`, lint, status, outcome(lint.stdout)]);
  }

  // Ten large task lists ending in an HTML comment, in one workspace, and okr diff over them.
  const ten = path.join(scratch, 'ten');
  mkdirSync(ten);
  writeFileSync(path.join(ten, 'okr.config.yaml'), '# okr workspace\n');
  const git = (...gitArgs) => {
    const result = spawnSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...gitArgs], {
      cwd: ten,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    });
    if (result.status !== 0) throw new Error(result.stderr);
  };
  const big = PATHOLOGICAL_CASES.find((c) => c.name === 'task-list-html-comment').text();
  git('init', '-q', '-b', 'main');
  for (let i = 0; i < 10; i++) writeFileSync(path.join(ten, `list-${i}.md`), big);
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  for (let i = 0; i < 10; i++) writeFileSync(path.join(ten, `list-${i}.md`), big.replace('- [ ] Task number 7\n', '- [x] Task number 7\n'));
  git('commit', '-q', '-am', 'head');
  log('ten task lists of 4.9 MB ending in an HTML comment');
  const tenLint = measure('lint --format json --no-cache', [bin, 'lint', ten, '--format', 'json', '--no-cache'], ten);
  const tenStatus = measure('status --json --no-cache', [bin, 'status', ten, '--json', '--no-cache', '--today', '2026-11-15'], ten);
  rows.push(['ten such task lists in one workspace', '49 MB', tenLint, tenStatus, outcome(tenLint.stdout)]);
  const diff = measure('diff HEAD~1 HEAD --format json --no-cache', [bin, 'diff', 'HEAD~1', 'HEAD', '--dir', ten, '--format', 'json', '--no-cache', '--today', '2026-11-15'], ten);
  rows.push(['`okr diff` between two revisions of those ten', '2 × 49 MB', diff, null, 'finishes']);
  rmSync(scratch, { recursive: true, force: true });

  const ms = (v) => (v ? (v.ms >= 1000 ? `${(v.ms / 1000).toFixed(2)} s` : `${v.ms.toFixed(0)} ms`) : '');
  const mb = (v) => (v && Number.isFinite(v.rss) ? `${v.rss.toFixed(0)} MB` : '');
  const elapsed = (performance.now() - started) / 1000;
  const machine = `${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 1024 ** 3).toFixed(0)} GB RAM, Node ${process.version}`;
  const section = `## Pathological files

Files within the size limit that once exhausted the parser, built by \`bench/pathological.mjs\` (one per workspace;
\`node bench/pathological.mjs\` alone re-measures this section). Median of ${runs} runs of a whole process, highest
peak RSS; \`--no-cache\`, so every file is parsed. Machine: ${machine}; this section took ${elapsed.toFixed(0)} s.

| File | Size | okr lint time | lint peak RSS | okr status time | status peak RSS | Reported |
|---|--:|--:|--:|--:|--:|---|
${rows.map(([what, size, lint, status, result]) => `| ${what} | ${size} | ${ms(lint)} | ${mb(lint)} | ${ms(status)} | ${mb(status)} | ${result} |`).join('\n')}

"diff" is \`okr diff HEAD~1 HEAD --format json\` (its time in the lint columns): both revisions read from git in batches.
`;
  const previous = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '# Benchmark results\n';
  const start = previous.indexOf('## Pathological files');
  // The section ends where the next one or another script's marker (`<!-- okr history bench -->`) starts.
  const ends = start === -1 ? [] : ['\n## ', '\n<!-- '].map((mark) => previous.indexOf(mark, start + 1)).filter((at) => at !== -1);
  const next = ends.length === 0 ? -1 : Math.min(...ends);
  const updated = start === -1 ? `${previous.trimEnd()}\n\n${section}` : `${previous.slice(0, start)}${section}${next === -1 ? '' : previous.slice(next + 1)}`;
  writeFileSync(outFile, updated);
  process.stdout.write(`${section}\nWritten to ${path.relative(process.cwd(), outFile)}.\n`);
}
