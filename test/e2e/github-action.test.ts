/**
 * The composite action (action.yml at the repository root), run for a pull request against a real
 * repository built from examples/acme: each step is executed by bash as the runner would, with the
 * action's path at this checkout, inputs and `${{ … }}` expressions given by the test, step outputs
 * passed on through $GITHUB_OUTPUT, and a stand-in `gh` that keeps the pull request's comments.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/parse/yaml.js';
import { copyInto, createRepo, GIT_ENV, type TempRepo } from '../helpers/git-repo.js';
import { evaluateExpressions, runBashStep, type WorkflowStep } from '../helpers/workflow-steps.js';
import { BIN, REPO_ROOT } from '../helpers/run-cli.js';

const TODAY = '2026-11-15';

type Step = WorkflowStep;
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parseYaml(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')).data as Action;
const steps = action.runs.steps;
const hasJq = spawnSync('jq', ['--version']).status === 0;

let repo: TempRepo;
let sandbox: string;
let featureHead: string;
let summary: string;
let ghState: string;
let inputs: Record<string, string>;
const outputs: Record<string, Record<string, string>> = {};

/** What the action's `${{ … }}` expressions give for a pull request from a branch of the same repository. */
function expressions(): Record<string, string> {
  const values: Record<string, string> = {
    'github.server_url': 'https://github.com',
    'github.repository': 'acme/okrs',
    'github.event.pull_request.head.sha || github.sha': featureHead,
    'github.event.pull_request.head.sha': featureHead,
    'github.event.pull_request.number': '7',
  };
  for (const [name, value] of Object.entries(inputs)) values[`inputs.${name}`] = value;
  for (const [id, values_] of Object.entries(outputs)) for (const [name, value] of Object.entries(values_)) values[`steps.${id}.outputs.${name}`] = value;
  return values;
}

function evaluate(value: string): string {
  return evaluateExpressions(value, expressions());
}

function step(name: string): Step {
  const found = steps.find((s) => s.name === name);
  if (!found?.run) throw new Error(`no run step named "${name}" in action.yml`);
  return found;
}

function runStep(name: string, cwd = repo.dir): { stdout: string; stderr: string; code: number } {
  const found = step(name);
  const script = found.run!;
  const outputFile = path.join(sandbox, 'output.txt');
  writeFileSync(outputFile, '');
  const env: Record<string, string> = {
    PATH: `${path.join(sandbox, 'bin')}${path.delimiter}${process.env.PATH}`,
    HOME: sandbox,
    ...GIT_ENV,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION_PATH: REPO_ROOT,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_WORKSPACE: cwd,
    GITHUB_REPOSITORY: 'acme/okrs',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_SHA: repo.git('rev-parse', 'HEAD').trim(),
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: outputFile,
    GITHUB_PATH: path.join(sandbox, 'github-path.txt'),
    RUNNER_TEMP: path.join(sandbox, 'runner-temp'),
    FAKE_GH_STATE: ghState,
    ...Object.fromEntries(Object.entries(found.env ?? {}).map(([k, v]) => [k, evaluate(String(v))])),
  };
  // A composite action's `shell: bash` runs `bash --noprofile --norc -eo pipefail {0}`.
  const result = runBashStep(script, { sandbox, cwd, env });
  if (found.id)
    outputs[found.id] = Object.fromEntries(
      readFileSync(outputFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(/=(.*)/s, 2) as [string, string]),
    );
  return result;
}

function ghComments(): { id: number; user: { login: string }; body: string }[] {
  return JSON.parse(readFileSync(ghState, 'utf8')).comments;
}

/** A new commit on the feature branch, merged as GitHub does for refs/pull/N/merge: HEAD^1 is main. */
function pushAndMerge(change: () => void, message: string): void {
  repo.git('checkout', '-q', 'feature');
  change();
  featureHead = repo.commit(message);
  repo.git('checkout', '-q', '--detach', 'main');
  repo.git('merge', '-q', '--no-ff', '--no-edit', 'feature');
}

beforeAll(() => {
  inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default ?? '']));
  inputs.workspace = 'okrs';
  inputs['github-token'] = 'test-token';
  sandbox = mkdtempSync(path.join(tmpdir(), 'okr-action-'));
  mkdirSync(path.join(sandbox, 'bin'));
  mkdirSync(path.join(sandbox, 'runner-temp'));
  summary = path.join(sandbox, 'summary.md');
  writeFileSync(summary, '');
  ghState = path.join(sandbox, 'gh.json');
  writeFileSync(ghState, JSON.stringify({ nextId: 100, calls: [], comments: [{ id: 1, user: { login: 'maria' }, body: 'Quoting the bot: <!-- okr-diff -->' }] }));
  // The steps after "Install okr" find `okr` on the PATH; here it is pinned to the test's date.
  const okr = path.join(sandbox, 'bin', 'okr');
  writeFileSync(okr, `#!/bin/sh\ncase "$1" in status|diff) exec "${process.execPath}" "${BIN}" "$@" --today ${TODAY};; esac\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  const gh = path.join(sandbox, 'bin', 'gh');
  writeFileSync(gh, `#!/bin/sh\nexec "${process.execPath}" "${path.join(REPO_ROOT, 'test/helpers/fake-gh.mjs')}" "$@"\n`);
  chmodSync(okr, 0o755);
  chmodSync(gh, 0o755);

  repo = createRepo();
  copyInto(repo, path.join(REPO_ROOT, 'examples/acme'), 'okrs');
  repo.commit('Q4 OKRs');
  repo.git('checkout', '-q', '-b', 'feature');
  pushAndMerge(() => {
    repo.edit('okrs/tasks/onboarding-flow.md', '- [ ] Roll out to 10%', '- [x] Roll out to 10%');
    repo.edit('okrs/objectives/activation.md', 'current: 30\n', 'current: 32\n');
  }, 'Onboarding rollout started, activation check-in');
});

afterAll(() => {
  repo.cleanup();
  rmSync(sandbox, { recursive: true, force: true });
});

describe('action.yml', () => {
  it('is a composite action whose inputs reach the scripts only through env', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['comment', 'fail-on', 'github-token', 'node-version', 'workspace']);
    expect(action.inputs['github-token']!.default).toBe('${{ github.token }}');
    for (const s of steps) {
      expect(s.run ?? '', s.name).not.toContain('${{');
      if (s.run) expect(s.shell, s.name).toBe('bash');
    }
    expect(steps[0]!.uses).toMatch(/^actions\/setup-node@v\d+$/);
  });

  it('comments only on pull requests from the same repository, when asked', () => {
    const condition = step('Comment on the pull request').if ?? '';
    expect(condition).toContain("inputs.comment == 'true'");
    expect(condition).toContain("steps.diff.outcome == 'success'");
    expect(condition).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    expect(step('OKR changes of the pull request').if).toContain("github.event_name == 'pull_request'");
  });

  it('installs okr from its own checkout onto the PATH', () => {
    const result = runStep('Install okr');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const dir = readFileSync(path.join(sandbox, 'github-path.txt'), 'utf8').trim();
    expect(dir).toBe(path.join(sandbox, 'runner-temp', 'okr-bin'));
    const version = spawnSync(path.join(dir, 'okr'), ['--version'], { encoding: 'utf8' });
    expect(version.stdout).toBe(result.stdout);
  });

  it('lints with annotations whose paths start at the repository root, and keeps the exit code for the end', () => {
    const result = runStep('Lint the OKR files');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^::warning file=okrs\/objectives\/docs-and-education\.md,line=\d+,col=\d+,title=okr%3A kr-no-tasks::/);
    expect(outputs.lint).toEqual({ code: '0' });
  });

  it('appends the status report to the job summary, linking files at the pull request head', () => {
    const result = runStep('Progress report in the job summary');
    expect(result).toMatchObject({ code: 0, stdout: '' });
    const text = readFileSync(summary, 'utf8');
    expect(text).toMatch(/^## OKR status: 2026-Q4\n/);
    expect(text).toContain(`(https://github.com/acme/okrs/blob/${featureHead}/okrs/objectives/activation.md?plain=1#L3)`);
    expect(outputs.status).toEqual({ code: '0' });
  });

  it('passes fail-on to okr status, and the last step fails the job', () => {
    inputs['fail-on'] = 'at-risk';
    try {
      expect(runStep('Progress report in the job summary').code).toBe(0);
      expect(outputs.status).toEqual({ code: '1' });
      const result = runStep('Result');
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('okr status failed (exit code 1): see the job summary\n');
    } finally {
      inputs['fail-on'] = '';
    }
    expect(runStep('Progress report in the job summary').code).toBe(0);
    expect(runStep('Result')).toMatchObject({ code: 0, stdout: '' });
  });

  it('writes the OKR changes of the pull request, compared with the base branch', () => {
    const result = runStep('OKR changes of the pull request');
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const body = readFileSync(path.join(sandbox, 'runner-temp', 'okr-diff.md'), 'utf8');
    expect(body.split('\n').slice(0, 2)).toEqual(['<!-- okr-diff -->', '## OKR changes']);
    expect(body).toContain('**1 task completed, progress moved on 2 key results.**');
  });

  it('fetches the base commit when the checkout has only the merge commit', () => {
    const clone = mkdtempSync(path.join(tmpdir(), 'okr-shallow-'));
    try {
      const git = (...args: string[]) => spawnSync('git', args, { cwd: clone, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
      expect(git('init', '-q').status).toBe(0);
      expect(git('remote', 'add', 'origin', `file://${repo.dir}`).status).toBe(0);
      expect(git('fetch', '-q', '--depth=1', 'origin', repo.git('rev-parse', 'HEAD').trim()).status).toBe(0);
      expect(git('checkout', '-q', '--detach', 'FETCH_HEAD').status).toBe(0);
      expect(git('rev-parse', '--quiet', '--verify', 'HEAD^1').status).not.toBe(0);
      const result = runStep('OKR changes of the pull request', clone);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(readFileSync(path.join(sandbox, 'runner-temp', 'okr-diff.md'), 'utf8')).toContain('1 task completed');
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasJq)('keeps one comment on the pull request: posts it once, then edits it', () => {
    expect(runStep('Comment on the pull request')).toMatchObject({ code: 0, stdout: '' });
    pushAndMerge(() => repo.edit('okrs/tasks/onboarding-flow.md', '- [ ] Compare week-1 activation', '- [x] Compare week-1 activation'), 'Cohort compared');
    expect(runStep('OKR changes of the pull request').code).toBe(0);
    expect(runStep('Comment on the pull request').code).toBe(0);
    const ours = ghComments().filter((c) => c.user.login === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    expect(ours[0]!.id).toBe(100);
    expect(ours[0]!.body).toContain('2 tasks completed');
    expect(ghComments().map((c) => c.id)).toEqual([1, 100]);
  });

  it('fails at the end when lint finds errors, after the report', () => {
    repo.write('okrs/objectives/broken.md', '---\ntype: objective\nid: Bad Id\n---\n');
    try {
      expect(runStep('Lint the OKR files').code).toBe(0);
      expect(outputs.lint).toEqual({ code: '1' });
      const result = runStep('Result');
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('okr lint failed (exit code 1)');
    } finally {
      rmSync(path.join(repo.dir, 'okrs/objectives/broken.md'));
    }
    expect(existsSync(path.join(repo.dir, 'okrs/objectives/broken.md'))).toBe(false);
  });
});

describe("README's workflow for the action", () => {
  it('parses, checks out the repository and passes only inputs the action has', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### GitHub Action\n'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    expect(block.trim().split('\n').length).toBeLessThanOrEqual(6);
    const workflow = parseYaml(block).data as { on: string; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
    expect(workflow.on).toBe('pull_request');
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const [checkout, okr] = Object.values(workflow.jobs)[0]!.steps;
    expect(checkout!.uses).toMatch(/^actions\/checkout@v\d+$/);
    expect(okr!.uses).toMatch(/^OWNER\/okr@/);
    for (const name of Object.keys(okr!.with ?? {})) expect(Object.keys(action.inputs)).toContain(name);
  });
});
