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
  [WRITE_AS](kind: OutputKind, text: string): unknown;
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
    ...(stream.once && stream.off
      ? {
          once: (event: 'drain' | 'close' | 'error', listener: () => void) => stream.once!(event, listener),
          off: (event: 'drain' | 'close' | 'error', listener: () => void) => stream.off!(event, listener),
        }
      : {}),
    [WRITE_AS](kind, text) {
      if (kind === 'text') return guarded.write(text);
      const exact = kind === 'json' ? neutralizeJson(text) : kind === 'patch' && options.githubActions ? neutralizeWorkflowCommands(text) : text;
      const accepted = stream.write(exact);
      commands.reset(exact === '' || /[\r\n]$/.test(exact));
      return accepted;
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
 * do) the text is written as it is. Returns what the stream's `write` returned (`false`: queued).
 */
export function writeAs(stream: OutputStream, kind: OutputKind, text: string): unknown {
  if (isGuarded(stream)) return stream[WRITE_AS](kind, text);
  return stream.write(text);
}

/** The most text gathered before one write of writePiecesAs. */
const PIECES_CHARS = 64 * 1024;

/**
 * Writes output of a kind given in pieces (see writeAs), gathered into writes of about 64 kB, each
 * after the stream has taken the one before (a pipe read slowly queues writes: waiting for `drain`
 * keeps a long output from piling up in memory). For `json`, pieces must split the text between
 * JSON values (as jsonPieces does), never inside a string.
 */
export async function writePiecesAs(stream: OutputStream, kind: OutputKind, pieces: Iterable<string>): Promise<void> {
  let gathered = '';
  for (const piece of pieces) {
    gathered += piece;
    if (gathered.length >= PIECES_CHARS) {
      const accepted = writeAs(stream, kind, gathered);
      gathered = '';
      if (accepted === false) await drained(stream);
    }
  }
  if (gathered !== '') writeAs(stream, kind, gathered);
}

/** Resolves once `stream` has emptied its queue (`drain`), or closed or failed; at once for a stream without events. */
function drained(stream: OutputStream): Promise<void> {
  if (!stream.once || !stream.off) return Promise.resolve();
  return new Promise((resolve) => {
    const events = ['drain', 'close', 'error'] as const;
    const done = () => {
      for (const event of events) stream.off!(event, done);
      resolve();
    };
    for (const event of events) stream.once!(event, done);
  });
}

function isGuarded(stream: OutputStream): stream is GuardedStream {
  return WRITE_AS in stream;
}
