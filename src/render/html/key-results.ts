/** A key result in the HTML report: a `<details>` whose summary is its standing and whose body is its measure, task items and check-ins. */
import type { KeyResultReport } from '../../compute/report.js';
import type { LinkedTask } from '../../model/link.js';
import { checkinValueWords, confidenceWords, ownerCall } from '../checkins.js';
import { describeMeasure, formatNumber, keyResultName, STATUS_WORDS, titleText } from '../format.js';
import { historyChart, type HistorySeries } from './chart.js';
import { escapeHtml, fileReference } from './escape.js';
import { ownerKey, progressCell, scoreWords, statusBadge } from './parts.js';

export interface KeyResultContext {
  /** Anchor id of the element, unique in the page (made by okr, never from a file). */
  anchor: string;
  /** The objective's expected progress (0..1) or null. */
  expected: number | null;
  linkBase: string | null;
  /** The leaf task items counting toward it, when known. */
  tasks: readonly LinkedTask[] | undefined;
  series: HistorySeries | null;
  /** The objective's owner: the key result's own for the filters when it names none. */
  objectiveOwner: string | null;
}

const TASK_STATE_WORDS: Record<LinkedTask['state'], string> = { done: 'done', open: 'open', 'in-progress': 'in progress', cancelled: 'cancelled' };

/** The key result as a `<details>` element (closed), its summary naming it with its progress and status. */
export function keyResultDetails(kr: KeyResultReport, context: KeyResultContext): string {
  const call = ownerCall(kr.checkins, kr.status);
  const confidence = confidenceWords(kr.checkins);
  const scores = scoreWords(kr);
  const summary = [
    `<span class="name"><code>${escapeHtml(keyResultName(kr))}</code> ${escapeHtml(titleText(kr.title))}</span>`,
    progressCell(kr.progress, context.expected, kr.status),
    statusBadge(kr.status),
    call === null ? '' : `<span class="call">owner: ${escapeHtml(call)}</span>`,
    kr.owner === null ? '' : `<span class="owner">${escapeHtml(kr.owner)}</span>`,
  ].join(' ');
  const facts: string[] = [
    fact('Measure', escapeHtml(describeMeasure(kr))),
    kr.weight === 1 ? '' : fact('Weight', escapeHtml(formatNumber(kr.weight))),
    kr.owner === null ? '' : fact('Owner', escapeHtml(kr.owner)),
    confidence === '' ? '' : fact('Confidence', escapeHtml(confidence.replace(/^conf /, ''))),
    scores === '' ? '' : fact('Score', scores),
    fact('File', fileReference(kr.file, context.linkBase, kr.line)),
  ];
  const body = [
    kr.invalid === null ? '' : `<p class="invalid">Not counted: ${escapeHtml(kr.invalid)} (see <code>okr lint</code>)</p>`,
    `<dl class="facts">${facts.join('')}</dl>`,
    context.series === null ? '' : historyChart(context.series),
    tasksTable(context.tasks, context.linkBase),
    checkinsTable(kr),
  ];
  return `<details class="kr" id="${context.anchor}" data-owner="${escapeHtml(ownerKey(kr.owner ?? context.objectiveOwner))}" data-status="${kr.status}"><summary>${summary}</summary><div class="kr-body">${body.join('')}</div></details>`;
}

function fact(term: string, value: string): string {
  return `<div><dt>${term}</dt><dd>${value}</dd></div>`;
}

function tasksTable(tasks: readonly LinkedTask[] | undefined, linkBase: string | null): string {
  if (tasks === undefined || tasks.length === 0) return '';
  const rows = tasks.map(
    (task) =>
      `<tr class="task t-${task.state}"><td>${TASK_STATE_WORDS[task.state]}</td><td>${escapeHtml(task.text)}</td><td>${fileReference(task.file, linkBase, task.line)}</td></tr>`,
  );
  return `<table class="tasks"><caption>Task items (${tasks.length})</caption><thead><tr><th scope="col">State</th><th scope="col">Task</th><th scope="col">File</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function checkinsTable(kr: KeyResultReport): string {
  if (kr.checkins.length === 0) return '';
  const rows = [...kr.checkins]
    .reverse()
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.date)}</td><td>${escapeHtml(checkinValueWords(c.value))}</td><td>${c.confidence === null ? '' : escapeHtml(formatNumber(c.confidence))}</td><td>${
          c.status === null ? '' : escapeHtml(STATUS_WORDS[c.status])
        }</td><td>${escapeHtml(c.note ?? '')}</td></tr>`,
    );
  return `<table class="checkins"><caption>Check-ins (${kr.checkins.length}, latest first)</caption><thead><tr><th scope="col">Date</th><th scope="col">Value</th><th scope="col">Confidence</th><th scope="col">Owner's call</th><th scope="col">Note</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
