/**
 * Questions on a terminal, through @inquirer/prompts (loaded only when a question is asked).
 * Commands ask only when both stdin and stdout are terminals; every question has a flag.
 */
import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { sanitizeLine } from '../safe-text.js';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

export interface TextQuestion {
  message: string;
  default?: string;
  /** Returns an error to show, or null when the answer is acceptable. */
  validate?: (value: string) => string | null;
}

export interface Prompter {
  text(question: TextQuestion): Promise<string>;
  select<T>(question: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
}

export interface PromptStreams {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

export function terminalPrompter(streams: PromptStreams = {}): Prompter {
  const context = { input: streams.input, output: streams.output, clearPromptOnDone: false };
  return {
    async text(question) {
      const { input } = await import('@inquirer/prompts');
      return cancellable(() =>
        input(
          {
            message: question.message,
            default: question.default,
            validate: (value: string) => question.validate?.(value) ?? true,
          },
          context,
        ),
      );
    },
    async select<T>(question: { message: string; choices: Choice<T>[]; default?: T }) {
      const { select } = await import('@inquirer/prompts');
      // Choices name things from files (titles, paths): shown escaped, never obeyed by the terminal.
      const choices = question.choices.map((choice) => ({
        ...choice,
        name: sanitizeLine(choice.name),
        ...(choice.description === undefined ? {} : { description: sanitizeLine(choice.description) }),
      }));
      return cancellable(() => select<T>({ message: question.message, choices, default: question.default }, context));
    },
  };
}

async function cancellable<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError' || error.name === 'CancelPromptError')) {
      throw new UserError('cancelled: nothing written', ExitCode.CANCELLED);
    }
    throw error;
  }
}
