/**
 * Files that look meant to count but are read as plain Markdown, and why: front-matter that does
 * not start on the first line, a `type:` okr does not know, a near miss of `key_results` or `kr`,
 * a block with an objective's `title` and `period` but not what makes it one. Only files that
 * okr reads as plain Markdown are looked at (an objective or task file gets its own unknown-key and
 * schema checks), and only for signs specific to okr, so that other tools' front-matter (Jekyll,
 * Hugo: `title`, `layout`, `date`, `type: post`) stays silent.
 */
import { looksLikeFrontMatter, splitFrontMatter, type SplitFile } from './front-matter.js';
import { locateYamlPath, mappingKeyOffsets } from './yaml.js';
import { excerpt } from '../model/problem.js';
import { closestMatch } from '../model/suggest.js';
import type { FileRole } from '../model/types.js';

/** The rules of this module (all warnings). */
export type NearMissRule = 'front-matter-not-at-start' | 'unknown-type' | 'misspelled-okr-key' | 'not-an-objective';

export interface NearMiss {
  /** UTF-16 offset into the file's text (after any BOM). */
  offset: number;
  rule: NearMissRule;
  message: string;
}

/** Blank lines, spaces and invisible characters that may sit before a `---` line unseen. */
const LEADING_JUNK = /^[\s\u200B\u2060\uFEFF\u00A0]+/;

const INVISIBLE: Record<string, string> = {
  '\u200B': 'the zero-width space (U+200B)',
  '\uFEFF': 'the second byte-order mark (U+FEFF)',
  '\u2060': 'the word joiner (U+2060)',
  '\u00A0': 'the no-break space (U+00A0)',
};

const TYPES = ['objective', 'tasks', 'task'] as const;

/**
 * The near misses of one file: `text` is the file's content after any BOM, `split` its
 * splitFrontMatter, `role` what okr reads it as. Empty unless `role` is 'markdown'. Never throws.
 * Offsets are into `text`: the `---` line for `front-matter-not-at-start`, else the key or value
 * concerned.
 */
export function findNearMisses(text: string, split: SplitFile, role: FileRole): NearMiss[] {
  if (role !== 'markdown') return [];
  if (!split.hasFrontMatter) return hiddenFrontMatter(text);
  if (split.issues.length > 0 || !isMapping(split.data) || !split.tree) return [];
  const data = split.data;
  const tree = split.tree;
  const keys = mappingKeyOffsets(tree, []);
  const at = (offset: number) => split.yamlOffset + offset;
  const misses: NearMiss[] = [];

  let suggestsKeyResults = false;
  let suggestsKr = false;
  for (const [key, offset] of keys) {
    const bare = key.toLowerCase().replace(/[\s_-]/g, '');
    if (key !== 'key_results' && (bare === 'keyresults' || bare === 'keyresult' || closestMatch(key, ['key_results']) !== null)) {
      suggestsKeyResults = true;
      misses.push({
        offset: at(offset),
        rule: 'misspelled-okr-key',
        message: `unknown key ${excerpt(key)}: did you mean "key_results"? Without "key_results" (or "type: objective") the file is not read as an objective`,
      });
    } else if (key !== 'kr' && (bare === 'kr' || bare === 'krs')) {
      suggestsKr = true;
      misses.push({ offset: at(offset), rule: 'misspelled-okr-key', message: `unknown key ${excerpt(key)}: did you mean "kr"? Without "kr" the file is not read as a task file` });
    }
  }

  const okrSigns = suggestsKeyResults || suggestsKr || ['id', 'period', 'parent'].some((key) => keys.has(key));
  if (keys.has('type')) {
    const type = typeMiss(data.type, okrSigns, suggestsKr);
    if (type) misses.push({ offset: at(locateYamlPath(tree, ['type'])), rule: 'unknown-type', message: type });
  } else if (!suggestsKeyResults && keys.has('title') && keys.has('period')) {
    const message = keys.has('id')
      ? 'front-matter has "id", "title" and "period" but neither "type: objective" nor "key_results", so the file is not read as an objective: add "type: objective"'
      : 'front-matter has "title" and "period" but no "id", so the file is not read as an objective: add "id:" (lowercase letters, digits, "-") and "type: objective"';
    misses.push({ offset: at(keys.get('title')!), rule: 'not-an-objective', message });
  }
  return misses;
}

/** The message for a `type:` value, or null when it needs none. */
function typeMiss(value: unknown, okrSigns: boolean, suggestsKr: boolean): string | null {
  const shown = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  if (value === 'tasks' || value === 'task') {
    // A task file without `kr`: a misspelled `kr` is reported at the key instead.
    return suggestsKr ? null : `"type: ${value}" but no "kr" key, so the file is not read as a task file: add "kr:" with the key result its tasks count toward`;
  }
  const folded = shown.trim().toLowerCase();
  const suggestion = TYPES.find((type) => type === folded) ?? closestMatch(shown.trim(), TYPES);
  // Other tools use `type:` too (Hugo: `type: post`): a value that is not close to okr's types,
  // or close only to the short "task", warns only when the block has other signs of okr.
  if (suggestion === 'objective') return `type ${excerpt(shown)} is not a type okr knows: did you mean "objective"? The file is read as plain Markdown`;
  if (!okrSigns) return null;
  if (suggestion !== null) return `type ${excerpt(shown)} is not a type okr knows: did you mean "${suggestion}"? The file is read as plain Markdown`;
  return `type ${excerpt(shown)} is not a type okr knows ("objective", or "tasks" with "kr"): the file is read as plain Markdown`;
}

/**
 * A `---` block after blank lines, spaces or invisible characters at the start of the file: a
 * warning at the `---` line when the block would be front-matter there (a non-empty mapping that
 * looksLikeFrontMatter); nothing when it is a rule or other Markdown.
 */
function hiddenFrontMatter(text: string): NearMiss[] {
  const junk = LEADING_JUNK.exec(text);
  if (!junk) return [];
  const dashes = junk[0].length;
  if (!text.startsWith('---', dashes)) return [];
  const rest = text.slice(dashes);
  const block = splitFrontMatter(rest);
  if (!block.hasFrontMatter || block.issues.length > 0 || !isMapping(block.data) || Object.keys(block.data).length === 0) return [];
  // Prose between two rules can read as a mapping ("A note: text"): it must also look like front-matter.
  if (!looksLikeFrontMatter(rest.slice(block.yamlOffset, block.bodyOffset))) return [];
  return [
    {
      offset: dashes,
      rule: 'front-matter-not-at-start',
      message: `front-matter must start on the first line, so this block is not read and the file is read as plain Markdown: remove ${describeJunk(junk[0])} before "---"`,
    },
  ];
}

/** "the 2 blank lines and the zero-width space (U+200B)", for the text before a `---`. */
function describeJunk(junk: string): string {
  const parts: string[] = [];
  const breaks = junk.match(/\r\n|\n|\r/g)?.length ?? 0;
  if (breaks > 0) parts.push(breaks === 1 ? 'the blank line' : `the ${breaks} blank lines`);
  for (const char of new Set(junk)) {
    const name = INVISIBLE[char];
    if (name) parts.push(name);
  }
  const lastLine = junk.slice(Math.max(junk.lastIndexOf('\n'), junk.lastIndexOf('\r')) + 1);
  if (/[ \t]/.test(lastLine)) parts.push('the spaces');
  if (parts.length === 0) parts.push('the white space');
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
