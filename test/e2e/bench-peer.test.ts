/**
 * The bench's peer (bench/floors/markdown-it.mjs: gray-matter + markdown-it) must count the task
 * items okr counts, or comparing their speed would compare different work. A correctness check of
 * the peer and of bench/task-counts.mjs, which `npm run bench` runs on its workspaces; no timing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorkspace } from '../../bench/generate-workspace.mjs';
import { okrTaskCounts } from '../../bench/task-counts.mjs';
import { REPO_ROOT } from '../helpers/run-cli.js';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'okr-bench-peer-test-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What the peer prints for the workspace at `dir`. */
function peerCounts(dir: string): unknown {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bench/floors/markdown-it.mjs'), dir], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('the markdown-it peer of the bench', () => {
  it('counts the task items okr counts, by state, on a generated workspace', async () => {
    const dir = path.join(scratch, 'generated');
    const files = generateWorkspace(dir, 40, 1);
    const ours = await okrTaskCounts(dir);
    expect(ours.files).toBe(files.length);
    expect(ours.open + ours.done + ours.inProgress + ours.cancelled).toBeGreaterThan(100);
    expect(ours.inProgress).toBeGreaterThan(0);
    expect(ours.cancelled).toBeGreaterThan(0);
    expect(peerCounts(dir)).toEqual(ours);
  });

  it('counts the task items okr counts on the example workspace', async () => {
    const dir = path.join(REPO_ROOT, 'examples/acme');
    expect(peerCounts(dir)).toEqual(await okrTaskCounts(dir));
  });
});
