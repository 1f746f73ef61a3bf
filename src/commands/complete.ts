/**
 * `okr __complete <shell> -- <words...>` (hidden): what the shell scripts of `okr completion` call
 * on Tab. `words` are the words after `okr`, the last one being the word under the cursor (empty
 * after a space). Prints the candidates for it, one a line: subcommands, options and the choices of
 * their values, all read from commander's definition of the command line, and objective or key
 * result ids of the workspace where a command takes one. Prints nothing where a file name fits (the
 * scripts then complete file names), and nothing at all on any error: it never fails the shell.
 */
import type { Argument, Command, Option } from 'commander';
import type { CommandContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import type { CompletionShell } from '../options.js';

type IdKind = 'objective' | 'kr';

export async function runComplete(shell: CompletionShell, words: readonly string[], program: Command, context: CommandContext): Promise<ExitCode> {
  try {
    const candidates = await complete(shell, words, program, context);
    if (candidates.length > 0) context.stdout.write(`${candidates.join('\n')}\n`);
  } catch {
    // Completion offers what it can; a workspace that does not load offers no ids.
  }
  return ExitCode.OK;
}

async function complete(shell: CompletionShell, words: readonly string[], program: Command, context: CommandContext): Promise<string[]> {
  const tokens = joinEquals(words);
  const current = tokens.pop() ?? '';
  let command = program;
  let positional = 0;
  let pending: Option | null = null;
  let dir: string | undefined;
  let operandsOnly = false;
  for (const token of tokens) {
    if (pending) {
      if (pending.long === '--dir') dir = token;
      pending = null;
    } else if (token === '--') {
      operandsOnly = true;
    } else if (token.startsWith('-') && !operandsOnly) {
      const equals = token.indexOf('=');
      const option = findOption(command, equals === -1 ? token : token.slice(0, equals));
      if (option?.long === '--dir' && equals !== -1) dir = token.slice(equals + 1);
      if (option?.required && equals === -1) pending = option;
    } else {
      const sub = positional === 0 ? command.commands.find((c) => c.name() === token || c.aliases().includes(token)) : undefined;
      if (sub) command = sub;
      else positional += 1;
    }
  }
  const ids = (kind: IdKind | null) => (kind ? workspaceIds(kind, dir, context) : Promise.resolve([]));
  if (pending) return matching(await valuesOf(pending, ids), current);
  if (current.startsWith('--') && current.includes('=') && !operandsOnly) {
    const name = current.slice(0, current.indexOf('='));
    const option = findOption(command, name);
    if (!option?.required) return [];
    // bash completes the part after "=" (COMP_WORDBREAKS); zsh and fish the whole word.
    const prefix = shell === 'bash' ? '' : `${name}=`;
    return matching(await valuesOf(option, ids), current.slice(name.length + 1)).map((value) => prefix + value);
  }
  if (current.startsWith('-') && !operandsOnly) return matching(optionNames(command), current);
  const subcommands = command.createHelp().visibleCommands(command);
  // `okr help <command>` (commander's own help command) takes the names of the others.
  if (subcommands.length > 0 && (positional === 0 || (positional === 1 && tokens.includes('help')))) {
    return matching(
      subcommands.map((c) => c.name()).filter((name) => positional === 0 || name !== 'help'),
      current,
    );
  }
  if (subcommands.length > 0 && command.registeredArguments.length === 0) return []; // after an unknown command
  const argument = argumentAt(command.registeredArguments, positional);
  if (!argument) return operandsOnly ? [] : matching(optionNames(command), current);
  if (argument.argChoices) return matching(argument.argChoices, current);
  return matching(await ids(idKindOf(argument.name(), null)), current);
}

/** bash splits `--format=json` into `--format`, `=`, `json`: the words as typed. */
function joinEquals(words: readonly string[]): string[] {
  const tokens: string[] = [];
  let joining = false;
  for (const word of words) {
    const last = tokens.length - 1;
    if (word === '=' && last >= 0 && tokens[last]?.startsWith('--') && !tokens[last]?.includes('=')) {
      tokens[last] += '=';
      joining = true;
    } else if (joining) {
      tokens[last] += word;
      joining = false;
    } else {
      tokens.push(word);
    }
  }
  return tokens;
}

/** The command's options and the global ones, as `okr <command> --help` lists them. */
function visibleOptions(command: Command): Option[] {
  const help = command.createHelp();
  return [...help.visibleOptions(command), ...(command.parent ? help.visibleGlobalOptions(command) : [])];
}

function optionNames(command: Command): string[] {
  return visibleOptions(command)
    .map((option) => option.long ?? option.short)
    .filter((name): name is string => name !== undefined && !(command.parent !== null && name === '--version'));
}

function findOption(command: Command, name: string): Option | undefined {
  return visibleOptions(command).find((option) => option.long === name || option.short === name);
}

function argumentAt(list: readonly Argument[], index: number): Argument | undefined {
  const last = list[list.length - 1];
  return list[index] ?? (last?.variadic ? last : undefined);
}

async function valuesOf(option: Option, ids: (kind: IdKind | null) => Promise<string[]>): Promise<string[]> {
  if (option.argChoices) return option.argChoices;
  const placeholder = /[<[]([^>\]]+)[>\]]/.exec(option.flags)?.[1] ?? '';
  return ids(idKindOf(placeholder, option.long ?? null));
}

/** Which ids a value takes, by its name in the definition: `<kr-id>` or `--kr`, `<objective-id>`. */
function idKindOf(valueName: string, optionName: string | null): IdKind | null {
  if (valueName === 'kr-id' || optionName === '--kr') return 'kr';
  if (valueName === 'objective-id') return 'objective';
  return null;
}

async function workspaceIds(kind: IdKind, dir: string | undefined, context: CommandContext): Promise<string[]> {
  const { resolveWorkspaceRoot } = await import('./shared.js');
  const { loadWorkspace } = await import('../io/load-workspace.js');
  const root = await resolveWorkspaceRoot(dir, context);
  const { model } = await loadWorkspace(root, { ...context.load, warn: () => undefined, taskItems: false });
  return Array.from((kind === 'kr' ? model.keyResultsById : model.objectivesById).keys()).sort();
}

function matching(candidates: readonly string[], prefix: string): string[] {
  return candidates.filter((candidate) => candidate.startsWith(prefix));
}
