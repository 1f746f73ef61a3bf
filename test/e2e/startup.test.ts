/**
 * `okr --version` and `okr --help` must start about as fast as Node itself: they load the command
 * line and nothing of the parser (speed itself is measured by `npm run bench`, not here).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorkspace } from '../../bench/generate-workspace.mjs';
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
  it.each([['--version'], ['-v']])('okr %s prints the version from package.json and loads nothing but dist/version.js', (...args) => {
    const modules = modulesLoadedBy(args);
    expect(modules.filter((url) => url.includes('/dist/') || url.includes('node_modules'))).toEqual(['/dist/version.js']);
    const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect([result.status, result.stdout, result.stderr]).toEqual([0, `${pkg.version}\n`, '']);
  });

  it('okr --version with other arguments goes through the command line, and prints the same', () => {
    const fast = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    const full = spawnSync(process.execPath, [BIN, '--version', '--no-color'], { encoding: 'utf8' });
    expect(full.stdout).toBe(fast.stdout);
    expect(modulesLoadedBy(['--version', '--no-color']).some((url) => url.endsWith('/dist/cli.js'))).toBe(true);
  });

  it.each([['--help'], ['status', '--help']])('okr %s loads no parser, renderer or command module', (...args) => {
    const modules = modulesLoadedBy(args);
    expect(modules.some((url) => url.endsWith('/dist/cli.js'))).toBe(true);
    const heavy = modules.filter((url) => /micromark|remark|yaml|zod|gray-matter|date-fns|chalk|inquirer|\/dist\/(parse|edit|compute|render|commands)\//.test(url));
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
    // the parsed okr.config.yaml. Nothing of the parser is loaded, nor colour, text layout or the
    // other formats' renderers for JSON output.
    const heavy =
      /\/dist\/parse\/(file-facts|config|schema|yaml|front-matter)\.js|\/dist\/parse\/markdown\/|micromark|gray-matter|\/yaml\/|\/zod\/|chalk|string-width|\/dist\/render\/(text|markdown)\.js/;
    expect(warm).not.toMatch(heavy);
    expect(readFileSync(required, 'utf8')).not.toMatch(heavy);
    // Days between dates are date-fns's, loaded function by function: never its index (all of it).
    expect(warm).not.toMatch(/\/date-fns\/index\.c?js/);
    expect(readFileSync(required, 'utf8')).not.toMatch(/date-fns/);
  });

  /** A run of `okr <args>` without the facts cache: its output and every module it loaded, ES and CommonJS. */
  function uncachedRun(name: string, args: string[]): { status: number | null; stdout: string; modules: string[] } {
    const log = path.join(scratch, `modules-${name}.txt`);
    const required = path.join(scratch, `required-${name}.txt`);
    writeFileSync(log, '');
    const run = spawnSync(process.execPath, ['--import', register, '--require', listRequired(), BIN, ...args, '--no-cache'], {
      env: { ...process.env, OKR_CACHE_DIR: path.join(scratch, `cache-${name}`), OKR_MODULE_LOG: log, OKR_REQUIRE_LOG: required },
      encoding: 'utf8',
    });
    const modules = [...readFileSync(log, 'utf8').split('\n'), ...readFileSync(required, 'utf8').split('\n')].filter(Boolean);
    return { status: run.status, stdout: run.stdout, modules };
  }
  const inPackage = (name: string) => (modules: string[]) =>
    modules.some((file) => file.includes(`/node_modules/${name}/`) || file.includes(`${path.sep}node_modules${path.sep}${name}${path.sep}`));
  const loadsZod = inPackage('zod');
  const loadsGrayMatter = inPackage('gray-matter');

  const loadsYaml = inPackage('yaml');

  it('okr status reads front-matter with gray-matter, yaml and zod, the only readers of their formats', () => {
    const generated = path.join(scratch, 'generated');
    generateWorkspace(generated, 40, 5);
    for (const [name, workspace] of [
      ['clean', path.join(REPO_ROOT, 'test/fixtures/lint/clean')],
      ['generated', generated],
    ] as const) {
      const run = uncachedRun(name, ['status', workspace, '--today', '2026-11-15']);
      expect(run.status, name).toBe(0);
      expect(
        run.modules.some((file) => file.endsWith('/dist/parse/file-facts.js')),
        name,
      ).toBe(true);
      expect(loadsZod(run.modules), name).toBe(true);
      expect(loadsGrayMatter(run.modules), name).toBe(true);
      expect(loadsYaml(run.modules), name).toBe(true);
    }
  });

  it('okr lint gives zod’s schema errors and reads JSON front-matter through gray-matter, in okr’s words', () => {
    const workspace = path.join(scratch, 'needs-parser');
    mkdirSync(path.join(workspace, 'objectives'), { recursive: true });
    mkdirSync(path.join(workspace, 'tasks'), { recursive: true });
    writeFileSync(
      path.join(workspace, 'objectives/growth.md'),
      '---\nid: growth\ntitle: Grow\nperiod: 2026-Q4\nkey_results:\n  - id: signups\n    title: Double signups\n    start: 100\n    target: 200\n    current: "150"\n---\n',
    );
    writeFileSync(path.join(workspace, 'tasks/json.md'), '---json\n{"kr": "nope"}\n---\n- [ ] Build\n');

    const both = uncachedRun('both', ['lint', workspace]);
    expect(both.status).toBe(1);
    expect(both.stdout).toContain('10:14  error  key_results[0].current: expected a number, got the string "150": write it without quotes  (schema)');
    expect(both.stdout).toContain('2:8  error  "nope" is not a key result in this workspace');
    expect(loadsZod(both.modules)).toBe(true);
    expect(loadsGrayMatter(both.modules)).toBe(true);
  });
});
