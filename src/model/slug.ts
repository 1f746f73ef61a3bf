/** Ids made from titles: lowercase ASCII words joined by "-", unique in the workspace. */

/**
 * The form of an id (objectives, key results): plain data, for the schema (src/parse/schema.ts) and
 * for making ids from titles, without loading zod.
 */
export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

const MAX_LENGTH = 40;

/** "Raise week-1 activation to 35%!" -> "raise-week-1-activation-to-35". Empty when nothing usable is left. */
export function slugify(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/\p{Mark}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > MAX_LENGTH) {
      if (slug === '') slug = word.slice(0, MAX_LENGTH);
      break;
    }
    slug = next;
  }
  return slug;
}

/** `base`, else `base-2`, `base-3`, ... : the first that `isTaken` says is free. */
export function uniqueId(base: string, isTaken: (id: string) => boolean): string {
  if (!isTaken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!isTaken(candidate)) return candidate;
  }
}

/** Whether `id` is a valid objective or key-result id: `[a-z0-9][a-z0-9._-]*` (ID_PATTERN). */
export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}
