/**
 * Values for `okr new`: from flags, else asked on a terminal. Without a terminal (CI, pipes) or with
 * --no-input nothing is asked: a missing required value is a usage error that names the flags.
 */
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import type { Prompter } from '../io/prompter.js';

export interface InputFlags {
  /** False with --no-input. */
  input?: boolean;
}

export function isInteractive(context: CommandContext, flags: InputFlags): boolean {
  return flags.input !== false && context.stdinIsTTY && Boolean(context.stdout.isTTY);
}

/** Throws when asking is not possible and required values are missing. `missing` lists flags or arguments. */
export function requireValues(interactive: boolean, command: string, missing: readonly (string | false | undefined)[]): void {
  const names = missing.filter((name): name is string => typeof name === 'string');
  if (interactive || names.length === 0) return;
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  throw new UsageError(
    `missing ${list}: okr asks for ${names.length === 1 ? 'it' : 'them'} only on a terminal, so pass ${names.length === 1 ? 'it' : 'them'} on the command line (see ${command} --help)`,
  );
}

/** A single line of text that is not blank: the error to show, or null. */
export function checkLine(what: string, value: string): string | null {
  if (value.trim() === '') return `${what} must not be empty`;
  if (/[\r\n]/.test(value)) return `${what} must be a single line`;
  return null;
}

export function checkedLine(what: string, flag: string, value: string): string {
  const problem = checkLine(what, value);
  if (problem) throw new UsageError(`${flag}: ${problem}`);
  return value.trim();
}

export async function askLine(prompter: Prompter, message: string, what: string, fallback?: string): Promise<string> {
  const answer = await prompter.text({ message, default: fallback, validate: (value) => checkLine(what, value) });
  return answer.trim();
}

/** An optional answer: blank means none. */
export async function askOptional(prompter: Prompter, message: string): Promise<string | undefined> {
  const answer = (await prompter.text({ message: `${message} (optional, Enter to skip)`, validate: (value) => (/[\r\n]/.test(value) ? 'must be a single line' : null) })).trim();
  return answer === '' ? undefined : answer;
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return NUMBER.test(trimmed) && Number.isFinite(value) ? value : null;
}

export function numberFlag(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = parseNumber(text);
  if (value === null) throw new UsageError(`${flag} expects a number, got "${text}"`);
  return value;
}

export async function askNumber(prompter: Prompter, message: string, check?: (value: number) => string | null): Promise<number> {
  const answer = await prompter.text({
    message,
    validate: (value) => {
      const number = parseNumber(value);
      if (number === null) return 'enter a number, such as 35 or 2.5';
      return check?.(number) ?? null;
    },
  });
  return parseNumber(answer)!;
}
