/**
 * Per-file facts: what one file says, as plain serializable data. Depends on nothing but the file's
 * path and bytes, so facts can be cached by content and computed in any order or in parallel.
 */
import { checkCheckins } from './checkins.js';
import { splitFrontMatter } from './front-matter.js';
import { findDeepMarkdownNesting, formatSize, MAX_MARKDOWN_NESTING } from './limits.js';
import { MAX_MARKDOWN_DEFINITIONS, MAX_MARKDOWN_PART, MAX_MARKDOWN_WORK, MarkdownTooComplex, parseMarkdownTasks, type MarkdownFacts } from './markdown/index.js';
import { readCheckins } from './checkin-facts.js';
import { cadenceDays } from '../model/cadence.js';
import type { FileFacts, KeyResultFacts, LinkFact, Measure, ObjectiveFacts, TaskFact } from '../model/types.js';
import { explicitPeriod, isIsoDate, parsePeriodLabel, PERIOD_FORMATS, type Period } from '../model/period.js';
import { cutText, excerpt, problem, START_OF_FILE, type Location } from '../model/problem.js';
import type { RuleId, SeverityOf } from '../model/rules.js';
import {
  describeSchemaIssues,
  describeValue,
  ID_PATTERN,
  KEY_RESULT_KEYS,
  OBJECTIVE_KEYS,
  TASK_FILE_KEYS,
  validateKeyResult,
  validateObjectiveHeader,
  validateTaskFile,
  type KeyResultData,
} from './schema.js';
import { closestMatch } from '../model/suggest.js';
import { findNearMisses } from './near-misses.js';
import { LineIndex } from './text-position.js';
import { findInvalidUtf8, locateByte, stripBom } from './utf8.js';
import { locateYamlPath, mappingKeyOffsets, readDamagedDocument, type PathSegment, type YamlTree } from './yaml.js';

export type { FileFacts, FileRole, KeyResultFacts, LinkFact, Measure, ObjectiveFacts, TaskFact, TaskState } from '../model/types.js';

/**
 * The facts of one file from its bytes: its role (objective, task file or other Markdown), the
 * objective and key results of its front-matter, its task items and their links, and its problems
 * (file:line:column, column in UTF-16 code units; offsets such as `checkboxOffset` are into the text
 * after any BOM). Depends only on `path` and `bytes`. Bad input is reported among `problems`
 * (invalid-utf8, schema, yaml-*, file-too-complex, ...), never thrown.
 */
export function parseOkrFile(path: string, bytes: Uint8Array): FileFacts {
  const facts: FileFacts = { path, role: 'markdown', objective: null, fileLinks: [], idleLinks: [], tasks: [], problems: [] };
  const invalidAt = findInvalidUtf8(bytes);
  if (invalidAt !== -1) {
    facts.problems.push(problem(path, locateByte(bytes, invalidAt), 'error', 'invalid-utf8', 'file is not valid UTF-8: save it as UTF-8'));
    return facts;
  }
  const { text } = stripBom(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
  return parseOkrText(path, text);
}

/** `text` is the file's content after any BOM. */
export function parseOkrText(path: string, text: string): FileFacts {
  const facts: FileFacts = { path, role: 'markdown', objective: null, fileLinks: [], idleLinks: [], tasks: [], problems: [] };
  const lines = new LineIndex(text);
  const report: Report = (at, severity, rule, message) => facts.problems.push(problem(path, at, severity, rule, message));

  const split = splitFrontMatter(text);
  for (const issue of split.issues) report(lines.locate(issue.offset), 'error', issue.rule, issue.message);

  const locateIn =
    (tree: YamlTree | null) =>
    (segments: readonly PathSegment[], at: 'key' | 'value' = 'value') =>
      tree ? lines.locate(split.yamlOffset + locateYamlPath(tree, segments, at)) : START_OF_FILE;
  const locate = locateIn(split.tree);
  const data = split.data;

  let body = split.body;
  let bodyOffset = split.bodyOffset;
  if (split.hasFrontMatter && split.issues.length === 0 && data !== undefined && !isMapping(data) && data !== null) {
    // Not front-matter after all: the `---` lines are thematic breaks of a plain Markdown file.
    report(
      START_OF_FILE,
      'warning',
      'front-matter-not-mapping',
      `the block between the "---" lines is ${describeShape(data)}, not a mapping of keys to values: the file is read as plain Markdown`,
    );
    body = text;
    bodyOffset = 0;
  }

  const damaged = data === undefined && split.document && split.issues.length > 0 ? readDamagedDocument(split.document) : undefined;
  if (isMapping(data) && (data.type === 'objective' || 'key_results' in data)) {
    facts.role = 'objective';
    facts.objective = readObjective(data, split.tree, locate, report);
  } else if (isMapping(damaged) && (damaged.type === 'objective' || 'key_results' in damaged)) {
    // The front-matter cannot be read, but it declares an objective: it is shown as invalid.
    facts.role = 'objective';
    facts.objective = damagedObjective(damaged, locate, split.issues[0]!.message);
  } else if (isMapping(data) && 'kr' in data) {
    facts.role = 'tasks';
    facts.fileLinks = readTaskFileHeader(data, split.tree, locate, report);
  }

  for (const miss of findNearMisses(text, split, facts.role)) report(lines.locate(miss.offset), 'warning', miss.rule, miss.message);

  const at = (offset: number) => lines.locate(bodyOffset + offset);
  const deep = findDeepMarkdownNesting(body);
  if (deep) {
    report(at(deep.offset), 'error', 'nesting-too-deep', `lists or block quotes nest deeper than ${MAX_MARKDOWN_NESTING} levels: the file's task items are not read`);
  }
  let markdown: MarkdownFacts = { tasks: [], links: [] };
  let tooComplex = false;
  if (!deep) {
    try {
      markdown = parseMarkdownTasks(body);
    } catch (error) {
      if (!(error instanceof MarkdownTooComplex)) throw error;
      tooComplex = true;
      report(at(error.offset), 'error', 'file-too-complex', tooComplexMessage(error));
    }
  }
  for (const item of markdown.tasks) {
    const links: LinkFact[] = item.links.map((link) => ({ id: link.id, ...at(link.offset) }));
    const fileLinked = item.linkedBy === null && facts.fileLinks.length > 0;
    // No spread into the literal: objects built that way are slow to make by the hundred thousand.
    const where = at(item.offset);
    facts.tasks.push({
      line: where.line,
      column: where.column,
      checkboxOffset: bodyOffset + item.checkboxOffset,
      text: item.text,
      state: item.state,
      parent: item.parent,
      isGroup: item.isGroup,
      links: fileLinked ? facts.fileLinks : links,
      linkedBy: fileLinked ? 'file' : item.linkedBy,
    });
  }

  if (markdown.links.length > 0) {
    const carried = new Set<number>();
    for (const item of markdown.tasks) for (const link of item.links) carried.add(link.offset);
    for (const link of markdown.links) if (!carried.has(link.offset)) facts.idleLinks.push({ id: link.id, ...at(link.offset) });
  }
  if (facts.role === 'tasks' && facts.fileLinks.length > 0 && facts.tasks.length === 0 && !deep && !tooComplex) {
    report(locate(['kr'], 'key'), 'warning', 'empty-task-file', 'task file has no task items: add "- [ ] ..." items or remove the file');
  }
  for (const task of facts.tasks) {
    if (task.isGroup && task.state === 'done' && hasOpenLeaf(facts.tasks, facts.tasks.indexOf(task))) {
      report(
        lines.locate(task.checkboxOffset),
        'warning',
        'group-done-open-leaves',
        `${excerpt(task.text)} is checked but some of its sub-tasks are still open, and only the sub-tasks count: finish them, or untick the group`,
      );
    }
  }
  return facts;
}

function tooComplexMessage(error: MarkdownTooComplex): string {
  switch (error.bound) {
    case 'definitions':
      return `the file holds more than ${MAX_MARKDOWN_DEFINITIONS.toLocaleString('en-US')} link reference or footnote definitions: its task items are not read`;
    case 'part':
      return `from this line on, more than ${formatSize(MAX_MARKDOWN_PART)} of Markdown is one block okr cannot split (an HTML block, a table or definitions without blank lines between): its task items are not read`;
    default:
      return `from this line on, the Markdown takes more than ${MAX_MARKDOWN_WORK.toLocaleString('en-US')} parsing steps (such as thousands of unclosed links, emphasis marks or HTML comments in one paragraph): its task items are not read`;
  }
}

type Locate = (path: readonly PathSegment[], at?: 'key' | 'value') => Location;
type Report = <R extends RuleId>(at: Location, severity: SeverityOf<R>, rule: R, message: string) => void;

/** A Report that also remembers the first error it passed on: why an item does not count. */
function tracking(report: Report): { report: Report; firstError: () => string | null } {
  let first: string | null = null;
  const tracked: Report = (at, severity, rule, message) => {
    if (severity === 'error' && first === null) first = message;
    report(at, severity, rule, message);
  };
  return { report: tracked, firstError: () => first };
}

function readObjective(data: Record<string, unknown>, tree: YamlTree | null, locate: Locate, outer: Report): ObjectiveFacts {
  const { report, firstError } = tracking(outer);
  reportUnknownKeys(tree, [], OBJECTIVE_KEYS, locate, report, 'objective');
  const keyResultsData = Array.isArray(data.key_results) ? data.key_results : [];
  keyResultsData.forEach((_, index) => reportUnknownKeys(tree, ['key_results', index], KEY_RESULT_KEYS, locate, outer, 'key result'));

  // The objective's own keys and each key result are validated apart: one broken key result
  // leaves the others and the objective standing, and every error is reported in one run.
  const result = validateObjectiveHeader(data);
  if (!result.success) {
    for (const issue of describeSchemaIssues(result.error, data)) {
      if (issue.at === 'value') report(locate(issue.path), 'error', 'schema', issue.message);
    }
  }
  if (data.key_results !== undefined && data.key_results !== null && !Array.isArray(data.key_results)) {
    report(locate(['key_results']), 'error', 'schema', `key_results: expected a list of key results, got ${describeValue(data.key_results)}`);
  }
  const period = readPeriod(data, locate, report);
  const keyResults = keyResultsData.map((raw: unknown, index) => {
    const keyResult = readKeyResult(raw, index, locate, outer);
    if (keyResult.invalid === null && keyResult.measure !== null && period !== null) {
      // Check-ins of a valid key result: kept in date order, the latest one the current value.
      const checked = validateKeyResult(raw);
      if (checked.success) checkCheckins(checked.data, keyResult.measure, period, ['key_results', index], locate, outer);
    }
    return keyResult;
  });
  if (keyResults.length > 0 && keyResults.every((kr) => kr.weight === 0)) {
    report(locate(['key_results']), 'error', 'zero-weights', 'every key result has weight 0: give at least one a positive weight');
  }
  const parent = typeof data.parent === 'string' && ID_PATTERN.test(data.parent) ? { id: data.parent, ...locate(['parent']) } : null;
  const progressFrom = data.progress_from === 'key_results' || data.progress_from === 'children' || data.progress_from === 'both' ? data.progress_from : null;
  return {
    ...locate(['id']),
    id: readableId(data.id),
    title: readableText(data.title),
    owner: readableText(data.owner),
    period,
    parent,
    progressFrom,
    cadenceDays: cadenceDays(data.cadence),
    keyResults,
    invalid: firstError(),
    ...readClosing(data),
  };
}

/** An objective whose front-matter has a YAML error: what can be read of it, all invalid. */
function damagedObjective(data: Record<string, unknown>, locate: Locate, reason: string): ObjectiveFacts {
  const keyResults: KeyResultFacts[] = (Array.isArray(data.key_results) ? data.key_results : []).map((raw: unknown, index) => {
    const record = isMapping(raw) ? raw : {};
    return {
      ...locate(['key_results', index, 'id']),
      id: readableId(record.id),
      title: readableText(record.title),
      owner: readableText(record.owner),
      weight: 1,
      measure: null,
      index,
      invalid: reason,
      checkins: readCheckins(record.checkins),
      score: readScore(record.score),
      progressAtClose: readScore(record.progress_at_close),
      contributesTo: null,
    };
  });
  return {
    ...locate(['id']),
    id: readableId(data.id),
    title: readableText(data.title),
    owner: readableText(data.owner),
    period: null,
    parent: null,
    progressFrom: null,
    cadenceDays: null,
    keyResults,
    invalid: reason,
    ...readClosing(data),
  };
}

/** The closing keys of an objective as far as they can be read (the schema reports what is wrong). */
function readClosing(data: Record<string, unknown>): Pick<ObjectiveFacts, 'commitment' | 'closed' | 'score' | 'closeNote'> {
  return {
    commitment: data.commitment === 'aspirational' ? 'aspirational' : 'committed',
    closed: typeof data.closed === 'string' && isIsoDate(data.closed) ? data.closed : null,
    score: readScore(data.score),
    closeNote: readableText(data.close_note),
  };
}

/** A `score:` from 0 to 1, else null (the schema reports anything else). */
function readScore(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1 ? value : null;
}

/** An id as a report may name it: text as written (trimmed), even when it is not a valid id; null for anything else. */
function readableId(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? cutText(value.trim(), 200) : null;
}

function readableText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function readPeriod(data: Record<string, unknown>, locate: Locate, report: Report): Period | null {
  const hasLabel = data.period !== undefined && data.period !== null;
  const hasDates = data.start !== undefined || data.end !== undefined;
  if (hasLabel && hasDates) {
    report(locate(['start'], 'key'), 'error', 'invalid-period', 'give either "period" or "start" and "end", not both');
    return null;
  }
  if (hasLabel) {
    const label = String(data.period);
    if (typeof data.period !== 'string' && typeof data.period !== 'number') return null; // reported by the schema
    const period = parsePeriodLabel(label);
    if (!period) {
      report(locate(['period']), 'error', 'invalid-period', `${excerpt(label)} is not a period: use ${PERIOD_FORMATS}, or "start" and "end" dates`);
    }
    return period;
  }
  if (hasDates) {
    let ok = true;
    for (const key of ['start', 'end'] as const) {
      const value = data[key];
      if (value === undefined) {
        report(locate([key === 'start' ? 'end' : 'start'], 'key'), 'error', 'invalid-period', `"${key}" is missing: an explicit period needs both "start" and "end"`);
        ok = false;
      } else if (typeof value !== 'string' || !isIsoDate(value)) {
        report(locate([key]), 'error', 'invalid-date', `${key}: ${JSON.stringify(typeof value === 'string' ? cutText(value) : value)} is not a date: use YYYY-MM-DD`);
        ok = false;
      }
    }
    if (!ok) return null;
    const start = data.start as string;
    const end = data.end as string;
    if (end < start) {
      report(locate(['end']), 'error', 'invalid-period', `the period ends (${end}) before it starts (${start})`);
      return null;
    }
    return explicitPeriod(start, end);
  }
  report(locate(['id'], 'key'), 'error', 'missing-period', `objective has no period: add "period: 2026-Q4" (${PERIOD_FORMATS}) or "start" and "end" dates`);
  return null;
}

/**
 * One entry of `key_results:`, kept whatever its errors: a valid one with its measure, an invalid
 * one with what could be read and the first error as `invalid`.
 */
function readKeyResult(raw: unknown, index: number, locate: Locate, outer: Report): KeyResultFacts {
  const path: PathSegment[] = ['key_results', index];
  const { report, firstError } = tracking(outer);
  const record = isMapping(raw) ? raw : {};
  const checked = validateKeyResult(raw);
  let measure: Measure | null = null;
  if (!checked.success) {
    for (const issue of describeSchemaIssues(checked.error, raw)) {
      if (issue.at === 'value')
        report(
          locate([...path, ...issue.path]),
          'error',
          'schema',
          `key_results[${index}]${issue.message.startsWith('front-matter') ? issue.message.slice('front-matter'.length) : `.${issue.message}`}`,
        );
    }
  } else {
    measure = readMeasure(checked.data, path, locate, report);
  }
  const weight = typeof record.weight === 'number' && Number.isFinite(record.weight) && record.weight >= 0 ? record.weight : 1;
  return {
    ...locate([...path, 'id']),
    id: readableId(record.id),
    title: readableText(record.title),
    owner: readableText(record.owner),
    weight,
    measure: firstError() === null ? measure : null,
    index,
    invalid: firstError(),
    checkins: readCheckins(record.checkins),
    score: readScore(record.score),
    progressAtClose: readScore(record.progress_at_close),
    // Read even when the key result has other errors: an invalid contributor is shown as not counted, never dropped.
    contributesTo:
      typeof record.contributes_to === 'string' && ID_PATTERN.test(record.contributes_to) ? { id: record.contributes_to, ...locate([...path, 'contributes_to']) } : null,
  };
}

function readMeasure(raw: KeyResultData, path: PathSegment[], locate: Locate, report: Report): Measure | null {
  const where = (key: string) => locate([...path, key]);
  const special = readSpecialMeasure(raw, path, locate, report);
  if (special !== undefined) return special;
  const metricKeys = (['start', 'target', 'current'] as const).filter((key) => raw[key] !== undefined);
  let measure: Measure;
  if (raw.done !== undefined && metricKeys.length > 0) {
    report(
      where('done'),
      'error',
      'mixed-measure',
      `key result "${raw.id}" has both "done" (a milestone) and ${metricKeys.map((k) => `"${k}"`).join(', ')} (a metric): keep one kind`,
    );
    return null;
  }
  if (raw.done !== undefined) {
    measure = { kind: 'milestone', done: raw.done };
  } else if (metricKeys.length > 0) {
    if (raw.start === undefined || raw.target === undefined) {
      const missing = raw.start === undefined ? 'start' : 'target';
      report(locate(path), 'error', 'incomplete-metric', `key result "${raw.id}" is a metric without "${missing}": a metric needs "start" and "target"`);
      return null;
    }
    if (raw.start === raw.target) {
      report(
        where('target'),
        'error',
        'start-equals-target',
        `key result "${raw.id}" has start equal to target (${raw.target}), so progress cannot be measured: change "start" or "target"`,
      );
      return null;
    }
    measure = { kind: 'metric', start: raw.start, target: raw.target, current: raw.current ?? raw.start, unit: raw.unit ?? null };
  } else {
    measure = { kind: 'tasks' };
  }
  if (measure.kind === 'metric') {
    const { start, target, current } = measure;
    const lowerIsBetter = target < start;
    if (lowerIsBetter ? current < target : current > target) {
      report(
        where('current'),
        'warning',
        'metric-beyond-target',
        `key result "${raw.id}": current ${current} is beyond the target ${target}, so progress counts as 100%: check "current", or move the target if it was beaten`,
      );
    } else if (lowerIsBetter ? current > start : current < start) {
      report(
        where('current'),
        'warning',
        'metric-behind-start',
        `key result "${raw.id}": current ${current} is behind the start ${start}, so progress counts as 0%: check "current" and "start"`,
      );
    }
  }
  return measure;
}

/**
 * A guardrail (`keep_above`/`keep_below` with `current`) or a roll-up (`measure: rollup`): the
 * measure, null after reporting an error, or undefined when the key result is neither.
 */
function readSpecialMeasure(raw: KeyResultData, path: PathSegment[], locate: Locate, report: Report): Measure | null | undefined {
  const where = (key: string) => locate([...path, key]);
  const named = (keys: readonly string[]) => keys.map((key) => `"${key}"`).join(', ');
  if (raw.measure === 'rollup') {
    const others = (['start', 'target', 'current', 'done', 'keep_above', 'keep_below'] as const).filter((key) => raw[key] !== undefined);
    if (others.length > 0) {
      report(
        where(others[0]!),
        'error',
        'mixed-measure',
        `key result "${raw.id}" is a roll-up ("measure: rollup") but also has ${named(others)}: a roll-up takes its progress from the key results that contribute to it, remove ${others.length === 1 ? 'it' : 'them'}`,
      );
      return null;
    }
    return { kind: 'rollup' };
  }
  if (raw.keep_above === undefined && raw.keep_below === undefined) return undefined;
  if (raw.keep_above !== undefined && raw.keep_below !== undefined) {
    report(
      where('keep_below'),
      'error',
      'mixed-measure',
      `key result "${raw.id}" has both "keep_above" and "keep_below": a guardrail holds one bound, keep one (or make two key results)`,
    );
    return null;
  }
  const bound = raw.keep_above !== undefined ? 'keep_above' : 'keep_below';
  const others = (['start', 'target', 'done'] as const).filter((key) => raw[key] !== undefined);
  if (others.length > 0) {
    report(
      where(others[0]!),
      'error',
      'mixed-measure',
      `key result "${raw.id}" has both "${bound}" (a guardrail) and ${named(others)}: a guardrail is held, not reached, remove ${named(others)} or "${bound}"`,
    );
    return null;
  }
  if (raw.current === undefined) {
    report(where(bound), 'error', 'incomplete-metric', `key result "${raw.id}" is a guardrail without "current": give the value it holds now, e.g. "current: ${raw[bound]}"`);
    return null;
  }
  return { kind: 'guardrail', keepAbove: raw.keep_above ?? null, keepBelow: raw.keep_below ?? null, current: raw.current, unit: raw.unit ?? null };
}

function readTaskFileHeader(data: Record<string, unknown>, tree: YamlTree | null, locate: Locate, report: Report): LinkFact[] {
  reportUnknownKeys(tree, [], TASK_FILE_KEYS, locate, report, 'task file');
  const result = validateTaskFile(data);
  if (!result.success) {
    for (const issue of describeSchemaIssues(result.error, data)) {
      if (issue.at === 'value') report(locate(issue.path), 'error', 'schema', issue.message);
    }
    return [];
  }
  const ids = typeof result.data.kr === 'string' ? [result.data.kr] : result.data.kr;
  return ids.map((id, index) => ({ id, ...locate(typeof result.data.kr === 'string' ? ['kr'] : ['kr', index]) }));
}

function reportUnknownKeys(tree: YamlTree | null, path: PathSegment[], known: readonly string[], locate: Locate, report: Report, what: string): void {
  if (!tree) return;
  for (const [key] of mappingKeyOffsets(tree, path)) {
    if (known.includes(key)) continue;
    const suggestion = closestMatch(key, known);
    report(
      locate([...path, key], 'key'),
      'warning',
      'unknown-key',
      suggestion ? `unknown ${what} key ${excerpt(key)}: did you mean "${suggestion}"?` : `unknown ${what} key ${excerpt(key)} is ignored (known keys: ${known.join(', ')})`,
    );
  }
}

function hasOpenLeaf(tasks: readonly TaskFact[], groupIndex: number): boolean {
  return tasks.some((task, index) => !task.isGroup && task.state !== 'done' && task.state !== 'cancelled' && isDescendant(tasks, index, groupIndex));
}

/** Whether the task item at `index` lies, at any depth, inside the one at `ancestor` (indexes into `tasks`). */
export function isDescendant(tasks: readonly TaskFact[], index: number, ancestor: number): boolean {
  for (let current = tasks[index]!.parent; current !== null; current = tasks[current]!.parent) {
    if (current === ancestor) return true;
  }
  return false;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function describeShape(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'a single text value';
  return `a single value (${typeof value})`;
}
