/**
 * Array helpers that take lists of any length. Spreading an array into a call's arguments
 * (`out.push(...items)`, `Math.max(...values)`) puts every element on the stack and throws
 * "Maximum call stack size exceeded" from about 130,000 elements, which a hostile workspace
 * reaches easily (problems, tasks, key results, links); these loop instead.
 * `test/unit/no-spread-arguments.test.ts` keeps such spreads out of `src/`.
 */

/** Appends every element of `items` to `target`, in order, and returns `target`. Never throws. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/**
 * The largest of `values`, or `empty` when there are none (`-Infinity` by default, as
 * `Math.max()` gives). NaN propagates as in `Math.max`. Never throws.
 */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let max: number | null = null;
  for (const value of values) {
    if (Number.isNaN(value)) return NaN;
    if (max === null || value > max) max = value;
  }
  return max ?? empty;
}
