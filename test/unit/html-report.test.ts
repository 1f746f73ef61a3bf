/**
 * `okr html`'s page on inline workspaces: what it shows (tree, invalid items, tasks, check-ins,
 * scores when the report has them, history charts from hand-made series) and that text from the
 * files never becomes markup: every tag and attribute in the page is okr's own.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyResultTasks } from '../../src/compute/key-result-tasks.js';
import { renderStatusHtml, REPORT_CSP, type HistorySeries } from '../../src/render/html/document.js';
import { escapeHtml, fileHref, isSafeLinkBase } from '../../src/render/html/escape.js';
import { historyChart } from '../../src/render/html/chart.js';
import { REPORT_CSS } from '../../src/render/html/styles.js';
import { REPORT_SCRIPT } from '../../src/render/html/script.js';
import { propertyRuns } from '../helpers/property-runs.js';
import { modelOf, objective, reportOf, taskFile } from '../helpers/workspace.js';

const OKR_TAGS = new Set(
  'html head meta title style body main header h1 h2 h3 p span a code section table caption thead tbody tr th td details summary div dl dt dd figure figcaption svg line polyline circle form label select option button footer script'.split(
    ' ',
  ),
);
const OKR_ATTRIBUTES = new Set(
  'lang charset http-equiv content name class id href style data-objective data-status data-owner aria-labelledby aria-label aria-hidden aria-live role scope for value type viewBox width height x1 y1 x2 y2 points cx cy r'.split(
    ' ',
  ),
);

/** Every tag of `html` outside its fixed stylesheet and script, with its attribute names. */
function tagsOf(html: string): { tag: string; attributes: string[] }[] {
  const body = html
    .replace(REPORT_CSS, '')
    .replace(REPORT_SCRIPT, '')
    .replace(/^<!DOCTYPE html>/, '');
  const out: { tag: string; attributes: string[] }[] = [];
  for (const match of body.matchAll(/<(\/?)([^\s>/]*)([^>]*)>/g)) {
    const attributes = [...match[3]!.matchAll(/\s([^\s=]+)(?:="[^"]*")?/g)].map((m) => m[1]!);
    out.push({ tag: match[2]!, attributes });
  }
  return out;
}

function expectOnlyOkrMarkup(html: string): void {
  for (const { tag, attributes } of tagsOf(html)) {
    expect(OKR_TAGS, `<${tag}>`).toContain(tag);
    for (const attribute of attributes) expect(OKR_ATTRIBUTES, `<${tag} ${attribute}>`).toContain(attribute);
  }
  for (const href of html.matchAll(/href="([^"]*)"/g)) expect(href[1]).toMatch(/^(#o\d+|https:\/\/example\.com\/r\/)/);
  expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/);
  expect(html).not.toMatch(/\ssrc=/);
}

const WORKSPACE = {
  'objectives/company.md': objective('company', { owner: 'ceo' }),
  'objectives/growth.md': objective('growth', {
    parent: 'company',
    owner: 'growth',
    krs: [
      '{ id: signups, title: Signups, start: 0, target: 10, current: 5, checkins: [{ date: 2026-11-01, value: 4, confidence: 0.7, note: "slow start", status: at-risk }] }',
      '{ id: referrals, title: Referrals, owner: ann }',
      '{ id: broken, title: Broken, start: 0, target: x, current: 1 }',
    ],
  }),
  'tasks/referrals.md': taskFile('referrals', '- [x] Design\n- [ ] Build\n'),
};

describe('renderStatusHtml', () => {
  const model = modelOf(WORKSPACE);
  const report = reportOf(WORKSPACE);
  const html = renderStatusHtml(report, { linkBase: null, tasksOf: keyResultTasks(model) });

  it('is one document with its CSP, inline style and script, and no outside reference', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.endsWith('</html>\n')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(html).not.toMatch(/https?:\/\//);
    expectOnlyOkrMarkup(html);
  });

  it('shows the tree, percentages, statuses, owners and the summary line', () => {
    expect(html).toContain('<p class="summary">2 objectives (2 incomplete), 3 key results: 2 on track, 1 invalid</p>');
    expect(html).toMatch(/data-objective="o1"[^]*?↳ [^]*?Objective growth/);
    expect(html).toContain('<span class="pct">50%</span>');
    expect(html).toContain('<span class="status s-invalid">invalid</span>');
    expect(html).toContain('<option value="ann">ann</option>');
  });

  it('shows an invalid key result with its reason and progress —, and marks an incomplete objective', () => {
    expect(html).toContain('<span class="pct">—</span>');
    expect(html).toContain('Not counted: key_results[2].target: expected a number');
    expect(html).toContain('<p class="incomplete">incomplete: 1 of 3 key results invalid</p>');
  });

  it('lists task items and check-ins inside the key results', () => {
    expect(html).toMatch(/<tr class="task t-done"><td>done<\/td><td>Design<\/td><td><span class="path">tasks\/referrals.md:4<\/span><\/td><\/tr>/);
    expect(html).toContain('<tr><td>2026-11-01</td><td>4</td><td>0.7</td><td>at risk</td><td>slow start</td></tr>');
    expect(html).toContain('<span class="call">owner: at risk</span>');
  });

  it('links files under an http(s) link base only', () => {
    const linked = renderStatusHtml(report, { linkBase: 'https://example.com/r/', tasksOf: keyResultTasks(model) });
    expect(linked).toContain('<a class="path" href="https://example.com/r/tasks/referrals.md?plain=1#L4">tasks/referrals.md:4</a>');
    for (const base of ['javascript:alert(1)//', 'data:text/html,x', '/relative', 'vbscript:x']) {
      expect(isSafeLinkBase(base)).toBe(false);
      expect(renderStatusHtml(report, { linkBase: base })).not.toContain('<a class="path"');
    }
    expect(fileHref('a b/"c".md', 'https://example.com/r', 3)).toBe('https://example.com/r/a%20b/%22c%22.md?plain=1#L3');
  });

  it('shows scores, commitment and closing when an objective is closed or aspirational, and nothing of them when not', () => {
    expect(html).not.toContain('Score');
    const scored = structuredClone(report);
    Object.assign(scored.objectives[1]!, { commitment: 'committed', score: 0.7, closed: '2026-12-31' });
    Object.assign(scored.objectives[1]!.keyResults[0]!, { score: 0.4, scoreSource: 'frozen' });
    const page = renderStatusHtml(scored, { linkBase: null });
    expect(page).toContain('<th scope="col">Score</th>');
    expect(page).toContain('score 0.70 (green) · closed 2026-12-31');
    expect(page).toContain('<dt>Score</dt><dd>score 0.40 (yellow)</dd>');
  });

  it('draws a history chart for each item with a series', () => {
    const series: HistorySeries[] = [
      {
        id: 'signups',
        kind: 'keyResult',
        title: 'Signups',
        objective: 'growth',
        points: [
          { date: '2026-10-01', commit: 'a', progress: 0, expected: 0, status: 'on-track' },
          { date: '2026-11-01', commit: 'b', progress: 0.3, expected: 0.34, status: 'on-track' },
          { date: '2026-11-15', commit: 'c', progress: 0.5, expected: 0.5, status: 'on-track' },
        ],
      },
      { id: 'growth', kind: 'objective', title: 'Growth', objective: null, points: [{ date: '2026-11-15', commit: 'c', progress: null, expected: 0.5, status: 'invalid' }] },
      { id: 'nobody', kind: 'objective', title: null, objective: null, points: [{ date: '2026-11-15', commit: 'c', progress: 1, expected: 1, status: 'done' }] },
    ];
    const page = renderStatusHtml(report, { linkBase: null, series });
    expect(page.match(/<svg /g)).toHaveLength(2);
    expect(page).toContain('aria-label="Progress over time, 3 points from 2026-10-01 to 2026-11-15; latest 50%, expected 50%"');
    expect(page).toContain('<polyline class="actual" points="4.0,60.0 163.8,43.2 236.0,32.0"/>');
    expect(page).toContain('latest unknown');
    expectOnlyOkrMarkup(page);
  });

  it('says so when there are no objectives', () => {
    const empty = renderStatusHtml({ today: '2026-11-15', notice: null, objectives: [], problems: [] }, { linkBase: null });
    expect(empty).toContain('<p>No objectives to show.</p>');
    expect(empty).not.toContain('<script>');
  });
});

describe('escaping', () => {
  it('escapes text and attribute breakers', () => {
    expect(escapeHtml(`<script>"'&</style>\u0000`)).toBe('&lt;script&gt;&quot;&#39;&amp;&lt;/style&gt;\uFFFD');
  });

  it('an empty series draws nothing', () => {
    expect(historyChart({ id: 'x', kind: 'objective', title: null, objective: null, points: [] })).toBe('');
  });

  const hostile = fc.stringMatching(/^[<>"'&=/ a-z:()\\;\u2028]{0,40}$/);
  it('text from the files never becomes a tag, an attribute or a link', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, (title, owner, note, task) => {
        const yaml = (value: string) => JSON.stringify(value);
        const files = {
          'objectives/o.md': `---\ntype: objective\nid: o\ntitle: ${yaml(title)}\nowner: ${yaml(owner)}\nperiod: 2026-Q4\nkey_results:\n  - id: k\n    title: ${yaml(title)}\n    owner: ${yaml(owner)}\n    checkins:\n      - { date: 2026-11-01, value: 1, note: ${yaml(note)} }\n---\n`,
          'tasks/t.md': taskFile('k', `- [ ] ${task.replace(/\\/g, '')}x\n`),
        };
        const page = renderStatusHtml(reportOf(files), { linkBase: 'https://example.com/r/', tasksOf: keyResultTasks(modelOf(files)) });
        expectOnlyOkrMarkup(page);
      }),
      propertyRuns(60),
    );
  });
});
