#!/usr/bin/env node
// `npm run demo`: a throw-away git repository made from examples/acme, with a scripted quarter of
// dated commits (task items ticked and check-ins recorded by three people, through okr itself), then
// the review cycle on it: progress over time, the weekly review (`okr diff --since 14d`) and who
// owes a check-in (`okr due`). Pass --keep to keep the repository and print where it is.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'okr.js');
const TODAY = '2026-11-28';
const keep = process.argv.includes('--keep');

const PEOPLE = {
  ada: { name: 'Ada Lovelace', email: 'ada@acme.example' },
  bea: { name: 'Bea Ortiz', email: 'bea@acme.example' },
  cy: { name: 'Cy Tanaka', email: 'cy@acme.example' },
};

/** The quarter: [date, who, what okr runs, commit message]. */
const QUARTER = [
  ['2026-10-09', 'bea', ['checkin', 'activation-rate', '31', '--confidence', '0.6', '--note', 'cohort A measured'], 'Check in activation'],
  ['2026-10-16', 'cy', ['done', '--kr', 'onboarding-flow', 'Connect a data source'], 'Setup checklist: data source step done'],
  ['2026-10-23', 'ada', ['checkin', 'logo-churn', '2.6', '--confidence', '0.5'], 'Check in churn'],
  ['2026-10-30', 'cy', ['done', '--kr', 'query-cache', 'Enable for internal workspaces'], 'Query cache on for internal workspaces'],
  ['2026-11-06', 'bea', ['checkin', 'activation-rate', '32', '--confidence', '0.6', '--note', 'checklist helps'], 'Check in activation'],
  ['2026-11-10', 'cy', ['done', '--kr', 'onboarding-flow', 'Roll out to 10%'], 'Onboarding v2 at 10%'],
  ['2026-11-13', 'ada', ['checkin', 'p95-query-latency', '1300', '--confidence', '0.5', '--status', 'at-risk', '--note', 'cache misses on big dashboards'], 'Check in latency'],
  ['2026-11-17', 'cy', ['done', '--kr', 'pricing-page', 'Create the new prices in Stripe'], 'Prices created in Stripe'],
  ['2026-11-20', 'bea', ['checkin', 'activation-rate', '33', '--confidence', '0.7', '--note', 'cohort B is live'], 'Check in activation'],
  ['2026-11-24', 'cy', ['done', '--kr', 'query-cache', 'Enable for 25% of customers'], 'Query cache for 25% of customers'],
  ['2026-11-25', 'ada', ['checkin', 'clickhouse-migration', 'true', '--note', 'cut over on Tuesday'], 'ClickHouse migration done'],
  ['2026-11-26', 'bea', ['checkin', 'net-revenue-retention', '110', '--confidence', '0.8'], 'Check in NRR'],
];

const dir = mkdtempSync(path.join(tmpdir(), 'okr-demo-'));
const baseEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0', NO_COLOR: '1' };

function run(command, args, env = baseEnv) {
  const result = spawnSync(command, args, { cwd: dir, env, encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

function commit(date, who, message) {
  const person = PEOPLE[who];
  const at = `${date}T10:00:00Z`;
  const env = {
    ...baseEnv,
    GIT_AUTHOR_NAME: person.name,
    GIT_AUTHOR_EMAIL: person.email,
    GIT_COMMITTER_NAME: person.name,
    GIT_COMMITTER_EMAIL: person.email,
    GIT_AUTHOR_DATE: at,
    GIT_COMMITTER_DATE: at,
  };
  run('git', ['add', '-A'], env);
  run('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', message], env);
}

const okr = (args) => run(process.execPath, [BIN, ...args]);

function show(args) {
  process.stdout.write(`\n$ okr ${args.join(' ')}\n${okr(args)}`);
}

try {
  run('git', ['init', '-q', '-b', 'main']);
  cpSync(path.join(ROOT, 'examples', 'acme'), dir, { recursive: true });
  commit('2026-10-02', 'ada', 'Q4 OKRs');
  for (const [date, who, args, message] of QUARTER) {
    const dated = args[0] === 'checkin' ? [...args, '--date', date, '--today', date] : args;
    okr(dated);
    commit(date, who, message);
  }
  process.stdout.write(
    `A scripted quarter: ${QUARTER.length + 1} commits by ${Object.values(PEOPLE)
      .map((p) => p.name)
      .join(', ')}; today is ${TODAY}.\n`,
  );
  process.stdout.write(run('git', ['log', '--format=  %ad  %an: %s', '--date=short']));
  // `okr history` where this okr has it, else the status of today.
  const help = spawnSync(process.execPath, [BIN, 'history', '--help'], { cwd: dir, env: baseEnv, encoding: 'utf8' });
  const hasHistory = help.status === 0 && help.stdout.includes('Usage: okr history');
  show(hasHistory ? ['history', '--today', TODAY] : ['status', '--today', TODAY]);
  show(['diff', '--since', '14d', '--today', TODAY]);
  show(['due', '--today', TODAY]);
  if (keep) process.stdout.write(`\nThe repository is kept at ${dir}\n`);
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
