/**
 * Markdown reports within GitHub's limits: a job summary holds at most 1 MiB per step, a comment at
 * most 65,536 characters. Text from files is shortened (`shortenText`), and a report that would
 * still be too long has its lists cut (`fitParts`), each saying how much it leaves out.
 *
 * Sizes are counted in bytes of UTF-8, never fewer than characters however GitHub counts them, and
 * every line is counted with its newline.
 */
import { pushAll } from '../model/arrays.js';

/** GitHub's limit on what one step may add to the job summary, in bytes. */
export const JOB_SUMMARY_LIMIT = 1024 * 1024;

/** GitHub's limit on the body of a pull-request comment, in characters. */
export const COMMENT_LIMIT = 65_536;

/** Default size of `okr status --format markdown`: a job summary, with room left for a workflow's own lines. */
export const DEFAULT_STATUS_MARKDOWN_LENGTH = 1_000_000;

/** Default size of `okr diff --format markdown`: one comment, with room left for a workflow's marker and header. */
export const DEFAULT_DIFF_MARKDOWN_LENGTH = 64_000;

/** The smallest size a report may be asked to fit in: its headings, counts and notes always fit. */
export const MIN_MARKDOWN_LENGTH = 4_096;

/** Titles, owners, messages and other text from files longer than this (UTF-16 code units) are shortened. */
export const MAX_TEXT_LENGTH = 256;

/** Lists of ids inside one line (aligned objectives, a task's key results) name at most this many. */
export const MAX_INLINE_IDS = 10;

/** Room kept per cut list for counts that grow when items are shown (`(120 shown)`). */
const NOTE_SLACK = 64;

/**
 * `text` when it has at most `max` UTF-16 code units, else its first `max - 1` (never half a
 * surrogate pair) followed by `…`. Shorten before escaping, so that no escape is cut in half.
 */
export function shortenText(text: string, max = MAX_TEXT_LENGTH): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Bytes of `text` in UTF-8. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Bytes of `lines` in UTF-8, each with a newline after it: an upper bound of `lines.join('\n') + '\n'`. */
export function linesLength(lines: readonly string[]): number {
  let total = 0;
  for (const line of lines) total += utf8Length(line) + 1;
  return total;
}

/** `1234567` as `1,234,567`. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/**
 * A list in a report that may be cut: `count` entries, produced in order and only as far as needed
 * by `items` (an entry of several lines holds `\n`). `block(shown)` gives the list's lines around
 * its first `shown.length` entries: with all of them, exactly the uncut list; with fewer, a note
 * that says how many are left out and how to see them.
 */
export interface CuttableList {
  count: number;
  items: Iterable<string>;
  block(shown: readonly string[]): string[];
}

/** Lines shown only when something was cut, such as a note under the title. */
export interface Banner {
  banner: readonly string[];
}

/** A part of a report: lines always shown, a list that may be cut, or a banner. */
export type ReportPart = readonly string[] | CuttableList | Banner;

/**
 * The lines of `parts` in order. When all of them take at most `maxLength` bytes (see
 * `linesLength`), that is every line of every part and no banner. Otherwise every list is cut to
 * a prefix of its entries, sharing the room left by the fixed lines, the banners and the lists'
 * wrappers and notes fairly (a list that needs less than an equal share leaves the rest to the
 * others); the result then takes at most `maxLength` bytes unless the fixed lines alone take more.
 * Entries are produced only while they could still fit, so the work is bounded by `maxLength`
 * whatever the lists' lengths. Never throws.
 */
export function fitParts(parts: readonly ReportPart[], maxLength: number): string[] {
  const lists: { list: CuttableList; items: string[]; sizes: number[]; need: number; shown: number }[] = [];
  let fixed = 0;
  let fixedUncut = 0;
  let complete = true;
  for (const part of parts) {
    if (isBanner(part)) {
      fixed += linesLength(part.banner);
    } else if (isList(part)) {
      const items: string[] = [];
      const sizes: number[] = [];
      let need = 0;
      // One entry past maxLength is enough to know that the list cannot be shown whole.
      for (const item of part.items) {
        items.push(item);
        sizes.push(utf8Length(item) + 1);
        need += sizes[sizes.length - 1]!;
        if (need > maxLength) break;
      }
      if (items.length < part.count) complete = false;
      fixed += linesLength(part.block([])) + NOTE_SLACK;
      lists.push({ list: part, items, sizes, need, shown: items.length });
    } else {
      const size = linesLength(part);
      fixed += size;
      fixedUncut += size;
    }
  }
  let cut = !complete;
  if (!cut) {
    let full = fixedUncut;
    for (const entry of lists) full += linesLength(entry.list.block(entry.items));
    cut = full > maxLength;
  }
  if (cut) {
    // Fair shares, smallest need first: what one list cannot use goes to the larger ones.
    let room = Math.max(0, maxLength - fixed);
    const order = lists.map((_, index) => index).sort((a, b) => lists[a]!.need - lists[b]!.need);
    order.forEach((index, position) => {
      const entry = lists[index]!;
      const share = Math.floor(room / (order.length - position));
      let used = 0;
      let shown = 0;
      while (shown < entry.sizes.length && used + entry.sizes[shown]! <= share) used += entry.sizes[shown++]!;
      entry.shown = shown;
      room -= used;
    });
  }
  const out: string[] = [];
  let listIndex = 0;
  for (const part of parts) {
    if (isBanner(part)) {
      if (cut) pushAll(out, part.banner);
    } else if (isList(part)) {
      const entry = lists[listIndex++]!;
      pushAll(out, part.block(entry.shown === entry.items.length ? entry.items : entry.items.slice(0, entry.shown)));
    } else {
      pushAll(out, part);
    }
  }
  return out;
}

/** Entries of `values`, each made by `render` only when asked for. */
export function* lazily<T>(values: readonly T[], render: (value: T) => string): Generator<string> {
  for (const value of values) yield render(value);
}

function isBanner(part: ReportPart): part is Banner {
  return !Array.isArray(part) && 'banner' in part;
}

function isList(part: ReportPart): part is CuttableList {
  return !Array.isArray(part) && 'block' in part;
}

/** The note under a report's title when lists were cut. */
export function cutBanner(maxLength: number): string[] {
  return [`> **Note:** shortened to fit in ${formatCount(maxLength)} bytes, within GitHub's limits; each list cut short says what it leaves out.`, ''];
}
