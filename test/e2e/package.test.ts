/**
 * The package as npm publishes it: `npm pack` holds what a user needs and nothing else, and the
 * tarball installed into an empty project (offline) runs as `okr`, imports as `okr` with its types,
 * and runs README's library example (examples/api/status.mjs).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPackedPackage, type InstalledPackage } from '../helpers/installed-package.js';
import { FIXTURES, REPO_ROOT, runCli } from '../helpers/run-cli.js';

let installed: InstalledPackage;
let workspace: string;
const bin = () => path.join(installed.project, 'node_modules/.bin/okr');
const env = () => ({ OKR_CACHE_DIR: path.join(installed.project, 'okr-cache') });

beforeAll(() => {
  installed = installPackedPackage();
  workspace = path.join(installed.project, 'okrs');
  cpSync(path.join(FIXTURES, 'acme-text/workspace'), workspace, { recursive: true });
}, 120_000);

afterAll(() => installed?.cleanup());

describe('npm pack', () => {
  it('holds bin, dist (without tests or build info), templates, schema, README and LICENSE, and nothing else', () => {
    const allowed = /^(bin\/okr\.js|dist\/.+\.(js|d\.ts|js\.map|d\.ts\.map)|templates\/.+|schema\/.+\.json|package\.json|README\.md|LICENSE)$/;
    expect(installed.files.filter((file) => !allowed.test(file))).toEqual([]);
    expect(installed.files.filter((file) => /\.test\.|tsbuildinfo|^test\/|^src\//.test(file))).toEqual([]);
    for (const file of ['bin/okr.js', 'dist/cli.js', 'dist/index.js', 'dist/index.d.ts', 'templates/objective.md', 'README.md', 'LICENSE', 'package.json']) {
      expect(installed.files).toContain(file);
    }
  });
});

describe('the installed package', () => {
  it('runs as okr: --version', () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = runCli(['--version'], { bin: bin(), cwd: installed.project, env: env() });
    expect(result).toEqual({ stdout: `${version}\n`, stderr: '', code: 0 });
  });

  it('runs as okr: status of a workspace, as the checkout does', () => {
    const expected = (name: string) => readFileSync(path.join(FIXTURES, 'acme-text', name), 'utf8');
    const result = runCli(['status', '--today', '2026-11-25'], { bin: bin(), cwd: workspace, env: env() });
    expect(result).toEqual({ stdout: expected('expected.txt'), stderr: expected('expected-stderr.txt'), code: 0 });
  });

  it("runs README's library example, importing okr by its name", () => {
    const example = readFileSync(path.join(REPO_ROOT, 'examples/api/status.mjs'), 'utf8');
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Library API\n'));
    expect(section.slice(0, section.indexOf('\n## ', 1))).toContain(`\`\`\`js\n${example}\`\`\`\n`);
    copyFileSync(path.join(REPO_ROOT, 'examples/api/status.mjs'), path.join(installed.project, 'status.mjs'));
    const result = spawnSync(process.execPath, ['status.mjs', 'okrs', '2026-11-25'], { cwd: installed.project, env: { ...process.env, ...env() }, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual(['company-growth: 57% on-track', '  activation: 59% on-track', '    - activation-rate: 61% on-track']);
    expect(lines.filter((line) => / warning .*\((kr-no-tasks|metric-beyond-target)\)$/.test(line))).toHaveLength(2);
    expect(lines.at(-1)).toBe('10 objectives, 2 problems');
  });

  it('gives TypeScript its types through exports', () => {
    writeFileSync(
      path.join(installed.project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          typeRoots: [path.join(REPO_ROOT, 'node_modules/@types')],
          types: ['node'],
        },
        files: ['consumer.ts'],
      }),
    );
    writeFileSync(
      path.join(installed.project, 'consumer.ts'),
      [
        "import { buildStatusReport, diffWorkspaces, editFile, lintWorkspace, loadWorkspace, loadWorkspaceAtRevision, parsePeriodSelection, taskEdit, tasksOnLine, type Problem, type StatusReport } from 'okr';",
        "const ws = await loadWorkspace('okrs');",
        "const report: StatusReport = buildStatusReport(ws.model, { today: '2026-11-25', period: parsePeriodSelection('all')!, owner: null, thresholds: ws.config.thresholds });",
        'const fraction: number | null = report.objectives[0]!.progress;',
        "const problems: Problem[] = (await lintWorkspace('okrs')).problems;",
        "const base = await loadWorkspaceAtRevision('okrs', 'HEAD');",
        "const diff = diffWorkspaces({ model: base.model, thresholds: base.config.thresholds }, { model: ws.model, thresholds: ws.config.thresholds }, { today: '2026-11-25' });",
        "const edit = await editFile('okrs/tasks/x.md', (before) => taskEdit(before, tasksOnLine(before.facts, 3)[0]!, 'done'), { root: 'okrs', dryRun: true });",
        'const written: boolean = edit.written;',
        '// @ts-expect-error today is an ISO date string',
        "buildStatusReport(ws.model, { today: 20261125, period: { kind: 'all' }, owner: null, thresholds: ws.config.thresholds });",
        'export { fraction, problems, diff, written };',
        '',
      ].join('\n'),
    );
    const tsc = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: installed.project, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});
