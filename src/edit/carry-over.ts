/**
 * Carry-over (`okr new objective --from <id> --period <p>`): which key results of an objective
 * move on to the next period, and what each starts from. Pure: the command renders and writes.
 */
import { linkedTasksOf, type KeyResult, type LinkedTask, type Objective } from '../model/link.js';
import type { KeyResultProgress } from '../compute/progress.js';
import type { TemplateValue } from './template.js';

/** One key result carried into the new objective. */
export interface CarriedKeyResult {
  /** The key result it continues. */
  from: KeyResult;
  /** Its new id. */
  id: string;
  /** Values for the `key-result.yaml` template (`id`, `title`, `owner`, `start`, `target`, `current`, `unit`, `done`, `weight`). */
  values: Record<string, TemplateValue>;
  /** Keys the template does not hold, written after it in this order (a guardrail's bound). */
  extra: [string, number][];
  /** Task-measured: the text of its open and in-progress task items, to go into a new task file (may be empty). */
  openTasks: string[] | null;
}

/** A key result not carried, and why (`done`, `invalid`, `rollup`). */
export interface LeftKeyResult {
  from: KeyResult;
  why: 'done' | 'invalid' | 'rollup';
}

export interface CarryOverPlan {
  carried: CarriedKeyResult[];
  left: LeftKeyResult[];
}

/**
 * What of `objective` carries over: every valid key result whose progress (from `progress`,
 * fractions 0..1) is below 1, with a new id from `newId(old id)`. A metric starts where it ended
 * (`start` and `current` the old `current`, the same `target`); a milestone not reached starts
 * again not done; a guardrail keeps its bound and `current` (it is never done, so it is always
 * carried); a task-measured key result carries the text of its open and in-progress task items
 * (`<!-- kr: ... -->` links taken out): as written on the item's line, from `sourceLine` (the
 * file's line, or null when it cannot be read), else the item's plain text. Roll-ups are left (their contributors are of the old
 * period), as are invalid and done key results. `contributes_to` is not carried. Never throws.
 */
export function planCarryOver(
  objective: Objective,
  progress: ReadonlyMap<KeyResult, KeyResultProgress>,
  newId: (oldId: string) => string,
  sourceLine: (task: LinkedTask) => string | null = () => null,
): CarryOverPlan {
  const plan: CarryOverPlan = { carried: [], left: [] };
  for (const kr of objective.keyResults) {
    const measure = kr.measure;
    const value = progress.get(kr)?.progress ?? null;
    if (kr.invalid !== null || measure === null || kr.id === null || kr.title === null) {
      plan.left.push({ from: kr, why: 'invalid' });
      continue;
    }
    if (measure.kind === 'rollup') {
      plan.left.push({ from: kr, why: 'rollup' });
      continue;
    }
    if (measure.kind !== 'guardrail' && value !== null && value >= 1) {
      plan.left.push({ from: kr, why: 'done' });
      continue;
    }
    const values: Record<string, TemplateValue> = {
      id: newId(kr.id),
      title: kr.title,
      owner: kr.owner,
      start: undefined,
      target: undefined,
      current: undefined,
      unit: undefined,
      done: undefined,
      weight: kr.weight === 1 ? undefined : kr.weight,
    };
    const extra: [string, number][] = [];
    let openTasks: string[] | null = null;
    switch (measure.kind) {
      case 'metric':
        Object.assign(values, { start: measure.current, target: measure.target, current: measure.current, unit: measure.unit ?? undefined });
        break;
      case 'milestone':
        values.done = false;
        break;
      case 'guardrail':
        Object.assign(values, { current: measure.current, unit: measure.unit ?? undefined });
        extra.push(measure.keepAbove !== null ? ['keep_above', measure.keepAbove] : ['keep_below', measure.keepBelow!]);
        break;
      case 'tasks':
        openTasks = linkedTasksOf(kr)
          .filter((task) => task.state === 'open' || task.state === 'in-progress')
          .map((task) => itemText(task, sourceLine(task)));
        break;
    }
    plan.carried.push({ from: kr, id: values.id as string, values, extra, openTasks });
  }
  return plan;
}

/** A list item's line: markers of block quotes and the list, the task box, then its text. */
const ITEM_LINE = /^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX/-]\][ \t]+(.*)$/;

/** A task item's text as written on its line (else its plain text), without `<!-- kr: ... -->` link comments. */
function itemText(task: LinkedTask, line: string | null): string {
  const written = line === null ? null : (ITEM_LINE.exec(line)?.[1] ?? null);
  const text = (written ?? task.text).replace(/\s*<!--\s*kr:[^>]*-->/g, '').trim();
  return text === '' ? task.text : text;
}
