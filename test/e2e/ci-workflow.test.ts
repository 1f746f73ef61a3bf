/**
 * The CI example (examples/ci/github-actions.yml), run for a pull request against a real repository
 * built from examples/acme: each `run:` step of the workflow is executed by bash as the runner would,
 * with `okr` from this checkout and a stand-in `gh` that keeps the pull request's comments.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/parse/yaml.js';
import { copyInto, createRepo, GIT_ENV, type TempRepo } from '../helpers/git-repo.js';
import { evaluateExpressions, runBashStep, type WorkflowStep } from '../helpers/workflow-steps.js';
import { BIN, REPO_ROOT } from '../helpers/run-cli.js';

const WORKFLOW = path.join(REPO_ROOT, 'examples/ci/github-actions.yml');
const TODAY = '2026-11-15';

type Step = WorkflowStep;
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

const workflow = parseYaml(readFileSync(WORKFLOW, 'utf8')).data as Workflow;
const steps = Object.values(workflow.jobs)[0]!.steps;
const hasJq = spawnSync('jq', ['--version']).status === 0;

let repo: TempRepo;
let sandbox: string;
let featureHead: string;
let summary: string;
let ghState: string;

/** What the workflow's `${{ … }}` expressions give for a pull request from a branch of the same repository. */
function expressions(): Record<string, string> {
  return {
    'github.server_url': 'https://github.com',
    'github.repository': 'acme/okrs',
    'github.event.pull_request.head.sha || github.sha': featureHead,
    'github.event.pull_request.head.sha': featureHead,
    'github.token': 'test-token',
    'github.event.pull_request.number': '7',
  };
}

function evaluate(value: string): string {
  return evaluateExpressions(value, expressions());
}

function runStep(name: string): { stdout: string; stderr: string; code: number } {
  const step = steps.find((s) => s.name === name);
  if (!step?.run) throw new Error(`no run step named "${name}" in the workflow`);
  const script = step.run;
  const env: Record<string, string> = {
    PATH: `${path.join(sandbox, 'bin')}${path.delimiter}${process.env.PATH}`,
    HOME: sandbox,
    ...GIT_ENV,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_WORKSPACE: repo.dir,
    GITHUB_REPOSITORY: 'acme/okrs',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_SHA: repo.git('rev-parse', 'HEAD').trim(),
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: path.join(sandbox, 'runner-temp'),
    FAKE_GH_STATE: ghState,
    ...Object.fromEntries(Object.entries(workflow.env).map(([k, v]) => [k, evaluate(String(v))])),
    // The example says to point OKR_DIR at the workspace; here it is a subdirectory.
    OKR_DIR: 'okrs',
    ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v))])),
  };
  // GitHub's default shell for `run:` on Linux.
  return runBashStep(script, { sandbox, cwd: repo.dir, env });
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
  sandbox = mkdtempSync(path.join(tmpdir(), 'okr-ci-'));
  mkdirSync(path.join(sandbox, 'bin'));
  mkdirSync(path.join(sandbox, 'runner-temp'));
  summary = path.join(sandbox, 'summary.md');
  writeFileSync(summary, '');
  ghState = path.join(sandbox, 'gh.json');
  writeFileSync(
    ghState,
    JSON.stringify({
      nextId: 100,
      calls: [],
      comments: [
        { id: 1, user: { login: 'maria' }, body: 'Looks good. Quoting the bot: <!-- okr-diff -->' },
        { id: 2, user: { login: 'other-app[bot]' }, body: '<!-- okr-diff -->\nnot ours' },
      ],
    }),
  );
  // `okr` as installed by `npm install --global`, pinned to the test's date.
  const okr = path.join(sandbox, 'bin', 'okr');
  writeFileSync(okr, `#!/bin/sh\ncase "$1" in status|diff) exec "${process.execPath}" "${BIN}" "$@" --today ${TODAY};; esac\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  const gh = path.join(sandbox, 'bin', 'gh');
  writeFileSync(gh, `#!/bin/sh\nexec "${process.execPath}" "${path.join(REPO_ROOT, 'test/helpers/fake-gh.mjs')}" "$@"\n`);
  chmodSync(okr, 0o755);
  chmodSync(gh, 0o755);

  repo = createRepo();
  copyInto(repo, path.join(REPO_ROOT, 'examples/acme'), 'okrs');
  repo.write('README.md', '# Acme\n');
  repo.commit('Q4 OKRs');
  repo.git('checkout', '-q', '-b', 'feature');
  pushAndMerge(() => {
    repo.edit('okrs/tasks/onboarding-flow.md', '- [ ] Roll out to 10%', '- [x] Roll out to 10%');
    repo.edit('okrs/objectives/activation.md', 'current: 30\n', 'current: 32\n');
    repo.git('mv', 'okrs/tasks/runbooks.md', 'okrs/tasks/on-call-runbooks.md');
  }, 'Onboarding rollout started, activation check-in');
});

afterAll(() => {
  repo.cleanup();
  rmSync(sandbox, { recursive: true, force: true });
});

describe('examples/ci/github-actions.yml', () => {
  it('runs on pushes to main and on pull requests, and may write pull-request comments', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with).toEqual({ 'fetch-depth': 2, 'persist-credentials': false });
  });

  it('reports and comments even when lint fails, and comments only on pull requests from the same repository', () => {
    const condition = (name: string) => steps.find((s) => s.name === name)?.if ?? '';
    expect(condition('Progress report in the job summary')).toContain('!cancelled()');
    expect(condition('OKR changes of the pull request')).toMatch(/!cancelled\(\) && github\.event_name == 'pull_request'/);
    expect(condition('Comment on the pull request')).toContain("steps.okr-diff.outcome == 'success'");
    expect(condition('Comment on the pull request')).toContain('github.event.pull_request.head.repo.full_name == github.repository');
  });

  it('passes values from GitHub only through env, never pasted into a script', () => {
    for (const step of steps) expect(step.run ?? '', step.name).not.toContain('${{');
  });

  it('lints with annotations whose paths start at the repository root', () => {
    const result = runStep('Lint the OKR files');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      expect.stringMatching(/^::warning file=okrs\/objectives\/docs-and-education\.md,line=\d+,col=\d+,title=okr%3A kr-no-tasks::/),
      expect.stringMatching(/^::warning file=okrs\/objectives\/platform-reliability\.md,line=\d+,col=\d+,title=okr%3A metric-beyond-target::.*100%25/),
      '',
    ]);
  });

  it('appends the status report to the job summary, linking files at the pull request head', () => {
    const result = runStep('Progress report in the job summary');
    expect(result).toMatchObject({ code: 0, stdout: '' });
    const text = readFileSync(summary, 'utf8');
    expect(text).toMatch(/^## OKR status: 2026-Q4\n/);
    expect(text).toContain(`(https://github.com/acme/okrs/blob/${featureHead}/okrs/objectives/activation.md?plain=1#L3)`);
  });

  it('writes the OKR changes of the pull request, compared with the base branch', () => {
    const result = runStep('OKR changes of the pull request');
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const body = readFileSync(path.join(sandbox, 'runner-temp', 'okr-diff.md'), 'utf8');
    expect(body.split('\n').slice(0, 3)).toEqual(['<!-- okr-diff -->', '## OKR changes', '']);
    expect(body).toContain('**1 task completed, progress moved on 2 key results, 1 file renamed.**');
    expect(body).toContain('- `tasks/runbooks.md` → `tasks/on-call-runbooks.md`');
    expect(body).toContain(`[tasks/onboarding-flow.md:33](https://github.com/acme/okrs/blob/${featureHead}/okrs/tasks/onboarding-flow.md?plain=1#L33)`);
    expect(readFileSync(summary, 'utf8')).toContain('## OKR changes');
  });

  it.skipIf(!hasJq)('keeps one comment on the pull request: posts it once, then edits it', () => {
    expect(runStep('Comment on the pull request')).toMatchObject({ code: 0, stdout: '' });
    let ours = ghComments().filter((c) => c.user.login === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    expect(ours[0]!.body).toContain('1 task completed');

    // Another push: the diff changes, and the same comment is edited.
    pushAndMerge(() => repo.edit('okrs/tasks/onboarding-flow.md', '- [ ] Compare week-1 activation', '- [x] Compare week-1 activation'), 'Cohort compared');
    expect(runStep('OKR changes of the pull request').code).toBe(0);
    expect(runStep('Comment on the pull request').code).toBe(0);
    ours = ghComments().filter((c) => c.user.login === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    expect(ours[0]!.id).toBe(100);
    expect(ours[0]!.body).toContain('2 tasks completed');
    expect(ghComments().map((c) => c.id)).toEqual([1, 2, 100]);
    const methods = JSON.parse(readFileSync(ghState, 'utf8')).calls.map((call: string[]) => (call.includes('--method') ? call[call.indexOf('--method') + 1] : 'GET'));
    expect(methods).toEqual(['GET', 'POST', 'GET', 'PATCH']);
  });
});
