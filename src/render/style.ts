/** Colour for terminal output. The text says everything without it; colour only helps the eye. */
import type { ChalkInstance } from 'chalk';
import type { ReportStatus } from '../compute/report.js';

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  status(status: ReportStatus, text: string): string;
  error(text: string): string;
  warning(text: string): string;
}

const same = (text: string) => text;

/** No colour: the text as it is. */
export const plainStyle: Style = { bold: same, dim: same, status: (_status, text) => text, error: same, warning: same };

/** Colour at `colorLevel`; chalk is loaded only when there is colour (start-up time). */
export async function createStyle(colorLevel: 0 | 1 | 2 | 3): Promise<Style> {
  if (colorLevel === 0) return plainStyle;
  const { Chalk } = await import('chalk');
  const chalk: ChalkInstance = new Chalk({ level: colorLevel });
  const byStatus: Record<ReportStatus, ChalkInstance> = {
    invalid: chalk.magenta,
    done: chalk.green,
    'on-track': chalk.green,
    'at-risk': chalk.yellow,
    'off-track': chalk.red,
    upcoming: chalk.blue,
  };
  return {
    bold: (text) => chalk.bold(text),
    dim: (text) => chalk.dim(text),
    status: (status, text) => byStatus[status](text),
    error: (text) => chalk.red(text),
    warning: (text) => chalk.yellow(text),
  };
}

/**
 * Colour level for a stream: off with NO_COLOR (any non-empty value), forced with FORCE_COLOR,
 * else on only for a terminal that is not "dumb".
 */
export function detectColorLevel(isTTY: boolean, env: Record<string, string | undefined>): 0 | 1 | 2 | 3 {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2') return 2;
    if (force === '3') return 3;
    return 1;
  }
  if (!isTTY || env.TERM === 'dumb') return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  if (/-256(color)?$/i.test(env.TERM ?? '')) return 2;
  return 1;
}
