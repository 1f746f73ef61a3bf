/**
 * Where GitHub's paths start: annotations name files relative to the repository root, which is not
 * the workspace root when the workspace is a subdirectory (e.g. `docs/okrs`).
 */
import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';

/** The nearest ancestor of `dir` (itself included) holding `.git` (a directory, or a file in worktrees and submodules), or null. */
export async function findRepositoryRoot(dir: string): Promise<string | null> {
  let current = path.resolve(dir);
  for (;;) {
    if (await lstat(path.join(current, '.git')).catch(() => null)) return current;
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

/**
 * The directory that annotation paths are relative to: `$GITHUB_WORKSPACE` (the checkout on a GitHub
 * runner) when the workspace is inside it, else the enclosing git repository, else `cwd`.
 */
export async function annotationBase(workspaceRoot: string, cwd: string, env: Record<string, string | undefined>): Promise<string> {
  const root = await real(workspaceRoot);
  const githubWorkspace = env.GITHUB_WORKSPACE;
  if (githubWorkspace) {
    const base = await real(path.resolve(cwd, githubWorkspace));
    if (isInside(root, base)) return base;
  }
  const repository = await findRepositoryRoot(root);
  return repository ?? (await real(cwd));
}

/** `workspace/file.md` relative to `base`, with `/`; absolute when the workspace is outside `base`. */
export async function pathMapper(workspaceRoot: string, base: string): Promise<(file: string) => string> {
  const root = await real(workspaceRoot);
  const prefix = prefixWithin(root, base);
  if (prefix === null) return (file) => path.join(root, file);
  return (file) => `${prefix}${file}`;
}

/** `docs/okrs/` for a workspace at base/docs/okrs, '' at base itself, null outside it. */
function prefixWithin(root: string, base: string): string | null {
  const relative = path.relative(base, root);
  if (isOutside(relative)) return null;
  return relative === '' ? '' : `${relative.split(path.sep).join('/')}/`;
}

function isInside(child: string, parent: string): boolean {
  return !isOutside(path.relative(parent, child));
}

function isOutside(relative: string): boolean {
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

async function real(dir: string): Promise<string> {
  return realpath(dir).catch(() => path.resolve(dir));
}

/**
 * `--link-base` names the repository root at a revision (e.g. `https://github.com/o/r/blob/<sha>`);
 * links to workspace files need the workspace's own place in the repository appended.
 */
export async function workspaceLinkBase(linkBase: string | undefined, workspaceRoot: string, cwd: string, env: Record<string, string | undefined>): Promise<string | null> {
  if (linkBase === undefined || linkBase === '') return null;
  const prefix = prefixWithin(await real(workspaceRoot), await annotationBase(workspaceRoot, cwd, env)) ?? '';
  return `${linkBase.replace(/\/+$/, '')}/${prefix}`;
}

/**
 * Names files in a `--dry-run` patch: a path under `workspaceRoot` becomes its path relative to the
 * enclosing git repository's top level (relative to the workspace root outside a repository), with
 * `/`, whatever the current directory, so that the patch applies with `git apply` and `patch -p1`
 * from there. A path outside the workspace (never passed by the edit commands) stays absolute.
 */
export async function patchPathMapper(workspaceRoot: string): Promise<(absolutePath: string) => string> {
  const root = await real(workspaceRoot);
  const prefix = prefixWithin(root, (await findRepositoryRoot(root)) ?? root) ?? '';
  const given = path.resolve(workspaceRoot);
  return (absolutePath) => {
    let relative = path.relative(given, absolutePath);
    if (isOutside(relative)) relative = path.relative(root, absolutePath);
    if (isOutside(relative)) return absolutePath.split(path.sep).join('/');
    return `${prefix}${relative.split(path.sep).join('/')}`;
  };
}
