/**
 * `npm run demo` (scripts/demo.mjs): builds its throw-away repository, prints the review cycle on
 * it, and leaves nothing behind.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-cli.js';

describe('npm run demo', () => {
  it('prints the weekly review of a scripted quarter, with who moved what by several authors', () => {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/demo.mjs')], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toContain('A scripted quarter: 13 commits by Ada Lovelace, Bea Ortiz, Cy Tanaka; today is 2026-11-28.');
    expect(out).toContain('$ okr diff --since 14d --today 2026-11-28');
    const review = out.slice(out.indexOf('Who moved it (commits since 2026-11-14)'));
    for (const name of ['Ada Lovelace', 'Bea Ortiz', 'Cy Tanaka']) expect(review).toContain(name);
    expect(review).toContain('  key result clickhouse-migration: Ada Lovelace');
    expect(out).toContain('Stalled (no movement since 2026-11-14)');
    expect(out).toContain('$ okr due --today 2026-11-28');
    expect(out).toMatch(/logo-churn \(retention\) {2}owner: success-team {2}last check-in 2026-10-23, 36 days ago/);
    expect(out).not.toContain('kept at');
  }, 120_000);
});
