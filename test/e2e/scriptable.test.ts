/** Conventions of a scriptable command line: --json everywhere a report is printed, Examples in every help. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyInto, createRepo, GIT_ENV, type TempRepo } from '../helpers/git-repo.js';
import { FIXTURES, REPO_ROOT } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

const TODAY = ['--today', '2026-11-15'];

/** The commands `okr --help` (or `okr <group> --help`) lists, with their parents. */
async function commandsOf(parents: string[]): Promise<string[][]> {
  const { stdout } = await runInProcess([...parents, '--help'], { cwd: REPO_ROOT });
  const section = stdout.split(/^Commands:\n/m)[1]?.split(/\n\n/)[0] ?? '';
  const names = [...section.matchAll(/^ {2}(\w[\w-]*)/gm)].map((m) => m[1]!).filter((name) => name !== 'help');
  const all: string[][] = [];
  for (const name of names) {
    all.push([...parents, name]);
    for (const sub of await commandsOf([...parents, name])) all.push(sub);
  }
  return all;
}

describe('help', () => {
  it('every command has an Examples section', async () => {
    const commands = await commandsOf([]);
    expect(commands.map((c) => c.join(' '))).toEqual(expect.arrayContaining(['status', 'lint', 'diff', 'done', 'reopen', 'start', 'cancel', 'checkin', 'new', 'new kr', 'init']));
    for (const command of commands) {
      const { stdout, code } = await runInProcess([...command, '--help'], { cwd: REPO_ROOT });
      expect(code).toBe(0);
      expect(stdout, `okr ${command.join(' ')} --help`).toMatch(/\nExamples:\n {2}okr /);
    }
  });

  it('okr --help lists the common workflows', async () => {
    const { stdout } = await runInProcess(['--help'], { cwd: REPO_ROOT });
    const workflows = stdout.split('Workflows:\n')[1]!.split('\n\n')[0]!;
    for (const name of ['Start a workspace', 'Daily ticks', 'Weekly check-in', 'PR review', 'CI']) expect(workflows).toContain(`  ${name}  `);
  });
});

describe('--json is --format json', () => {
  it('okr lint --json', async () => {
    const dir = path.join(FIXTURES, 'acme-json', 'workspace');
    const json = await runInProcess(['lint', dir, '--json'], { cwd: REPO_ROOT });
    expect(json).toEqual(await runInProcess(['lint', dir, '--format', 'json'], { cwd: REPO_ROOT }));
    expect(JSON.parse(json.stdout)).toMatchObject({ schemaVersion: 1 });
  });

  it('okr status --json', async () => {
    const dir = path.join(FIXTURES, 'acme-json', 'workspace');
    const json = await runInProcess(['status', dir, '--json', ...TODAY], { cwd: REPO_ROOT });
    expect(json).toEqual(await runInProcess(['status', dir, '--format', 'json', ...TODAY], { cwd: REPO_ROOT }));
    expect(JSON.parse(json.stdout)).toMatchObject({ schemaVersion: 2 });
  });

  describe('okr diff --json', () => {
    let repo: TempRepo;
    beforeAll(() => {
      repo = createRepo();
      copyInto(repo, path.join(FIXTURES, 'diff', 'workspace'), 'okrs');
      repo.commit('OKRs');
      repo.edit('okrs/objectives/growth.md', 'current: 260', 'current: 300');
    });
    afterAll(() => repo.cleanup());

    it('prints the JSON diff with its schemaVersion', async () => {
      const options = { cwd: path.join(repo.dir, 'okrs'), env: { ...process.env, ...GIT_ENV, GITHUB_WORKSPACE: undefined } };
      const json = await runInProcess(['diff', 'HEAD', '--json', ...TODAY], options);
      expect(json.code).toBe(0);
      expect(json).toEqual(await runInProcess(['diff', 'HEAD', '--format', 'json', ...TODAY], options));
      expect(JSON.parse(json.stdout)).toMatchObject({ schemaVersion: 2 });
    });
  });
});
