/**
 * `okr --version` and `okr --help` must start about as fast as Node itself: they load the command
 * line and nothing of the parser (speed itself is measured by `npm run bench`, not here).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT } from '../helpers/run-cli.js';

let scratch: string;
let register: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'okr-startup-test-'));
  const hooks = path.join(scratch, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.OKR_MODULE_LOG, result.url + '\\n');
  return result;
}
`,
  );
  register = path.join(scratch, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The ES modules a run of `okr <args>` loads, as URLs relative to the repository (its own path may say "yaml"). */
function modulesLoadedBy(args: string[]): string[] {
  const log = path.join(scratch, `modules-${args.join('_')}.txt`);
  writeFileSync(log, '');
  const result = spawnSync(process.execPath, ['--import', register, BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, OKR_MODULE_LOG: log },
    encoding: 'utf8',
  });
  expect(result.status).toBe(0);
  const root = pathToFileURL(REPO_ROOT).href;
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((url) => (url.startsWith(root) ? url.slice(root.length) : url));
}

/** A preload that writes the CommonJS modules loaded (yaml and date-fns among them) to $OKR_REQUIRE_LOG at exit. */
function listRequired(): string {
  const preload = path.join(scratch, 'list-required.cjs');
  writeFileSync(preload, "process.on('exit', () => require('node:fs').writeFileSync(process.env.OKR_REQUIRE_LOG, Object.keys(require.cache).join('\\n')));\n");
  return preload;
}

describe('start-up', () => {
  it.each([['--version'], ['--help'], ['status', '--help']])('okr %s loads no parser, renderer or command module', (...args) => {
    const modules = modulesLoadedBy(args);
    expect(modules.some((url) => url.endsWith('/dist/cli.js'))).toBe(true);
    const heavy = modules.filter((url) => /micromark|remark|yaml|zod|gray-matter|date-fns|chalk|inquirer|\/dist\/(core|render|commands)\//.test(url));
    expect(heavy).toEqual([]);
  });

  it('okr status loads the parser only when a file must be parsed', () => {
    const cache = path.join(scratch, 'cache');
    const args = ['status', path.join(REPO_ROOT, 'examples/acme'), '--json', '--today', '2026-11-15'];
    const env = { OKR_CACHE_DIR: cache };
    const cold = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(cold.status).toBe(0);
    const log = path.join(scratch, 'warm.txt');
    const required = path.join(scratch, 'warm-required.txt');
    writeFileSync(log, '');
    const run = spawnSync(process.execPath, ['--import', register, '--require', listRequired(), BIN, ...args], {
      env: { ...process.env, ...env, OKR_MODULE_LOG: log, OKR_REQUIRE_LOG: required },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(cold.stdout);
    const warm = readFileSync(log, 'utf8');
    expect(warm).toMatch(/\/dist\/io\/load-workspace\.js/);
    // Files just written may not be trusted by their times yet, but their content is cached; so is
    // the parsed okr.config.yaml. Nothing of the parser is loaded, nor colour for JSON output.
    const heavy = /parse-file\.js|config\.js|schema\.js|micromark|gray-matter|\/yaml\/|\/zod\/|date-fns|chalk/;
    expect(warm).not.toMatch(heavy);
    expect(readFileSync(required, 'utf8')).not.toMatch(heavy);
  });

  it('okr status loads the yaml package only for front-matter beyond the simple reader', () => {
    const preload = listRequired();
    const loaded = (workspace: string) => {
      const log = path.join(scratch, `required-${path.basename(workspace)}.txt`);
      const run = spawnSync(process.execPath, ['--require', preload, BIN, 'status', workspace, '--no-cache', '--today', '2026-11-15'], {
        env: { ...process.env, OKR_CACHE_DIR: path.join(scratch, 'cache-required'), OKR_REQUIRE_LOG: log },
        encoding: 'utf8',
      });
      expect(run.status).toBe(0);
      return readFileSync(log, 'utf8').split('\n');
    };
    const isYaml = (file: string) => file.includes(`${path.sep}node_modules${path.sep}yaml${path.sep}`);
    expect(loaded(path.join(REPO_ROOT, 'test/fixtures/lint/clean')).filter(isYaml)).toEqual([]);
    // The example's objectives hold YAML comments: those take the full parse.
    expect(loaded(path.join(REPO_ROOT, 'examples/acme')).some(isYaml)).toBe(true);
  });
});
