/**
 * A check-in on a key result: its `current` (metric) or `done` (milestone) is set in place, and the
 * check-in is appended to the key result's `checkins:` list as one flow-style line, so that the
 * history stays beside the number it explains and `git log -p` shows exactly one added line:
 *
 *     current: 31
 *     checkins:
 *       - { date: 2026-11-25, value: 31, confidence: 0.7, note: "cohort B is live", status: on-track }
 *
 * The list is kept in date order (src/model/checkins.ts): a check-in dated before the latest one is
 * inserted before the first entry dated after it, and then `current`/`done` is left alone (it is
 * the latest check-in's value); one dated the same day as the latest goes after it and sets the
 * value, since it is then the latest.
 */
import { pushAll } from '../model/arrays.js';
import { checkinDate, checkinInsertIndex, firstCheckinOutOfOrder, latestCheckinIndex } from '../model/checkins.js';
import { noNewErrors, type EditSide, type FileEdit } from './file-edit.js';
import type { Splice } from './splice.js';
import { applySplices } from './splice.js';
import { EditError, FrontMatterEditor, sameData } from './yaml-edit.js';
import { formatYamlScalar } from '../parse/yaml.js';
import type { CheckinStatus } from '../model/types.js';

export interface CheckinRecord {
  date: string;
  value: number | boolean;
  confidence?: number;
  note?: string;
  /** The owner's call (`on-track`, `at-risk`, `off-track`), written as `status:`. */
  status?: CheckinStatus;
}

export interface CheckinPlan {
  kind: 'metric' | 'milestone';
  /** The value before the check-in (`current`, which defaults to `start`, or `done`). */
  previous: number | boolean;
  /** Index of the new entry in the `checkins:` list after the edit (0-based). */
  index: number;
  /**
   * The date of the latest check-in when the new one is dated before it: it is inserted in date
   * order and `current`/`done` stays `previous`. Null when the new check-in is the latest.
   */
  backdatedBefore: string | null;
  splices: Splice[];
}

type KeyResultData = Record<string, unknown>;

/**
 * Plans a check-in on key result `krId` of the objective file `text` (after any BOM): splices that
 * set `current`/`done` and add `record` to `checkins:` in date order (see the module comment).
 * Throws EditError when the file has no such key result, the key result is measured by tasks or
 * half-written, the value is of the wrong kind, or the YAML cannot be edited in place.
 */
export function planCheckin(text: string, krId: string, record: CheckinRecord): CheckinPlan {
  const editor = new FrontMatterEditor(text);
  const { index: krIndex, data } = findKeyResult(editor, krId);
  const path = ['key_results', krIndex];
  const kr = editor.node(path);
  if (!kr || kr.kind !== 'map') throw new EditError(`key result "${krId}" is not a mapping of keys to values`, kr?.start ?? 0);
  const json = editor.isJson(kr);
  const kind = measureOf(data, krId, kr.start);
  const entries = Array.isArray(data.checkins) ? (data.checkins as unknown[]) : [];
  const index = checkinInsertIndex(entries, record.date);
  const backdatedBefore = index < entries.length ? checkinDate(entries[latestCheckinIndex(entries)]) : null;

  const splices: Splice[] = [];
  let previous: number | boolean;
  if (kind === 'milestone') {
    if (typeof record.value !== 'boolean') throw new EditError(`key result "${krId}" is a milestone: check in true or false`);
    previous = data.done as boolean;
    const done = kr.pairs.find((pair) => pair.key === 'done')!;
    if (backdatedBefore === null) splices.push(editor.replaceScalar(done.value!, String(record.value)));
  } else {
    if (typeof record.value !== 'number') throw new EditError(`key result "${krId}" is a metric: check in a number`);
    previous = (data.current ?? data.start) as number;
    const literal = formatYamlScalar(record.value, json ? 'json' : 'block');
    const current = kr.pairs.find((pair) => pair.key === 'current');
    if (backdatedBefore !== null) {
      // An older check-in leaves the value of the latest one in place.
    } else if (!current) splices.push(editor.addPair(kr, 'current', { inline: literal }, 'target'));
    else if (isEmpty(current.value)) splices.push(editor.fillEmptyKey(kr, 'current', { inline: literal }));
    else splices.push(editor.replaceScalar(current.value!, literal));
  }

  const line = formatCheckinRecord(record, json);
  if (index < entries.length) {
    const list = editor.node([...path, 'checkins']);
    if (!list || list.kind !== 'seq') throw new EditError('"checkins" is not a list', kr.start);
    splices.push(editor.insertItem(list, index, { block: [line], flow: line }));
  } else {
    pushAll(splices, editor.appendToList(path, 'checkins', { block: [line], flow: line }));
  }
  return { kind, previous, index, backdatedBefore, splices };
}

/** `{ date: 2026-11-25, value: 31, confidence: 0.7, note: "...", status: at-risk }`, or the same as JSON. */
export function formatCheckinRecord(record: CheckinRecord, json = false): string {
  const entries: [string, string | number | boolean][] = [
    ['date', record.date],
    ['value', record.value],
  ];
  if (record.confidence !== undefined) entries.push(['confidence', record.confidence]);
  if (record.note !== undefined) entries.push(['note', record.note]);
  if (record.status !== undefined) entries.push(['status', record.status]);
  if (json) return `{${entries.map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(', ')}}`;
  const format = (key: string, value: string | number | boolean) => (key === 'note' ? JSON.stringify(value) : formatYamlScalar(value, 'flow'));
  return `{ ${entries.map(([key, value]) => `${key}: ${format(key, value)}`).join(', ')} }`;
}

/**
 * Checks the edited text against the plan: the front-matter reads back as before except for the
 * key result's value (unless the check-in is backdated) and one more check-in at `plan.index`, the
 * body is untouched, a list that was in date order still is, and a check-in that is not backdated
 * is the latest and its value is `current`/`done`. Returns what differs, or null.
 */
export function verifyCheckin(before: string, plan: CheckinPlan, krId: string, record: CheckinRecord): string | null {
  return verifyCheckinText(before, applySplices(before, plan.splices), plan, krId, record);
}

/** verifyCheckin of a given edited text `after` (the text after any BOM). */
function verifyCheckinText(before: string, after: string, plan: CheckinPlan, krId: string, record: CheckinRecord): string | null {
  let editedData: unknown;
  let editedBody: string;
  try {
    const edited = new FrontMatterEditor(after);
    editedData = edited.data;
    editedBody = edited.split.body;
  } catch (error) {
    return `the edited front-matter would not read back: ${(error as Error).message}`;
  }
  const original = new FrontMatterEditor(before);
  if (original.split.body !== editedBody) return 'the edit would change the body of the file';
  const expected = structuredClone(original.data) as { key_results: KeyResultData[] };
  const kr = expected.key_results.find((item) => item.id === krId)!;
  const entriesBefore = (kr.checkins as unknown[] | null | undefined) ?? [];
  if (plan.backdatedBefore === null) {
    if (plan.kind === 'milestone') kr.done = record.value;
    else kr.current = record.value;
  }
  kr.checkins = [...entriesBefore.slice(0, plan.index), { ...record }, ...entriesBefore.slice(plan.index)];
  if (!sameData(expected, editedData)) return 'the front-matter would change in an unplanned way';
  const entries = kr.checkins as unknown[];
  if (firstCheckinOutOfOrder(entriesBefore) === null && firstCheckinOutOfOrder(entries) !== null) return 'the check-ins would no longer be in date order';
  const isLatest = latestCheckinIndex(entries) === plan.index;
  if (isLatest !== (plan.backdatedBefore === null)) return 'the new check-in would be placed out of date order';
  if (isLatest && (plan.kind === 'milestone' ? kr.done : kr.current) !== record.value) return 'the value would not be that of the latest check-in';
  return null;
}

/**
 * `okr checkin` of key result `krId` as a FileEdit: planCheckin's splices, checked by verifyCheckin
 * and for new errors in the file. Throws an EditError as planCheckin does.
 */
export function checkinEdit(before: EditSide, krId: string, record: CheckinRecord): CheckinPlan & FileEdit {
  const plan = planCheckin(before.text, krId, record);
  return { ...plan, verify: (was, now) => verifyCheckinText(was.text, now.text, plan, krId, record) ?? noNewErrors(was.facts, now.facts) };
}

function findKeyResult(editor: FrontMatterEditor, krId: string): { index: number; data: KeyResultData } {
  const data = editor.data as { key_results?: unknown } | null;
  const list = data && typeof data === 'object' && Array.isArray(data.key_results) ? (data.key_results as unknown[]) : [];
  const index = list.findIndex((item) => item !== null && typeof item === 'object' && (item as KeyResultData).id === krId);
  if (index === -1) throw new EditError(`key result "${krId}" is not in this file`);
  return { index, data: list[index] as KeyResultData };
}

function measureOf(data: KeyResultData, krId: string, offset: number): 'metric' | 'milestone' {
  if (data.done !== undefined) {
    if (typeof data.done !== 'boolean') throw new EditError(`"done" of key result "${krId}" is not true or false: fix it first`, offset);
    return 'milestone';
  }
  if (data.keep_above !== undefined || data.keep_below !== undefined) {
    // A guardrail: its `current` is replaced as a metric's is.
    if (typeof data.current !== 'number') throw new EditError(`key result "${krId}" is a guardrail without a number for "current": fix it first`, offset);
    return 'metric';
  }
  if (data.start !== undefined || data.target !== undefined || data.current !== undefined) {
    if (typeof data.start !== 'number' || typeof data.target !== 'number') {
      throw new EditError(`key result "${krId}" needs numbers for "start" and "target" before a check-in: fix it first`, offset);
    }
    return 'metric';
  }
  throw new EditError(
    `key result "${krId}" is measured by its linked tasks: tick them with "okr done", or give it "start" and "target" (a metric) or "done" (a milestone) to check in a value`,
    offset,
  );
}

function isEmpty(node: { kind: string; value?: unknown } | null): boolean {
  return node === null || (node.kind === 'scalar' && node.value === null);
}
