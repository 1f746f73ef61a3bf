/** Which rules apply where: nested .gitignore files, the ones above the workspace, and exclude: globs. */
import { describe, expect, it } from 'vitest';
import { IgnoreRules, isIgnoredPath } from '../../src/io/ignore-rules.js';

/** isIgnoredPath over rules given as `.gitignore` texts by folder ('' the root). */
function ignoredBy(gitignores: Record<string, string>, options: { exclude?: string[]; outer?: { prefix: string; text: string }[] } = {}) {
  const root = IgnoreRules.create(options.outer ?? [], options.exclude ?? []);
  const cache = new Map<string, IgnoreRules>();
  const rulesIn = (dir: string): IgnoreRules => {
    let rules = cache.get(dir);
    if (!rules) {
      const parent = dir === '' ? root : rulesIn(dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '');
      const text = gitignores[dir];
      rules = text === undefined ? parent : parent.enter(dir, text);
      cache.set(dir, rules);
    }
    return rules;
  };
  const folders = new Map<string, boolean>();
  return (file: string) => isIgnoredPath(file, rulesIn, folders);
}

describe('IgnoreRules', () => {
  it('has nothing to test without rules', () => {
    expect(IgnoreRules.create([], []).empty).toBe(true);
    expect(IgnoreRules.create([], ['drafts/']).empty).toBe(false);
    expect(IgnoreRules.create([], []).enter('', '# only a comment\n\n').empty).toBe(false);
  });

  it('reads a nested .gitignore relative to its own folder', () => {
    const ignored = ignoredBy({ team: '/notes.md\n*.tmp.md\n' });
    expect(ignored('team/notes.md')).toBe(true);
    expect(ignored('team/sub/notes.md')).toBe(false); // anchored to team/
    expect(ignored('notes.md')).toBe(false); // not below team/
    expect(ignored('team/sub/x.tmp.md')).toBe(true);
    expect(ignored('x.tmp.md')).toBe(false);
  });

  it('lets a deeper .gitignore re-include what a shallower one ignores, as git does', () => {
    const ignored = ignoredBy({ '': '*.draft.md\n', team: '!keep.draft.md\n' });
    expect(ignored('a.draft.md')).toBe(true);
    expect(ignored('team/a.draft.md')).toBe(true);
    expect(ignored('team/keep.draft.md')).toBe(false);
  });

  it('never re-includes a file inside an ignored folder', () => {
    const ignored = ignoredBy({ '': 'archive/\n!archive/keep.md\n' });
    expect(ignored('archive/keep.md')).toBe(true);
    expect(ignored('archive/old/x.md')).toBe(true);
  });

  it('matches a pattern ending in / only to folders', () => {
    const rules = IgnoreRules.create([], []).enter('', 'drafts/\n');
    expect(rules.ignores('drafts', true)).toBe(true);
    expect(rules.ignores('drafts', false)).toBe(false);
    expect(rules.ignores('team/drafts', true)).toBe(true);
  });

  it('applies exclude: globs from the workspace root, and no .gitignore negation brings an excluded file back', () => {
    const ignored = ignoredBy({ '': '!private/keep.md\n' }, { exclude: ['/private/', '**/*.wip.md', 'README.md'] });
    expect(ignored('private/keep.md')).toBe(true);
    expect(ignored('team/private/x.md')).toBe(false); // anchored with a leading /
    expect(ignored('team/deep/plan.wip.md')).toBe(true);
    expect(ignored('team/README.md')).toBe(true); // no slash: at any depth, as in gitignore
    expect(ignored('team/plan.md')).toBe(false);
  });

  it('applies the .gitignore files above the workspace to its paths, below those of the workspace', () => {
    // The workspace is docs/okrs/ in the repository; the repository's .gitignore says /docs/okrs/scratch/ and *.local.md.
    const outer = [{ prefix: 'docs/okrs/', text: '/docs/okrs/scratch/\n*.local.md\n' }];
    const ignored = ignoredBy({ '': '!mine.local.md\n' }, { outer });
    expect(ignored('scratch/a.md')).toBe(true);
    expect(ignored('team/scratch/a.md')).toBe(false);
    expect(ignored('b.local.md')).toBe(true);
    expect(ignored('mine.local.md')).toBe(false); // the workspace's own .gitignore is deeper: it wins
  });

  it('drops the rules above a workspace that they ignore as a whole', () => {
    const ignored = ignoredBy({}, { outer: [{ prefix: 'scratch/okrs/', text: 'scratch/\n*.md\n' }] });
    expect(ignored('objectives/a.md')).toBe(false);
  });
});
