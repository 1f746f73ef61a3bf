/** Adding a key result to an objective file: one more item at the end of its `key_results:` list. */
import { noNewErrors, type EditSide, type FileEdit } from './file-edit.js';
import { applySplices, type Splice } from './splice.js';
import { EditError, FrontMatterEditor, sameData } from './yaml-edit.js';
import { formatYamlScalar } from '../parse/yaml.js';

export interface NewKeyResult {
  /** The entry as block YAML lines (`id: ...`, `title: ...`), as rendered from its template. */
  lines: string[];
  /** The same entry read as data, for a flow-style list and for checking the result. */
  data: Record<string, unknown>;
}

/**
 * Splices (offsets into `text`, the file's text after any BOM) that append `entry` to the
 * front-matter's `key_results` list, in the list's style: block lines, or a flow mapping in a flow
 * or JSON list. Throws EditError (with an offset into `text` where it can) when the front-matter
 * is missing or has an error, is not a mapping, or its `key_results` cannot take another item.
 */
export function planAddKeyResult(text: string, entry: NewKeyResult): Splice[] {
  const editor = new FrontMatterEditor(text);
  const root = editor.node([]);
  if (!root || root.kind !== 'map') throw new EditError('the front-matter is not a mapping of keys to values', 0);
  const json = editor.isJson(root);
  const flow = formatFlowMapping(entry.data, json);
  return editor.appendToList([], 'key_results', { block: entry.lines, flow });
}

/** `{ id: x, title: "A: b", start: 1 }`, or the same as JSON. */
export function formatFlowMapping(data: Record<string, unknown>, json: boolean): string {
  const parts = Object.entries(data).map(([key, value]) => {
    const written = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? formatYamlScalar(value, json ? 'json' : 'flow') : JSON.stringify(value);
    return `${json ? JSON.stringify(key) : formatYamlScalar(key, 'flow')}: ${written}`;
  });
  return json ? `{${parts.join(', ')}}` : `{ ${parts.join(', ')} }`;
}

/** The edited file reads back as before plus the new key result at the end, with the body untouched. */
export function verifyAddKeyResult(before: string, splices: readonly Splice[], entry: NewKeyResult): string | null {
  return verifyAddKeyResultText(before, applySplices(before, splices), entry);
}

/** verifyAddKeyResult of a given edited text `after` (the text after any BOM). */
function verifyAddKeyResultText(before: string, after: string, entry: NewKeyResult): string | null {
  const original = new FrontMatterEditor(before);
  let edited: FrontMatterEditor;
  try {
    edited = new FrontMatterEditor(after);
  } catch (error) {
    return `the edited front-matter would not read back: ${(error as Error).message}`;
  }
  if (edited.split.body !== original.split.body) return 'the edit would change the body of the file';
  const expected = structuredClone(original.data) as Record<string, unknown>;
  const list: unknown[] = Array.isArray(expected.key_results) ? expected.key_results : [];
  expected.key_results = [...list, entry.data];
  if (!sameData(expected, edited.data)) return 'the front-matter would change in an unplanned way';
  return null;
}

/**
 * `okr new kr` as a FileEdit: `entry` appended to the objective's `key_results:` (planAddKeyResult),
 * checked by verifyAddKeyResult, for new errors, and that the key result reads back by its id.
 * Throws an EditError as planAddKeyResult does.
 */
export function addKeyResultEdit(before: EditSide, entry: NewKeyResult): FileEdit {
  const splices = planAddKeyResult(before.text, entry);
  return {
    splices,
    verify: (was, now) =>
      verifyAddKeyResultText(was.text, now.text, entry) ??
      noNewErrors(was.facts, now.facts) ??
      (now.facts.objective?.keyResults.some((kr) => kr.id === entry.data.id) ? null : `the new key result "${String(entry.data.id)}" would not read back`),
  };
}
