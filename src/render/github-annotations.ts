/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`): GitHub shows
 * each one as an annotation on the pull request's diff, at the file and line it names.
 * Escaping follows the Actions toolkit: in data `%`, CR and LF; in properties also `:` and `,`, so
 * that no value can end a command or start another. Control and bidirectional characters in names
 * and messages are shown escaped (`sanitizeForTerminal`), as everywhere else: the log is often read
 * on a terminal too.
 */
import type { Problem } from '../model/problem.js';
import { sanitizeForTerminal } from '../safe-text.js';

export interface GithubOptions {
  /** Maps a workspace path to the path GitHub knows, relative to the repository root. */
  repositoryPath: (file: string) => string;
}

/** One workflow command per problem, each on its own line. */
export function renderGithubAnnotations(problems: readonly Problem[], options: GithubOptions): string {
  return problems.map((p) => `${githubAnnotation(p, options)}\n`).join('');
}

/** `::error file=…,line=…,col=…,title=okr: <rule>::<message>` (or `::warning`), without a line break. */
export function githubAnnotation(p: Problem, options: GithubOptions): string {
  const properties = [
    `file=${escapeProperty(sanitizeForTerminal(options.repositoryPath(p.file)))}`,
    `line=${p.line}`,
    `col=${p.column}`,
    `title=${escapeProperty(`okr: ${p.rule}`)}`,
  ].join(',');
  return `::${p.severity === 'error' ? 'error' : 'warning'} ${properties}::${escapeData(sanitizeForTerminal(p.message))}`;
}

/** Escapes workflow command data: `%`, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command property: as data, and `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
