import { chmodSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runClose } from '../../src/commands/close.js';
import type { CommandContext } from '../../src/context.js';
import { UserError } from '../../src/errors.js';
import { createRepo, GIT_ENV, type TempRepo } from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';

const LAUNCH = `---
id: launch
title: Launch the new plan
period: 2026-Q4
key_results:
  - id: signups
    title: Signups
    start: 0
    target: 100
    current: 35 # from the dashboard
  - id: docs
    title: Publish the docs
    done: true
    weight: 3
  - id: review
    title: Review with sales
    done: false
    score: 0.65
---

# Launch

Body text stays as it is.
`;

const MOONSHOT = `---
id: moonshot
title: Make it instant
period: 2026-Q4
commitment: aspirational
key_results:
  - {id: latency, title: p95 latency, start: 50, target: 20, current: 29}
---
`;

const YEARLY = `---
id: yearly
title: A good year
period: 2026
key_results:
  - id: revenue
    title: Revenue
    start: 0
    target: 10
    current: 5
---
`;

let repo: TempRepo | null = null;
afterEach(() => {
  repo?.cleanup();
  repo = null;
});

function workspace(files: Record<string, string> = {}): TempRepo {
  repo = createRepo();
  repo.write('okrs/okr.config.yaml', 'thresholds:\n  on_track: 0.15\n');
  repo.write('okrs/objectives/launch.md', LAUNCH);
  repo.write('okrs/objectives/moonshot.md', MOONSHOT);
  repo.write('okrs/objectives/yearly.md', YEARLY);
  for (const [file, text] of Object.entries(files)) repo.write(file, text);
  repo.commit('OKRs');
  return repo;
}

const okr = (r: TempRepo, ...args: string[]) => runCli(args, { cwd: path.join(r.dir, 'okrs'), env: GIT_ENV });

describe('okr close', () => {
  it('freezes scores into every objective of the period, byte for byte, and tags the scores', () => {
    const r = workspace();
    const result = okr(r, 'close', '2026-Q4', '--today', '2026-12-31', '--no-input', '--note', 'Ship smaller', '--tag');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // launch: signups 0.35, docs 1 (weight 3), review 0.65 by hand: (0.35 + 3 + 0.65) / 5 = 0.8
    expect(result.stdout).toBe(
      `Closed launch (objectives/launch.md): score 0.80 (green)\nClosed moonshot (objectives/moonshot.md): score 0.70 (green)\nCommitted the closed files as ${r.git('rev-parse', 'HEAD').slice(0, 12)} ("okr close 2026-Q4") and tagged it okr/2026-Q4\n`,
    );
    // As npm version: one commit holding exactly the closed files, and the tag on it.
    expect(r.git('status', '--porcelain')).toBe('');
    expect(r.git('log', '-1', '--format=%s%n%an', 'okr/2026-Q4')).toBe('okr close 2026-Q4\nAda Tester\n');
    expect(r.git('rev-parse', 'okr/2026-Q4^{commit}')).toBe(r.git('rev-parse', 'HEAD'));
    expect(r.git('log', '--format=%s', 'HEAD~1..HEAD', '--name-only')).toBe('okr close 2026-Q4\n\nokrs/objectives/launch.md\nokrs/objectives/moonshot.md\n');
    expect(r.git('show', 'okr/2026-Q4:okrs/objectives/launch.md')).toBe(r.read('okrs/objectives/launch.md'));
    expect(r.git('show', 'okr/2026-Q4:okrs/objectives/moonshot.md')).toContain('closed: 2026-12-31\n');
    expect(r.read('okrs/objectives/launch.md')).toBe(
      LAUNCH.replace('period: 2026-Q4\n', 'period: 2026-Q4\nclosed: 2026-12-31\nscore: 0.8\nclose_note: "Ship smaller"\n')
        .replace('current: 35 # from the dashboard\n', 'current: 35 # from the dashboard\n    score: 0.35\n')
        .replace('weight: 3\n', 'weight: 3\n    score: 1\n')
        .replace('score: 0.65\n', 'score: 0.65\n    progress_at_close: 0\n'),
    );
    expect(r.read('okrs/objectives/moonshot.md')).toBe(
      MOONSHOT.replace('period: 2026-Q4\n', 'period: 2026-Q4\nclosed: 2026-12-31\nscore: 0.7\nclose_note: "Ship smaller"\n').replace('current: 29}', 'current: 29, score: 0.7}'),
    );
    expect(r.read('okrs/objectives/yearly.md')).toBe(YEARLY);
    expect(r.git('for-each-ref', '--format=%(objecttype) %(contents)', 'refs/tags/okr/2026-Q4')).toBe(
      [
        'tag okr: close 2026-Q4 on 2026-12-31',
        '',
        '0.80 green launch: Launch the new plan',
        '  0.35 red signups: Signups',
        '  1.00 green docs: Publish the docs',
        '  0.65 yellow review: Review with sales',
        '  note: Ship smaller',
        '0.70 green moonshot (aspirational): Make it instant',
        '  0.70 green latency: p95 latency',
        '  note: Ship smaller',
        '',
        '',
      ].join('\n'),
    );

    // Closed: status and score show the frozen scores; a second close refuses.
    const status = JSON.parse(okr(r, 'status', '--json', '--period', '2026-Q4', '--today', '2027-01-05').stdout) as { objectives: { id: string; closed: string; score: number }[] };
    expect(status.objectives.find((o) => o.id === 'launch')).toMatchObject({ closed: '2026-12-31', score: 0.8 });
    const score = JSON.parse(okr(r, 'score', '2026-Q4', '--json', '--today', '2027-01-05').stdout) as { closed: boolean; objectives: { keyResults: { scoreSource: string }[] }[] };
    expect(score.closed).toBe(true);
    expect(score.objectives[0]!.keyResults.map((kr) => kr.scoreSource)).toEqual(['frozen', 'frozen', 'frozen']);
    const before = r.read('okrs/objectives/launch.md');
    const again = okr(r, 'close', '2026-Q4', '--today', '2027-01-05', '--no-input');
    expect(again).toMatchObject({ code: 1, stdout: '', stderr: 'okr: 2026-Q4 is already closed (on 2026-12-31): nothing written\n' });
    expect(r.read('okrs/objectives/launch.md')).toBe(before);
  });

  it('refuses, writing nothing, when an objective of the period has errors or the tag exists', () => {
    const r = workspace({
      'okrs/objectives/broken.md': '---\nid: broken\ntitle: Broken\nperiod: 2026-Q4\nkey_results:\n  - id: x\n    title: X\n    start: 1\n    target: 1\n---\n',
    });
    const broken = okr(r, 'close', '2026-Q4', '--today', '2026-12-31', '--no-input');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^okr: cannot close 2026-Q4: the period has errors \(objectives\/broken\.md:\d+: .*\): fix them first \(okr lint\); nothing written\n$/);
    expect(r.git('status', '--porcelain')).toBe('');

    r.git('rm', '-q', 'okrs/objectives/broken.md');
    r.commit('fixed');
    r.git('tag', '-a', '-m', 'earlier', 'okr/2026-Q4');
    const tagged = okr(r, 'close', '2026-Q4', '--today', '2026-12-31', '--no-input', '--tag');
    expect(tagged).toMatchObject({ code: 1, stderr: 'okr: the tag okr/2026-Q4 already exists: nothing written\n' });
    expect(r.git('status', '--porcelain')).toBe('');

    // --tag commits the closed files alone: a closed file with changes not committed, or anything staged, refuses.
    r.git('tag', '-d', 'okr/2026-Q4');
    r.edit('okrs/objectives/moonshot.md', 'Make it instant', 'Make it instant everywhere');
    const dirty = okr(r, 'close', '2026-Q4', '--today', '2026-12-31', '--no-input', '--tag');
    expect(dirty).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'okr: --tag commits the closed files, but objectives/moonshot.md has changes not committed: commit or stash them first; nothing written\n',
    });
    expect(r.git('status', '--porcelain')).toBe(' M okrs/objectives/moonshot.md\n');
    r.git('checkout', '--', 'okrs/objectives/moonshot.md');
    r.write('notes.txt', 'draft\n');
    r.git('add', 'notes.txt');
    const staged = okr(r, 'close', '2026-Q4', '--today', '2026-12-31', '--no-input', '--tag');
    expect(staged).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'okr: --tag commits only the closed files, but changes are staged (notes.txt): commit or unstage them first; nothing written\n',
    });
    expect(r.git('status', '--porcelain')).toBe('A  notes.txt\n');
    expect(r.git('tag', '-l')).toBe('');

    const none = okr(r, 'close', '2025-Q1', '--today', '2026-12-31', '--no-input');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no objective of 2025-Q1');
  });

  it('--tag: when git refuses the commit, says the files are written but not committed and makes no tag', () => {
    const r = workspace();
    r.write('.git/hooks/pre-commit', '#!/bin/sh\necho "no commits today" >&2\nexit 1\n');
    chmodSync(path.join(r.dir, '.git/hooks/pre-commit'), 0o755);
    const head = r.git('rev-parse', 'HEAD');
    const result = okr(r, 'close', '2026-Q4', '--today', '2026-12-31', '--no-input', '--tag');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('okr: git commit failed: no commits today: the closed files are written but not committed, and no tag was made\n');
    expect(r.read('okrs/objectives/launch.md')).toContain('closed: 2026-12-31\n');
    expect(r.git('rev-parse', 'HEAD')).toBe(head);
    expect(r.git('tag', '-l')).toBe('');
    expect(r.git('status', '--porcelain')).toBe('M  okrs/objectives/launch.md\nM  okrs/objectives/moonshot.md\n');
  });

  it('without --tag nothing is committed', () => {
    const r = workspace();
    const head = r.git('rev-parse', 'HEAD');
    expect(okr(r, 'close', '2026-Q4', '--today', '2026-12-31', '--no-input').code).toBe(0);
    expect(r.git('rev-parse', 'HEAD')).toBe(head);
    expect(r.git('status', '--porcelain')).toBe(' M okrs/objectives/launch.md\n M okrs/objectives/moonshot.md\n');
  });

  it('--dry-run prints the patch and writes nothing', () => {
    const r = workspace();
    const result = okr(r, 'close', '2026-Q4', '--today', '2026-12-31', '--no-input', '--dry-run', '--tag');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('+++ b/okrs/objectives/launch.md\n');
    expect(result.stdout).toContain('+closed: 2026-12-31\n+score: 0.8\n');
    expect(result.stderr).toContain('note: would commit the closed files and create the tag okr/2026-Q4 on that commit\n');
    expect(r.git('status', '--porcelain')).toBe('');
    expect(r.git('tag', '-l')).toBe('');
  });

  it('a write that fails in the middle says which files were written and which were not; a second run closes the rest', async () => {
    const r = workspace();
    let stdout = '';
    const context: CommandContext = {
      cwd: path.join(r.dir, 'okrs'),
      env: {},
      stdout: { write: (text: string) => (stdout += text), isTTY: false },
      stderr: { write: () => true, isTTY: false },
      stdinIsTTY: false,
      now: () => {
        throw new Error('tests pass --today');
      },
    };
    let writes = 0;
    const hooks = {
      beforeCommit: () => {
        if (++writes === 2) throw new Error('the disk is full');
      },
    };
    const error = await runClose('2026-Q4', { today: '2026-12-31', input: false }, context, undefined, hooks).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      /^closing 2026-Q4 stopped: objectives\/moonshot\.md: cannot write: .*the disk is full.*; written: objectives\/launch\.md; not written: objectives\/moonshot\.md; fix the cause and run okr close 2026-Q4 again to close the rest$/,
    );
    expect(r.read('okrs/objectives/launch.md')).toContain('closed: 2026-12-31\n');
    expect(r.read('okrs/objectives/moonshot.md')).toBe(MOONSHOT);
    expect(stdout).toBe('');

    const rest = okr(r, 'close', '2026-Q4', '--today', '2027-01-02', '--no-input');
    expect(rest.code).toBe(0);
    expect(rest.stdout).toBe('Closed moonshot (objectives/moonshot.md): score 0.70 (green)\n');
    expect(r.read('okrs/objectives/launch.md')).toContain('closed: 2026-12-31\n');
  });

  it('after closing, edits of the closed objectives refuse unless --force, and lint warns where a frozen score no longer matches', () => {
    const r = workspace({
      'okrs/objectives/chores.md':
        '---\nid: chores\ntitle: Chores\nperiod: 2026-Q4\nkey_results:\n  - id: cleanup\n    title: Clean up\n  - {id: nps, title: NPS, start: 0, target: 50, current: 20, score: 0.9}\n---\n',
      'okrs/tasks/cleanup.md': '---\nkr: cleanup\n---\n\n- [x] Sweep\n- [ ] Mop\n',
    });
    expect(okr(r, 'close', '2026-Q4', '--today', '2026-12-31', '--no-input').code).toBe(0);
    r.commit('closed');
    const refused = 'was closed on 2026-12-31 (okr close): its scores are frozen; pass --force to';

    const checkin = okr(r, 'checkin', 'signups', '80', '--today', '2027-01-05', '--date', '2026-12-31');
    expect(checkin.code).toBe(1);
    expect(checkin.stderr).toBe(`okr: objective "launch" (objectives/launch.md) ${refused} check in anyway (okr lint then warns where a frozen score no longer matches)\n`);
    const newKr = okr(r, 'new', 'kr', 'launch', '--title', 'More', '--measure', 'milestone', '--no-input');
    expect(newKr.code).toBe(1);
    expect(newKr.stderr).toContain(`${refused} add a key result anyway`);
    for (const action of ['done', 'reopen', 'start', 'cancel']) {
      const result = okr(r, action, 'tasks/cleanup.md:6');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`objective "chores" (objectives/chores.md) ${refused} ${action} it anyway`);
    }
    expect(r.git('status', '--porcelain')).toBe('');
    // Right after the close nothing is flagged: the scores set by hand (review, nps) froze their progress beside them.
    expect(r.read('okrs/objectives/chores.md')).toContain('current: 20, score: 0.9, progress_at_close: 0.4}');
    expect(okr(r, 'lint').stdout).not.toContain('frozen-score-changed');

    const forced = okr(r, 'checkin', 'signups', '80', '--today', '2027-01-05', '--date', '2026-12-31', '--force');
    expect(forced.code).toBe(0);
    expect(okr(r, 'done', 'tasks/cleanup.md:6', '--force').code).toBe(0);
    r.edit('okrs/objectives/chores.md', 'current: 20,', 'current: 30,');
    const lint = okr(r, 'lint', '--json');
    const rules = (JSON.parse(lint.stdout) as { problems: { file: string; rule: string; message: string }[] }).problems.filter((p) => p.rule === 'frozen-score-changed');
    expect(rules.map((p) => [p.file, p.message])).toEqual([
      [
        'objectives/chores.md',
        'key result "cleanup" of objective "chores", closed on 2026-12-31: its progress is now 100% but its frozen score is 0.5: it changed after okr close (or the score was set by hand before okr close wrote progress_at_close)',
      ],
      [
        'objectives/chores.md',
        'key result "nps" of objective "chores", closed on 2026-12-31: its progress is now 60% but it was 40% at the close (its score 0.9 was set by hand): it changed after okr close',
      ],
      [
        'objectives/launch.md',
        'key result "signups" of objective "launch", closed on 2026-12-31: its progress is now 80% but its frozen score is 0.35: it changed after okr close (or the score was set by hand before okr close wrote progress_at_close)',
      ],
    ]);
  });

  it('asks for a closing note per objective on a terminal', async () => {
    const r = workspace();
    const asked: string[] = [];
    const answers = ['Onboarding was the bottleneck', ''];
    const prompter = {
      text: (question: { message: string }) => {
        asked.push(question.message);
        return Promise.resolve(answers.shift()!);
      },
      select: () => Promise.reject(new Error('not asked')),
    };
    const context: CommandContext = {
      cwd: path.join(r.dir, 'okrs'),
      env: {},
      stdout: { write: () => true, isTTY: true },
      stderr: { write: () => true, isTTY: false },
      stdinIsTTY: true,
      now: () => new Date('2026-12-31T12:00:00Z'),
    };
    await runClose('2026-Q4', { today: '2026-12-31' }, context, prompter);
    expect(asked).toEqual(['Closing note for launch: what did you learn? (optional, Enter to skip)', 'Closing note for moonshot: what did you learn? (optional, Enter to skip)']);
    expect(r.read('okrs/objectives/launch.md')).toContain('close_note: "Onboarding was the bottleneck"\n');
    expect(r.read('okrs/objectives/moonshot.md')).not.toContain('close_note');
  });
});

describe('okr close: what it will not freeze', () => {
  it('writes no score where there is none (never 0): an objective without key results, a roll-up without contributors', () => {
    const r = workspace({
      'okrs/objectives/parent.md': '---\ntype: objective\nid: parent\ntitle: Parent\nperiod: 2026-Q4\n---\n',
      'okrs/objectives/child.md':
        '---\ntype: objective\nid: child\ntitle: Child\nperiod: 2026-Q4\nparent: parent\nkey_results:\n  - {id: m, title: M, done: true}\n  - {id: r, title: R, measure: rollup}\n---\n',
    });
    const result = okr(r, 'close', '2026-Q4', '--today', '2026-12-31', '--no-input');
    expect(result.code).toBe(0);
    // parent: progress from its child, no key results of its own: no score.
    expect(r.read('okrs/objectives/parent.md')).toBe('---\ntype: objective\nid: parent\ntitle: Parent\nperiod: 2026-Q4\nclosed: 2026-12-31\n---\n');
    // child: m is done (1); the roll-up has no contributors (invalid): no score for it; the objective's score is over m.
    expect(r.read('okrs/objectives/child.md')).toBe(
      '---\ntype: objective\nid: child\ntitle: Child\nperiod: 2026-Q4\nclosed: 2026-12-31\nscore: 1\nparent: parent\nkey_results:\n  - {id: m, title: M, done: true, score: 1}\n  - {id: r, title: R, measure: rollup}\n---\n',
    );
  });

  it('refuses while a file that may belong to the period cannot be read, and before the period starts', () => {
    const bytes = Buffer.concat([Buffer.from('---\ntype: objective\nid: bad\ntitle: "caf'), Buffer.from([0xe9]), Buffer.from('"\nperiod: 2026-Q4\n---\n')]);
    // The file's bytes as they are (not valid UTF-8): writeFileSync takes a Buffer too.
    const r = workspace({
      'okrs/objectives/bad.md': bytes as unknown as string,
      'okrs/objectives/next.md': '---\ntype: objective\nid: next\ntitle: Next\nperiod: 2027-Q1\nkey_results:\n  - {id: n, title: N, done: false}\n---\n',
    });
    const unreadable = okr(r, 'close', '2026-Q4', '--today', '2026-12-31', '--no-input');
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toMatch(/^okr: cannot close 2026-Q4: the period has errors \(objectives\/bad\.md:4: file is not valid UTF-8/);
    const early = okr(r, 'close', '2027-Q1', '--today', '2026-12-31', '--no-input');
    expect(early).toMatchObject({ code: 1, stderr: 'okr: cannot close 2027-Q1 on 2026-12-31: it starts on 2027-01-01; nothing written\n' });
    expect(r.git('status', '--porcelain')).toBe('');
  });
});
