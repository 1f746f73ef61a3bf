/**
 * The GitHub Actions runner's two workflow-command parsers, reimplemented from `ActionCommand.cs` in
 * actions/runner (`TryParseV2`, `TryParse`), to check what a step's output would make the runner do.
 *
 * - Lines: the runner reads output line by line, a line ending at CR, LF or CRLF.
 * - `::name key=value,…::data`: the line, after `TrimStart()` (.NET white space), starts with `::`;
 *   the next `::` ends the name and its properties.
 * - `##[name key=value;…]data`: `##[` anywhere in the line, then a `]`.
 * - The name is what comes before the first space. The runner acts only on registered names (and,
 *   after `stop-commands`, on the token it was given), case-insensitively; this finds every name,
 *   registered or not, so it is stricter than the runner.
 * - The runner's `StartsWith`/`IndexOf` calls are culture-aware: with ICU they skip ignorable
 *   characters (zero-width spaces, soft hyphens, …). Each line is therefore also parsed with those
 *   characters removed, using this process's ICU collator as the judge of what is ignorable.
 */

export interface FoundCommand {
  form: '::' | '##[';
  name: string;
  line: string;
}

/** `char.IsWhiteSpace` in .NET. */
const DOTNET_WHITE_SPACE = /^[\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

const collator = new Intl.Collator('und', { sensitivity: 'variant' });
const ignorable = new Map<string, boolean>();

function isIgnorable(char: string): boolean {
  let known = ignorable.get(char);
  if (known === undefined) {
    known = collator.compare(`a${char}b`, 'ab') === 0;
    ignorable.set(char, known);
  }
  return known;
}

function withoutIgnorable(line: string): string {
  let out = '';
  for (const char of line) if (!isIgnorable(char)) out += char;
  return out;
}

function parseV2(line: string): FoundCommand | null {
  const message = line.replace(DOTNET_WHITE_SPACE, '');
  if (!message.startsWith('::')) return null;
  const end = message.indexOf('::', 2);
  if (end < 0) return null;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  return name === '' ? null : { form: '::', name, line };
}

function parseV1(line: string): FoundCommand | null {
  const prefix = line.indexOf('##[');
  if (prefix < 0) return null;
  const close = line.indexOf(']', prefix);
  if (close < 0) return null;
  const info = line.slice(prefix + 3, close);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  return name === '' ? null : { form: '##[', name, line };
}

/** Every line of `output` that the runner would read as a workflow command, ordinal or culture-aware. */
export function findWorkflowCommands(output: string): FoundCommand[] {
  const found: FoundCommand[] = [];
  for (const line of output.split(/\r\n|\r|\n/)) {
    for (const variant of new Set([line, withoutIgnorable(line)])) {
      const command = parseV2(variant) ?? parseV1(variant);
      if (command) {
        found.push({ ...command, line });
        break;
      }
    }
  }
  return found;
}
