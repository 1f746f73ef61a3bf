import { describe, expect, it } from 'vitest';
import type { Problem, RuleId } from '../../src/model/problem.js';
import { guardOutput, writeAs } from '../../src/output.js';
import { renderGithubAnnotations } from '../../src/render/github-annotations.js';
import { neutralizeJson, neutralizeWorkflowCommands, sanitizeForTerminal, sanitizeLine, sanitizeOutput, WorkflowCommandGuard } from '../../src/safe-text.js';
import { findWorkflowCommands } from '../helpers/actions-runner.js';

/** Lines the runner would read as commands, in each form a hostile text may take. */
const HOSTILE = [
  '::add-mask::x.md',
  '::error title=X::y.md',
  '  ::warning::w',
  '\t\u00a0\u3000::warning::w',
  '\u200b::error::zero-width first',
  '\u00ad\u2060::error::soft hyphen and word joiner first',
  ':\u200b:error::zero-width between',
  ':\u0591:error::ignorable combining mark between',
  '\u2028::error::line separator first',
  'text ##[error]x',
  '##[stop-commands]tok',
  '##[add-mask]s',
  '###[error]three',
  '#\u200b#[error]zero-width',
  '#\u00ad#\u200c[error]soft hyphen',
  '#\ufe0f#\u034f[error]variation selector',
  '##[ERROR]upper case',
  'a\r::error::after a carriage return',
  'a\r\n##[error]after CRLF',
];

describe('the runner parsers (test helper)', () => {
  it('find every hostile form, and nothing in plain text', () => {
    for (const line of HOSTILE) expect(findWorkflowCommands(line), JSON.stringify(line)).toHaveLength(1);
    expect(findWorkflowCommands('a :: b ## [c] d\n#[e]\n: :f::')).toEqual([]);
  });
});

describe('neutralizeWorkflowCommands', () => {
  it('leaves no command in any hostile form, and keeps the text readable', () => {
    for (const line of HOSTILE) {
      const out = neutralizeWorkflowCommands(line);
      expect(findWorkflowCommands(out), JSON.stringify(out)).toEqual([]);
      // Only backslashes were added.
      expect(out.replace(/\\/g, '')).toBe(line.replace(/\\/g, ''));
    }
    expect(neutralizeWorkflowCommands('::add-mask::x.md')).toBe(':\\:add-mask::x.md');
    expect(neutralizeWorkflowCommands('title ##[error]x')).toBe('title ##\\[error]x');
    expect(neutralizeWorkflowCommands('  ::warning::w\n::error::e')).toBe('  :\\:warning::w\n:\\:error::e');
  });

  it('changes nothing else: `::` inside a line, a lone `#[`, Markdown headings', () => {
    const plain = 'a::b\nfile.md:12:3  warning  x\n## Heading\n#[x]\nC++ :: std\n';
    expect(neutralizeWorkflowCommands(plain)).toBe(plain);
  });

  it('is idempotent', () => {
    for (const line of HOSTILE) {
      const once = neutralizeWorkflowCommands(line);
      expect(neutralizeWorkflowCommands(once)).toBe(once);
    }
  });

  it('finds a marker split between writes, at every split point', () => {
    for (const line of HOSTILE) {
      const text = `before\n${line}\nafter`;
      const whole = neutralizeWorkflowCommands(text);
      for (let at = 0; at <= text.length; at++) {
        const guard = new WorkflowCommandGuard();
        expect(guard.write(text.slice(0, at)) + guard.write(text.slice(at)), `${JSON.stringify(line)} split at ${at}`).toBe(whole);
      }
      // One character at a time.
      const guard = new WorkflowCommandGuard();
      expect([...text].map((char) => guard.write(char)).join('')).toBe(whole);
    }
  });

  it('does not take the middle of a line for its start when it is written in pieces', () => {
    const guard = new WorkflowCommandGuard();
    expect(guard.write('see ') + guard.write('::add-mask::x')).toBe('see ::add-mask::x');
  });
});

describe('neutralizeJson', () => {
  it('holds the same data and no command, changing only the bracket of `##[`', () => {
    const value = { lines: HOSTILE, c1: '\u009b2J\u0085', bidi: '\u202e\u061c\u2066', separators: '\u2028\u2029' };
    const plain = `${JSON.stringify(value, null, 2)}\n`;
    const json = neutralizeJson(plain);
    expect(JSON.parse(json)).toEqual(value);
    expect(findWorkflowCommands(json)).toEqual([]);
    expect(json.replace(/\\u005b/g, '[')).toBe(plain);
    expect(neutralizeJson('{"a": "x ## [y] #[z]"}')).toBe('{"a": "x ## [y] #[z]"}');
  });
});

describe('sanitizers', () => {
  it('escape U+061C, U+2028 and U+2029 with the other controls', () => {
    expect(sanitizeForTerminal('a\u061cb\u2028c\u2029d')).toBe('a\\u{61c}b\\u{2028}c\\u{2029}d');
    expect(sanitizeLine('a\nb\u2028c')).toBe('a b\\u{2028}c');
  });

  it('let colours through whole outputs, and nothing else', () => {
    expect(sanitizeOutput('\u001b[1mbold\u001b[22m \u001b]52;c;aGk=\u0007 \u001b[2J \u009b2J\n\tx')).toBe('\u001b[1mbold\u001b[22m \\x1b]52;c;aGk=\\x07 \\x1b[2J \\x9b2J\n\tx');
  });
});

describe('guardOutput', () => {
  function capture(githubActions = false) {
    let written = '';
    const stream = guardOutput({ write: (text: string) => (written += text), isTTY: false, columns: 80 }, { githubActions });
    return { stream, written: () => written };
  }

  it('guards text, keeps JSON data and workflow commands, and a patch outside GitHub Actions', () => {
    const out = capture();
    out.stream.write('::error::x \u001b]0;t\u0007\n');
    writeAs(out.stream, 'json', '{"a": "##[error]x"}\n');
    writeAs(out.stream, 'workflow-commands', '::error file=a.md::m\n');
    writeAs(out.stream, 'patch', ' ::warning::w\n');
    expect(out.written()).toBe(':\\:error::x \\x1b]0;t\\x07\n{"a": "##\\u005berror]x"}\n::error file=a.md::m\n ::warning::w\n');
    expect(out.stream.isTTY).toBe(false);
    expect(out.stream.columns).toBe(80);
  });

  it('neutralises a patch under GitHub Actions', () => {
    const out = capture(true);
    writeAs(out.stream, 'patch', ' ::warning::w\n+##[error]x\n');
    expect(findWorkflowCommands(out.written())).toEqual([]);
  });

  it('writes as is to a stream it does not guard', () => {
    let written = '';
    writeAs({ write: (text: string) => (written += text) }, 'json', '"##[x]"');
    expect(written).toBe('"##[x]"');
  });
});

describe('lint --format github annotations', () => {
  it('stay one command each, whatever the file name and message hold', () => {
    const problems: Problem[] = HOSTILE.map((text, i) => ({
      file: `${text}\n::error::second\u2028\u001b]52;c;aGk=\u0007.md`,
      line: i + 1,
      column: 1,
      severity: i % 2 === 0 ? 'error' : 'warning',
      rule: 'r' as RuleId, // not a real rule: renderers show any id as it is
      message: `${text}\r\n::error::second ##[error]x \u001b[2J\u2029`,
    }));
    const output = renderGithubAnnotations(problems, { repositoryPath: (file) => file });
    const lines = output.split('\n').filter(Boolean);
    expect(lines).toHaveLength(problems.length);
    expect(findWorkflowCommands(output).map((c) => `${c.form}${c.name}`)).toEqual(problems.map((p) => `::${p.severity}`));
    expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  });
});
