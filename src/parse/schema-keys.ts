/**
 * The form of an id (objectives, key results): plain data, for the schema (schema.ts) and for making
 * ids from titles (model/slug.ts) without loading zod. The key lists come from the schema itself.
 */
export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
