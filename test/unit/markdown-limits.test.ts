import { describe, expect, it } from 'vitest';
import { fitParts, lazily, linesLength, shortenText, type CuttableList } from '../../src/render/markdown-limits.js';
import { renderStatusMarkdown } from '../../src/render/markdown.js';
import { objective, reportOf } from '../helpers/workspace.js';

/** A list of `count` entries `<name>0`, `<name>1`, …, noting how many were produced. */
function list(name: string, count: number, width = 10): CuttableList & { produced: () => number } {
  let produced = 0;
  function* items(): Generator<string> {
    for (let i = 0; i < count; i++) {
      produced++;
      yield `${name}${i}`.padEnd(width, '.');
    }
  }
  return {
    count,
    items: items(),
    block: (shown) => [`## ${name}`, ...shown, ...(shown.length < count ? [`… and ${count - shown.length} more`] : []), ''],
    produced: () => produced,
  };
}

describe('shortenText', () => {
  it('keeps short text and cuts long text with an ellipsis, never inside a surrogate pair', () => {
    expect(shortenText('a'.repeat(256))).toBe('a'.repeat(256));
    expect(shortenText('a'.repeat(257))).toBe(`${'a'.repeat(255)}…`);
    expect(shortenText('abcdef', 4)).toBe('abc…');
    expect(shortenText('ab😀def', 4)).toBe('ab…');
    expect(shortenText('😀😀😀', 5)).toBe('😀😀…');
  });
});

describe('fitParts', () => {
  it('gives every line, and no banner, when everything fits', () => {
    const parts = [['# Title', ''], { banner: ['> cut'] }, list('a', 3)];
    expect(fitParts(parts, 1000)).toEqual(['# Title', '', '## a', 'a0........', 'a1........', 'a2........', '']);
  });

  it('cuts lists to fit, shares the room fairly and says so', () => {
    const small = list('s', 3);
    const large = list('l', 1000);
    const out = fitParts([['# Title', ''], { banner: ['> cut'] }, small, large], 300);
    expect(linesLength(out)).toBeLessThanOrEqual(300);
    expect(out.slice(0, 3)).toEqual(['# Title', '', '> cut']);
    // The small list needs less than half the room: it is whole, and the large one has the rest.
    expect(out).toContain('s2........');
    expect(out).not.toContain('… and 0 more');
    const shown = out.filter((line) => line.startsWith('l')).length;
    expect(shown).toBeGreaterThan(5);
    expect(out).toContain(`… and ${1000 - shown} more`);
  });

  it('produces entries only while they could fit', () => {
    const huge = list('h', 10_000_000);
    const out = fitParts([huge], 500);
    expect(linesLength(out)).toBeLessThanOrEqual(500);
    expect(huge.produced()).toBeLessThan(100);
  });

  it('counts bytes of UTF-8, not characters', () => {
    const out = fitParts(
      [
        {
          count: 100,
          items: lazily(
            Array.from({ length: 100 }, (_, i) => i),
            (i) => `${'é'.repeat(20)}${i}`,
          ),
          block: (shown) => [...shown],
        },
      ],
      1000,
    );
    expect(Buffer.byteLength(out.join('\n'), 'utf8')).toBeLessThanOrEqual(1000);
    expect(out.length).toBeGreaterThan(10);
  });
});

describe('text from files in Markdown reports', () => {
  const long = 'x'.repeat(1000);

  it('long titles, owners and key results are shortened with an ellipsis', () => {
    const report = reportOf({
      'o.md': objective('o', { owner: `o${long}`, krs: [`{id: k, title: t${long}, done: false}`] }).replace('title: Objective o', `title: T${long}`),
    });
    const markdown = renderStatusMarkdown(report, { linkBase: null });
    expect(markdown).toContain(`T${'x'.repeat(254)}…`);
    expect(markdown).toContain(`t${'x'.repeat(254)}…`);
    expect(markdown).toContain(`o${'x'.repeat(254)}…`);
    expect(markdown).not.toContain('x'.repeat(256));
    expect(markdown).not.toContain('shortened to fit');
  });

  it('an objective measured by many aligned objectives names ten of them', () => {
    const files: Record<string, string> = { 'top.md': objective('top') };
    for (let i = 0; i < 12; i++) files[`c${i}.md`] = objective(`c${i}`, { parent: 'top', krs: ['{id: k' + i + ', title: K, done: true}'] });
    const markdown = renderStatusMarkdown(reportOf(files), { linkBase: null });
    expect(markdown).toContain('No key results of its own: progress is the mean of `c0`, `c1`, `c10`, `c11`, `c2`, `c3`, `c4`, `c5`, `c6`, `c7`, and 2 more.');
  });
});
