/** Small pieces of the HTML report shared by its sections: status badges, progress bars, owners. */
import type { ReportStatus } from '../../compute/report.js';
import { formatNumber, formatProgress, STATUS_WORDS } from '../format.js';
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
 * What the close-out adds to an objective or key result, when the report has it (feature-detected:
 * `commitment` text, `score` a number 0..1, `closed` a date or true): `committed · score 0.7 · closed`.
 * Empty when the report has none of them.
 */
export function scoreWords(item: object): string {
  const extra = item as { commitment?: unknown; score?: unknown; closed?: unknown };
  const words: string[] = [];
  if (typeof extra.commitment === 'string' && extra.commitment !== '') words.push(extra.commitment);
  if (typeof extra.score === 'number' && Number.isFinite(extra.score)) words.push(`score ${formatNumber(extra.score)}`);
  if (typeof extra.closed === 'string' && extra.closed !== '') words.push(`closed ${extra.closed}`);
  else if (extra.closed === true) words.push('closed');
  return escapeHtml(words.join(' · '));
}
