/**
 * The choices of the options that take one of a fixed set of values, for the command line
 * (commander's `.choices()`, which refuses anything else with a usage error before a command runs)
 * and for the commands' typed options. Kept apart from the commands so that the command line can
 * use them without loading any command.
 */
import type { SchemaKind as JsonSchemaKind } from './parse/json-schema.js';

/** `okr status --format`. */
export const STATUS_FORMATS = ['text', 'json', 'markdown'] as const;
export type StatusFormat = (typeof STATUS_FORMATS)[number];

/** `okr lint --format`. */
export const LINT_FORMATS = ['text', 'json', 'github'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

/** `okr diff --format`. */
export const DIFF_FORMATS = ['text', 'json', 'markdown'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** `okr history --format`. */
export const HISTORY_FORMATS = ['text', 'json', 'csv', 'markdown'] as const;
export type HistoryFormat = (typeof HISTORY_FORMATS)[number];

/** `okr status --fail-on`: the least healthy status that passes is the one above it. */
export const FAIL_ON_CHOICES = ['at-risk', 'off-track'] as const;
export type FailOn = (typeof FAIL_ON_CHOICES)[number];

/** `okr new kr --measure`. */
export const MEASURE_KINDS = ['metric', 'milestone', 'tasks', 'guardrail'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** `okr schema <kind>`: the JSON Schemas okr prints (generated in src/parse/json-schema.ts). */
export const SCHEMA_KINDS = ['objective', 'task', 'config'] as const satisfies readonly JsonSchemaKind[];

/** `okr completion <shell>`. */
export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];
