import { describe, expect, it } from 'vitest';
import { parseMarkdownTasks } from '../../src/parse/markdown/index.js';

const tasks = (markdown: string) => parseMarkdownTasks(markdown).tasks;
const summary = (markdown: string) => tasks(markdown).map((t) => [t.state, t.text]);

describe('parseMarkdownTasks: which items are tasks', () => {
  it('reads done, open, in-progress and cancelled items', () => {
    expect(summary('- [x] a\n- [X] b\n- [ ] c\n- [/] d\n- [-] e\n')).toEqual([
      ['done', 'a'],
      ['done', 'b'],
      ['open', 'c'],
      ['in-progress', 'd'],
      ['cancelled', 'e'],
    ]);
  });

  it('accepts every bullet and ordered lists', () => {
    expect(summary('* [x] star\n\n+ [ ] plus\n\n1. [x] one\n2) [ ] two\n').map((t) => t[1])).toEqual(['star', 'plus', 'one', 'two']);
  });

  it('accepts a tab after the checkbox and after the bullet', () => {
    expect(summary('- [x]\ttab\n-\t[ ] bullet tab\n')).toEqual([
      ['done', 'tab'],
      ['open', 'bullet tab'],
    ]);
  });

  it('does not count a checkbox with no text, as remark-gfm does not', () => {
    expect(summary('- [x]\n- [ ]   \n- [-]\n- [/] \n')).toEqual([]);
  });

  it('needs white space after the checkbox', () => {
    expect(summary('- [x]a\n- [-]b\n- [/]c\n')).toEqual([]);
  });

  it('ignores checkboxes in code blocks, inline code, HTML blocks and paragraphs', () => {
    const markdown = [
      '```',
      '- [ ] fenced',
      '```',
      '',
      '    - [ ] indented code',
      '',
      '`- [ ] inline`',
      '',
      '<div>',
      '- [ ] html block',
      '</div>',
      '',
      '[ ] not in a list',
      '',
      '- [ ] real',
    ].join('\n');
    expect(summary(markdown)).toEqual([['open', 'real']]);
  });

  it('finds tasks in block quotes', () => {
    expect(summary('> - [x] quoted\n> > - [ ] deeper\n')).toEqual([
      ['done', 'quoted'],
      ['open', 'deeper'],
    ]);
  });

  it('reads CRLF line endings', () => {
    expect(summary('- [x] a\r\n- [ ] b\r\n')).toEqual([
      ['done', 'a'],
      ['open', 'b'],
    ]);
  });

  it('keeps the text of emphasis, links and code, folding white space', () => {
    expect(summary('- [ ] Ship *the* [flow](https://x.y) with `code`\n  and more\n')).toEqual([['open', 'Ship the flow with code and more']]);
  });
});

describe('parseMarkdownTasks: groups', () => {
  it('marks items with nested task items as groups and links children to parents', () => {
    const list = tasks('- [ ] group\n  - [x] leaf 1\n  - [ ] sub\n    - [x] leaf 2\n- [ ] alone\n');
    expect(list.map((t) => [t.text, t.isGroup, t.parent])).toEqual([
      ['group', true, null],
      ['leaf 1', false, 0],
      ['sub', true, 0],
      ['leaf 2', false, 2],
      ['alone', false, null],
    ]);
  });

  it('does not make a group of an item with a plain nested list', () => {
    const list = tasks('- [ ] item\n  - note\n  - another note\n');
    expect(list.map((t) => [t.text, t.isGroup])).toEqual([['item', false]]);
  });

  it('sees tasks nested under a plain list item as top-level tasks', () => {
    const list = tasks('- Phase 1\n  - [x] a\n  - [ ] b\n');
    expect(list.map((t) => [t.text, t.parent])).toEqual([
      ['a', null],
      ['b', null],
    ]);
  });
});

describe('parseMarkdownTasks: positions', () => {
  it('gives the offsets of the item and of its checkbox', () => {
    const markdown = 'intro\n\n- [x] a\n  1. [ ] b\n';
    const [a, b] = tasks(markdown);
    expect(markdown.slice(a!.offset, a!.offset + 5)).toBe('- [x]');
    expect(markdown.slice(a!.checkboxOffset, a!.checkboxOffset + 3)).toBe('[x]');
    expect(markdown.slice(b!.checkboxOffset, b!.checkboxOffset + 3)).toBe('[ ]');
  });

  it('finds the checkbox of extension items', () => {
    const markdown = '- [-] gone\n';
    expect(markdown.slice(tasks(markdown)[0]!.checkboxOffset, tasks(markdown)[0]!.checkboxOffset + 3)).toBe('[-]');
  });
});

describe('parseMarkdownTasks: kr links', () => {
  it('links the items of a section to the key results named in its heading', () => {
    const markdown = [
      '# Plan',
      '- [ ] unlinked',
      '## Emails <!-- kr: onboarding -->',
      '- [ ] welcome email',
      '### Details',
      '- [ ] still onboarding',
      '## Pricing <!-- kr: pricing, revenue -->',
      '- [x] new page',
      '## Other',
      '- [ ] unlinked again',
    ].join('\n');
    expect(tasks(markdown).map((t) => [t.text, t.links.map((l) => l.id), t.linkedBy])).toEqual([
      ['unlinked', [], null],
      ['welcome email', ['onboarding'], 'section'],
      ['still onboarding', ['onboarding'], 'section'],
      ['new page', ['pricing', 'revenue'], 'section'],
      ['unlinked again', [], null],
    ]);
  });

  it('lets an item link override its section, for itself and the items under it', () => {
    const markdown = ['## Emails <!-- kr: onboarding -->', '- [ ] FAQ <!-- kr: pricing -->', '  - [ ] draft', '- [ ] welcome'].join('\n');
    expect(tasks(markdown).map((t) => [t.text, t.links.map((l) => l.id), t.linkedBy])).toEqual([
      ['FAQ', ['pricing'], 'item'],
      ['draft', ['pricing'], 'item'],
      ['welcome', ['onboarding'], 'section'],
    ]);
  });

  it('lets a plain list item link the tasks under it', () => {
    const markdown = '- Launch <!-- kr: launch -->\n  - [ ] a\n';
    expect(tasks(markdown).map((t) => t.links.map((l) => l.id))).toEqual([['launch']]);
  });

  it('ignores other HTML comments', () => {
    expect(tasks('- [ ] a <!-- note: kr: x -->\n')[0]!.links).toEqual([]);
  });
});
