/**
 * The edit of `okr close`: writes `closed: <date>` and `score:` (and `close_note:` when given) into
 * an objective's front-matter and `score:` into each of its key results (and `progress_at_close:`
 * into those whose score was set by hand), in place: an existing
 * value is replaced, a missing key added in the style around it; nothing else in the file changes.
 * Pure: no I/O.
 */
import type { FileEdit, EditSide } from './file-edit.js';
import { noNewErrors } from './file-edit.js';
import type { Splice } from './splice.js';
import { EditError, FrontMatterEditor, sameData } from './yaml-edit.js';
import type { PathSegment } from '../parse/yaml.js';

export interface ClosePlan {
  /** The date of the close, YYYY-MM-DD. */
  closed: string;
  /** The objective's frozen score, 0..1 (written with at most two decimals); null when it has none (no `score:` is written). */
  score: number | null;
  /** Each key result's frozen score, 0..1, by its index in `key_results:`; null where it has none (not written, never 0). */
  keyResultScores: readonly (number | null)[];
  /**
   * Each key result's progress at the close, 0..1, by index, written as `progress_at_close:` (two
   * decimals); null where none is written (a computed score is its progress). Missing: none.
   */
  keyResultProgress?: readonly (number | null)[];
  /** The closing note, or null to write none. */
  note: string | null;
}

/**
 * Plans the close of the objective in `before`: its splices (one, spanning the changed region) and
 * a verify that holds the result to exactly the plan: the same front-matter data but for `closed`,
 * `score`, `close_note`, each key result's `score` and the planned `progress_at_close`, with the
 * planned values; the same body; no
 * new errors. Throws EditError when the file cannot be edited so (no front-matter, a key result
 * that is not a mapping, a block scalar where a value goes).
 */
export function closeEdit(before: EditSide, plan: ClosePlan): FileEdit {
  let text = before.text;
  const apply = (edit: (editor: FrontMatterEditor) => Splice | null) => {
    const splice = edit(new FrontMatterEditor(text));
    if (splice) text = text.slice(0, splice.start) + splice.insert + text.slice(splice.end);
  };
  // Key results first, last to first, then the objective's own keys: each edit sees the text so far.
  for (let index = plan.keyResultScores.length - 1; index >= 0; index--) {
    const progress = plan.keyResultProgress?.[index] ?? null;
    const score = plan.keyResultScores[index] ?? null;
    if (score !== null) apply((editor) => setScalar(editor, ['key_results', index], 'score', scoreLiteral(score)));
    if (progress !== null) apply((editor) => setScalar(editor, ['key_results', index], 'progress_at_close', scoreLiteral(progress), 'score'));
  }
  const anchor = (editor: FrontMatterEditor) => (editor.node([])?.pairs.some((pair) => pair.key === 'period') ? 'period' : undefined);
  apply((editor) => setScalar(editor, [], 'closed', stringLiteral(editor, plan.closed), anchor(editor)));
  const score = plan.score;
  if (score !== null) apply((editor) => setScalar(editor, [], 'score', scoreLiteral(score), 'closed'));
  if (plan.note !== null) apply((editor) => setScalar(editor, [], 'close_note', JSON.stringify(plan.note), score !== null ? 'score' : 'closed'));
  return { splices: text === before.text ? [] : [wholeChange(before.text, text)], verify: (b, a) => verifyClose(b, a, plan) };
}

/** A score as YAML: at most two decimals, as `0.68`, `1`, `0`. */
export function scoreLiteral(score: number): string {
  return String(roundScore(score));
}

/** A score rounded to two decimals (half up, within float noise), as `okr close` freezes it. */
export function roundScore(score: number): number {
  return Math.round(score * 100 + 1e-6) / 100;
}

function stringLiteral(editor: FrontMatterEditor, value: string): string {
  const root = editor.node([]);
  return root && editor.isJson(root) ? JSON.stringify(value) : value;
}

/** Replaces the value of `name` in the mapping at `path`, or adds it (after `after` when given). Null when it already holds `literal`. */
function setScalar(editor: FrontMatterEditor, path: readonly PathSegment[], name: string, literal: string, after?: string): Splice | null {
  const map = editor.node(path);
  if (!map || map.kind !== 'map')
    throw new EditError(`${path.length === 0 ? 'the front-matter' : `key_results[${String(path[1])}]`} is not a mapping of keys to values`, map?.start ?? 0);
  const pair = map.pairs.find((p) => p.key === name);
  if (!pair) {
    const value = { inline: literal };
    return editor.addPair(map, name, value, after !== undefined && map.pairs.some((p) => p.key === after) ? after : undefined);
  }
  if (pair.value === null) return editor.fillEmptyKey(map, name, { inline: literal });
  if (editor.text.slice(pair.value.start, pair.value.end) === literal) return null;
  return editor.replaceScalar(pair.value, literal);
}

/** One splice from the first to the last character that differ. */
function wholeChange(from: string, to: string): Splice {
  let start = 0;
  while (start < from.length && start < to.length && from[start] === to[start]) start++;
  let end = 0;
  while (end < from.length - start && end < to.length - start && from[from.length - 1 - end] === to[to.length - 1 - end]) end++;
  return { start, end: from.length - end, insert: to.slice(start, to.length - end) };
}

function verifyClose(before: EditSide, after: EditSide, plan: ClosePlan): string | null {
  const objective = after.facts.objective;
  if (!objective) return 'the file no longer declares an objective';
  if (objective.closed !== plan.closed) return `"closed" does not read back as ${plan.closed}`;
  if (plan.score !== null && objective.score !== roundScore(plan.score)) return `"score" does not read back as ${scoreLiteral(plan.score)}`;
  if (plan.note !== null && objective.closeNote !== plan.note.trim()) return '"close_note" does not read back as written';
  for (const [index, score] of plan.keyResultScores.entries()) {
    if (score !== null && objective.keyResults[index]?.score !== roundScore(score)) return `key_results[${index}].score does not read back as ${scoreLiteral(score)}`;
    const progress = plan.keyResultProgress?.[index] ?? null;
    if (progress !== null && objective.keyResults[index]?.progressAtClose !== roundScore(progress))
      return `key_results[${index}].progress_at_close does not read back as ${scoreLiteral(progress)}`;
  }
  const strip = (data: unknown): unknown => {
    // Only the keys the plan writes may differ: a score it does not write must stay as it was.
    const rest = omit(data, plan.score === null ? ['closed', 'close_note'] : ['closed', 'score', 'close_note']);
    if (rest !== null && typeof rest === 'object' && Array.isArray((rest as Record<string, unknown>).key_results)) {
      const record = rest as Record<string, unknown>;
      record.key_results = (record.key_results as unknown[]).map((kr, index) =>
        omit(kr, [...((plan.keyResultScores[index] ?? null) === null ? [] : ['score']), ...((plan.keyResultProgress?.[index] ?? null) === null ? [] : ['progress_at_close'])]),
      );
    }
    return rest;
  };
  const data = (text: string) => new FrontMatterEditor(text).data;
  if (!sameData(strip(data(before.text)), strip(data(after.text)))) return 'it would change more than the closing keys';
  if (new FrontMatterEditor(before.text).split.body !== new FrontMatterEditor(after.text).split.body) return "it would change the file's body";
  return noNewErrors(before.facts, after.facts);
}

/** A copy of a mapping without `keys`; anything else as it is. */
function omit(value: unknown, keys: readonly string[]): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([key]) => !keys.includes(key)));
}
