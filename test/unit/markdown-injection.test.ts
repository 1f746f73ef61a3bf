import fc from 'fast-check';
import type { Nodes } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../src/compute/health.js';
import { diffWorkspaces } from '../../src/compute/diff.js';
import { renderDiffMarkdown } from '../../src/render/diff-markdown.js';
import type { DiffLabels } from '../../src/render/diff-words.js';
import { renderStatusMarkdown } from '../../src/render/markdown.js';
import { propertyRuns } from '../helpers/property-runs.js';
import { modelOf, reportOf } from '../helpers/workspace.js';

/**
 * Text from the files can never become a link, image, mention or HTML in a Markdown report or diff:
 * the output is parsed with remark-gfm (as GitHub renders it, autolink literals included) and the
 * only links are okr's own links to files, the only HTML okr's own <details>/<summary>/<br>.
 */

const LINK_BASE = 'https://github.com/o/r/blob/0123456789abcdef/okrs/';
const LABELS: DiffLabels = {
  base: { revision: 'main', commit: 'a'.repeat(40), description: 'main (aaaaaaaaaaaa)', note: null },
  head: { revision: null, commit: null, description: 'the working tree', note: null },
};
const OKR_HTML = /<\/?details>|<\/?summary>|<br>/g;

const processor = unified().use(remarkParse).use(remarkGfm);

interface Findings {
  links: string[];
  html: string[];
  other: string[];
  mentions: string[];
}

/** The links, HTML and other markup remark-gfm finds in `markdown`, and text that GitHub would make a mention. */
function inspect(markdown: string): Findings {
  const found: Findings = { links: [], html: [], other: [], mentions: [] };
  const visit = (node: Nodes): void => {
    if (node.type === 'link') found.links.push(node.url);
    else if (node.type === 'html') found.html.push(node.value);
    else if (['image', 'imageReference', 'linkReference', 'definition', 'footnoteReference', 'footnoteDefinition'].includes(node.type)) found.other.push(node.type);
    else if (node.type === 'text' && /(^|[^\w`])@[A-Za-z0-9]/.test(node.value)) found.mentions.push(node.value);
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(processor.parse(markdown));
  return found;
}

function expectOnlyOkrMarkup(markdown: string): void {
  const found = inspect(markdown);
  for (const url of found.links) expect(url.startsWith(LINK_BASE), `a link that okr did not make: ${url}\n${markdown}`).toBe(true);
  for (const html of found.html) expect(html.replace(OKR_HTML, ''), `HTML that okr did not make\n${markdown}`).not.toMatch(/<|&/);
  expect(found.other, markdown).toEqual([]);
  expect(found.mentions, markdown).toEqual([]);
}

const HOSTILE = [
  'https://evil.example/x',
  'HTTP://EVIL.EXAMPLE',
  'www.evil.example',
  'WWW.evil.example/path',
  'ftp://files.example',
  'a@b.co',
  'first.last+tag@mail.example.org',
  'mailto:a@b.co',
  'xmpp:a@b.co/r',
  '@octocat',
  '@acme/team',
  '<img src=x onerror=alert(1)>',
  '<script>',
  '<!-- c -->',
  '<https://evil.example>',
  '<a@b.co>',
  '![i](https://evil.example/i.png)',
  '[l](https://evil.example)',
  '[l][r]',
  '[r]: https://evil.example',
  '[^1]',
  '&lt;',
  '&#60;',
  '\\',
  '`',
  '*',
  '_',
  '~',
  '(',
  ')',
  '[',
  ']',
  ':',
  '/',
  '.',
  '|',
  ' ',
  '#',
];

const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 4 }), fc.constantFrom('a', 'b.co', 'x_', '_y')), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join(''));

/** A YAML string for any text (JSON's escapes are YAML's). */
const yaml = (text: string) => JSON.stringify(text);

function files(objectiveTitle: string, krTitle: string, owner: string, tasks: readonly string[], parent: string): Record<string, string> {
  const objective = [
    '---',
    'type: objective',
    'id: o',
    `title: ${yaml(objectiveTitle)}`,
    'period: 2026-Q4',
    `owner: ${yaml(owner)}`,
    'key_results:',
    `  - { id: k, title: ${yaml(krTitle)} }`,
    `  - { id: m, title: ${yaml(krTitle)}, metric: { start: 0, target: 10, current: 3 } }`,
    '---',
    '',
  ].join('\n');
  const child = ['---', 'type: objective', 'id: c', `title: ${yaml(krTitle)}`, 'period: 2026-Q4', `parent: ${yaml(parent)}`, '---', ''].join('\n');
  const taskLines = tasks.map((task, i) => `- [${i % 2 === 0 ? ' ' : 'x'}] ${task.replace(/[\r\n]+/g, ' ')}`);
  return { 'objectives/o.md': objective, 'objectives/c.md': child, 'tasks/k.md': `---\nkr: k\n---\n${taskLines.join('\n')}\n` };
}

describe('Markdown reports and diffs: text from files adds no links, images, mentions or HTML', () => {
  const example = ['https://evil.example', 'www.evil.example/x', 'mail a@b.co', '@octocat', '<b>bold</b>', '![i](https://x.example/i.png)', '_https://evil.example_'].join(' ');

  it('in okr status --format markdown (titles, owners, tasks and problem messages)', () => {
    const markdown = renderStatusMarkdown(reportOf(files(example, example, example, [example, example], example)), { linkBase: LINK_BASE });
    expect(inspect(markdown).links.length).toBeGreaterThan(0);
    expectOnlyOkrMarkup(markdown);
  });

  it('in okr diff --format markdown', () => {
    const base = modelOf(files('Plain', 'Plain', 'ada', ['one', 'two'], 'o'));
    const head = modelOf(files(example, example, example, ['one', example, example], example));
    const diff = diffWorkspaces({ model: base, thresholds: DEFAULT_THRESHOLDS }, { model: head, thresholds: DEFAULT_THRESHOLDS }, { today: '2026-11-15' });
    expectOnlyOkrMarkup(renderDiffMarkdown(diff, { ...LABELS, linkBase: LINK_BASE }));
  });

  it('for generated hostile titles, owners, task texts and ids', () => {
    fc.assert(
      fc.property(hostileText, hostileText, hostileText, fc.array(hostileText, { maxLength: 3 }), hostileText, (objectiveTitle, krTitle, owner, tasks, parent) => {
        expectOnlyOkrMarkup(renderStatusMarkdown(reportOf(files(objectiveTitle, krTitle, owner, tasks, parent)), { linkBase: LINK_BASE }));
        const base = modelOf(files('Plain', 'Plain', 'ada', ['one'], 'o'));
        const head = modelOf(files(objectiveTitle, krTitle, owner, ['one', ...tasks], parent));
        const diff = diffWorkspaces({ model: base, thresholds: DEFAULT_THRESHOLDS }, { model: head, thresholds: DEFAULT_THRESHOLDS }, { today: '2026-11-15' });
        expectOnlyOkrMarkup(renderDiffMarkdown(diff, { ...LABELS, linkBase: LINK_BASE }));
      }),
      propertyRuns(30),
    );
  });
});
