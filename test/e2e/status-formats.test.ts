/** `okr status --format markdown|json|text` and `--fail-on`. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

const CASE = path.join(FIXTURES, 'status-markdown');
const WORKSPACE = path.join(CASE, 'workspace');
const TODAY = ['--today', '2026-11-15'];

function matchesFile(actual: string, file: string) {
  if (process.env.UPDATE === '1' || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('okr status --format markdown', () => {
  it('renders the report as escaped Markdown (expected.md)', async () => {
    const result = await runInProcess(['status', WORKSPACE, '--format', 'markdown', ...TODAY], { cwd: REPO_ROOT });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    matchesFile(result.stdout, path.join(CASE, 'expected.md'));
  });

  it('escapes HTML, Markdown and table pipes from titles and defuses @-mentions', async () => {
    const { stdout } = await runInProcess(['status', WORKSPACE, '--format', 'markdown', ...TODAY], { cwd: REPO_ROOT });
    expect(stdout).toContain('| [`company`](objectives/company.md) Win \\<b\\>big\\</b\\> \\| \\*everywhere\\* | `██░░░░░░░░` 25% | 🟡 at risk | @\u2060ceo |');
    expect(stdout).not.toMatch(/<b>|@ceo/);
  });

  it('links files under --link-base, from the repository root, with the line', async () => {
    const { stdout } = await runInProcess(['status', WORKSPACE, '--format', 'markdown', '--link-base', 'https://github.com/o/r/blob/abc/', ...TODAY], {
      cwd: REPO_ROOT,
      env: { GITHUB_WORKSPACE: REPO_ROOT },
    });
    expect(stdout).toContain('[`product`](https://github.com/o/r/blob/abc/test/fixtures/status-markdown/workspace/objectives/product.md?plain=1#L2)');
  });

  it('lists problems folded at the end', async () => {
    const { stdout, code } = await runInProcess(['status', path.join(FIXTURES, 'lint', 'unknown-kr'), '--format', 'markdown', ...TODAY], { cwd: REPO_ROOT });
    expect(code).toBe(1);
    expect(stdout).toContain('### Problems\n\n2 errors, 0 warnings (run `okr lint` for details).\n\n<details><summary>Show problems</summary>\n');
    expect(stdout).toContain('- ❌ error [notes/meeting.md:3:21](notes/meeting.md): "finances" is not a key result in this workspace: use the id of a key result (`unknown-kr`)');
  });

  it('renders the example workspace', () => {
    const result = runCli(['status', 'examples/acme', '--format', 'markdown', ...TODAY]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^## OKR status: 2026-Q4\n/);
    expect(result.stdout.match(/^### /gm)).toHaveLength(11); // 10 objectives and the problems
  });
});

describe('okr status --format json', () => {
  it('is the same as --json', async () => {
    const a = await runInProcess(['status', WORKSPACE, '--format', 'json', ...TODAY], { cwd: REPO_ROOT });
    const b = await runInProcess(['status', WORKSPACE, '--json', ...TODAY], { cwd: REPO_ROOT });
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).schemaVersion).toBe(2);
  });

  it('rejects an unknown format with exit 2', () => {
    const result = runCli(['status', WORKSPACE, '--format', 'html', ...TODAY]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^okr: .*'html' is invalid/);
  });
});

describe('okr status --fail-on', () => {
  const status = (...args: string[]) => runInProcess(['status', WORKSPACE, ...TODAY, '--format', 'json', ...args], { cwd: REPO_ROOT });

  it('exits 1 when a shown key result is at risk or worse', async () => {
    const result = await status('--fail-on', 'at-risk');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('okr: 2 key results are at risk or off track (--fail-on at-risk)\n');
  });

  it('exits 1 when a shown key result is off track', async () => {
    const result = await status('--fail-on', 'off-track');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('okr: 1 key result is off track (--fail-on off-track)\n');
  });

  it('counts only the key results shown', async () => {
    expect((await status('--fail-on', 'off-track', '--owner', 'product-team')).code).toBe(0);
    expect((await status('--fail-on', 'at-risk', '--owner', 'product-team')).code).toBe(1);
    expect((await status('--fail-on', 'at-risk', '--today', '2026-10-01')).code).toBe(0);
  });

  it('exits 0 without --fail-on, and 2 for an unknown status', async () => {
    expect((await status()).code).toBe(0);
    const bad = runCli(['status', WORKSPACE, ...TODAY, '--fail-on', 'late']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^okr: .*'late' is invalid/);
  });
});
