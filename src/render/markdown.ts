/**
 * `okr status --format markdown`: a report for a GitHub job summary or a pull-request comment. An
 * overview table of the objectives (aligned ones indented under their parent), then each objective
 * with a table of its key results. Everything from the files is escaped, long text is shortened,
 * and a report longer than `maxLength` has its lists cut, saying so (`markdown-limits.ts`).
 */
import { closingWords } from './score-words.js';
import { pushAll } from '../model/arrays.js';
import type { Problem } from '../model/problem.js';
import type { KeyResultReport, ObjectiveReport, StatusReport } from '../compute/report.js';
import { confidenceWords, latestCheckin, ownerCall } from './checkins.js';
import { describeMeasure, formatPercent, incompleteWords, invalidWords, keyResultName, objectiveName, summaryCounts, titleText, notReadWords } from './format.js';
import { cutBanner, DEFAULT_STATUS_MARKDOWN_LENGTH, fitParts, lazily, formatCount, MAX_INLINE_IDS, shortenText, type CuttableList, type ReportPart } from './markdown-limits.js';
import { escapeMarkdown, fileLink, markdownCode, markdownProgress, markdownStatus, tableHeader, tableRow } from './markdown-text.js';
import { plural } from './words.js';

export interface MarkdownOptions {
  /** Prefix for file links (e.g. `https://github.com/o/r/blob/<sha>/okrs/`); null links relative to the workspace. */
  linkBase: string | null;
  /** Heading level of the report's title, 1-6 (later headings go one deeper). */
  headingLevel?: number;
  /** Largest report in bytes of UTF-8 (so also in characters); default `DEFAULT_STATUS_MARKDOWN_LENGTH`. */
  maxLength?: number;
}

/** Text from a file, shortened and escaped. */
const text = (value: string) => escapeMarkdown(shortenText(value));
/** An id from a file, shortened, as inline code. */
const code = (value: string) => markdownCode(shortenText(value));

/**
 * The report as Markdown, ending in one newline. At most `options.maxLength` bytes: when the whole
 * report is longer, the objectives table, the objectives' sections and the problems are cut, each
 * with a note saying how many it leaves out, and a note under the title says so.
 */
export function renderStatusMarkdown(report: StatusReport, options: MarkdownOptions): string {
  const level = Math.min(Math.max(options.headingLevel ?? 2, 1), 5);
  const h = (depth: number) => '#'.repeat(Math.min(level + depth, 6));
  const maxLength = options.maxLength ?? DEFAULT_STATUS_MARKDOWN_LENGTH;
  const head: string[] = [`${h(0)} OKR status${periodTitle(report)}`, ''];
  if (report.notice) head.push(`> **Note:** ${text(report.notice)}`, '');
  const parts: ReportPart[] = [head, { banner: cutBanner(maxLength) }];
  if (report.objectives.length === 0) {
    parts.push(['No objectives to show.', '']);
  } else {
    parts.push([`${headline(report)}`, '']);
    parts.push(overviewList(report, options));
    parts.push(sectionsList(report, options, h(1)));
  }
  parts.push(problemsPart(report.problems, options, h(1)));
  return `${fitParts(parts, maxLength).join('\n').trimEnd()}\n`;
}

function periodTitle(report: StatusReport): string {
  const labels = [...new Set(report.objectives.flatMap((o) => (o.period === null ? [] : [o.period.label])))];
  return labels.length === 0 ? '' : `: ${text(labels.join(', '))}`;
}

function headline(report: StatusReport): string {
  const parts: string[] = [];
  const periods = [...new Map(report.objectives.flatMap((o) => (o.period === null ? [] : [[o.period.label, { period: o.period, expected: o.expected ?? 0 }] as const]))).values()];
  if (periods.length === 1) {
    const only = periods[0]!;
    parts.push(`${only.period.start} to ${only.period.end}`, `today ${report.today}`, `${formatPercent(only.expected)} of the period elapsed`);
  } else {
    parts.push(`today ${report.today}`);
  }
  parts.push(summaryCounts(report, markdownStatus));
  const notRead = notReadWords(report);
  if (notRead) parts.push(`⚠️ ${text(notRead)}`);
  return parts.join(' · ');
}

/** The overview table, one row per objective. */
function overviewList(report: StatusReport, options: MarkdownOptions): CuttableList {
  const row = (objective: ObjectiveReport) => {
    const indent = objective.depth === 0 ? '' : `${'&emsp;'.repeat(objective.depth - 1)}↳ `;
    const mark = objectiveMark(objective);
    return tableRow([
      `${indent}${fileLink(code(objectiveName(objective)), objective.file, options.linkBase, objective.line)} ${text(titleText(objective.title))}`,
      `${markdownProgress(objective.progress)}${mark ? `<br>⚠️ ${text(mark)}` : ''}`,
      markdownStatus(objective.status),
      text(objective.owner ?? ''),
    ]);
  };
  const count = report.objectives.length;
  return {
    count,
    items: lazily(report.objectives, row),
    block: (shown) => {
      const out = tableHeader(['Objective', 'Progress', 'Status', 'Owner']);
      pushAll(out, shown);
      if (shown.length < count) out.push('', `… and ${formatCount(count - shown.length)} more objectives; run \`okr status\` to see them all.`);
      out.push('');
      return out;
    },
  };
}

/**
 * Every objective's section: its heading and facts with the key results' table header (or what it
 * has instead) as one item, then one item per key result; a blank line ends each section.
 */
function sectionsList(report: StatusReport, options: MarkdownOptions, heading: string): CuttableList {
  const childrenOf = new Map<string, string[]>();
  for (const objective of report.objectives) {
    if (objective.parent === null) continue;
    const children = childrenOf.get(objective.parent);
    if (children) children.push(objectiveName(objective));
    else childrenOf.set(objective.parent, [objectiveName(objective)]);
  }
  function* items(): Generator<string> {
    for (const objective of report.objectives) {
      const head = objectiveHead(objective, (objective.id === null ? undefined : childrenOf.get(objective.id)) ?? [], options, heading).join('\n');
      if (objective.keyResults.length === 0) yield `${head}\n`;
      else yield head;
      const last = objective.keyResults.length - 1;
      for (let index = 0; index <= last; index++) {
        const kr = objective.keyResults[index]!;
        const row = tableRow([
          `${fileLink(code(keyResultName(kr)), kr.file, options.linkBase, kr.line)} ${text(titleText(kr.title))}`,
          markdownProgress(kr.progress),
          markdownStatus(kr.status) + ownerCallCell(kr),
          text(kr.owner ?? ''),
          text(describeMeasure(kr)),
          checkinCell(kr),
        ]);
        // A blank line ends the section.
        yield index === last ? `${row}\n` : row;
      }
    }
  }
  let count = 0;
  for (const objective of report.objectives) count += 1 + objective.keyResults.length;
  return {
    count,
    items: items(),
    block: (shown) => {
      const out = [...shown];
      if (shown.length < count) {
        // What the cut leaves out: objectives whose heading is not shown, and key results' rows.
        let objectives = 0;
        let keyResults = 0;
        let index = 0;
        for (const objective of report.objectives) {
          if (index >= shown.length) objectives++;
          const firstRow = index + 1;
          index = firstRow + objective.keyResults.length;
          keyResults += Math.max(0, index - Math.max(firstRow, shown.length));
        }
        const left = [objectives > 0 ? `${formatCount(objectives)} more objectives` : '', keyResults > 0 ? `${formatCount(keyResults)} more key results` : '']
          .filter(Boolean)
          .join(' and ');
        out.push('', `… and ${left} not shown in detail; run \`okr status\` to see them all.`, '');
      }
      return out;
    },
  };
}

function objectiveHead(objective: ObjectiveReport, children: readonly string[], options: MarkdownOptions, heading: string): string[] {
  const out: string[] = [`${heading} ${text(titleText(objective.title))}`, ''];
  const facts = [
    code(objectiveName(objective)),
    markdownProgress(objective.progress),
    markdownStatus(objective.status),
    ...(objective.owner ? [`owner ${text(objective.owner)}`] : []),
    ...(objective.period ? [text(objective.period.label)] : []),
    ...(closingWords(objective) ? [closingWords(objective)] : []),
    ...(objective.parent ? [`aligned under ${code(objective.parent)}`] : []),
    fileLink(escapeMarkdown(objective.file), objective.file, options.linkBase, objective.line),
  ];
  out.push(facts.join(' · '), '');
  const mark = objectiveMark(objective);
  if (mark) out.push(`> ⚠️ **${text(mark)}**`, '');
  const from = progressSource(objective, children);
  if (objective.keyResults.length > 0) {
    if (from) out.push(from, '');
    pushAll(out, tableHeader(['Key result', 'Progress', 'Status', 'Owner', 'Measure', 'Check-in']));
  } else {
    out.push(from ?? 'No key results.');
  }
  return out;
}

/** `<br>owner: at risk` when the latest check-in's call differs from the computed status, else ''. */
function ownerCallCell(kr: KeyResultReport): string {
  const call = ownerCall(kr.checkins, kr.status);
  return call === null ? '' : `<br>owner: ${call}`;
}

/** The latest check-in: its date, confidence and note (escaped and shortened); '' when there is none. */
function checkinCell(kr: KeyResultReport): string {
  const last = latestCheckin(kr.checkins);
  if (last === null) return '';
  return [last.date, confidenceWords(kr.checkins), last.note === null ? '' : text(last.note)].filter(Boolean).join(' · ');
}

/** What the report says of an objective that is not a plain number: why it is invalid, or what its progress leaves out. */
function objectiveMark(objective: ObjectiveReport): string | null {
  if (objective.status === 'invalid') return invalidWords(objective.invalid);
  return objective.incomplete ? incompleteWords(objective.incomplete) : null;
}

/** Where the progress of an objective with aligned objectives comes from, in words; null when only from its key results. */
function progressSource(objective: ObjectiveReport, children: readonly string[]): string | null {
  if (children.length === 0 || objective.progressFrom === 'key_results' || objective.progressFrom === 'none') return null;
  if (objective.progressFrom === 'children') {
    return objective.keyResults.length > 0
      ? `Progress is the mean of its aligned objectives ${idList(children)} (\`progress_from: children\`); its key results are shown but not counted.`
      : `No key results of its own: progress is the mean of ${idList(children)}.`;
  }
  return `Progress counts its key results and its aligned objectives ${idList(children)}, each as one key result of weight 1.`;
}

/** `a`, `b`, `c`, and at most `MAX_INLINE_IDS` of them: `… and 12 more`. */
function idList(ids: readonly string[]): string {
  const shown = ids.slice(0, MAX_INLINE_IDS).map(code);
  if (ids.length > MAX_INLINE_IDS) shown.push(`and ${formatCount(ids.length - MAX_INLINE_IDS)} more`);
  return shown.join(', ');
}

function problemsPart(problems: readonly Problem[], options: MarkdownOptions, heading: string): ReportPart {
  if (problems.length === 0) return [];
  const errors = problems.filter((p) => p.severity === 'error').length;
  const item = (p: Problem) => {
    const where = fileLink(escapeMarkdown(`${p.file}:${p.line}:${p.column}`), p.file, options.linkBase, p.line);
    return `- ${p.severity === 'error' ? '❌ error' : '⚠️ warning'} ${where}: ${text(p.message)} (${code(p.rule)})`;
  };
  return {
    count: problems.length,
    items: lazily(problems, item),
    block: (shown) => {
      const out = [`${heading} Problems`, '', `${plural(errors, 'error')}, ${plural(problems.length - errors, 'warning')} (run \`okr lint\` for details).`, ''];
      out.push('<details><summary>Show problems</summary>', '');
      pushAll(out, shown);
      out.push('', '</details>', '');
      if (shown.length < problems.length) out.push(`… and ${formatCount(problems.length - shown.length)} more problems; run \`okr lint\` to see them all.`, '');
      return out;
    },
  };
}
