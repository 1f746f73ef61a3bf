/**
 * The workspace is what the user meant: the one around the directory named (a folder inside it
 * shows only what is under it), okr.config.yml read as okr.config.yaml, files left out by `exclude:`
 * and `.gitignore` not read (also by okr diff at a revision), and a clear word outside any workspace.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepo, GIT_ENV, type TempRepo } from '../helpers/git-repo.js';
import { runInProcess } from '../helpers/run-in-process.js';

const TODAY = ['--today', '2026-11-15'];

const objective = (id: string, extra = '') => `---\ntype: objective\nid: ${id}\ntitle: ${id} title\nperiod: 2026-Q4\n${extra}---\n`;

/** A workspace whose parent objective is at the root and whose child, with its key result, is in team/; its tasks are in tasks/. */
const WORKSPACE: Record<string, string> = {
  'okr.config.yml': 'thresholds:\n  on_track: 0.1\n  at_risk: 0.2\nexclude:\n  - drafts/\n  - "**/*.wip.md"\n',
  'company.md': objective('company'),
  'team/team.md': objective('team', 'parent: company\nkey_results:\n  - id: launch\n    title: Launch\n'),
  // Outside team/, linking into it: 1 of 4 done.
  'tasks/launch.md': '---\nkr: launch\n---\n- [x] one\n- [ ] two\n- [ ] three\n- [ ] four\n',
  // A problem outside team/.
  'notes.md': '# Notes\n\n## Later <!-- kr: lanch -->\n\n- [ ] follow up\n',
  // Not read: excluded by the config, or ignored by git.
  'drafts/draft.md': objective('draft'),
  'team/plan.wip.md': objective('wip'),
  'team/.gitignore': '/scratch/\nlocal.md\n',
  'team/scratch/idea.md': objective('idea'),
  'team/sub/local.md': objective('local'),
};

let base: string;
beforeEach(() => {
  base = mkdtempSync(path.join(tmpdir(), 'okr-location-'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

function write(dir: string, files: Record<string, string>): string {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const okr = (args: string[], cwd: string) => runInProcess([...args], { cwd, env: {} });
interface StatusJson {
  objectives: { id: string; progress: number; status: string; keyResults: { id: string; progress: number }[] }[];
  problems: { file: string; rule: string }[];
}
const json = (stdout: string) => JSON.parse(stdout) as StatusJson;
const ids = (stdout: string) => json(stdout).objectives.flatMap((o) => [o.id, ...o.keyResults.map((kr) => kr.id)]);

describe('a folder inside a workspace', () => {
  it('status of the whole workspace reads okr.config.yml and leaves out what exclude: and .gitignore name', async () => {
    const root = write(base, WORKSPACE);
    const result = await okr(['status', '--json', ...TODAY], root);
    expect(ids(result.stdout)).toEqual(['company', 'team', 'launch']);
    // 25% done with half the period gone: off track by the config's at_risk 0.2 (at risk by the defaults).
    expect(json(result.stdout).objectives.map((o) => [o.id, o.progress, o.status])).toEqual([
      ['company', 0.25, 'off-track'],
      ['team', 0.25, 'off-track'],
    ]);
    expect(json(result.stdout).problems.map((p) => `${p.file} ${p.rule}`)).toEqual(['notes.md unknown-kr']);
  });

  it('a .gitignore that is a symbolic link is not read, as git does not read one', async () => {
    const root = write(path.join(base, 'ws'), { 'okr.config.yaml': '', 'a.md': objective('a') });
    write(base, { 'outside-ignore': '*.md\n' });
    symlinkSync(path.join(base, 'outside-ignore'), path.join(root, '.gitignore'));
    const result = await okr(['status', '--json', ...TODAY], root);
    expect(ids(result.stdout)).toEqual(['a']);
    expect(result.code).toBe(0);
  });

  it('status <dir> uses the workspace around dir and shows only the objectives under it, with the same numbers', async () => {
    const root = write(base, WORKSPACE);
    for (const [args, cwd] of [
      [['team'], root],
      [['.'], path.join(root, 'team')],
      [['../team'], path.join(root, 'tasks')],
    ] as const) {
      const result = await okr(['status', ...args, '--json', ...TODAY], cwd);
      expect(result.code, args[0]).toBe(0);
      // Its parent is outside team/; its tasks too, and still count.
      expect(json(result.stdout).objectives.map((o) => [o.id, o.progress, o.status])).toEqual([['team', 0.25, 'off-track']]);
      expect(json(result.stdout).problems).toEqual([]);
    }
    const text = await okr(['status', 'team', ...TODAY], root);
    expect(text.stdout).toContain('team · team title');
    expect(text.stdout).not.toContain('company');
    expect(text.stdout).toMatch(/^team · team title/m); // at depth 0: its parent is not shown
  });

  it('status with no directory, from a folder inside the workspace, shows the whole workspace', async () => {
    const root = write(base, WORKSPACE);
    const result = await okr(['status', '--json', ...TODAY], path.join(root, 'team'));
    expect(ids(result.stdout)).toEqual(['company', 'team', 'launch']);
  });

  it('lint <dir> reports only the problems of files under dir; lint of the workspace all of them', async () => {
    const root = write(base, WORKSPACE);
    const team = await okr(['lint', 'team'], root);
    expect(team).toEqual({ code: 0, stdout: 'No problems found.\n', stderr: '' });
    const all = await okr(['lint', '--format', 'json'], path.join(root, 'team'));
    expect(all.code).toBe(1);
    expect(JSON.parse(all.stdout)).toMatchObject({ problems: [{ file: 'notes.md', line: 3, rule: 'unknown-kr' }] });
    const notes = await okr(['lint', '--format', 'json', 'tasks'], root);
    expect(notes.code).toBe(0);
  });

  it('a problem of the config shows in a folder too', async () => {
    const root = write(base, { ...WORKSPACE, 'okr.config.yml': 'thresholds:\n  on_track: 2\n' });
    const result = await okr(['lint', 'team'], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('okr.config.yml\n  2:13  error  thresholds.on_track: must be at most 1');
  });
});

describe('the config file', () => {
  it('okr.config.yaml and okr.config.yml side by side: an error naming both, exit 1, for every command', async () => {
    const root = write(base, { ...WORKSPACE, 'okr.config.yaml': 'thresholds:\n  on_track: 0.2\n' });
    const both = `${path.join(root, 'okr.config.yaml')} and ${path.join(root, 'okr.config.yml')} both exist: okr reads one config per workspace; merge them into okr.config.yaml and remove the other`;
    for (const args of [['status', ...TODAY], ['lint'], ['status', '.', ...TODAY], ['checkin', 'launch', '3', '--date', '2026-11-15']]) {
      const result = await okr(args, path.join(root, 'team'));
      expect(result, args.join(' ')).toEqual({ code: 1, stdout: '', stderr: `okr: ${both}\n` });
    }
  });

  it('exclude: that is not a list of globs is an error at its line, with what to write', async () => {
    const root = write(base, { 'okr.config.yml': 'exclude: drafts/\n', 'company.md': objective('company') });
    const result = await okr(['lint'], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '1:10  error  exclude: expected a list, got the text "drafts/": write a list of globs in gitignore syntax, relative to the workspace root, such as [drafts/, "**/*.draft.md"]  (config)',
    );
    const empty = await okr(['lint'], write(base, { 'okr.config.yml': 'exclude:\n  - ""\n' }));
    expect(empty.stdout).toContain('2:5  error  exclude[0]: must not be empty');
  });

  it('okr init does not add okr.config.yaml next to an okr.config.yml', async () => {
    write(base, { 'okr.config.yml': '' });
    const result = await okr(['init', ...TODAY], base);
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'okr: okr.config.yml already exists: okr init does not overwrite anything (nothing written)\n' });
  });
});

describe('outside any workspace', () => {
  const message = (dir: string) =>
    `okr: no okr workspace in ${dir}: no okr.config.yaml or okr.config.yml there or in a folder above, and no objective below it; start one there with okr init, or name a workspace's folder\n`;

  it('status and lint say which directory they read and how to start, and exit 1', async () => {
    write(base, { 'README.md': '# Just notes\n\n---\n\nA rule above.\n', 'empty/.keep': '' });
    for (const [args, dir] of [
      [['status', ...TODAY], base],
      [['lint'], base],
      [['status', 'empty', ...TODAY], path.join(base, 'empty')],
      [['lint', '--format', 'json', 'empty'], path.join(base, 'empty')],
    ] as const) {
      expect(await okr([...args], base), args.join(' ')).toEqual({ code: 1, stdout: '', stderr: message(dir) });
    }
  });

  it('a folder with objectives but no config is still a workspace, and one with problems shows them', async () => {
    write(base, { 'a.md': objective('a') });
    expect((await okr(['status', '--json', ...TODAY], base)).code).toBe(0);
    const broken = write(path.join(base, 'broken'), { 'b.md': '---\nkr: nope\n---\n- [ ] x\n' });
    const result = await okr(['lint'], broken);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('unknown-kr');
  });

  it('diff in a repository without a workspace says the same', async () => {
    const repo = createRepo();
    try {
      repo.write('README.md', '# Project\n');
      repo.commit('start');
      const result = await runInProcess(['diff', 'HEAD', ...TODAY], { cwd: repo.dir, env: { ...GIT_ENV } });
      expect(result).toEqual({ code: 1, stdout: '', stderr: message(repo.dir) });
    } finally {
      repo.cleanup();
    }
  });
});

describe('okr diff reads the same files on both sides', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = createRepo();
  });
  afterEach(() => repo.cleanup());
  const diffJson = async (args: string[], cwd: string) => {
    const result = await runInProcess(['diff', ...args, '--format', 'json', ...TODAY], { cwd, env: { ...GIT_ENV } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as { objectives: { added: { id: string }[]; removed: { id: string }[] } };
  };

  it('a file ignored by git, in the workspace or above it, or excluded by the config, is neither new nor removed', async () => {
    // The workspace is docs/okrs; the repository's own .gitignore, above it, ignores *.local.md.
    repo.write('.gitignore', '*.local.md\n');
    repo.write('docs/okrs/okr.config.yaml', 'exclude:\n  - drafts/\n');
    repo.write('docs/okrs/.gitignore', 'scratch/\n');
    repo.write('docs/okrs/company.md', objective('company'));
    // Tracked, but excluded by the config: left out at the revision as in the work tree.
    repo.write('docs/okrs/drafts/plan.md', objective('plan'));
    repo.commit('okrs');
    const workspace = path.join(repo.dir, 'docs/okrs');
    write(workspace, { 'scratch/idea.md': objective('idea'), 'mine.local.md': objective('mine'), 'drafts/more.md': objective('more') });
    const quiet = await diffJson(['HEAD'], workspace);
    expect(quiet.objectives).toMatchObject({ added: [], removed: [] });

    // A file nothing ignores shows as new, so the test can tell.
    write(workspace, { 'team.md': objective('team') });
    expect((await diffJson(['HEAD'], workspace)).objectives.added.map((o) => o.id)).toEqual(['team']);

    // Between two commits, each side by its own rules: no longer excluded, the draft comes in.
    repo.write('docs/okrs/okr.config.yaml', '');
    repo.git('add', 'docs/okrs/okr.config.yaml');
    repo.git('commit', '-q', '-m', 'no exclude');
    expect((await diffJson(['HEAD~1', 'HEAD', '--dir', '.'], workspace)).objectives.added.map((o) => o.id)).toEqual(['plan']);
  });

  it('diff --dir of a folder inside the workspace shows what changed under it', async () => {
    repo.write('okr.config.yaml', '');
    repo.write('company.md', objective('company'));
    repo.write('team/team.md', objective('team'));
    repo.commit('okrs');
    repo.edit('company.md', 'company title', 'Company, renamed');
    repo.edit('team/team.md', 'team title', 'Team, renamed');
    const result = await runInProcess(['diff', 'HEAD', '--dir', 'team', '--format', 'json', ...TODAY], { cwd: repo.dir, env: { ...GIT_ENV } });
    const changed = (JSON.parse(result.stdout) as { objectives: { changed: { id: string }[] } }).objectives.changed.map((o) => o.id);
    expect(changed).toEqual(['team']);
  });
});
