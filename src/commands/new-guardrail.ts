/** `okr new kr --keep-above <n> | --keep-below <n> --current <n>`: the guardrail flags of `okr new kr`. */
import type { NewKeyResult } from '../edit/key-results.js';
import { formatYamlScalar } from '../parse/yaml.js';
import { UsageError } from '../errors.js';
import type { MeasureKind } from '../options.js';
import { numberFlag } from './ask.js';

export interface GuardrailFlags {
  keepAbove?: string;
  keepBelow?: string;
}

/**
 * The bound `okr new kr` writes for a guardrail (`['keep_above', 99.9]`), or null when it adds
 * none. Throws a UsageError for both bounds, a bound with another `--measure` or with `--start` or
 * `--target`, `--measure guardrail` without a bound or without `--current`, and a bound that is not
 * a number.
 */
export function guardrailBound(options: GuardrailFlags & { measure?: MeasureKind; start?: string; target?: string; current?: string }): [string, number] | null {
  const { keepAbove, keepBelow } = options;
  if (keepAbove !== undefined && keepBelow !== undefined) throw new UsageError('give --keep-above or --keep-below, not both: a guardrail holds one bound');
  const given = keepAbove !== undefined ? '--keep-above' : keepBelow !== undefined ? '--keep-below' : null;
  if (given === null) {
    if (options.measure === 'guardrail') throw new UsageError('--measure guardrail needs --keep-above <n> or --keep-below <n>, and --current <n>');
    return null;
  }
  if (options.measure !== undefined && options.measure !== 'guardrail') throw new UsageError(`${given} is for a guardrail, not --measure ${options.measure}`);
  if (options.start !== undefined || options.target !== undefined) throw new UsageError(`${given} makes a guardrail, which has no --start or --target: give --current`);
  if (options.current === undefined) throw new UsageError(`a guardrail needs --current: the value it holds now`);
  return [given === '--keep-above' ? 'keep_above' : 'keep_below', numberFlag(given, keepAbove ?? keepBelow)!];
}

/** Adds the bound to the key result's entry, after the keys the template wrote. */
export function addBound(entry: NewKeyResult, [key, value]: [string, number]): void {
  entry.lines.push(`${key}: ${formatYamlScalar(value, 'block')}`);
  entry.data[key] = value;
}
