/**
 * JSON text written in pieces: the same bytes as `JSON.stringify(value, null, 2)`, but the long
 * arrays of a document (a report's objectives, its problems) are made one element at a time, so that
 * neither the whole text nor every element's object is ever held at once. A large workspace's
 * report is many megabytes of JSON: written this way, memory stays flat while it is written.
 */

/** An array whose elements are made as they are written: `make(source[i])`, in order. */
export class StreamedArray<S> {
  constructor(
    readonly source: readonly S[],
    readonly make: (item: S) => unknown,
  ) {}

  /** The whole array, made at once (for JSON.stringify, and for callers that want the value). */
  toJSON(): unknown[] {
    return this.source.map(this.make);
  }
}

/**
 * JSON.stringify(value, null, 2) with every line after the first indented by two spaces per
 * `depth`: the value stringified inside `depth` arrays, and those arrays' brackets cut off (a slice
 * of a flat string is not a copy), rather than a second pass over the text to indent it.
 */
function indented(value: unknown, depth: 1 | 2): string {
  if (depth === 1) {
    const json = JSON.stringify([value], null, 2);
    return json.slice(4, -2); // "[\n  " ... "\n]"
  }
  const json = JSON.stringify([[value]], null, 2);
  return json.slice(10, -6); // "[\n  [\n    " ... "\n  ]\n]"
}

/**
 * The JSON text of `document` (a plain object whose values are JSON values or StreamedArrays) in
 * pieces whose concatenation is exactly `JSON.stringify(document, null, 2)` followed by a newline:
 * one piece for the values before a StreamedArray, then one per element. Keys whose value is
 * undefined are left out, as JSON.stringify leaves them out. Throws as JSON.stringify throws (a cycle,
 * a BigInt).
 */
export function* jsonPieces(document: Record<string, unknown>): Generator<string> {
  let pending = '{';
  let first = true;
  for (const [key, value] of Object.entries(document)) {
    if (value === undefined) continue;
    pending += `${first ? '' : ','}\n  ${JSON.stringify(key)}: `;
    first = false;
    if (!(value instanceof StreamedArray) || value.source.length === 0) {
      pending += indented(value, 1);
      continue;
    }
    const array = value as StreamedArray<unknown>;
    pending += '[';
    for (let i = 0; i < array.source.length; i++) {
      yield `${pending}${i === 0 ? '' : ','}\n    ${indented(array.make(array.source[i]), 2)}`;
      pending = '';
    }
    pending += '\n  ]';
  }
  yield `${pending}${first ? '}' : '\n}'}\n`;
}
