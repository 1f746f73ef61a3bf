/**
 * A value written out with everything that tells values apart: types, key order, -0, NaN, holes,
 * prototypes. Differential tests compare two readers' results through it.
 */
export function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${Array.from({ length: value.length }, (_, i) => (i in value ? canonical(value[i]) : 'hole')).join(',')}]`;
  if (typeof value === 'object') {
    const prototype: unknown = Object.getPrototypeOf(value);
    const kind =
      prototype === Object.prototype ? '' : prototype === null ? '(null prototype)' : `(${String((prototype as { constructor?: { name?: string } }).constructor?.name)})`;
    return `${kind}{${Object.keys(value)
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return `(${typeof value})`;
}
