/**
 * The keys the front-matter and okr.config.yaml may hold, and the form of an id: plain data, so that
 * reading a valid file needs no schema library (test/unit/schema-differential.test.ts holds these
 * lists to the zod schemas in schema.ts).
 */
export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

export const CHECKIN_KEYS: readonly string[] = ['date', 'value', 'confidence', 'note'];

export const KEY_RESULT_KEYS: readonly string[] = ['id', 'title', 'owner', 'start', 'target', 'current', 'unit', 'weight', 'done', 'checkins'];

export const OBJECTIVE_KEYS: readonly string[] = ['type', 'id', 'title', 'owner', 'period', 'start', 'end', 'parent', 'key_results'];

export const TASK_FILE_KEYS: readonly string[] = ['type', 'kr', 'title', 'owner'];

export const CONFIG_KEYS: readonly string[] = ['thresholds', 'max_file_size'];

export const THRESHOLD_KEYS: readonly string[] = ['on_track', 'at_risk'];
