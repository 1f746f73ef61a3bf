/** The weekly review's sections of `okr diff --since` (who moved what, what stalled), in text and Markdown. */
import type { WeeklyReview } from '../compute/review.js';
import { formatProgress, STATUS_WORDS } from './format.js';
import { escapeMarkdown, fileLink, markdownCode, markdownStatus, tableHeader, tableRow } from './markdown-text.js';
import type { Style } from './style.js';
import { pushAll } from '../model/arrays.js';
import { sanitizeLine } from './terminal-text.js';

const KIND_WORDS = { objective: 'objective', 'key-result': 'key result' } as const;

/** Text: "Who moved it" (item: authors) and "Stalled" (one line per key result), after the diff. */
export function renderReviewText(review: WeeklyReview, style: Style): string {
  const out: string[] = [];
  out.push(style.bold(`Who moved it (commits since ${review.since})`));
  if (review.authors.length === 0) out.push('  nobody: no commit since then changed an objective or key result');
  for (const item of review.authors) out.push(`  ${KIND_WORDS[item.kind]} ${sanitizeLine(item.id)}: ${item.authors.map(sanitizeLine).join(', ')}`);
  out.push('', style.bold(`Stalled (no movement since ${review.since})`));
  if (review.stalled.length === 0) out.push('  none: every key result of a running period moved');
  for (const kr of review.stalled) {
    const last = kr.lastCheckin === null ? 'no check-in' : `last check-in ${kr.lastCheckin}`;
    out.push(
      `  ${sanitizeLine(kr.id)} (${sanitizeLine(kr.objectiveId ?? '(no id)')})  ${formatProgress(kr.progress)}  ${style.status(kr.status, STATUS_WORDS[kr.status])}  owner: ${sanitizeLine(kr.owner ?? 'none')}  ${last}`,
    );
  }
  return `\n${out.join('\n')}\n`;
}

/** Markdown: the weekly post's "Who moved it" list and "Stalled" table, after the diff. */
export function renderReviewMarkdown(review: WeeklyReview, linkBase: string | null): string {
  const out: string[] = ['', `### Who moved it (commits since ${review.since})`, ''];
  if (review.authors.length === 0) out.push('Nobody: no commit since then changed an objective or key result.');
  for (const item of review.authors) out.push(`- ${KIND_WORDS[item.kind]} ${markdownCode(item.id)}: ${item.authors.map(escapeMarkdown).join(', ')}`);
  out.push('', `### Stalled (no movement since ${review.since})`, '');
  if (review.stalled.length === 0) out.push('None: every key result of a running period moved.');
  else {
    pushAll(out, tableHeader(['Key result', 'Objective', 'Owner', 'Progress', 'Status', 'Last check-in'], ['left', 'left', 'left', 'right', 'left', 'left']));
    for (const kr of review.stalled) {
      out.push(
        tableRow([
          fileLink(markdownCode(kr.id), kr.file, linkBase, kr.line),
          markdownCode(kr.objectiveId ?? '(no id)'),
          kr.owner === null ? '—' : escapeMarkdown(kr.owner),
          formatProgress(kr.progress),
          markdownStatus(kr.status),
          kr.lastCheckin ?? 'none',
        ]),
      );
    }
  }
  return `${out.join('\n')}\n`;
}
