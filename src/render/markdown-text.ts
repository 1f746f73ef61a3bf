/**
 * Text from files, made safe to put in GitHub-flavoured Markdown: it renders as the same text and
 * can add no markup, HTML, table cells or @-mentions to a report.
 */
import type { ReportStatus } from '../compute/report.js';
import { formatProgress, progressBar, STATUS_WORDS } from './format.js';

const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/**
 * Punctuation that opens or closes inline Markdown, HTML, entities, math, table cells or a heading's
 * closing `#`s. Block markers (`-`, `+`, `.`, `=`) need none: escaped text never starts a line.
 */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]()#|<>~&$]/g;
/**
 * An @ that GitHub could turn into a mention, team ping or email link: any @ before a character that
 * is not a space (GFM's email literals take more than a domain's usual first characters, `a@.b` and
 * `a@_b.co` among them); a word joiner after it stops that, invisibly.
 */
const MENTION = /@(?=\S)/g;

/**
 * The starts of GFM's autolink literals (`https://…`, `http://…`, `ftp://…`, `www.…`): GitHub makes
 * them links even without Markdown syntax, also after a digit or `_` (`1https://…`, `\_https://…`),
 * so each is broken wherever it is; a word joiner inside (`https:⁠//`, `www⁠.`) stops it, invisibly.
 * Email addresses (`a@b.co`, `mailto:`, `xmpp:`) are stopped by MENTION.
 */
const AUTOLINK = /(https?|ftp):(?=\/\/)|(www)(?=\.)/gi;

/**
 * Inline text on one line: control characters and line breaks folded to spaces, bidirectional
 * controls dropped, Markdown punctuation backslash-escaped, and @-mentions and autolink literals
 * broken by an invisible word joiner, so that it renders as the same text and adds no markup, link,
 * HTML, table cell or mention.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(CONTROL_OR_BREAK, ' ')
      .replace(BIDI, '')
      // Before the escapes: an @ that an escaped `_` follows (`@\_x.co`) is still an email link to GitHub.
      .replace(MENTION, '@\u2060')
      .replace(MARKDOWN_PUNCTUATION, (char) => `\\${char}`)
      .replace(AUTOLINK, (_match, scheme: string | undefined, www: string | undefined) => (scheme !== undefined ? `${scheme}:\u2060` : `${www}\u2060`))
  );
}

/** Inline code: a backtick fence longer than any run inside. */
export function markdownCode(text: string): string {
  const clean = text.replace(CONTROL_OR_BREAK, ' ').replace(BIDI, '');
  let longest = 0;
  for (const run of clean.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') || clean === '' ? ' ' : '';
  return `${fence}${pad}${clean.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** A link to a workspace file: relative to the report, or under `linkBase` (e.g. a GitHub blob URL). */
export function fileLink(label: string, file: string, linkBase: string | null, line?: number): string {
  // Parentheses too: an unbalanced one would end the link destination.
  const encoded = file
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/\(/g, '%28').replace(/\)/g, '%29'))
    .join('/');
  const base = linkBase === null ? '' : linkBase.endsWith('/') ? linkBase : `${linkBase}/`;
  // GitHub renders Markdown files; `?plain=1#L12` shows the source with the line highlighted.
  const anchor = line !== undefined && linkBase !== null ? `?plain=1#L${line}` : '';
  return `[${label}](${base}${encoded}${anchor})`;
}

export const STATUS_ICONS: Record<ReportStatus, string> = {
  invalid: '⛔',
  done: '✅',
  upcoming: '⏳',
  'on-track': '🟢',
  'at-risk': '🟡',
  'off-track': '🔴',
};

export function markdownStatus(status: ReportStatus): string {
  return `${STATUS_ICONS[status]} ${STATUS_WORDS[status]}`;
}

export function markdownProgress(fraction: number | null): string {
  return `\`${progressBar(fraction)}\` ${formatProgress(fraction)}`;
}

export function tableRow(cells: readonly string[]): string {
  return `| ${cells.map((cell) => (cell === '' ? ' ' : cell)).join(' | ')} |`;
}

export function tableHeader(headings: readonly string[], align: readonly ('left' | 'right')[] = []): string[] {
  return [tableRow(headings), `|${headings.map((_, i) => (align[i] === 'right' ? ' ---: ' : ' --- ')).join('|')}|`];
}
