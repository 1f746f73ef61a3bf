/**
 * `okr status --format markdown`: a report for a GitHub job summary or a pull-request comment. An
 * overview table of the objectives (aligned ones indented under their parent), then each objective
 * with a table of its key results. Everything from the files is escaped.
 */
import { pushAll } from '../core/arrays.js';
import type { Problem } from '../core/problem.js';
import type { ObjectiveReport, StatusReport } from '../core/report.js';
import { describeMeasure, formatPercent } from './format.js';
import { escapeMarkdown, fileLink, markdownCode, markdownProgress, markdownStatus, tableHeader, tableRow } from './markdown-text.js';
import { plural } from './words.js';

export interface MarkdownOptions {
  /** Prefix for file links (e.g. `https://github.com/o/r/blob/<sha>/okrs/`); null links relative to the workspace. */
  linkBase: string | null;
  /** Heading level of the report's title, 1-6 (later headings go one deeper). */
  headingLevel?: number;
}

export function renderStatusMarkdown(report: StatusReport, options: MarkdownOptions): string {
  const level = Math.min(Math.max(options.headingLevel ?? 2, 1), 5);
  const h = (depth: number) => '#'.repeat(Math.min(level + depth, 6));
  const out: string[] = [];
  out.push(`${h(0)} OKR status${periodTitle(report)}`, '');
  if (report.notice) out.push(`> **Note:** ${escapeMarkdown(report.notice)}`, '');
  if (report.objectives.length === 0) {
    out.push('No objectives to show.', '');
    pushAll(out, problemsSection(report.problems, options, h(1)));
    return `${out.join('\n').trimEnd()}\n`;
  }
  out.push(`${headline(report)}`, '');
  pushAll(out, tableHeader(['Objective', 'Progress', 'Status', 'Owner']));
  for (const objective of report.objectives) {
    const indent = objective.depth === 0 ? '' : `${'&emsp;'.repeat(objective.depth - 1)}↳ `;
    out.push(
      tableRow([
        `${indent}${fileLink(markdownCode(objective.id), objective.file, options.linkBase, objective.line)} ${escapeMarkdown(objective.title)}`,
        markdownProgress(objective.progress),
        markdownStatus(objective.status),
        escapeMarkdown(objective.owner ?? ''),
      ]),
    );
  }
  out.push('');
  for (const objective of report.objectives) pushAll(out, objectiveSection(objective, report, options, h(1)));
  pushAll(out, problemsSection(report.problems, options, h(1)));
  return `${out.join('\n').trimEnd()}\n`;
}

function periodTitle(report: StatusReport): string {
  const labels = [...new Set(report.objectives.map((o) => o.period.label))];
  return labels.length === 0 ? '' : `: ${escapeMarkdown(labels.join(', '))}`;
}

function headline(report: StatusReport): string {
  const parts: string[] = [];
  const periods = [...new Map(report.objectives.map((o) => [o.period.label, o])).values()];
  if (periods.length === 1) {
    const only = periods[0]!;
    parts.push(`${only.period.start} to ${only.period.end}`, `today ${report.today}`, `${formatPercent(only.expected)} of the period elapsed`);
  } else {
    parts.push(`today ${report.today}`);
  }
  const krs = report.objectives.flatMap((o) => o.keyResults);
  const counts = (['done', 'on-track', 'at-risk', 'off-track', 'upcoming'] as const)
    .map((status) => [status, krs.filter((kr) => kr.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${markdownStatus(status)}`);
  parts.push(`${plural(report.objectives.length, 'objective')}, ${plural(krs.length, 'key result')}${counts.length ? `: ${counts.join(', ')}` : ''}`);
  return parts.join(' · ');
}

function objectiveSection(objective: ObjectiveReport, report: StatusReport, options: MarkdownOptions, heading: string): string[] {
  const out: string[] = [`${heading} ${escapeMarkdown(objective.title)}`, ''];
  const facts = [
    markdownCode(objective.id),
    markdownProgress(objective.progress),
    markdownStatus(objective.status),
    ...(objective.owner ? [`owner ${escapeMarkdown(objective.owner)}`] : []),
    escapeMarkdown(objective.period.label),
    ...(objective.parent ? [`aligned under ${markdownCode(objective.parent)}`] : []),
    fileLink(escapeMarkdown(objective.file), objective.file, options.linkBase, objective.line),
  ];
  out.push(facts.join(' · '), '');
  if (objective.keyResults.length > 0) {
    pushAll(out, tableHeader(['Key result', 'Progress', 'Status', 'Owner', 'Measure']));
    for (const kr of objective.keyResults) {
      out.push(
        tableRow([
          `${fileLink(markdownCode(kr.id), kr.file, options.linkBase, kr.line)} ${escapeMarkdown(kr.title)}`,
          markdownProgress(kr.progress),
          markdownStatus(kr.status),
          escapeMarkdown(kr.owner ?? ''),
          escapeMarkdown(describeMeasure(kr)),
        ]),
      );
    }
  } else {
    const children = report.objectives.filter((o) => o.parent === objective.id);
    out.push(
      children.length > 0
        ? `No key results of its own: progress is the mean of ${children.map((c) => markdownCode(c.id)).join(', ')}.`
        : 'No key results.',
    );
  }
  out.push('');
  return out;
}

function problemsSection(problems: readonly Problem[], options: MarkdownOptions, heading: string): string[] {
  if (problems.length === 0) return [];
  const errors = problems.filter((p) => p.severity === 'error').length;
  const out = [`${heading} Problems`, '', `${plural(errors, 'error')}, ${plural(problems.length - errors, 'warning')} (run \`okr lint\` for details).`, ''];
  out.push('<details><summary>Show problems</summary>', '');
  for (const p of problems) {
    const where = fileLink(escapeMarkdown(`${p.file}:${p.line}:${p.column}`), p.file, options.linkBase, p.line);
    out.push(`- ${p.severity === 'error' ? '❌ error' : '⚠️ warning'} ${where}: ${escapeMarkdown(p.message)} (${markdownCode(p.rule)})`);
  }
  out.push('', '</details>', '');
  return out;
}
