/** The outputs of `okr score`: text, JSON and Markdown. */
import type { ScoreReport } from '../compute/score-report.js';
import { GRADE_BOUNDS } from '../compute/score.js';
import { pushAll } from '../model/arrays.js';
import { sanitizeLine } from '../safe-text.js';
import { keyResultName, objectiveName, titleText } from './format.js';
import { escapeMarkdown, markdownCode, tableHeader, tableRow } from './markdown-text.js';
import { formatScore } from './score-words.js';
import { SCHEMA_VERSION } from './json.js';

const SOURCE_WORDS = { computed: '', manual: 'set by hand', frozen: 'frozen' } as const;
const GRADE_ICONS = { red: '🔴', yellow: '🟡', green: '🟢' } as const;

/** The heading: frozen scores, or the projection "if closed today". */
function heading(report: ScoreReport): string {
  return report.closed ? `Scores of ${report.period.label} (closed)` : `Scores of ${report.period.label}: projection if closed today (${report.today})`;
}

/** The text report: one line per objective and per key result, score and grade. */
export function renderScoreText(report: ScoreReport): string {
  const lines = [sanitizeLine(heading(report)), ''];
  if (report.objectives.length === 0) lines.push(`No objectives in ${sanitizeLine(report.period.label)}.`);
  for (const o of report.objectives) {
    const tags = [o.commitment === 'aspirational' ? 'aspirational' : '', o.closed ? `closed ${o.closed}` : '', o.invalid ? `invalid: ${o.invalid}` : ''].filter(Boolean);
    lines.push(sanitizeLine(`${formatScore(o.score)} ${(o.grade ?? '').padEnd(6)} ${objectiveName(o)}  ${titleText(o.title)}${tags.length ? `  (${tags.join(', ')})` : ''}`));
    for (const kr of o.keyResults) {
      const note = kr.invalid ? `invalid: ${kr.invalid}` : SOURCE_WORDS[kr.scoreSource];
      lines.push(sanitizeLine(`  ${formatScore(kr.score)} ${(kr.grade ?? '').padEnd(6)} ${keyResultName(kr)}  ${titleText(kr.title)}${note ? `  (${note})` : ''}`));
    }
    if (o.closeNote) lines.push(sanitizeLine(`  note: ${o.closeNote}`));
  }
  lines.push('', `Grades: red below ${GRADE_BOUNDS.yellow}, yellow from ${GRADE_BOUNDS.yellow} to below ${GRADE_BOUNDS.green}, green from ${GRADE_BOUNDS.green}.`);
  return `${lines.join('\n')}\n`;
}

/**
 * `okr score --json`: `{schemaVersion, period, closed, objectives: [{id, commitment, score, grade,
 * keyResults: [{id, score, grade, scoreSource}]}]}`; scores are fractions 0..1 or null (invalid),
 * grades `red`, `yellow`, `green` or null.
 */
export function renderScoreJson(report: ScoreReport): string {
  const document = {
    schemaVersion: SCHEMA_VERSION,
    period: report.period.label,
    closed: report.closed,
    objectives: report.objectives.map((o) => ({
      id: o.id,
      commitment: o.commitment,
      score: o.score,
      grade: o.grade,
      keyResults: o.keyResults.map((kr) => ({ id: kr.id, score: kr.score, grade: kr.grade, scoreSource: kr.scoreSource })),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** `okr score --format markdown`: a heading and one table, objectives in bold, key results below each. */
export function renderScoreMarkdown(report: ScoreReport): string {
  const out = [`## ${escapeMarkdown(heading(report))}`, ''];
  if (report.objectives.length === 0) return `${out.concat(`No objectives in ${escapeMarkdown(report.period.label)}.`).join('\n')}\n`;
  pushAll(out, tableHeader(['', 'Score', 'Grade', 'Notes'], ['left', 'right']));
  const grade = (g: keyof typeof GRADE_ICONS | null) => (g === null ? '' : `${GRADE_ICONS[g]} ${g}`);
  for (const o of report.objectives) {
    const notes = [o.commitment === 'aspirational' ? 'aspirational' : '', o.closed ? `closed ${o.closed}` : '', o.invalid ? `⛔ ${o.invalid}` : '', o.closeNote ?? ''].filter(
      Boolean,
    );
    out.push(tableRow([`**${markdownCode(objectiveName(o))}** ${escapeMarkdown(titleText(o.title))}`, formatScore(o.score), grade(o.grade), escapeMarkdown(notes.join(' · '))]));
    for (const kr of o.keyResults) {
      const note = kr.invalid ? `⛔ ${kr.invalid}` : SOURCE_WORDS[kr.scoreSource];
      out.push(tableRow([`↳ ${markdownCode(keyResultName(kr))} ${escapeMarkdown(titleText(kr.title))}`, formatScore(kr.score), grade(kr.grade), escapeMarkdown(note)]));
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * The message of `okr close --tag`'s annotated tag: a subject line, then each objective's score and
 * grade with its key results' below it (plain text, ids and titles as written, one line each).
 */
export function renderCloseTagMessage(report: ScoreReport, closed: string): string {
  const lines = [`okr: close ${report.period.label} on ${closed}`, ''];
  for (const o of report.objectives) {
    lines.push(sanitizeLine(`${formatScore(o.score)} ${o.grade ?? ''} ${objectiveName(o)}${o.commitment === 'aspirational' ? ' (aspirational)' : ''}: ${titleText(o.title)}`));
    for (const kr of o.keyResults) lines.push(sanitizeLine(`  ${formatScore(kr.score)} ${kr.grade ?? ''} ${keyResultName(kr)}: ${titleText(kr.title)}`));
    if (o.closeNote) lines.push(sanitizeLine(`  note: ${o.closeNote}`));
  }
  return `${lines.join('\n')}\n`;
}
