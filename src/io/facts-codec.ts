/**
 * The cache's encoding of per-file facts: JSON without the file's path (so facts can be shared by
 * content), in flat arrays rather than objects, since a large workspace holds hundreds of thousands
 * of task items and a warm run decodes all of them: flat arrays of numbers and strings are about a
 * third of the size of the objects' JSON and parse several times faster.
 *
 * An encoding is two JSON texts joined by a tab (which JSON text never holds), the file's header
 * and its task items, so that the task items can be decoded apart, when they are needed:
 *
 *   header: [role, objective, fileLinks, idleLinks, problems, taskCounts]
 *   tasks:  [linkLists, tasks]
 *   taskCounts: TASK_COUNT_FIELDS values per run of task items with the same links (see
 *          countTaskLinks): links (-1 = the file's links, else flat as fileLinks), done, open,
 *          in progress, cancelled: what a report of numbers reads, without the task items
 *   fileLinks, each list of linkLists: id, line, column, id, line, column, ...
 *   tasks: TASK_FIELDS values per task: line, column, checkbox offset, text, state,
 *          parent (-1: none), group (0/1), links, linked by
 *          links: -1 = the file's links, else an index in linkLists (tasks of a section share one)
 *   problems: PROBLEM_FIELDS values per problem: line, column, severity, rule, message
 *
 * Decoding checks every value's type and range, and objective facts key by key: a damaged or foreign
 * entry reads as no facts, never as wrong ones or as a crash.
 */
import { CHECKIN_STATUSES, type FileFacts, type FileRole, type LinkFact, type ObjectiveFacts, type TaskFact, type TaskState } from '../model/types.js';
import type { Problem, Severity } from '../model/problem.js';
import { isRuleId } from '../model/rules.js';
import { isIsoDate } from '../model/period.js';
import { countTaskLinks, sameLinks, taskFactsOf, taskItemsOf, type TaskItems, type TaskLinkCounts } from '../model/task-items.js';

const ROLES: readonly FileRole[] = ['objective', 'tasks', 'markdown'];
const STATES: readonly TaskState[] = ['done', 'open', 'in-progress', 'cancelled'];
const LINKED_BY: readonly TaskFact['linkedBy'][] = [null, 'item', 'section', 'file'];
const SEVERITIES: readonly Severity[] = ['error', 'warning'];
const TASK_FIELDS = 9;
const PROBLEM_FIELDS = 5;
const TASK_COUNT_FIELDS = 5;
const FILE_LINKS = -1;
const SEPARATOR = '\t';

/** The encoding of `facts`, or null when a problem is about another file (then it cannot be shared by content). */
export function encodeFacts(facts: FileFacts): string | null {
  if (!facts.problems.every((problem) => problem.file === facts.path)) return null;
  const linkLists: (string | number)[][] = [];
  let previous: LinkFact[] | null = null;
  const tasks = new Array<string | number>(facts.tasks.length * TASK_FIELDS);
  let at = 0;
  for (const task of facts.tasks) {
    let links: number;
    if (task.links === facts.fileLinks || (task.linkedBy === 'file' && sameLinks(task.links, facts.fileLinks))) {
      links = FILE_LINKS;
    } else {
      if (previous === null || !sameLinks(previous, task.links)) linkLists.push(flattenLinks(task.links));
      previous = task.links;
      links = linkLists.length - 1;
    }
    tasks[at++] = task.line;
    tasks[at++] = task.column;
    tasks[at++] = task.checkboxOffset;
    tasks[at++] = task.text;
    tasks[at++] = STATES.indexOf(task.state);
    tasks[at++] = task.parent ?? -1;
    tasks[at++] = task.isGroup ? 1 : 0;
    tasks[at++] = links;
    tasks[at++] = LINKED_BY.indexOf(task.linkedBy);
  }
  const problems = new Array<string | number>(facts.problems.length * PROBLEM_FIELDS);
  at = 0;
  for (const problem of facts.problems) {
    problems[at++] = problem.line;
    problems[at++] = problem.column;
    problems[at++] = SEVERITIES.indexOf(problem.severity);
    problems[at++] = problem.rule;
    problems[at++] = problem.message;
  }
  const counts: (number | (string | number)[])[] = [];
  for (const run of countTaskLinks(taskItemsOf(facts.tasks))) {
    counts.push(sameLinks(run.links, facts.fileLinks) ? FILE_LINKS : flattenLinks(run.links), run.done, run.open, run.inProgress, run.cancelled);
  }
  const header = JSON.stringify([ROLES.indexOf(facts.role), facts.objective, flattenLinks(facts.fileLinks), flattenLinks(facts.idleLinks), problems, counts]);
  return `${header}${SEPARATOR}${JSON.stringify([linkLists, tasks])}`;
}

/** The facts encoded by encodeFacts, under `filePath`; null when the encoding is not such facts. */
export function decodeFacts(encoded: string, filePath: string): FileFacts | null {
  const split = decodeFactsApart(encoded, filePath);
  if (!split) return null;
  const items = split.decodeTasks();
  if (!items) return null;
  split.facts.tasks = taskFactsOf(items);
  return split.facts;
}

/** Facts decoded without their task items (see decodeFactsApart). */
export interface FactsApart {
  /** The facts, `tasks` empty. */
  facts: FileFacts;
  /** The task items summed up by their links (see countTaskLinks): enough for a report of numbers. */
  counts: TaskLinkCounts[];
  /** Decodes the task items (null when they are damaged). */
  decodeTasks: () => TaskItems | null;
}

/**
 * The facts encoded by encodeFacts, under `filePath`, without their task items (`tasks` is empty),
 * with their counts by links, and what decodes the items when they are needed (null if they are
 * damaged), read straight from the encoding (see TaskItems); null when the header is not such
 * facts. Task items decoded as they are used are let go right after: a large workspace's facts
 * never sit whole in memory. `header` alone (the text before the separator) is enough for the
 * facts and the counts; `tasks` gives the rest when it is not in `header`.
 */
export function decodeFactsApart(encoded: string, filePath: string, tasks?: () => string | null): FactsApart | null {
  const separator = encoded.indexOf(SEPARATOR);
  if (separator === -1 && tasks === undefined) return null;
  const header = parseJson(separator === -1 ? encoded : encoded.slice(0, separator));
  if (!Array.isArray(header) || header.length !== 6) return null;
  const [roleIndex, objective, fileLinksFlat, idleLinksFlat, problemsFlat, countsFlat] = header as unknown[];
  const role = isCount(roleIndex) ? ROLES[roleIndex] : undefined;
  if (role === undefined || !isObjective(objective)) return null;
  const fileLinks = unflattenLinks(fileLinksFlat);
  if (!fileLinks) return null;
  const idleLinks = unflattenLinks(idleLinksFlat);
  if (!idleLinks) return null;
  const problems = decodeProblems(problemsFlat, filePath);
  if (!problems) return null;
  const counts = decodeCounts(countsFlat, fileLinks);
  if (!counts) return null;
  const facts: FileFacts = { path: filePath, role, objective: objective as ObjectiveFacts | null, fileLinks, idleLinks, tasks: [], problems };
  const tasksText = separator === -1 ? tasks! : () => encoded.slice(separator + 1);
  return {
    facts,
    counts,
    decodeTasks: () => {
      const text = tasksText();
      return text === null ? null : decodeTasks(text, fileLinks);
    },
  };
}

function decodeCounts(flat: unknown, fileLinks: LinkFact[]): TaskLinkCounts[] | null {
  if (!Array.isArray(flat) || flat.length % TASK_COUNT_FIELDS !== 0) return null;
  const runs: TaskLinkCounts[] = [];
  for (let at = 0; at < flat.length; at += TASK_COUNT_FIELDS) {
    const links = flat[at] === FILE_LINKS ? fileLinks : unflattenLinks(flat[at]);
    const [done, open, inProgress, cancelled] = [flat[at + 1], flat[at + 2], flat[at + 3], flat[at + 4]] as unknown[];
    if (!links || !isCount(done) || !isCount(open) || !isCount(inProgress) || !isCount(cancelled)) return null;
    runs.push({ links, done, open, inProgress, cancelled });
  }
  return runs;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function decodeProblems(flat: unknown, filePath: string): Problem[] | null {
  if (!Array.isArray(flat) || flat.length % PROBLEM_FIELDS !== 0) return null;
  const problems: Problem[] = [];
  for (let at = 0; at < flat.length; at += PROBLEM_FIELDS) {
    const line: unknown = flat[at];
    const column: unknown = flat[at + 1];
    const severityIndex: unknown = flat[at + 2];
    const severity = isCount(severityIndex) ? SEVERITIES[severityIndex] : undefined;
    const rule: unknown = flat[at + 3];
    const message: unknown = flat[at + 4];
    if (!isCount(line) || !isCount(column) || severity === undefined || !isRuleId(rule) || typeof message !== 'string') return null;
    problems.push({ file: filePath, line, column, severity, rule, message });
  }
  return problems;
}

function decodeTasks(json: string, fileLinks: LinkFact[]): TaskItems | null {
  const value = parseJson(json);
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [linkListsFlat, tasksFlat] = value as unknown[];
  if (!Array.isArray(linkListsFlat) || !Array.isArray(tasksFlat) || tasksFlat.length % TASK_FIELDS !== 0) return null;
  const linkLists: LinkFact[][] = [];
  for (const flat of linkListsFlat) {
    const links = unflattenLinks(flat);
    if (!links) return null;
    linkLists.push(links);
  }
  // Checked whole here, so that reading it never meets a value of the wrong kind.
  const count = tasksFlat.length / TASK_FIELDS;
  for (let i = 0, at = 0; i < count; i++, at += TASK_FIELDS) {
    const parent: unknown = tasksFlat[at + 5];
    const links: unknown = tasksFlat[at + 7];
    if (
      !isCount(tasksFlat[at]) ||
      !isCount(tasksFlat[at + 1]) ||
      !isCount(tasksFlat[at + 2]) ||
      typeof tasksFlat[at + 3] !== 'string' ||
      !isIndex(tasksFlat[at + 4], STATES.length) ||
      !(parent === -1 || (isCount(parent) && parent < i)) ||
      (tasksFlat[at + 6] !== 0 && tasksFlat[at + 6] !== 1) ||
      !(links === FILE_LINKS || (isCount(links) && links < linkLists.length)) ||
      !isIndex(tasksFlat[at + 8], LINKED_BY.length)
    ) {
      return null;
    }
  }
  return new EncodedTaskItems(tasksFlat as (string | number)[], linkLists, fileLinks);
}

/** Task items read from their encoding, checked by decodeTasks. */
class EncodedTaskItems implements TaskItems {
  readonly count: number;
  constructor(
    private readonly flat: readonly (string | number)[],
    private readonly linkLists: readonly LinkFact[][],
    private readonly fileLinks: LinkFact[],
  ) {
    this.count = flat.length / TASK_FIELDS;
  }
  line(index: number): number {
    return this.flat[index * TASK_FIELDS] as number;
  }
  column(index: number): number {
    return this.flat[index * TASK_FIELDS + 1] as number;
  }
  checkboxOffset(index: number): number {
    return this.flat[index * TASK_FIELDS + 2] as number;
  }
  text(index: number): string {
    return this.flat[index * TASK_FIELDS + 3] as string;
  }
  state(index: number): TaskState {
    return STATES[this.flat[index * TASK_FIELDS + 4] as number]!;
  }
  parent(index: number): number | null {
    const parent = this.flat[index * TASK_FIELDS + 5] as number;
    return parent === -1 ? null : parent;
  }
  isGroup(index: number): boolean {
    return this.flat[index * TASK_FIELDS + 6] === 1;
  }
  links(index: number): readonly LinkFact[] {
    const links = this.flat[index * TASK_FIELDS + 7] as number;
    return links === FILE_LINKS ? this.fileLinks : this.linkLists[links]!;
  }
  linkedBy(index: number): TaskFact['linkedBy'] {
    return LINKED_BY[this.flat[index * TASK_FIELDS + 8] as number]!;
  }
}

function flattenLinks(links: readonly LinkFact[]): (string | number)[] {
  const flat: (string | number)[] = [];
  for (const link of links) flat.push(link.id, link.line, link.column);
  return flat;
}

function unflattenLinks(flat: unknown): LinkFact[] | null {
  if (!Array.isArray(flat) || flat.length % 3 !== 0) return null;
  const links: LinkFact[] = [];
  for (let at = 0; at < flat.length; at += 3) {
    const id: unknown = flat[at];
    const line: unknown = flat[at + 1];
    const column: unknown = flat[at + 2];
    if (typeof id !== 'string' || !isCount(line) || !isCount(column)) return null;
    links.push({ id, line, column });
  }
  return links;
}

/** The largest line, column or offset okr takes from the cache: more is damage (files are far smaller). */
const MAX_COUNT = 0xffffffff;

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_COUNT;
}

/** Whether `value` is an index into a list of `length` values. */
function isIndex(value: unknown, length: number): boolean {
  return isCount(value) && value < length;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `value` has exactly these own keys (so also no `__proto__` or other stray key). */
function hasKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => Object.prototype.hasOwnProperty.call(value, key));
}

function isLocation(value: Record<string, unknown>): boolean {
  return isCount(value.line) && isCount(value.column);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

const OBJECTIVE_KEYS = [
  'line',
  'column',
  'id',
  'title',
  'owner',
  'period',
  'parent',
  'progressFrom',
  'cadenceDays',
  'keyResults',
  'invalid',
  'commitment',
  'closed',
  'score',
  'closeNote',
];
const KEY_RESULT_KEYS = ['line', 'column', 'id', 'title', 'owner', 'weight', 'measure', 'index', 'invalid', 'checkins', 'score', 'progressAtClose', 'contributesTo'];
const CHECKIN_KEYS = ['date', 'value', 'confidence', 'note', 'status'];
const CHECKIN_STATUS_VALUES: readonly unknown[] = CHECKIN_STATUSES;
const PROGRESS_FROM = ['key_results', 'children', 'both'];

/** A score: null, or a number from 0 to 1. */
function isScore(value: unknown): boolean {
  return value === null || (isFiniteNumber(value) && value >= 0 && value <= 1);
}

function isTextOrNull(value: unknown): boolean {
  return value === null || typeof value === 'string';
}

/**
 * Objective facts are few and kept as their JSON objects: checked whole, key by key (no key more
 * or less), so that a foreign or damaged value never reaches the model.
 */
function isObjective(value: unknown): boolean {
  if (value === null) return true;
  if (!isRecord(value) || !hasKeys(value, OBJECTIVE_KEYS) || !isLocation(value)) return false;
  if (!isTextOrNull(value.id) || !isTextOrNull(value.title) || !isTextOrNull(value.owner) || !isTextOrNull(value.invalid)) return false;
  if (!(value.progressFrom === null || PROGRESS_FROM.includes(value.progressFrom as string))) return false;
  if (value.commitment !== 'committed' && value.commitment !== 'aspirational') return false;
  if (!(value.closed === null || (typeof value.closed === 'string' && isIsoDate(value.closed))) || !isScore(value.score) || !isTextOrNull(value.closeNote)) return false;
  if (!(value.cadenceDays === null || (typeof value.cadenceDays === 'number' && Number.isSafeInteger(value.cadenceDays) && value.cadenceDays >= 1))) return false;
  const period = value.period;
  if (period !== null) {
    if (!isRecord(period) || !hasKeys(period, ['label', 'start', 'end']) || typeof period.label !== 'string') return false;
    if (typeof period.start !== 'string' || typeof period.end !== 'string' || !isIsoDate(period.start) || !isIsoDate(period.end)) return false;
  }
  const parent = value.parent;
  if (parent !== null && !(isRecord(parent) && hasKeys(parent, ['line', 'column', 'id']) && isLocation(parent) && typeof parent.id === 'string')) return false;
  // A valid objective has what a valid one needs.
  if (value.invalid === null && (value.id === null || value.title === null || period === null)) return false;
  return Array.isArray(value.keyResults) && value.keyResults.every(isKeyResult);
}

/** A key result's check-ins: each with exactly its keys and values of their kinds, in date order. */
function isCheckinList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  let previous = '';
  for (const entry of value as unknown[]) {
    if (!isRecord(entry) || !hasKeys(entry, CHECKIN_KEYS)) return false;
    if (typeof entry.date !== 'string' || !isIsoDate(entry.date) || entry.date < previous) return false;
    previous = entry.date;
    if (!isFiniteNumber(entry.value) && typeof entry.value !== 'boolean') return false;
    if (entry.confidence !== null && !(isFiniteNumber(entry.confidence) && entry.confidence >= 0 && entry.confidence <= 1)) return false;
    if (!isTextOrNull(entry.note) || !(entry.status === null || CHECKIN_STATUS_VALUES.includes(entry.status))) return false;
  }
  return true;
}

function isKeyResult(value: unknown): boolean {
  if (!isRecord(value) || !hasKeys(value, KEY_RESULT_KEYS) || !isLocation(value) || !isCount(value.index)) return false;
  if (!isTextOrNull(value.id) || !isTextOrNull(value.title) || !isTextOrNull(value.owner) || !isTextOrNull(value.invalid)) return false;
  if (!isFiniteNumber(value.weight) || value.weight < 0) return false;
  if (!isCheckinList(value.checkins) || !isScore(value.score) || !isScore(value.progressAtClose)) return false;
  const link = value.contributesTo;
  if (link !== null && !(isRecord(link) && hasKeys(link, ['line', 'column', 'id']) && isLocation(link) && typeof link.id === 'string')) return false;
  const measure = value.measure;
  if (measure === null) return value.invalid !== null;
  if (value.invalid === null && (value.id === null || value.title === null)) return false;
  if (!isRecord(measure)) return false;
  switch (measure.kind) {
    case 'tasks':
    case 'rollup':
      return hasKeys(measure, ['kind']);
    case 'guardrail':
      return (
        hasKeys(measure, ['kind', 'keepAbove', 'keepBelow', 'current', 'unit']) &&
        (measure.keepAbove === null) !== (measure.keepBelow === null) &&
        (measure.keepAbove === null || isFiniteNumber(measure.keepAbove)) &&
        (measure.keepBelow === null || isFiniteNumber(measure.keepBelow)) &&
        isFiniteNumber(measure.current) &&
        (measure.unit === null || typeof measure.unit === 'string')
      );
    case 'milestone':
      return hasKeys(measure, ['kind', 'done']) && typeof measure.done === 'boolean';
    case 'metric':
      return (
        hasKeys(measure, ['kind', 'start', 'target', 'current', 'unit']) &&
        isFiniteNumber(measure.start) &&
        isFiniteNumber(measure.target) &&
        isFiniteNumber(measure.current) &&
        measure.start !== measure.target &&
        (measure.unit === null || typeof measure.unit === 'string')
      );
    default:
      return false;
  }
}
