/**
 * Lint of a key result's `checkins:` list: the history must explain the number. Warnings only (a
 * check-in never feeds progress, `current` or `done` does):
 * - `checkin-not-current`: `current` (a metric; `start` when it has none) or `done` (a milestone)
 *   differs from the value of the latest check-in (the greatest date; the last in the list among
 *   equal dates), at `current`/`done` (at `checkins` when the metric has no `current`);
 * - `checkins-out-of-order`: an entry dated before one above it, at the first such entry's date;
 * - `checkin-outside-period`: an entry dated outside the objective's period, at its date;
 * - `checkin-value-kind`: true/false checked in on a metric, or a number on a milestone, at its
 *   value; such an entry is left out when finding the latest.
 * Key results measured by tasks have no value: their check-ins are not checked.
 * Pure: a check-in dated after today is refused by `okr checkin`, not reported here (parsing has no today).
 */
import { checkinDate, firstCheckinOutOfOrder, latestCheckinIndex } from '../model/checkins.js';
import type { Period } from '../model/period.js';
import type { Location } from '../model/problem.js';
import type { RuleId, SeverityOf } from '../model/rules.js';
import type { Measure } from '../model/types.js';
import type { KeyResultData } from './schema.js';
import type { PathSegment } from './yaml.js';

type Locate = (path: readonly PathSegment[], at?: 'key' | 'value') => Location;
type Report = <R extends RuleId>(at: Location, severity: SeverityOf<R>, rule: R, message: string) => void;

/**
 * Reports the check-in warnings above for the key result `kr` (schema-valid data) at `path` in the
 * front-matter (`['key_results', index]`), measured by `measure`, of an objective running over
 * `period`. `locate` turns a front-matter path into file:line:column; `report` records a problem.
 */
export function checkCheckins(kr: KeyResultData, measure: Measure, period: Period, path: readonly PathSegment[], locate: Locate, report: Report): void {
  const entries = kr.checkins ?? [];
  if (entries.length === 0 || measure.kind === 'tasks' || measure.kind === 'rollup') return;
  const at = (index: number, key: string) => locate([...path, 'checkins', index, key]);
  const fits = (entry: unknown) => typeof (entry as { value: unknown }).value === (measure.kind === 'milestone' ? 'boolean' : 'number');

  entries.forEach((entry, index) => {
    const date = checkinDate(entry);
    if (date !== null && (date < period.start || date > period.end)) {
      report(
        at(index, 'date'),
        'warning',
        'checkin-outside-period',
        `key result "${kr.id}": the check-in of ${date} is outside the objective's period ${period.label} (${period.start} to ${period.end}): check its date`,
      );
    }
    if (!fits(entry)) {
      const wanted = measure.kind === 'milestone' ? 'a milestone: check in true or false' : `a ${measure.kind}: check in a number`;
      report(
        at(index, 'value'),
        'warning',
        'checkin-value-kind',
        `key result "${kr.id}": the check-in of ${String(date)} has the value ${String(entry.value)}, but the key result is ${wanted}`,
      );
    }
  });

  const outOfOrder = firstCheckinOutOfOrder(entries);
  if (outOfOrder) {
    const date = checkinDate(entries[outOfOrder.index]);
    report(
      at(outOfOrder.index, 'date'),
      'warning',
      'checkins-out-of-order',
      `key result "${kr.id}": the check-in of ${String(date)} comes after one of ${outOfOrder.after}: keep check-ins in date order, oldest first`,
    );
  }

  const latest = entries[latestCheckinIndex(entries, fits)];
  if (!latest) return;
  if (measure.kind === 'milestone') {
    if (latest.value !== measure.done) {
      report(
        locate([...path, 'done']),
        'warning',
        'checkin-not-current',
        `key result "${kr.id}": done is ${String(measure.done)}, but the latest check-in (${latest.date}) says ${String(latest.value)}: set "done: ${String(latest.value)}", or check in ${String(measure.done)}`,
      );
    }
    return;
  }
  if (latest.value === measure.current) return;
  const value = String(latest.value);
  const message =
    kr.current === undefined && measure.kind === 'metric'
      ? `key result "${kr.id}" has no "current" (so it counts as its start, ${measure.start}), but the latest check-in (${latest.date}) says ${value}: set "current: ${value}"`
      : `key result "${kr.id}": current is ${measure.current}, but the latest check-in (${latest.date}) says ${value}: set "current: ${value}", or check in ${measure.current}`;
  report(kr.current === undefined ? locate([...path, 'checkins'], 'key') : locate([...path, 'current']), 'warning', 'checkin-not-current', message);
}
