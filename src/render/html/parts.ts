/** Small pieces of the HTML report shared by its sections: status badges, progress bars, owners. */
import { formatScore } from '../score-words.js';
import { gradeOf } from '../../compute/score.js';
import type { ReportStatus } from '../../compute/report.js';
import { formatProgress, STATUS_WORDS } from '../format.js';
import { escapeHtml } from './escape.js';

/** The status in words, coloured by a class (`s-at-risk`); the words carry the meaning, the colour repeats it. */
export function statusBadge(status: ReportStatus): string {
  return `<span class="status s-${status}">${escapeHtml(STATUS_WORDS[status])}</span>`;
}

/**
 * A progress bar (a fraction 0..1, or null: a hatched bar, never an empty one that reads as 0%)
 * with the expected progress as a tick, and the percentage as text beside it (`—` when unknown).
 * The bar is decoration (`aria-hidden`); the percentage is the text a reader gets.
 */
export function progressCell(progress: number | null, expected: number | null, status: ReportStatus): string {
  const width = progress === null ? 100 : Math.floor(Math.min(1, Math.max(0, progress)) * 1000 + 1e-9) / 10;
  const tick = expected === null ? '' : `<span class="tick" style="left:${Math.floor(Math.min(1, Math.max(0, expected)) * 1000 + 1e-9) / 10}%"></span>`;
  const fill = progress === null ? '<span class="fill unknown"></span>' : `<span class="fill s-${status}" style="width:${width}%"></span>`;
  return `<span class="progress"><span class="bar" aria-hidden="true">${fill}${tick}</span><span class="pct">${formatProgress(progress)}</span></span>`;
}

/** An owner as the filters compare it: case, spaces around and a leading `@` ignored (as `--owner`). */
export function ownerKey(owner: string | null): string {
  return owner === null ? '' : owner.trim().replace(/^@/, '').toLowerCase();
}

/**
 * What the close-out adds to an objective or key result, as the terminal says it
 * (src/render/score-words.ts): `aspirational`, a frozen score with its grade and the closing date
 * (`score 0.70 (green) · closed 2026-12-31`), a hand-set score; nothing for an open, committed
 * item (its score would only be a projection: okr score shows those). Feature-detected, so a
 * report without these fields gives ''.
 */
export function scoreWords(item: object): string {
  const extra = item as { commitment?: unknown; score?: unknown; closed?: unknown; scoreSource?: unknown };
  const words: string[] = [];
  if (extra.commitment === 'aspirational') words.push('aspirational');
  const closed = typeof extra.closed === 'string' && extra.closed !== '' ? extra.closed : null;
  if (typeof extra.score === 'number' && Number.isFinite(extra.score)) {
    const score = `score ${formatScore(extra.score)} (${gradeOf(extra.score)}`;
    if (closed !== null || extra.scoreSource === 'frozen') words.push(`${score})`);
    else if (extra.scoreSource === 'manual') words.push(`${score}, set by hand)`);
  }
  if (closed !== null) words.push(`closed ${closed}`);
  return escapeHtml(words.join(' · '));
}
