/**
 * The scheduled CI example (examples/ci/checkins-due.yml), run against a real repository built from
 * examples/acme: each `run:` step is executed by bash as the runner would, with `okr` from this
 * checkout and a stand-in `gh` that keeps the repository's issues (test/helpers/fake-gh.mjs).
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

const WORKFLOW = path.join(REPO_ROOT, 'examples/ci/checkins-due.yml');

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
let summary: string;
let ghState: string;
let today = '2026-11-15';

function evaluate(value: string): string {
  return evaluateExpressions(value, {
    'github.server_url': 'https://github.com',
    'github.repository': 'acme/okrs',
    'github.sha': repo.git('rev-parse', 'HEAD').trim(),
    'github.token': 'test-token',
  });
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
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_WORKSPACE: repo.dir,
    GITHUB_REPOSITORY: 'acme/okrs',
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: path.join(sandbox, 'runner-temp'),
    FAKE_GH_STATE: ghState,
    OKR_TODAY: today,
    ...Object.fromEntries(Object.entries(workflow.env).map(([k, v]) => [k, evaluate(String(v))])),
    OKR_DIR: 'okrs',
    ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v))])),
  };
  return runBashStep(script, { sandbox, cwd: repo.dir, env });
}

const issues = (): { number: number; state: string; title: string; body: string }[] => JSON.parse(readFileSync(ghState, 'utf8')).issues ?? [];

beforeAll(() => {
  sandbox = mkdtempSync(path.join(tmpdir(), 'okr-ci-due-'));
  mkdirSync(path.join(sandbox, 'bin'));
  mkdirSync(path.join(sandbox, 'runner-temp'));
  summary = path.join(sandbox, 'summary.md');
  writeFileSync(summary, '');
  ghState = path.join(sandbox, 'gh.json');
  writeFileSync(
    ghState,
    JSON.stringify({ nextId: 10, calls: [], comments: [], issues: [{ number: 3, state: 'open', user: { login: 'maria' }, title: 'Bug', body: 'unrelated' }] }),
  );
  // `okr` as installed by `npm install --global`, pinned to the test's date.
  const okr = path.join(sandbox, 'bin', 'okr');
  writeFileSync(okr, `#!/bin/sh\ncase "$1" in due) exec "${process.execPath}" "${BIN}" "$@" --today "$OKR_TODAY";; esac\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  const gh = path.join(sandbox, 'bin', 'gh');
  writeFileSync(gh, `#!/bin/sh\nexec "${process.execPath}" "${path.join(REPO_ROOT, 'test/helpers/fake-gh.mjs')}" "$@"\n`);
  chmodSync(okr, 0o755);
  chmodSync(gh, 0o755);
  repo = createRepo();
  copyInto(repo, path.join(REPO_ROOT, 'examples/acme'), 'okrs');
  repo.commit('Q4 OKRs');
});

afterAll(() => {
  repo.cleanup();
  rmSync(sandbox, { recursive: true, force: true });
});

describe('examples/ci/checkins-due.yml', () => {
  it('runs on a schedule and on demand, may write issues, and reads the whole history', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(workflow.permissions).toEqual({ contents: 'read', issues: 'write' });
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with).toEqual({ 'fetch-depth': 0, 'persist-credentials': false });
    for (const step of steps) expect(step.run ?? '', step.name).not.toContain('${{');
  });

  it('writes the Markdown list of check-ins due, with its marker, to the job summary', () => {
    const result = runStep('List the check-ins due');
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const body = readFileSync(path.join(sandbox, 'runner-temp', 'okr-due.md'), 'utf8');
    expect(body.split('\n').slice(0, 2)).toEqual(['<!-- okr-due -->', '## Check-ins due on 2026-11-15']);
    expect(body).toMatch(/\| \[`activation-rate`\]\(https:\/\/github\.com\/acme\/okrs\/blob\/[0-9a-f]{40}\/okrs\/objectives\/activation\.md\?plain=1#L10\)/);
    expect(readFileSync(summary, 'utf8')).toContain('## Check-ins due on 2026-11-15');
  });

  it.skipIf(!hasJq)('keeps one issue: opens it once, then edits it', () => {
    expect(runStep('Keep the check-ins issue up to date')).toMatchObject({ code: 0, stdout: '' });
    let ours = issues().filter((issue) => issue.body.startsWith('<!-- okr-due -->'));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ number: 10, title: 'OKR check-ins due' });
    expect(ours[0]!.body).toContain('Check-ins due on 2026-11-15');

    // A week later: the same issue is edited.
    today = '2026-11-22';
    expect(runStep('List the check-ins due').code).toBe(0);
    expect(runStep('Keep the check-ins issue up to date').code).toBe(0);
    ours = issues().filter((issue) => issue.body.startsWith('<!-- okr-due -->'));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.number).toBe(10);
    expect(ours[0]!.body).toContain('Check-ins due on 2026-11-22');
    expect(issues().map((issue) => issue.number)).toEqual([3, 10]);
  });
});
