/**
 * `okr completion`: the bash script, sourced in a real bash, offers commands, options and their
 * choices as `okr --help` lists them, and the ids of the workspace where a command takes one; zsh
 * and fish scripts are produced (and syntax-checked when those shells are installed).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, FIXTURES, runCli } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'okr-completion-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
// `okr` on the PATH, as the scripts call it.
const binDir = path.join(scratch, 'bin');
mkdirSync(binDir);
writeFileSync(path.join(binDir, 'okr'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`);
chmodSync(path.join(binDir, 'okr'), 0o755);
const env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`, OKR_CACHE_DIR: path.join(scratch, 'cache') };
const workspace = path.join(FIXTURES, 'lint/clean');
const outside = path.join(scratch, 'empty');
mkdirSync(outside);

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/** What bash offers for `words` (the last is the word under the cursor), as the brief's one-liner does it. */
function bashOffers(words: readonly string[], cwd = workspace): string[] {
  const script = `source <(okr completion bash); COMP_WORDS=(${words.map(quote).join(' ')}); COMP_CWORD=${words.length - 1}; _okr; printf "%s\\n" "\${COMPREPLY[@]}"`;
  const result = spawnSync('bash', ['-c', script], { cwd, env, encoding: 'utf8' });
  expect({ stderr: result.stderr, status: result.status }).toEqual({ stderr: '', status: 0 });
  return result.stdout.split('\n').filter((line) => line !== '');
}

/** The names a help text lists in a section ("Commands:", "Options:", "Global Options:"). */
function listed(help: string, section: string): string[] {
  const body = help.split(`\n${section}\n`)[1]?.split('\n\n')[0] ?? '';
  return body
    .split('\n')
    .map((line) => /^ {2}(?:-\w, )?(--?[\w-]+|[\w-]+)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

describe('okr completion bash', () => {
  it('offers the commands that okr --help lists', () => {
    const commands = listed(runCli(['--help']).stdout, 'Commands:');
    expect(commands).toContain('checkin');
    expect(bashOffers(['okr', ''])).toEqual(commands);
    expect(bashOffers(['okr', 'che'])).toEqual(['checkin']);
    expect(bashOffers(['okr', 'new', ''])).toEqual(listed(runCli(['new', '--help']).stdout, 'Commands:'));
    expect(bashOffers(['okr', 'help', 'ini'])).toEqual(['init']);
  });

  it("offers a command's options and the global ones, as its --help lists them", () => {
    const help = runCli(['lint', '--help']).stdout;
    const options = [...listed(help, 'Options:'), ...listed(help, 'Global Options:')].filter((name) => name !== '--version');
    expect(options).toContain('--max-warnings');
    expect(bashOffers(['okr', 'lint', '--'])).toEqual(options);
    expect(bashOffers(['okr', 'status', '--f'])).toEqual(['--format', '--fail-on']);
    expect(bashOffers(['okr', '--no-cache', 'status', '--fail'])).toEqual(['--fail-on']);
  });

  it('offers the choices of an option or argument', () => {
    expect(bashOffers(['okr', 'status', '--format', ''])).toEqual(['text', 'json', 'markdown']);
    // bash splits `--format=j` at the "=".
    expect(bashOffers(['okr', 'lint', '--format', '=', 'g'])).toEqual(['github']);
    expect(bashOffers(['okr', 'schema', ''])).toEqual(['objective', 'task', 'config']);
    expect(bashOffers(['okr', 'completion', 'f'])).toEqual(['fish']);
  });

  it('offers the ids of the workspace where a command takes one', () => {
    expect(bashOffers(['okr', 'checkin', ''])).toEqual(['launch', 'onboarding', 'signups']);
    expect(bashOffers(['okr', 'checkin', 'si'])).toEqual(['signups']);
    expect(bashOffers(['okr', 'done', '--kr', 'o'])).toEqual(['onboarding']);
    expect(bashOffers(['okr', 'new', 'task', '--title', 'Write it', ''])).toEqual(['launch', 'onboarding', 'signups']);
    expect(bashOffers(['okr', 'new', 'kr', ''])).toEqual(['growth']);
    expect(bashOffers(['okr', 'new', 'objective', '--parent', ''])).toEqual(['growth']);
    // From elsewhere, the workspace of --dir.
    expect(bashOffers(['okr', 'checkin', '--dir', workspace, 'l'], outside)).toEqual(['launch']);
  });

  it('offers nothing, silently, where it knows nothing (bash then completes file names)', () => {
    expect(bashOffers(['okr', 'checkin', ''], outside)).toEqual([]);
    expect(bashOffers(['okr', 'checkin', '--dir', path.join(outside, 'missing'), ''])).toEqual([]);
    expect(bashOffers(['okr', 'done', ''])).toEqual([]);
    expect(bashOffers(['okr', 'nope', ''])).toEqual([]);
  });

  it('gives zsh and fish, which do not split words at "=", whole words for --option=value', async () => {
    for (const shell of ['zsh', 'fish']) {
      expect(await runInProcess(['__complete', shell, '--', 'status', '--format=m'], { cwd: workspace })).toEqual({ stdout: '--format=markdown\n', stderr: '', code: 0 });
    }
  });

  it('is not itself offered: okr __complete is hidden', () => {
    expect(bashOffers(['okr', '__'])).toEqual([]);
    expect(runCli(['--help']).stdout).not.toContain('__complete');
  });
});

describe.each([
  ['zsh', ['-n'], 'compdef _okr okr'],
  ['fish', ['--no-execute'], "complete -c okr -f -a '(__okr_complete)'"],
])('okr completion %s', (shell, syntaxCheck, line) => {
  const script = runCli(['completion', shell]);

  it('prints a script that asks okr for the candidates', () => {
    expect(script.code).toBe(0);
    expect(script.stdout).toContain(`command okr __complete ${shell} --`);
    expect(script.stdout).toContain(line);
  });

  const installed = spawnSync(shell, ['-c', 'exit 0']).status === 0;
  it.skipIf(!installed)(`parses in ${shell}`, () => {
    const file = path.join(scratch, `okr.${shell}`);
    writeFileSync(file, script.stdout);
    const result = spawnSync(shell, [...syntaxCheck, file], { encoding: 'utf8' });
    expect({ stderr: result.stderr, status: result.status }).toEqual({ stderr: '', status: 0 });
  });
});

describe('okr completion', () => {
  it('asks for a shell it knows', () => {
    expect(runCli(['completion', 'tcsh'])).toEqual({
      stdout: '',
      stderr: "okr: command-argument value 'tcsh' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish.\n",
      code: 2,
    });
  });

  it('has examples in its help', () => {
    expect(runCli(['completion', '--help']).stdout).toContain('Examples:\n  okr completion bash > ');
  });
});
