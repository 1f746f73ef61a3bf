/** `okr schema <kind>` prints the generated JSON Schema that `schema/` ships; anything else is a usage error. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

describe('okr schema', () => {
  it.each(['objective', 'task', 'config'])('prints schema/%s.schema.json', (kind) => {
    const result = runCli(['schema', kind]);
    expect(result).toEqual({ stdout: readFileSync(path.join(REPO_ROOT, 'schema', `${kind}.schema.json`), 'utf8'), stderr: '', code: 0 });
    expect((JSON.parse(result.stdout) as { $schema: string }).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('asks for one kind, naming them', async () => {
    expect(await runInProcess(['schema'], { cwd: REPO_ROOT })).toEqual({ stdout: '', stderr: "okr: missing required argument 'kind'\n", code: 2 });
    expect(await runInProcess(['schema', 'tasks'], { cwd: REPO_ROOT })).toEqual({
      stdout: '',
      stderr: "okr: command-argument value 'tasks' is invalid for argument 'kind'. Allowed choices are objective, task, config.\n",
      code: 2,
    });
  });

  it('has examples in its help', async () => {
    const help = await runInProcess(['schema', '--help'], { cwd: REPO_ROOT });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}kind +which schema \(choices: "objective", "task", "config"\)$/m);
    expect(help.stdout).toContain('Examples:\n  okr schema config > okr.config.schema.json\n');
  });
});
