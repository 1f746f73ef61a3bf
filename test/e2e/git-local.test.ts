/**
 * git stays local: in a partial (blobless) clone, `okr diff` between revisions whose contents are
 * not in the local repository never makes git fetch them (which would run the remote's configured
 * upload-pack or ssh command, and go to the network). The missing files are reported as problems
 * and the rest of the diff still works.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_TRANSPORTS } from '../../src/io/git.js';
import { FIXTURES, runCli } from '../helpers/run-cli.js';
import { copyInto, createRepo, GIT_ENV, type TempRepo } from '../helpers/git-repo.js';

const TODAY = ['--today', '2026-11-15'];
const NOT_LOCAL = "file's content is not in the local repository (partial clone): okr does not fetch; run git fetch";
let repo: TempRepo;
let scratch: string;
let clone: string;
let marker: string;
let treeless: string;
const commits: Record<string, string> = {};
const env = () => ({ ...process.env, ...GIT_ENV, GITHUB_WORKSPACE: undefined, OKR_CACHE_DIR: path.join(scratch, 'cache') });

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

beforeAll(() => {
  repo = createRepo();
  scratch = mkdtempSync(path.join(tmpdir(), 'okr-partial-'));
  copyInto(repo, path.join(FIXTURES, 'diff', 'workspace'), 'okrs');
  commits.first = repo.commit('OKRs');
  repo.edit('okrs/tasks/onboarding.md', '- [ ] Welcome email', '- [x] Welcome email');
  repo.write('okrs/okr.config.yaml', `${repo.read('okrs/okr.config.yaml')}# reviewed\n`);
  commits.second = repo.commit('Tick the welcome email');
  repo.edit('okrs/tasks/runbooks.md', '- [ ] Database failover', '- [x] Database failover');
  commits.third = repo.commit('Tick the failover runbook');
  // A remote that serves partial clones, and a blobless clone of it: only HEAD's contents are local.
  const remote = path.join(scratch, 'remote.git');
  git(scratch, 'clone', '-q', '--bare', repo.dir, remote);
  git(remote, 'config', 'uploadpack.allowFilter', 'true');
  clone = path.join(scratch, 'clone');
  git(scratch, 'clone', '-q', '--filter=blob:none', `file://${remote}`, clone);
  // Any fetch from now on runs this, which leaves a marker.
  marker = path.join(scratch, 'FETCHED');
  const script = path.join(scratch, 'upload-pack.sh');
  writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\nexec git-upload-pack "$@"\n`);
  chmodSync(script, 0o755);
  git(clone, 'config', 'remote.origin.uploadpack', script);
  git(clone, 'config', 'core.sshCommand', `sh -c 'touch ${marker}; exit 1'`);
  // A treeless clone lacks even the trees of older revisions.
  treeless = path.join(scratch, 'treeless');
  git(scratch, 'clone', '-q', '--filter=tree:0', `file://${remote}`, treeless);
  git(treeless, 'config', 'remote.origin.uploadpack', script);
});

afterAll(() => {
  repo.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

describe('okr diff in a partial clone', () => {
  const missing = (dir: string) =>
    git(dir, 'rev-list', '--objects', '--missing=print', '--all')
      .split('\n')
      .filter((line) => line.startsWith('?'));

  it('never fetches: the missing files and config are problems, the rest of the diff works', () => {
    const missingBefore = missing(clone);
    expect(missingBefore.length).toBeGreaterThan(0);
    const result = runCli(['diff', commits.first!, commits.second!, '--format', 'json', ...TODAY], { cwd: path.join(clone, 'okrs'), env: env() });
    expect(existsSync(marker)).toBe(false);
    expect(missing(clone)).toEqual(missingBefore);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const diff = JSON.parse(result.stdout) as {
      problems: { before: { errors: number }; fixed: { file: string; rule: string; message: string }[] };
      progress: { id: string; after: { progress: number } }[];
      tasks: { text: string; after: string }[];
    };
    // The base's onboarding tasks and config are not local; runbooks is in neither revision.
    expect(diff.problems.fixed.filter((problem) => problem.rule === 'unreadable')).toEqual([
      expect.objectContaining({ file: 'okr.config.yaml', message: `${NOT_LOCAL}: the defaults apply` }),
      expect.objectContaining({ file: 'tasks/onboarding.md', message: NOT_LOCAL }),
    ]);
    expect(diff.problems.before.errors).toBeGreaterThanOrEqual(3);
    // What is local is read: the head's tasks and progress.
    expect(diff.tasks).toContainEqual(expect.objectContaining({ text: 'Welcome email', after: 'done' }));
    expect(diff.progress).toContainEqual(expect.objectContaining({ id: 'onboarding', after: expect.objectContaining({ progress: 0.5 }) }));
  });

  it('never fetches in text output, nor against the work tree', () => {
    const result = runCli(['diff', commits.first!, ...TODAY], { cwd: path.join(clone, 'okrs'), env: env() });
    expect(existsSync(marker)).toBe(false);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(NOT_LOCAL);
    expect(result.stdout).toContain('Database failover');
  });

  it('in a treeless clone: a one-line error saying why, nothing fetched', () => {
    const result = runCli(['diff', commits.first!, commits.second!, ...TODAY], { cwd: path.join(treeless, 'okrs'), env: env() });
    expect(existsSync(marker)).toBe(false);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^okr: the files of [0-9a-f]{40} are not in the local repository \(partial clone\): okr does not fetch; run git fetch\n$/);
  });

  it('every git call okr makes carries the settings that forbid fetching, each enough alone', () => {
    // A git on the PATH that notes its arguments and environment, then runs the real one.
    const bin = path.join(scratch, 'bin');
    const log = path.join(scratch, 'git-calls.log');
    const real = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, 'git'), `#!/bin/sh\nprintf '%s|%s|%s\\n' "$GIT_NO_LAZY_FETCH" "$GIT_PROTOCOL_FROM_USER" "$*" >> '${log}'\nexec '${real}' "$@"\n`);
    chmodSync(path.join(bin, 'git'), 0o755);
    const result = runCli(['diff', commits.first!, commits.third!, ...TODAY], { cwd: path.join(clone, 'okrs'), env: { ...env(), PATH: `${bin}:${process.env.PATH}` } });
    expect(result.stderr).toBe('');
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls.length).toBeGreaterThan(3);
    for (const call of calls) {
      const [lazy, fromUser, args] = call.split('|');
      expect(lazy, call).toBe('1');
      expect(fromUser, call).toBe('0');
      expect(args!.startsWith(NO_TRANSPORTS.join(' ')), call).toBe(true);
      expect(args, call).toContain('-c protocol.allow=never -c protocol.file.allow=never');
    }
    // The command-line settings alone stop an older git (no GIT_NO_LAZY_FETCH) from fetching.
    const object = missing(clone)[0]!.slice(1);
    const alone = spawnSync('git', [...NO_TRANSPORTS, 'cat-file', '-e', object], { cwd: clone, env: { ...process.env, ...GIT_ENV } });
    expect(alone.status).not.toBe(0);
    expect(existsSync(marker)).toBe(false);
  });

  it('the test would see a fetch: plain git fetches the missing content through the marked command', () => {
    const object = missing(clone)[0]!.slice(1);
    spawnSync('git', ['cat-file', '-e', object], { cwd: clone, env: { ...process.env, ...GIT_ENV } });
    expect(existsSync(marker)).toBe(true);
  });
});
