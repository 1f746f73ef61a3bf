import { describe, expect, it } from 'vitest';
import { escapeMarkdown, fileLink, markdownCode } from '../../src/render/markdown-text.js';

describe('escapeMarkdown', () => {
  it('escapes HTML, emphasis, code, links, math, strikethrough and table pipes', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)> *a* _b_ `c` [d](e) $f$ ~~g~~ | h & i #1 \\')).toBe(
      '\\<img src=x onerror=alert\\(1\\)\\> \\*a\\* \\_b\\_ \\`c\\` \\[d\\]\\(e\\) \\$f\\$ \\~\\~g\\~\\~ \\| h \\& i \\#1 \\\\',
    );
  });

  it('keeps text on one line and drops bidirectional overrides', () => {
    expect(escapeMarkdown('one\ntwo\r\n\tthree\u202Efour')).toBe('one two threefour');
  });

  it('stops @-mentions with an invisible word joiner', () => {
    expect(escapeMarkdown('ask @octocat or @acme/team, mail a@b.c; @ alone')).toBe('ask @\u2060octocat or @\u2060acme/team, mail a@\u2060b.c; @ alone');
  });

  it('stops autolink literals (https://, http://, ftp://, www.) with an invisible word joiner', () => {
    expect(escapeMarkdown('see https://evil.example/x and HTTP://a.b and www.evil.example')).toBe(
      'see https:\u2060//evil.example/x and HTTP:\u2060//a.b and www\u2060.evil.example',
    );
    expect(escapeMarkdown('ftp://x.y')).toBe('ftp:\u2060//x.y');
    expect(escapeMarkdown('mail me at a@b.example')).toBe('mail me at a@\u2060b.example');
    // GitHub links these after a digit or `_` too: they are broken wherever they are.
    expect(escapeMarkdown('1https://a.b _www.c.d xhttps://e.f and wwwx.y')).toBe('1https:\u2060//a.b \\_www\u2060.c.d xhttps:\u2060//e.f and wwwx.y');
    // An escaped `_` after the @ (`+@\_yb.co`) and a `.` (`a@.https`) still make email links: stopped too.
    expect(escapeMarkdown('a@-b.co a@_b.co +@_yb.co a@.https')).toBe('a@\u2060-b.co a@\u2060\\_b.co +@\u2060\\_yb.co a@\u2060.https');
  });

  it('leaves ordinary text alone', () => {
    expect(escapeMarkdown('Raise week-1 activation from 22% to 35%.')).toBe('Raise week-1 activation from 22% to 35%.');
  });
});

describe('markdownCode', () => {
  it('uses a fence longer than any backtick run inside', () => {
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('`x`')).toBe('`` `x` ``');
    expect(markdownCode('a|b')).toBe('`a\\|b`');
  });
});

describe('fileLink', () => {
  it('encodes path segments and adds the line only under a link base', () => {
    expect(fileLink('x', 'tasks/app (v2).md', null, 3)).toBe('[x](tasks/app%20%28v2%29.md)');
    expect(fileLink('x', 'tasks/a#b.md', 'https://h/blob/s', 3)).toBe('[x](https://h/blob/s/tasks/a%23b.md?plain=1#L3)');
  });
});
