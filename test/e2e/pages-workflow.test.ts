/**
 * The GitHub Pages example (examples/ci/github-pages.yml), run for a push to main against a real
 * repository built from examples/acme: its `run:` steps are executed by bash as the runner would,
 * with `okr` from this checkout, and the page lands where the upload step takes it from.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/parse/yaml.js';
import { copyInto, createRepo, GIT_ENV, type TempRepo } from '../helpers/git-repo.js';
import { evaluateExpressions, runBashStep, type WorkflowStep } from '../helpers/workflow-steps.js';
import { BIN, REPO_ROOT } from '../helpers/run-cli.js';

const WORKFLOW = path.join(REPO_ROOT, 'examples/ci/github-pages.yml');
const TODAY = '2026-11-15';

type Step = WorkflowStep;
interface Job {
  needs?: string;
  permissions?: Record<string, string>;
  environment?: { name: string; url: string };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = parseYaml(readFileSync(WORKFLOW, 'utf8')).data as Workflow;
const build = workflow.jobs.build!;
let repo: TempRepo;
let sandbox: string;
let head: string;

function evaluate(value: string): string {
  return evaluateExpressions(value, {
    'github.server_url': 'https://github.com',
    'github.repository': 'acme/okrs',
    'github.sha': head,
    'runner.temp': path.join(sandbox, 'runner-temp'),
  });
}

function runStep(name: string): { stdout: string; stderr: string; code: number } {
  const step = build.steps.find((s) => s.name === name);
  if (!step?.run) throw new Error(`no run step named "${name}" in the workflow`);
  const script = step.run;
  const env: Record<string, string> = {
    PATH: `${path.join(sandbox, 'bin')}${path.delimiter}${process.env.PATH}`,
    HOME: sandbox,
    ...GIT_ENV,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_WORKSPACE: repo.dir,
    GITHUB_REPOSITORY: 'acme/okrs',
    GITHUB_SHA: head,
    RUNNER_TEMP: path.join(sandbox, 'runner-temp'),
    ...Object.fromEntries(Object.entries(workflow.env).map(([k, v]) => [k, evaluate(String(v))])),
    OKR_DIR: 'okrs',
    ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v))])),
  };
  return runBashStep(script, { sandbox, cwd: repo.dir, env });
}

beforeAll(() => {
  sandbox = mkdtempSync(path.join(tmpdir(), 'okr-pages-'));
  mkdirSync(path.join(sandbox, 'bin'));
  mkdirSync(path.join(sandbox, 'runner-temp'));
  const okr = path.join(sandbox, 'bin', 'okr');
  writeFileSync(okr, `#!/bin/sh\ncase "$1" in html) exec "${process.execPath}" "${BIN}" "$@" --today ${TODAY};; esac\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(okr, 0o755);
  repo = createRepo();
  copyInto(repo, path.join(REPO_ROOT, 'examples/acme'), 'okrs');
  head = repo.commit('Q4 OKRs');
});

afterAll(() => {
  repo.cleanup();
  rmSync(sandbox, { recursive: true, force: true });
});

describe('examples/ci/github-pages.yml', () => {
  it('runs on pushes to main (and by hand), deploys with the least permissions', () => {
    expect(workflow.on).toEqual({ push: { branches: ['main'] }, workflow_dispatch: null });
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.deploy).toMatchObject({ needs: 'build', permissions: { pages: 'write', 'id-token': 'write' }, environment: { name: 'github-pages' } });
    expect(workflow.jobs.deploy!.steps.map((s) => s.uses)).toEqual(['actions/deploy-pages@v4']);
    expect(build.steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with).toEqual({ 'persist-credentials': false });
  });

  it('passes values from GitHub only through env, never pasted into a script', () => {
    for (const job of Object.values(workflow.jobs)) for (const step of job.steps) expect(step.run ?? '', step.name).not.toContain('${{');
  });

  it('writes the page where the upload step takes the site from, linking files at the pushed commit', () => {
    const result = runStep('Write the page');
    expect(result.code, result.stderr).toBe(0);
    const upload = build.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))!;
    const page = readFileSync(path.join(evaluate(String(upload.with!.path)), 'index.html'), 'utf8');
    expect(page).toContain('<title>OKR status: 2026-Q4</title>');
    expect(page).toContain(`href="https://github.com/acme/okrs/blob/${head}/okrs/objectives/activation.md?plain=1#L3"`);
  });
});
