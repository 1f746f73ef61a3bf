/**
 * Text from files, made safe to print where a terminal or a CI runner reads it:
 * - terminal: control characters (escape sequences among them), bidirectional controls and line or
 *   paragraph separators are shown as visible escapes instead of being obeyed;
 * - GitHub Actions: the runner reads workflow commands from every line a step prints, `::name …::data`
 *   at the start of a line and the older `##[name …]data` anywhere in it. Text is neutralised by a
 *   backslash inside the marker (`:\:`, `##\[`), which the runner's parsers cannot match, whether
 *   they compare ordinally or, as .NET's culture-aware `IndexOf`/`StartsWith` do with ICU, skip
 *   ignorable characters (a zero-width space would be skipped there).
 * Pure: no I/O. Kept apart from `src/render/` so that the command line can guard its streams
 * without loading any renderer.
 */

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// The same, and every escape sequence but colours (SGR: ESC [ digits and semicolons m), as our styles write them.
const UNSAFE_OUTSIDE_SGR = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visibleEscape(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/**
 * Shows control characters (all of C0 but tab and line feed, DEL, C1), bidirectional controls
 * (U+061C, U+200E/F, U+202A–E, U+2066–9) and U+2028/2029 as visible escapes (`\x1b`, `\u{202e}`).
 */
export function sanitizeForTerminal(text: string): string {
  return text.replace(UNSAFE, visibleEscape);
}

/** Single-line text: also folds tabs and line breaks to spaces, then as `sanitizeForTerminal`. */
export function sanitizeLine(text: string): string {
  return sanitizeForTerminal(text.replace(/[\t\r\n]+/g, ' '));
}

/**
 * The last line of defence for whole human-readable outputs: as `sanitizeForTerminal`, but colour
 * sequences (SGR) pass, since okr's own styles write them. Values from files must still go through
 * `sanitizeLine`, which escapes colour sequences too.
 */
export function sanitizeOutput(text: string): string {
  return text.replace(UNSAFE_OUTSIDE_SGR, (match) => (match.length === 1 ? visibleEscape(match) : match));
}

/**
 * Characters the runner's matching may skip between the characters of a marker: with ICU, .NET's
 * culture-aware search ignores "ignorable" characters (format and control characters, most
 * combining marks, a few others). Deliberately wider than ICU's set: a needless backslash is
 * harmless, a missed marker is not. ESC, CR and LF are left out: ESC only starts okr's own colours
 * here (a command name never starts with an SGR parameter), CR and LF end lines.
 */
const SKIPPED = String.raw`(?:(?![\u001b\r\n])[\p{M}\p{C}\p{Default_Ignorable_Code_Point}\u0640\u07fa\u180a\u1cd3\ufe73])`;
/** What .NET's `TrimStart()` removes (`char.IsWhiteSpace`), before a `::` command. */
const LEADING = String.raw`(?:[\t\u000b\u000c \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|${SKIPPED})`;
/**
 * `::` at the start of a line (of the text, or after CR or LF), after whitespace or skipped
 * characters: a backslash goes before the second colon.
 */
const LINE_START_COMMANDS = new RegExp(String.raw`(^|[\r\n])${LEADING}*:${SKIPPED}*(?=:)`, 'gu');
/** `##[` anywhere: a backslash goes before the bracket. */
const LEGACY_COMMAND = new RegExp(String.raw`#${SKIPPED}*#${SKIPPED}*(?=\[)`, 'gu');
const LEGACY_COMMAND_WITH_BRACKET = new RegExp(String.raw`#${SKIPPED}*#${SKIPPED}*\[`, 'gu');
/** A line that may still become a `::` command when more text is written to it. */
const OPEN_LINE_START = new RegExp(String.raw`^${LEADING}*(?::${SKIPPED}*)?$`, 'u');
/** The end of a line that may still become a `##[` command. */
const OPEN_LEGACY = new RegExp(String.raw`#${SKIPPED}*(?:#${SKIPPED}*)?$`, 'u');
/**
 * Text that GitHub Actions reads as no workflow command: `::` at the start of a line becomes `:\:`,
 * `##[` anywhere becomes `##\[` (with any skipped characters between kept). Lines end at CR, LF or
 * CRLF, as the runner splits them. Idempotent; text without markers is returned unchanged.
 */
export function neutralizeWorkflowCommands(text: string): string {
  return new WorkflowCommandGuard().write(text);
}

/**
 * JSON text that holds the same data and that GitHub Actions reads as no workflow command: the
 * bracket of `##[` (only ever inside a string) is written `\u005b`. A JSON line never starts with
 * `:`. Nothing else changes: `JSON.parse` gives the same value, and text stays as `JSON.stringify`
 * wrote it (control characters escaped, the rest raw).
 */
export function neutralizeJson(json: string): string {
  return json.replace(LEGACY_COMMAND_WITH_BRACKET, (marker) => `${marker.slice(0, -1)}\\u005b`);
}

/**
 * `neutralizeWorkflowCommands` over text written in pieces: a marker split between two writes is
 * still found. `write` returns the neutralised piece; `reset` says the next piece starts a line
 * (`true`) or continues one that no marker can reach back into (`false`).
 */
export class WorkflowCommandGuard {
  /** The neutralised end of the current line that a marker could still continue. */
  private carry = '';
  /** Whether `carry` is the whole current line so far (so `::` may still start it). */
  private carryIsLine = true;

  write(text: string): string {
    const combined = this.carry + text;
    const out = combined
      .replace(LEGACY_COMMAND, (marker) => `${marker}\\`)
      // The start of `combined` is a line start only when the carry is the whole line so far.
      .replace(LINE_START_COMMANDS, (marker: string, lineBreak: string, offset: number) => (offset === 0 && lineBreak === '' && !this.carryIsLine ? marker : `${marker}\\`));
    const lastBreak = Math.max(out.lastIndexOf('\n'), out.lastIndexOf('\r'));
    const last = out.slice(lastBreak + 1);
    const lineIsWhole = lastBreak >= 0 || this.carryIsLine;
    const written = out.slice(this.carry.length);
    if (lineIsWhole && OPEN_LINE_START.test(last)) {
      this.carry = last;
      this.carryIsLine = true;
    } else {
      this.carry = OPEN_LEGACY.exec(last)?.[0] ?? '';
      this.carryIsLine = false;
    }
    return written;
  }

  reset(atLineStart: boolean): void {
    this.carry = '';
    this.carryIsLine = atLineStart;
  }
}
