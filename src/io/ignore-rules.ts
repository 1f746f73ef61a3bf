/**
 * Which files and folders of a workspace okr does not read: those its `.gitignore` files ignore
 * (the workspace's own, nested ones included, each relative to its folder, and those of the folders
 * above it up to the repository's top) and those the config's `exclude:` globs match (gitignore
 * syntax, relative to the workspace root). The patterns are matched by the `ignore` package, the
 * gitignore matcher ESLint uses; this module only says which rules apply where.
 *
 * Not read: `.git/info/exclude` and git's global excludes file (`core.excludesFile`): they belong
 * to one clone, and every clone of a repository must count the same files.
 */
import ignore, { type Ignore } from 'ignore';

export const GITIGNORE = '.gitignore';

/** The most bytes a `.gitignore` may have; a larger one is not read (an `unreadable` problem). */
export const MAX_GITIGNORE_SIZE = 1024 * 1024;

/** One `.gitignore`'s rules: `dir` is its folder relative to the workspace root ('' the root), with `/`. */
interface RuleSet {
  dir: string;
  matcher: Ignore;
}

/** A `.gitignore` above the workspace root: `prefix` is the root's path relative to its folder, with `/` and a trailing `/`. */
export interface OuterIgnoreFile {
  prefix: string;
  text: string;
}

/**
 * The rules that apply in one folder of the workspace and below it. Immutable: `enter` gives the
 * rules of a subfolder. Paths are relative to the workspace root, with `/`; folders are tested
 * as folders (a pattern `drafts/` matches only a folder).
 */
export class IgnoreRules {
  private constructor(
    private readonly outer: readonly { prefix: string; matcher: Ignore }[],
    private readonly sets: readonly RuleSet[],
    private readonly exclude: Ignore | null,
  ) {}

  /**
   * The rules at the workspace root: `outer` are the `.gitignore` files above it, outermost first
   * (dropped when they ignore the workspace root itself: a workspace kept in an ignored folder is
   * still read), `exclude` the config's globs. The root's own `.gitignore` comes with `enter('', text)`.
   */
  static create(outer: readonly OuterIgnoreFile[], exclude: readonly string[]): IgnoreRules {
    let outerSets = outer.filter((file) => file.text.trim() !== '').map((file) => ({ prefix: file.prefix, matcher: ignore().add(file.text) }));
    if (decide(outerSets, (set) => set.matcher.test(set.prefix)) === true) outerSets = [];
    return new IgnoreRules(outerSets, [], exclude.length > 0 ? ignore().add([...exclude]) : null);
  }

  /** True when no rule applies anywhere: nothing needs testing. */
  get empty(): boolean {
    return this.outer.length === 0 && this.sets.length === 0 && this.exclude === null;
  }

  /** These rules with those of the `.gitignore` in folder `dir` (relative to the root, '' the root) added; `text` is its content. */
  enter(dir: string, text: string): IgnoreRules {
    if (text.trim() === '') return this;
    return new IgnoreRules(this.outer, [...this.sets, { dir, matcher: ignore().add(text) }], this.exclude);
  }

  /**
   * Whether `file` (relative to the workspace root, with `/`; a folder when `isDirectory`) is not
   * read. The folders above it are taken to be read (a caller never enters an ignored folder; see
   * isIgnoredPath otherwise). The deepest `.gitignore` with a matching pattern decides, as in git; an
   * `exclude:` match always excludes.
   */
  ignores(file: string, isDirectory: boolean): boolean {
    const tested = isDirectory ? `${file}/` : file;
    if (this.exclude?.ignores(tested)) return true;
    // One chain, outermost first, as git reads them: a deeper file's match overrides a shallower one's.
    const outer = decide(this.outer, (set) => set.matcher.test(set.prefix + tested));
    const inner = decide(this.sets, (set) => testBelow(set, tested));
    return inner ?? outer ?? false;
  }
}

/** The set's verdict on `tested`, a path relative to the workspace root; null when the path is not below its folder. */
function testBelow(set: RuleSet, tested: string): ReturnType<Ignore['test']> | null {
  if (set.dir === '') return set.matcher.test(tested);
  if (!tested.startsWith(`${set.dir}/`)) return null;
  return set.matcher.test(tested.slice(set.dir.length + 1));
}

/** The last verdict in `sets` (true: ignored, false: re-included with `!`), or null when no pattern matches. */
function decide<T>(sets: readonly T[], test: (set: T) => ReturnType<Ignore['test']> | null): boolean | null {
  let verdict: boolean | null = null;
  for (const set of sets) {
    const result = test(set);
    if (result?.ignored) verdict = true;
    else if (result?.unignored) verdict = false;
  }
  return verdict;
}

/**
 * Whether `file` (relative to the workspace root, with `/`) is not read once its folders are taken
 * into account: a file in an ignored folder is ignored whatever is said about it (git does not look
 * inside). `rulesIn(dir)` gives the rules in force in folder `dir` ('' the root); `cache` holds the
 * folders' verdicts between calls.
 */
export function isIgnoredPath(file: string, rulesIn: (dir: string) => IgnoreRules, cache: Map<string, boolean>): boolean {
  const parts = file.split('/');
  let dir = '';
  for (let i = 0; i < parts.length - 1; i++) {
    const child = dir === '' ? parts[i]! : `${dir}/${parts[i]}`;
    let ignored = cache.get(child);
    if (ignored === undefined) {
      ignored = rulesIn(dir).ignores(child, true);
      cache.set(child, ignored);
    }
    if (ignored) return true;
    dir = child;
  }
  return rulesIn(dir).ignores(file, false);
}
