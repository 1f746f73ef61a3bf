/** `okr html` on the command line: the file it writes, where, how it replaces one, its options and errors. */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyToTemp, FIXTURES, REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { tempWorkspace } from '../helpers/temp-workspace.js';

const TODAY = ['--today', '2026-11-15'];
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function handComputed(): string {
  const { dir, cleanup } = copyToTemp(path.join(FIXTURES, 'hand-computed', 'workspace'));
  cleanups.push(cleanup);
  return dir;
}

describe('okr html', () => {
  it('writes okr-report.html in the working directory and says what it wrote', () => {
    const dir = handComputed();
    const result = runCli(['html', ...TODAY], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const page = readFileSync(path.join(dir, 'okr-report.html'), 'utf8');
    expect(result.stdout).toBe(`wrote okr-report.html: 3 objectives, 5 key results, ${Math.round(Buffer.byteLength(page) / 1024)} kB\n`);
    expect(page).toContain('<title>OKR status: 2026-Q4</title>');
    expect(page).toContain('2026-10-01 to 2026-12-31 · today 2026-11-15 · 50% of the period elapsed');
    expect(page).toContain('3 objectives, 5 key results: 1 done, 3 on track, 1 at risk');
    expect(readdirSync(dir).filter((name) => name.includes('.okr-'))).toEqual([]);
  });

  it('writes -o, --json says what it wrote, and the page passes --period and --owner on', async () => {
    const dir = handComputed();
    mkdirSync(path.join(dir, 'out'));
    const result = await runInProcess(['html', '-o', 'out/page.html', '--json', '--owner', 'qa', ...TODAY], { cwd: dir });
    expect(result.code).toBe(0);
    const page = readFileSync(path.join(dir, 'out/page.html'), 'utf8');
    expect(JSON.parse(result.stdout)).toEqual({ schemaVersion: 1, file: 'out/page.html', bytes: Buffer.byteLength(page), objectives: 1, keyResults: 2, problems: 0 });
    expect(page).toContain('Fewer bugs');
    expect(page).not.toContain('Grow signups');
  });

  it('replaces a symbolic link at the output path, never the file it points at', () => {
    const dir = handComputed();
    writeFileSync(path.join(dir, 'precious.txt'), 'keep me\n');
    symlinkSync('precious.txt', path.join(dir, 'okr-report.html'));
    expect(runCli(['html', ...TODAY], { cwd: dir }).code).toBe(0);
    expect(readFileSync(path.join(dir, 'precious.txt'), 'utf8')).toBe('keep me\n');
    expect(lstatSync(path.join(dir, 'okr-report.html')).isFile()).toBe(true);
  });

  it('refuses a directory at the output path and a missing folder, in one line', () => {
    const dir = handComputed();
    mkdirSync(path.join(dir, 'taken'));
    expect(runCli(['html', '-o', 'taken', ...TODAY], { cwd: dir })).toEqual({ stdout: '', stderr: 'okr: taken: cannot write: it is a directory\n', code: 1 });
    const missing = runCli(['html', '-o', 'no/such/page.html', ...TODAY], { cwd: dir });
    expect(missing).toEqual({ stdout: '', stderr: 'okr: no/such/page.html: cannot write: no such folder no/such\n', code: 1 });
  });

  it('links files under an http(s) --link-base and refuses any other', () => {
    const dir = handComputed();
    expect(runCli(['html', '--link-base', 'https://github.com/acme/okrs/blob/abc', ...TODAY], { cwd: dir }).code).toBe(0);
    expect(readFileSync(path.join(dir, 'okr-report.html'), 'utf8')).toContain('href="https://github.com/acme/okrs/blob/abc/objectives/growth.md?plain=1#L3"');
    const bad = runCli(['html', '--link-base', 'javascript:alert(1)', ...TODAY], { cwd: dir });
    expect(bad).toEqual({ stdout: '', stderr: 'okr: --link-base expects an http or https URL, got "javascript:alert(1)"\n', code: 2 });
    expect(runCli(['html', '--period', 'soon', ...TODAY], { cwd: dir }).code).toBe(2);
  });

  it('writes the page of a workspace with errors, shows them folded, and says so on stderr', () => {
    const { dir, cleanup } = copyToTemp(path.join(FIXTURES, 'html-hostile', 'workspace'));
    cleanups.push(cleanup);
    const result = runCli(['html', ...TODAY], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('note: the page lists 1 error in the workspace; okr lint shows them\n');
    const page = readFileSync(path.join(dir, 'okr-report.html'), 'utf8');
    expect(page).toContain('<details class="problems"><summary>1 error (run');
    expect(page).not.toContain('<script>window');
  });

  it('keeps the page of examples/acme under 300 kB', () => {
    const { dir, cleanup } = copyToTemp(path.join(REPO_ROOT, 'examples', 'acme'));
    cleanups.push(cleanup);
    expect(runCli(['html', '--period', 'all', ...TODAY], { cwd: dir }).code).toBe(0);
    expect(readFileSync(path.join(dir, 'okr-report.html')).length).toBeLessThan(300 * 1024);
    expect(existsSync(path.join(dir, 'okr-report.html'))).toBe(true);
  });

  it('README shows a small committed screenshot of the acme page', () => {
    const png = readFileSync(path.join(REPO_ROOT, 'docs', 'okr-html-acme.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1280);
    expect(png.length).toBeLessThan(200 * 1024);
    expect(readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')).toContain('](docs/okr-html-acme.png)');
  });

  it('has examples in its help', () => {
    expect(runCli(['html', '--help']).stdout).toContain('Examples:\n  okr html\n');
  });
});

describe('okr html -o -', () => {
  it('writes the page to standard output and no file', async () => {
    const w = tempWorkspace({ 'objectives/o.md': '---\ntype: objective\nid: o\ntitle: O\nperiod: 2026-Q4\nkey_results:\n  - {id: k, title: K, done: true}\n---\n' });
    try {
      const result = await runInProcess(['html', '-o', '-', '--today', '2026-11-15'], { cwd: w.dir });
      expect(result.code).toBe(0);
      expect(result.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(result.stderr).toBe('');
      expect(w.snapshot().map(([file]) => file)).toEqual(['objectives/o.md']);
    } finally {
      w.cleanup();
    }
  });
});
