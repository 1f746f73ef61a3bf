/**
 * The one place output leaves okr. The command line wraps stdout and stderr (`guardOutput`), so that
 * everything a command writes with `write` is human-readable text: control characters and
 * bidirectional controls are shown escaped (okr's colours pass) and no line can be read by GitHub
 * Actions as a workflow command. Machine-readable output says so with `writeAs`: JSON keeps its data
 * exactly, `--format github` is written as is (it is the only place real workflow commands come
 * from), and a `--dry-run` patch in a pipe keeps the file's bytes (outside GitHub Actions).
 */
import type { CommandContext, OutputStream } from './context.js';
import { neutralizeWorkflowCommands, neutralizeJson, sanitizeOutput, WorkflowCommandGuard } from './safe-text.js';

/**
 * - `text`: human-readable, as `write`;
 * - `json`: JSON text; the same data, with `##[` written `##\u005b`;
 * - `workflow-commands`: GitHub workflow commands, escaped by their renderer, written as they are;
 * - `patch`: a unified diff of a file's bytes, exact except under GitHub Actions, where its lines
 *   are neutralised as text is (the log reads commands from them).
 */
export type OutputKind = 'text' | 'json' | 'workflow-commands' | 'patch';

const WRITE_AS = Symbol('okr.writeAs');

interface GuardedStream extends OutputStream {
  [WRITE_AS](kind: OutputKind, text: string): void;
}

export interface GuardOptions {
  /** True under GitHub Actions (`GITHUB_ACTIONS=true`). */
  githubActions: boolean;
}

/** Whether an environment is a GitHub Actions job. */
export function isGithubActions(env: Record<string, string | undefined>): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

/** Wraps a stream so that `write` takes human-readable text only (see the module comment). */
export function guardOutput(stream: OutputStream, options: GuardOptions): OutputStream {
  if (isGuarded(stream)) return stream;
  const commands = new WorkflowCommandGuard();
  const guarded: GuardedStream = {
    write: (text: string) => stream.write(commands.write(sanitizeOutput(text))),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
    [WRITE_AS](kind, text) {
      if (kind === 'text') {
        guarded.write(text);
        return;
      }
      const exact = kind === 'json' ? neutralizeJson(text) : kind === 'patch' && options.githubActions ? neutralizeWorkflowCommands(text) : text;
      stream.write(exact);
      commands.reset(exact === '' || /[\r\n]$/.test(exact));
    },
  };
  return guarded;
}

/** A command context whose stdout and stderr are guarded. */
export function guardContext(context: CommandContext): CommandContext {
  const options = { githubActions: isGithubActions(context.env) };
  return { ...context, stdout: guardOutput(context.stdout, options), stderr: guardOutput(context.stderr, options) };
}

/**
 * Writes output of a kind. On a stream that is not guarded (a command run directly, as some tests
 * do) the text is written as it is.
 */
export function writeAs(stream: OutputStream, kind: OutputKind, text: string): void {
  if (isGuarded(stream)) stream[WRITE_AS](kind, text);
  else stream.write(text);
}

/** The most text gathered before one write of writePiecesAs. */
const PIECES_CHARS = 64 * 1024;

/**
 * Writes output of a kind given in pieces (see writeAs), gathered into writes of about 64 kB: a
 * long output is never held whole. For `json`, pieces must split the text between JSON values (as
 * jsonPieces does), never inside a string.
 */
export function writePiecesAs(stream: OutputStream, kind: OutputKind, pieces: Iterable<string>): void {
  let gathered = '';
  for (const piece of pieces) {
    gathered += piece;
    if (gathered.length >= PIECES_CHARS) {
      writeAs(stream, kind, gathered);
      gathered = '';
    }
  }
  if (gathered !== '') writeAs(stream, kind, gathered);
}

function isGuarded(stream: OutputStream): stream is GuardedStream {
  return WRITE_AS in stream;
}
