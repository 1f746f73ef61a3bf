/** The objectives in the HTML report: an overview table in tree order, then one section per objective with its key results. */
import type { ObjectiveReport, StatusReport } from '../../compute/report.js';
import type { LinkedTask } from '../../model/link.js';
import { incompleteWords, objectiveName, titleText } from '../format.js';
import { historyChart, type HistorySeries } from './chart.js';
import { escapeHtml, fileReference } from './escape.js';
import { keyResultDetails } from './key-results.js';
import { ownerKey, progressCell, scoreWords, statusBadge } from './parts.js';

export interface ObjectivesContext {
  linkBase: string | null;
  /** The task items of the key result at `index` of the objective in `file`, when known. */
  tasksOf: (file: string, index: number) => readonly LinkedTask[] | undefined;
  seriesOf: (kind: HistorySeries['kind'], id: string | null) => HistorySeries | null;
}

/** Anchors are made from positions in the report, never from a file's text. */
const anchorOf = (index: number) => `o${index}`;

/** The overview: a table with one row per objective, aligned ones indented under their parent, each linking to its section. */
export function overviewTable(report: StatusReport): string {
  const anyScores = report.objectives.some((o) => scoreWords(o) !== '');
  const rows = report.objectives.map((objective, index) => {
    const indent = objective.depth === 0 ? '' : `<span class="indent" aria-hidden="true">${'\u2003'.repeat(objective.depth - 1)}↳ </span>`;
    const mark = objective.status !== 'invalid' && objective.incomplete !== null ? ' <span class="mark">incomplete</span>' : '';
    return [
      `<tr class="objective-row depth-${Math.min(objective.depth, 6)}" data-objective="${anchorOf(index)}" data-status="${objective.status}">`,
      `<th scope="row">${indent}<a href="#${anchorOf(index)}">${escapeHtml(titleText(objective.title))}</a> <code>${escapeHtml(objectiveName(objective))}</code>${mark}</th>`,
      `<td>${progressCell(objective.progress, objective.expected, objective.status)}</td>`,
      `<td>${statusBadge(objective.status)}</td>`,
      `<td>${escapeHtml(objective.owner ?? '')}</td>`,
      anyScores ? `<td>${scoreWords(objective)}</td>` : '',
      '</tr>',
    ].join('');
  });
  const head = `<tr><th scope="col">Objective</th><th scope="col">Progress</th><th scope="col">Status</th><th scope="col">Owner</th>${anyScores ? '<th scope="col">Score</th>' : ''}</tr>`;
  return `<table class="overview"><caption>Objectives in tree order; aligned objectives are indented under their parent.</caption><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

/** One section per objective, in tree order, each with a heading, its facts, its history chart and its key results. */
export function objectiveSections(report: StatusReport, context: ObjectivesContext): string {
  return report.objectives.map((objective, index) => objectiveSection(objective, index, context)).join('\n');
}

function objectiveSection(objective: ObjectiveReport, index: number, context: ObjectivesContext): string {
  const anchor = anchorOf(index);
  const facts = [
    progressCell(objective.progress, objective.expected, objective.status),
    statusBadge(objective.status),
    objective.owner === null ? '' : `<span class="owner">Owner: ${escapeHtml(objective.owner)}</span>`,
    objective.period === null ? '' : `<span>${escapeHtml(objective.period.label)}</span>`,
    objective.parent === null ? '' : `<span>Aligned to <code>${escapeHtml(objective.parent)}</code></span>`,
    scoreWords(objective) === '' ? '' : `<span class="score">${scoreWords(objective)}</span>`,
    fileReference(objective.file, context.linkBase, objective.line),
  ].filter(Boolean);
  const notes = [
    objective.invalid === null ? '' : `<p class="invalid">Not counted: ${escapeHtml(objective.invalid)} (see <code>okr lint</code>)</p>`,
    objective.status !== 'invalid' && objective.incomplete !== null ? `<p class="incomplete">${escapeHtml(incompleteWords(objective.incomplete))}</p>` : '',
  ];
  const series = context.seriesOf('objective', objective.id);
  const krs = objective.keyResults.map((kr, krIndex) =>
    keyResultDetails(kr, {
      anchor: `${anchor}-k${krIndex}`,
      expected: objective.expected,
      linkBase: context.linkBase,
      tasks: context.tasksOf(kr.file, kr.index),
      series: context.seriesOf('keyResult', kr.id),
      objectiveOwner: objective.owner,
    }),
  );
  const from = objective.progressFrom === 'children' ? '<p class="from">Progress from its aligned objectives.</p>' : '';
  return [
    `<section class="objective depth-${Math.min(objective.depth, 6)}" id="${anchor}" aria-labelledby="${anchor}-h" data-owner="${escapeHtml(ownerKey(objective.owner))}" data-status="${objective.status}">`,
    `<h3 id="${anchor}-h">${escapeHtml(titleText(objective.title))} <code>${escapeHtml(objectiveName(objective))}</code></h3>`,
    `<p class="facts">${facts.join(' ')}</p>`,
    ...notes,
    series === null ? '' : historyChart(series),
    krs.length === 0 ? from : `<div class="krs">${krs.join('')}</div>`,
    '</section>',
  ].join('');
}
