/** What `okr close` refuses before it asks or writes anything. */
import { overlaps } from '../compute/period.js';
import type { ScoreReport } from '../compute/score-report.js';
import type { WorkspaceModel } from '../model/link.js';
import type { Period } from '../model/period.js';
import { UserError } from '../errors.js';
import { sanitizeLine } from '../safe-text.js';

/**
 * Throws a UserError (nothing written) when `period` cannot be closed on `today`: before it starts,
 * or while the workspace has errors that may concern it. An error blocks unless its file holds an
 * objective of another period: a file that cannot be read (or has no readable period) may belong
 * to this one. An invalid objective of the period blocks too.
 */
export function refuseClosingErrors(model: WorkspaceModel, report: ScoreReport, period: Period, today: string): void {
  const label = sanitizeLine(period.label);
  if (today < period.start) throw new UserError(`cannot close ${label} on ${today}: it starts on ${period.start}; nothing written`);
  const elsewhere = new Set(model.objectives.filter((o) => o.period !== null && !overlaps(o.period, period)).map((o) => o.file));
  const errors = model.problems.filter((p) => p.severity === 'error' && !elsewhere.has(p.file));
  const invalid = report.objectives.find((o) => o.invalid !== null);
  if (errors.length === 0 && !invalid) return;
  const first = errors[0];
  const where = first ? `${first.file}:${first.line}: ${first.message}` : `${invalid!.file}: ${invalid!.invalid}`;
  throw new UserError(`cannot close ${label}: the period has errors (${sanitizeLine(where)}): fix them first (okr lint); nothing written`);
}
