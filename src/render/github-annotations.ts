/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`): GitHub shows
 * each one as an annotation on the pull request's diff, at the file and line it names.
 * Escaping follows the Actions toolkit: in data `%`, CR and LF; in properties also `:` and `,`.
 */
import type { Problem } from '../core/problem.js';

export interface GithubOptions {
  /** Maps a workspace path to the path GitHub knows, relative to the repository root. */
  repositoryPath: (file: string) => string;
}

export function renderGithubAnnotations(problems: readonly Problem[], options: GithubOptions): string {
  return problems.map((p) => `${githubAnnotation(p, options)}\n`).join('');
}

export function githubAnnotation(p: Problem, options: GithubOptions): string {
  const properties = [
    `file=${escapeProperty(options.repositoryPath(p.file))}`,
    `line=${p.line}`,
    `col=${p.column}`,
    `title=${escapeProperty(`okr: ${p.rule}`)}`,
  ].join(',');
  return `::${p.severity === 'error' ? 'error' : 'warning'} ${properties}::${escapeData(p.message)}`;
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
