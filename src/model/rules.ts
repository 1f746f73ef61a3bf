/**
 * The lint rules: every rule id a problem can carry, with its severity, what it finds and what to
 * do. README.md's rules table ("okr lint" > "Rules") is this table, row for row
 * (test/unit/rules.test.ts holds them equal); `problem()` takes a `RuleId`, so a rule id that is
 * not here does not compile, nor does a severity other than the rule's. Texts are Markdown, as in
 * the README.
 */
/** How bad a problem is: errors make okr exit 1, warnings do not. */
export type Severity = 'error' | 'warning';

/** One lint rule: its id, its severity, what it finds and what to do about it (Markdown). */
export interface RuleInfo {
  id: string;
  severity: Severity;
  finds: string;
  fix: string;
  /** Set when some problems of the rule are warnings though the rule is an error (not in the README's table). */
  alsoWarning?: true;
}

/** Every rule, in the README's order. */
export const RULES = [
  {
    id: 'schema',
    severity: 'error',
    finds: 'A front-matter value of the wrong type or form (`current: "27"`, `weight: -1`, `id: Bad Id`, a missing `title`)',
    fix: 'Fix the value; the message names the key and what is expected',
  },
  {
    id: 'front-matter-language',
    severity: 'error',
    finds: 'Front-matter in a language other than YAML or JSON (`---toml`, `---js`); it is never run',
    fix: 'Use `---` (YAML) or `---json`',
  },
  {
    id: 'front-matter-unclosed',
    severity: 'error',
    finds: 'A `---` block that is never closed, or closed with `...`',
    fix: 'Close it with a `---` line',
  },
  {
    id: 'yaml-syntax',
    severity: 'error',
    finds: 'YAML that does not parse: one error per block, at the first syntax error (an unclosed quote is shown where it opens)',
    fix: 'Fix the syntax',
  },
  {
    id: 'duplicate-key',
    severity: 'error',
    finds: 'The same key twice in one mapping',
    fix: 'Keep one',
  },
  {
    id: 'yaml-tag',
    severity: 'error',
    finds: 'A YAML tag such as `!!js/function` or `!!binary`',
    fix: 'Remove the tag: front-matter is plain data',
  },
  {
    id: 'yaml-alias',
    severity: 'error',
    finds: 'Aliases that expand too much to read safely',
    fix: 'Write the values out',
  },
  {
    id: 'yaml-too-large',
    severity: 'error',
    finds: 'Front-matter over 256 kB, not parsed',
    fix: 'Move the text into the body',
  },
  {
    id: 'nesting-too-deep',
    severity: 'error',
    finds: 'YAML or Markdown nested deeper than okr reads (see "Limits and safety")',
    fix: 'Flatten it',
  },
  {
    id: 'cr-line-endings',
    severity: 'error',
    finds: 'A file with front-matter and old Mac (CR-only) line endings',
    fix: 'Save it with LF or CRLF line endings',
  },
  {
    id: 'duplicate-id',
    severity: 'error',
    finds: 'An objective or key-result id used twice; the message names the first place',
    fix: 'Rename one of them',
  },
  {
    id: 'unknown-kr',
    severity: 'error',
    finds: '`kr:` or `<!-- kr: … -->` naming no key result, with "did you mean" for a close id; or naming one whose file has errors',
    fix: 'Fix the id (or the errors in the file that declares it)',
  },
  {
    id: 'unknown-parent',
    severity: 'error',
    finds: '`parent:` naming no objective, with "did you mean"',
    fix: 'Fix the id or remove `parent`',
  },
  {
    id: 'parent-cycle',
    severity: 'error',
    finds: '`parent` links that form a cycle (named in the message)',
    fix: 'Remove or change one of the links',
  },
  {
    id: 'unknown-contributes-to',
    severity: 'error',
    finds: '`contributes_to:` naming no key result (with "did you mean"), or naming the key result itself',
    fix: 'Fix the id or remove `contributes_to`',
  },
  {
    id: 'contribution-cycle',
    severity: 'error',
    finds: '`contributes_to` links that form a cycle (named in the message)',
    fix: 'Remove or change one of the links',
  },
  {
    id: 'invalid-period',
    severity: 'error',
    finds: 'A period that is not `YYYY-Qn`, `YYYY-Hn`, `YYYY` or `YYYY-MM`, both `period` and `start`/`end`, or an end before the start',
    fix: 'Fix the period',
  },
  {
    id: 'invalid-date',
    severity: 'error',
    finds: '`start`/`end` that is not a real `YYYY-MM-DD` date',
    fix: 'Fix the date',
  },
  {
    id: 'missing-period',
    severity: 'error',
    finds: 'An objective without a period',
    fix: 'Add `period:` or `start:` and `end:`',
  },
  {
    id: 'start-equals-target',
    severity: 'error',
    finds: 'A metric whose `start` equals its `target`',
    fix: 'Change one of them',
  },
  {
    id: 'incomplete-metric',
    severity: 'error',
    finds: 'A metric with `start` but no `target`, or the reverse; a guardrail without `current`',
    fix: 'Add the missing key',
  },
  {
    id: 'mixed-measure',
    severity: 'error',
    finds: 'A key result with both `done` and `start`/`target`; a guardrail with both bounds or with `start`/`target`/`done`; a roll-up with a measure of its own',
    fix: 'Keep one kind of measure',
  },
  {
    id: 'zero-weights',
    severity: 'error',
    finds: 'Every key result of an objective has weight 0',
    fix: 'Give one a positive weight',
  },
  {
    id: 'config',
    severity: 'error',
    // A max_file_size over the limit okr runs with is only a warning (README: "Configuration").
    alsoWarning: true,
    finds: 'An invalid `okr.config.yaml`, or one okr does not read (a link, a FIFO, over 64 kB, not UTF-8)',
    fix: 'Fix the key or value named, or make it a regular file',
  },
  {
    id: 'unreadable',
    severity: 'error',
    finds: 'A file or directory that cannot be read',
    fix: 'Fix its permissions',
  },
  {
    id: 'invalid-utf8',
    severity: 'error',
    finds: 'A file that is not valid UTF-8 (the column is the first bad byte), or a file or folder name that is not',
    fix: 'Save it as UTF-8, or rename it',
  },
  {
    id: 'file-too-large',
    severity: 'error',
    finds: 'A Markdown file over `max_file_size` (default 5 MB), skipped',
    fix: 'Split it, or raise the limit',
  },
  {
    id: 'file-too-complex',
    severity: 'error',
    finds:
      'Markdown that takes more parsing work than okr allows one file: more than 1,000,000 parsing steps, 10,000 link or footnote definitions, or 128 kB in one block okr cannot split (see "Limits and safety"); the file\'s task items are not read',
    fix: 'Split the paragraph or block named by the line',
  },
  {
    id: 'unknown-key',
    severity: 'warning',
    finds: 'A front-matter key okr does not know, with a suggestion for a typo (`targte` → `target`)',
    fix: 'Fix or remove the key',
  },
  {
    id: 'kr-no-tasks',
    severity: 'warning',
    finds: 'A key result with no metric, no milestone and no linked tasks (or only cancelled ones)',
    fix: 'Link tasks, or give it `start`/`target` or `done`',
  },
  {
    id: 'rollup-no-contributors',
    severity: 'warning',
    finds: 'A `measure: rollup` key result that no key result contributes to: its progress is unknown',
    fix: 'Add `contributes_to: <its id>` to key results that count toward it',
  },
  {
    id: 'tasks-on-measured-kr',
    severity: 'warning',
    finds: 'Tasks linked to a metric or milestone key result: they do not count',
    fix: 'Link them elsewhere or remove the link',
  },
  {
    id: 'group-done-open-leaves',
    severity: 'warning',
    finds: 'A checked task whose sub-tasks are still open (only the sub-tasks count)',
    fix: 'Finish the sub-tasks or untick the group',
  },
  {
    id: 'metric-beyond-target',
    severity: 'warning',
    finds: "A metric's `current` past its target (progress counts as 100%)",
    fix: 'Check `current`, or move the target',
  },
  {
    id: 'metric-behind-start',
    severity: 'warning',
    finds: "A metric's `current` behind its start (progress counts as 0%)",
    fix: 'Check `current` and `start`',
  },
  {
    id: 'checkin-not-current',
    severity: 'warning',
    finds:
      "A metric's `current` (its `start` when it has none) or a milestone's `done` that differs from the value of its latest check-in (the latest date; among equal dates, the last in the list)",
    fix: 'Set `current`/`done` to the latest value, or record the check-in that explains it',
  },
  {
    id: 'checkins-out-of-order',
    severity: 'warning',
    finds: 'A check-in dated before one above it in `checkins:` (shown at the first such entry)',
    fix: 'Keep the list oldest first',
  },
  {
    id: 'checkin-outside-period',
    severity: 'warning',
    finds: "A check-in dated outside its objective's period",
    fix: 'Check the date',
  },
  {
    id: 'checkin-value-kind',
    severity: 'warning',
    finds: 'A check-in of `true`/`false` on a metric, or of a number on a milestone; it is not taken as the latest value',
    fix: 'Check in the kind of value the key result measures',
  },
  {
    id: 'frozen-score-changed',
    severity: 'warning',
    finds:
      'A key result of a closed objective whose progress no longer matches the progress it was closed with (`progress_at_close:` beside a score set by hand, else the `score:` `okr close` froze): it was edited after the close',
    fix: 'Undo the edit, or keep it knowingly: the frozen score stays what the period scored',
  },
  {
    id: 'empty-task-file',
    severity: 'warning',
    finds: 'A task file (`kr:`) without task items',
    fix: 'Add tasks or remove the file',
  },
  {
    id: 'objective-not-measured',
    severity: 'warning',
    finds: 'An objective with no key results and no aligned objectives',
    fix: 'Add key results or align objectives under it',
  },
  {
    id: 'progress-from-ambiguous',
    severity: 'warning',
    finds: 'An objective with both key results and aligned objectives but no `progress_from`: its progress counts both',
    fix: 'Say which with `progress_from: key_results`, `children` or `both`',
  },
  {
    id: 'front-matter-not-mapping',
    severity: 'warning',
    finds: 'Front-matter that is a list or a single value; the file is read as plain Markdown',
    fix: 'Write `key: value` lines',
  },
  {
    id: 'front-matter-not-at-start',
    severity: 'warning',
    finds:
      'Front-matter after blank lines, spaces or an invisible character (a zero-width space, a second BOM, a word joiner, a no-break space) before the first `---`, so the file is read as plain Markdown',
    fix: 'Remove what comes before `---`',
  },
  {
    id: 'unknown-type',
    severity: 'warning',
    finds: 'A `type:` okr does not know in a file read as plain Markdown (`objectve`, with "did you mean"), or `type: tasks` without `kr`',
    fix: 'Fix the type, or add `kr:`',
  },
  {
    id: 'misspelled-okr-key',
    severity: 'warning',
    finds: 'A near miss of `key_results` or `kr` (`keyresults`, `key-results`, `krs`, `KR`) in a file that is therefore read as plain Markdown',
    fix: 'Write `key_results` or `kr`',
  },
  {
    id: 'not-an-objective',
    severity: 'warning',
    finds: 'Front-matter with `title` and `period` but no `type` or `key_results` (or no `id`), so the file is not read as an objective',
    fix: 'Add `id:` and `type: objective`',
  },
  {
    id: 'skipped-link',
    severity: 'warning',
    finds: 'A symbolic link that is broken, loops, or points outside the workspace or into a dot-folder or `node_modules`',
    fix: 'Fix or remove the link',
  },
  {
    id: 'skipped-file',
    severity: 'warning',
    finds: 'A `.md` entry that is a device, socket or pipe',
    fix: 'Remove it',
  },
] as const satisfies readonly RuleInfo[];

/** The id of a lint rule, such as `unknown-kr`. */
export type RuleId = (typeof RULES)[number]['id'];

type RuleEntry<R extends RuleId> = Extract<(typeof RULES)[number], { id: R }>;

/** The severities a rule's problems may have: its `severity`, and `warning` too when `alsoWarning`. */
export type SeverityOf<R extends RuleId> = RuleEntry<R>['severity'] | (RuleEntry<R> extends { alsoWarning: true } ? 'warning' : never);

const BY_ID: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((rule) => [rule.id, rule]));

/** Whether `id` is a known rule id (for problems read back from the cache). */
export function isRuleId(id: unknown): id is RuleId {
  return typeof id === 'string' && BY_ID.has(id);
}

/** The table entry of a rule. */
export function ruleInfo(id: RuleId): RuleInfo {
  return BY_ID.get(id)!;
}
